/**
 * The GitHub Action run the way the runner runs it: `node action/index.js` in the workspace, inputs
 * in INPUT_* variables, GITHUB_STEP_SUMMARY pointing to a file. Annotations, summary and SARIF exactly;
 * and the committed bundle is what the sources build.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { largeTree, writeTree } from '../support/trees';

const ROOT = path.join(__dirname, '..', '..', '..');
const ACTION = path.join(ROOT, 'action', 'index.js');

function runAction(inputs: Record<string, string>, files: Record<string, string>) {
  const workspace = writeTree(files, 'dps-action-');
  // The runner keeps the summary file outside the workspace.
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dps-summary-')), 'step_summary.md');
  fs.writeFileSync(summary, '# Earlier step\n');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_STEP_SUMMARY: summary };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: 'utf8' });
  return { ...result, workspace, summary: fs.readFileSync(summary, 'utf8') };
}

const FILES = {
  'compose.yaml': 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n  web:\n    image: nginx\n    ports:\n      - "127.0.0.1:8080:80"\n',
  'deploy/run.sh': 'docker run -d -p 3000:3000 api\n',
  'docs/notes.txt': 'docker run -p 1:1 is not read here\n',
};

describe('GitHub Action', () => {
  it('prints annotations, writes SARIF, appends the port map to the job summary, and fails at fail-on', () => {
    const result = runAction({ paths: '.', 'fail-on': 'error', 'bind-address': '127.0.0.1', config: '', 'sarif-file': 'results.sarif' }, FILES);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      '::error file=compose.yaml,line=5,col=10,endLine=5,endColumn=19,title=docker-port-safety public-bind::Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 5432 (container port 5432/tcp), and host firewalls such as UFW do not stop it. PostgreSQL (5432) must never be reachable from the network.',
      '::warning file=deploy/run.sh,line=1,col=18,endLine=1,endColumn=27,title=docker-port-safety public-bind::Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 3000 (container port 3000/tcp), and host firewalls such as UFW do not stop it.',
      'docker-port-safety 0.1.0: 2 findings in 2 files; SARIF in results.sarif.',
    ]);
    assert.equal(result.summary, [
      '# Earlier step',
      '### Published ports',
      '',
      '| Reach | Address | Port | Container | Note | Sources |',
      '|---|---|---|---|---|---|',
      '| **public** | \\* | 3000/tcp | 3000 |  | `deploy/run.sh:1` api |',
      '| **public** | \\* | 5432/tcp | 5432 |  | `compose.yaml:5` db |',
      '| local | 127.0.0.1 | 8080/tcp | 80 |  | `compose.yaml:9` web |',
      '',
      '3 published ports: 2 public, 1 local. \\* = every interface (0.0.0.0 and [::]).',
      '',
    ].join('\n'));
    const sarif = JSON.parse(fs.readFileSync(path.join(result.workspace, 'results.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => [
        r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn,
      ]),
      [['public-bind', 'error', 'compose.yaml', 5, 10], ['public-bind', 'warning', 'deploy/run.sh', 1, 18]],
    );
  });

  it('passes with fail-on none, escapes workflow command data, and reports a bad settings file as an error annotation', () => {
    const passing = runAction({ paths: 'deploy\ncompose.yaml', 'fail-on': 'none', 'sarif-file': '' }, { ...FILES, 'deploy/run.sh': 'docker run -p 3000:3000 "a,b%c"\n' });
    assert.equal(passing.status, 0);
    assert.match(passing.stdout, /^::warning file=deploy\/run\.sh,line=1,col=15,endLine=1,endColumn=24,title=docker-port-safety public-bind::/m);
    assert.equal(fs.existsSync(path.join(passing.workspace, 'docker-port-safety.sarif')), false, 'an empty sarif-file writes none');
    const broken = runAction({ paths: '.', config: 'settings.json' }, { ...FILES, 'settings.json': '{ "severty": {} }' });
    assert.equal(broken.status, 2);
    assert.match(broken.stdout, /^::error title=docker-port-safety::settings\.json:1:3: unknown key "severty"/m);
  });

  it('checks a large workspace on two threads, with the CLI\'s results and the thread started from the bundle', () => {
    const result = runAction({ paths: '.', 'fail-on': 'none', 'sarif-file': 'results.sarif' }, largeTree());
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /check thread stopped/, 'the second thread ran from action/index.js');
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--format', 'sarif', '--fail-on', 'none', '.'], { cwd: result.workspace, encoding: 'utf8' });
    const sarif = fs.readFileSync(path.join(result.workspace, 'results.sarif'), 'utf8');
    assert.equal(sarif.replace(/"version": "[^"]+"/, ''), cli.stdout.replace(/"version": "[^"]+"/, ''));
    const results = JSON.parse(sarif).runs[0].results.length;
    assert.ok(results > 200);
    assert.equal(result.stdout.split('\n').filter((line) => line.startsWith('::')).length, results, 'one annotation per finding, printed once');
  });

  it('action.yml runs the committed bundle with node24 (GitHub removed Node 20 from its runners) and declares the inputs the entry reads', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    assert.match(manifest, /runs:\n  using: node24\n  main: action\/index\.js\n/);
    for (const name of ['paths', 'fail-on', 'bind-address', 'config', 'sarif-file']) assert.match(manifest, new RegExp(`\\n  ${name}:\\n    description: `));
  });

  it('the committed bundle and grammar are what the sources build (npm run build:action)', { timeout: 60000 }, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-action-build-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--action', out], { cwd: ROOT });
    for (const file of ['index.js', 'tree-sitter.wasm', 'tree-sitter-bash.wasm']) {
      assert.ok(fs.readFileSync(path.join(out, file)).equals(fs.readFileSync(path.join(ROOT, 'action', file))), `action/${file} is stale: run npm run build:action`);
    }
  });
});
