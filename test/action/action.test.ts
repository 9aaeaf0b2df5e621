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
import { nodeVersions } from '../support/nodeVersions';
import { largeTree, writeTree } from '../support/trees';

const ROOT = path.join(__dirname, '..', '..', '..');
const ACTION = path.join(ROOT, 'action', 'index.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Runs the Action with `node` (this machine's by default) in a workspace of `files`, or in `workspace` as it is. */
function runAction(inputs: Record<string, string>, files: Record<string, string> | { workspace: string }, node = process.execPath) {
  const workspace = 'workspace' in files ? (files.workspace as string) : writeTree(files, 'dps-action-');
  // The runner keeps the summary file outside the workspace.
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dps-summary-')), 'step_summary.md');
  fs.writeFileSync(summary, '# Earlier step\n');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_STEP_SUMMARY: summary };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(node, [ACTION], { cwd: workspace, env, encoding: 'utf8' });
  const sarifFile = inputs['sarif-file'] ? path.join(workspace, inputs['sarif-file']) : undefined;
  const sarif = sarifFile && fs.existsSync(sarifFile) ? fs.readFileSync(sarifFile, 'utf8') : undefined;
  return { ...result, workspace, sarif, summary: fs.readFileSync(summary, 'utf8') };
}

const DB_MESSAGE =
  'Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 5432 (container port 5432/tcp), and host firewalls such as UFW do not stop it. PostgreSQL (5432) must never be reachable from the network.';
const API_MESSAGE = 'Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 3000 (container port 3000/tcp), and host firewalls such as UFW do not stop it. Accidental: nothing says it is meant to be public.';

const REDIS_MESSAGE =
  'Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 6380 (container port 6379/tcp), and host firewalls such as UFW do not stop it. Redis (6379) must never be reachable from the network.';

/** Every line of standard error names a file of the workspace: nothing about the runtime (a V8 flag it lacks, a warning). */
function assertStderrAboutFiles(stderr: string, workspace: string): void {
  for (const line of stderr.split('\n').filter(Boolean)) {
    const file = /^docker-port-safety: ([^:]+): /.exec(line)?.[1];
    assert.ok(file !== undefined && fs.existsSync(path.join(workspace, file)), `standard error says something that is not about a file: ${line}`);
  }
}

const FILES = {
  'compose.yaml': 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n  web:\n    image: nginx\n    ports:\n      - "127.0.0.1:8080:80"\n',
  'deploy/run.sh': 'docker run -d -p 3000:3000 api\n',
  'docs/notes.txt': 'docker run -p 1:1 is not read here\n',
};

const NODES = nodeVersions();

describe('GitHub Action', () => {
  for (const { name, binary } of NODES) {
    describe(`on ${name}`, () => {
      it('prints annotations, writes SARIF, appends findings and the port map to the job summary, and fails at fail-on; nothing on standard error', () => {
        const result = runAction({ paths: '.', 'fail-on': 'error', 'bind-address': '127.0.0.1', config: '', 'sarif-file': 'results.sarif' }, FILES, binary);
        assert.equal(result.status, 1, result.stderr);
        assert.equal(result.stderr, '', 'nothing on standard error that is not about the files (such as a V8 flag this Node does not have)');
        assert.deepEqual(result.stdout.trimEnd().split('\n'), [
          `::error file=compose.yaml,line=5,col=10,endLine=5,endColumn=19,title=docker-port-safety public-bind::${DB_MESSAGE}`,
          `::warning file=deploy/run.sh,line=1,col=18,endLine=1,endColumn=27,title=docker-port-safety public-bind::${API_MESSAGE}`,
          'docker-port-safety 0.1.0: 2 findings in 2 files; SARIF in results.sarif.',
        ]);
        assert.equal(result.summary, [
          '# Earlier step',
          '### 2 findings',
          '',
          `- \`compose.yaml:5\` **error** public-bind: ${DB_MESSAGE}`,
          `- \`deploy/run.sh:1\` **warning** public-bind: ${API_MESSAGE}`,
          '',
          '### Published ports',
          '',
          '| Reach | Class | Address | Port | Container | Note | Sources |',
          '|---|---|---|---|---|---|---|',
          '| **public** | **accidental** | \\* | 3000/tcp | 3000 |  | `deploy/run.sh:1` api |',
          '| **public** | **must never be public** | \\* | 5432/tcp | 5432 |  | `compose.yaml:5` db |',
          '| local |  | 127.0.0.1 | 8080/tcp | 80 |  | `compose.yaml:9` web |',
          '',
          '3 published ports: 2 public, 1 local; on every interface: 1 must never be public, 1 accidental. \\* = every interface (0.0.0.0 and [::]).',
          '',
        ].join('\n'));
        const sarif = JSON.parse(result.sarif!);
        assert.equal(sarif.version, '2.1.0');
        assert.deepEqual(
          sarif.runs[0].results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => [
            r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn,
          ]),
          [['public-bind', 'error', 'compose.yaml', 5, 10], ['public-bind', 'warning', 'deploy/run.sh', 1, 18]],
        );
      });

      it('passes with fail-on none, escapes workflow command data, and reports a bad settings file as an error annotation', () => {
        const passing = runAction({ paths: 'deploy\ncompose.yaml', 'fail-on': 'none', 'sarif-file': '' }, { ...FILES, 'deploy/run.sh': 'docker run -p 3000:3000 "a,b%c"\n' }, binary);
        assert.equal(passing.status, 0);
        assert.equal(passing.stderr, '');
        assert.match(passing.stdout, /^::warning file=deploy\/run\.sh,line=1,col=15,endLine=1,endColumn=24,title=docker-port-safety public-bind::/m);
        assert.equal(fs.existsSync(path.join(passing.workspace, 'docker-port-safety.sarif')), false, 'an empty sarif-file writes none');
        const broken = runAction({ paths: '.', config: 'settings.json' }, { ...FILES, 'settings.json': '{ "severty": {} }' }, binary);
        assert.equal(broken.status, 2);
        assert.match(broken.stdout, /^::error title=docker-port-safety::settings\.json:1:3: unknown key "severty"/m);
      });

      it('checks a large workspace on two threads, with the CLI\'s results and the thread started from the bundle', () => {
        const result = runAction({ paths: '.', 'fail-on': 'none', 'sarif-file': 'results.sarif' }, largeTree(), binary);
        assert.equal(result.status, 0, result.stderr);
        assert.doesNotMatch(result.stderr, /check thread stopped/, 'the second thread ran from action/index.js');
        assertStderrAboutFiles(result.stderr, result.workspace);
        assert.match(result.stderr, /^docker-port-safety: docs\/big0\.md: larger than maxFileSize/m);
        const cli = spawnSync(binary, [CLI, '--format', 'sarif', '--fail-on', 'none', '.'], { cwd: result.workspace, encoding: 'utf8' });
        assert.equal(cli.stderr, result.stderr);
        const sarif = result.sarif!;
        assert.equal(sarif.replace(/"version": "[^"]+"/, ''), cli.stdout.replace(/"version": "[^"]+"/, ''));
        const results = JSON.parse(sarif).runs[0].results.length;
        assert.ok(results > 200);
        assert.equal(result.stdout.split('\n').filter((line) => line.startsWith('::')).length, results, 'one annotation per finding, printed once');
        const listed = result.summary.split('\n').filter((line) => line.startsWith('- `'));
        assert.equal(listed.length, 200, 'the job summary lists 200 findings (GitHub keeps 1 MiB of it)');
        assert.match(result.summary, new RegExp(`^- … and ${results - 200} more$`, 'm'));
      });
    });
  }

  it('gives the same annotations, summary, SARIF and exit code on every Node version', () => {
    const tree = { ...FILES, 'Dockerfile': 'FROM alpine\nEXPOSE 22\n', 'run.sh': 'docker run -P --network host app\ndocker run -p 70000:80 app\n' };
    const runs = NODES.map(({ binary }) => runAction({ paths: '.', 'fail-on': 'warning', 'sarif-file': 'results.sarif' }, tree, binary));
    for (const run of runs.slice(1)) {
      assert.equal(run.status, runs[0].status);
      assert.equal(run.stdout, runs[0].stdout);
      assert.equal(run.summary, runs[0].summary);
      assert.equal(run.sarif, runs[0].sarif);
    }
    assert.equal(runs[0].status, 1);
    assert.ok(runs[0].stdout.split('\n').filter((line) => line.startsWith('::')).length >= 6, runs[0].stdout);
  });

  it('with a baseline: annotates and fails on only the new finding after lines were inserted above the recorded ones; the summary lists it first', () => {
    const workspace = writeTree(FILES, 'dps-action-baseline-');
    const write = spawnSync(process.execPath, [CLI, '--write-baseline', '.docker-port-safety-baseline.json', '.'], { cwd: workspace, encoding: 'utf8' });
    assert.equal(write.status, 0, write.stderr);
    const compose = path.join(workspace, 'compose.yaml');
    fs.writeFileSync(compose, `# Three lines\n# inserted\n# above\n${fs.readFileSync(compose, 'utf8')}  cache:\n    image: redis\n    ports:\n      - "6380:6379"\n`);
    for (const { binary } of NODES) {
      const result = runAction({ paths: '.', 'fail-on': 'warning', baseline: '.docker-port-safety-baseline.json', 'sarif-file': 'results.sarif' }, { workspace }, binary);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
      assert.deepEqual(annotations, [
        `::error file=compose.yaml,line=16,col=10,endLine=16,endColumn=19,title=docker-port-safety public-bind::${REDIS_MESSAGE}`,
      ]);
      assert.match(result.stdout, /^Baseline \.docker-port-safety-baseline\.json: 2 recorded findings still present, none gone; 1 new finding not in it\./m);
      assert.match(result.stdout, /^docker-port-safety 0\.1\.0: 1 new finding in 2 files; SARIF in results\.sarif\.$/m);
      const summary = result.summary.split('\n');
      assert.deepEqual(summary.slice(1, 4), ['### 1 new finding', '', `- \`compose.yaml:16\` **error** public-bind: ${REDIS_MESSAGE}`]);
      const recorded = summary.indexOf('<details><summary>2 findings recorded in the baseline</summary>');
      assert.ok(recorded > 3 && recorded < summary.indexOf('### Published ports'), result.summary);
      assert.equal(JSON.parse(result.sarif!).runs[0].results.length, 3, 'SARIF holds every finding: code scanning tracks the recorded ones too');
    }
  });

  it('a baseline that is missing, not JSON or of another version fails the step with exit 2; one naming files that are gone is fine', () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /^::error title=docker-port-safety::cannot read the baseline base\.json \(ENOENT\)/m],
      ['not JSON', '{"docker-port-safety-baseline": 1,', /^::error title=docker-port-safety::the baseline base\.json is not JSON/m],
      ['another version', '{"docker-port-safety-baseline": 2, "findings": []}', /^::error title=docker-port-safety::the baseline base\.json is format version 2; this docker-port-safety reads version 1/m],
    ];
    for (const [name, text, message] of cases) {
      const result = runAction({ paths: '.', baseline: 'base.json', 'sarif-file': '' }, text === undefined ? FILES : { ...FILES, 'base.json': text });
      assert.equal(result.status, 2, name);
      assert.match(result.stdout, message, name);
      assert.doesNotMatch(result.stdout, /public-bind/, `${name}: nothing is checked`);
    }
    const gone = '{"docker-port-safety-baseline": 1, "findings": [{"rule":"public-bind","file":"old/compose.yaml","owner":"db","spec":"5432:5432","occurrence":0}]}';
    const result = runAction({ paths: '.', baseline: 'base.json', 'fail-on': 'none', 'sarif-file': '' }, { ...FILES, 'base.json': gone });
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /^Baseline base\.json: 0 recorded findings still present, 1 gone \(fixed, changed or in files that no longer exist\); 2 new findings not in it\./m);
  });

  it('action.yml runs the committed bundle with node24 (GitHub removed Node 20 from its runners) and declares the inputs the entry reads', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    assert.match(manifest, /runs:\n  using: node24\n  main: action\/index\.js\n/);
    for (const name of ['paths', 'fail-on', 'bind-address', 'config', 'baseline', 'sarif-file']) assert.match(manifest, new RegExp(`\\n  ${name}:\\n    description: `));
  });

  it('the committed bundle and grammar are what the sources build (npm run build:action)', { timeout: 60000 }, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-action-build-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--action', out], { cwd: ROOT });
    const grammars = ['python', 'typescript', 'tsx', 'go', 'ruby', 'terraform'].map((name) => `tree-sitter-${name}.wasm`);
    for (const file of ['index.js', 'tree-sitter.wasm', 'tree-sitter-bash.wasm', ...grammars]) {
      assert.ok(fs.readFileSync(path.join(out, file)).equals(fs.readFileSync(path.join(ROOT, 'action', file))), `action/${file} is stale: run npm run build:action`);
    }
  });
});
