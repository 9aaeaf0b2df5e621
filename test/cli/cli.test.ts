/** The built docker-port-safety command on fixture trees: formats, --fix, exit codes, walking, stdin. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import type { LocatedFinding } from '../../server/src/cli/report';
import { writeTree } from '../support/trees';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TREE: Record<string, string> = {
  'Dockerfile': 'FROM alpine\nEXPOSE 22\n',
  'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n',
  'scripts/deploy': '#!/usr/bin/env bash\ndocker run -d -p 3456:3000 app-in-port\n',
  'scripts/notes': 'docker run -p 1:1 not-a-script\n',
  'scripts/clean.sh': 'docker run -p 127.0.0.1:5000:5000 registry\n',
  'node_modules/pkg/run.sh': 'docker run -p 1:1 dependency\n',
  'ignored/run.sh': 'docker run -p 2:2 ignored\n',
  'build/out.sh': 'docker run -p 3:3 ignored\n',
  '.gitignore': 'ignored/\n*.log\nbuild\n',
  'docs/guide.md': '# Guide\n\n```console\n$ docker run -p 4567 app-in-port\n```\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run -d -p 6379:6379 redis\n',
  '.devcontainer/devcontainer.json': '{ "runArgs": ["--network=host"] }\n',
};

let root: string;

/** A tree with a .git folder holding a script the walk must skip. */
function writeRepository(files: Record<string, string>): string {
  const dir = writeTree(files, 'dps-cli-');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.git', 'run.sh'), 'docker run -p 9:9 git-internal\n');
  return dir;
}

/** The JSON output's shape is the CLI's own type: the test reads what users read. */
type JsonFinding = LocatedFinding;

describe('docker-port-safety CLI', () => {
  beforeEach(() => {
    root = writeRepository(TREE);
  });

  it('walks folders, skipping .git, node_modules and .gitignore; picks files by name and shebang', () => {
    const { code, stdout } = run(['--format', 'json'], root);
    assert.equal(code, 1);
    const files = [...new Set((JSON.parse(stdout) as JsonFinding[]).map((f) => f.file))].sort();
    assert.deepEqual(files, ['.devcontainer/devcontainer.json', '.github/workflows/ci.yml', 'Dockerfile', 'compose.yaml', 'docs/guide.md', 'scripts/deploy']);
  });

  it('json: an array of findings with 1-based positions relative to the working directory', () => {
    const findings = JSON.parse(run(['--format', 'json', '.'], root).stdout) as JsonFinding[];
    const deploy = findings.find((f) => f.file === 'scripts/deploy')!;
    assert.deepEqual(deploy, {
      file: 'scripts/deploy', line: 2, column: 18, endLine: 2, endColumn: 27, code: 'public-bind', severity: 'warning',
      message: deploy.message, fixable: true, fingerprint: deploy.fingerprint,
    });
    assert.match(deploy.message, /every interface/);
    assert.match(deploy.fingerprint, /^[0-9a-f]{32}$/, 'the identity SARIF and a baseline know it by');
  });

  it('text: file:line:col: severity rule message, the source line, a caret, a summary', () => {
    const { stdout } = run(['scripts/deploy'], root);
    const lines = stdout.split('\n');
    assert.match(lines[0], /^scripts\/deploy:2:18: warning public-bind Published on every interface/);
    assert.equal(lines[1], '  docker run -d -p 3456:3000 app-in-port');
    assert.equal(lines[2], '                   ^^^^^^^^^');
    assert.match(lines[3], /^1 finding \(1 warning\) in 1 file; 1 fixable with --fix\.$/);
    assert.doesNotMatch(stdout, /\x1b\[/, 'no colour when not on a terminal');
  });

  it('sarif: SARIF 2.1.0 with every rule and results with regions and fixes', () => {
    const sarif = JSON.parse(run(['--format', 'sarif'], root).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'docker-port-safety');
    assert.equal(driver.rules.length, 7);
    for (const rule of driver.rules) {
      assert.ok(rule.id && rule.name && rule.shortDescription.text && rule.fullDescription.text && rule.helpUri);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const result = sarif.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri === 'scripts/deploy');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 18, endLine: 2, endColumn: 27, snippet: { text: '3456:3000' } });
    assert.deepEqual(result.locations[0].physicalLocation.contextRegion, { startLine: 2, endLine: 2, snippet: { text: 'docker run -d -p 3456:3000 app-in-port' } });
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '127.0.0.1:');
  });

  it('--fix applies every preferred fix, prints what changed, and a re-check finds nothing fixable', () => {
    const fixed = run(['--fix', '--format', 'json'], root);
    assert.match(fixed.stdout, /fixed 1 finding in scripts\/deploy/);
    assert.equal(fs.readFileSync(path.join(root, 'scripts/deploy'), 'utf8'), '#!/usr/bin/env bash\ndocker run -d -p 127.0.0.1:3456:3000 app-in-port\n');
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), TREE['compose.yaml'].replace('- 8080:80', '- "127.0.0.1:8080:80"'));
    const again = JSON.parse(run(['--format', 'json'], root).stdout) as JsonFinding[];
    assert.deepEqual(again.filter((f) => f.fixable), []);
    for (const untouched of ['node_modules/pkg/run.sh', 'ignored/run.sh', 'build/out.sh', 'scripts/notes']) {
      assert.equal(fs.readFileSync(path.join(root, untouched), 'utf8'), TREE[untouched]);
    }
    assert.equal(fs.readFileSync(path.join(root, '.git/run.sh'), 'utf8'), 'docker run -p 9:9 git-internal\n');
  });

  it('--fix --dry-run prints a unified diff and changes nothing', () => {
    const { stdout, code } = run(['--fix', '--dry-run', 'compose.yaml'], root);
    assert.equal(stdout, ['--- a/compose.yaml', '+++ b/compose.yaml', '@@ -2,4 +2,4 @@', '   web:', '     image: nginx', '     ports:', '-      - 8080:80', '+      - "127.0.0.1:8080:80"', ''].join('\n'));
    assert.equal(code, 1);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), TREE['compose.yaml']);
  });

  it('exit codes: 0 when clean, 1 at or above --fail-on, 2 for usage errors and unreadable paths', () => {
    assert.equal(run(['scripts/clean.sh'], root).code, 0);
    assert.equal(run(['scripts/deploy'], root).code, 1);
    assert.equal(run(['scripts/deploy', '--fail-on', 'error'], root).code, 0);
    assert.equal(run(['Dockerfile', '--fail-on', 'none'], root).code, 0);
    assert.equal(run(['--format', 'xml'], root).code, 2);
    assert.equal(run(['--bind-address', 'localhost'], root).code, 2);
    const missing = run(['no-such-dir', 'scripts/deploy', '--format', 'json'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-dir: no such file or folder/);
    assert.equal((JSON.parse(missing.stdout) as JsonFinding[]).length, 1, 'the other files are still checked');
  });

  it('reads standard input with --stdin-filename choosing the kind', () => {
    const result = run(['-', '--stdin-filename', 'compose.yaml', '--format', 'json'], root, 'services:\n  a:\n    ports: ["22:22"]\n');
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.file, f.code, f.severity]), [['compose.yaml', 'public-bind', 'error']]);
    assert.equal(run(['-'], root, '').code, 2, '- without --stdin-filename is a usage error');
  });

  it('settings: .docker-port-safety.json in the folder or a parent, --config, --severity, --bind-address', () => {
    fs.writeFileSync(path.join(root, '.docker-port-safety.json'), JSON.stringify({ bindAddress: '10.0.0.5', severity: { 'sensitive-port': 'off' } }));
    const inParent = JSON.parse(run(['--format', 'sarif', 'scripts'], root).stdout);
    assert.equal(inParent.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '10.0.0.5:');
    assert.equal(run(['Dockerfile'], root).code, 0, 'sensitive-port is off');
    assert.equal(run(['Dockerfile', '--severity', 'sensitive-port=error', '--fail-on', 'error'], root).code, 1);
    const other = path.join(root, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ severity: { 'public-bind': 'hint' } }));
    assert.equal(run(['scripts/deploy', '--config', other], root).code, 0);
    const bound = JSON.parse(run(['--format', 'sarif', '--bind-address', '::1', 'scripts/deploy'], root).stdout);
    assert.equal(bound.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '[::1]:');
  });

  it('the extension\'s $docker-port-safety problem matcher reads every text finding line', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'docker-port-safety');
    const pattern = new RegExp(matcher.pattern.regexp);
    const lines = run(['--no-color', '.'], root).stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    const json = JSON.parse(run(['--format', 'json', '.'], root).stdout) as JsonFinding[];
    assert.equal(lines.length, json.length);
    lines.forEach((line, i) => {
      const match = pattern.exec(line)!;
      assert.ok(match, line);
      const finding = json[i];
      assert.deepEqual(
        [match[matcher.pattern.file], Number(match[matcher.pattern.line]), Number(match[matcher.pattern.column]), match[matcher.pattern.severity], match[matcher.pattern.code], match[matcher.pattern.message]],
        [finding.file, finding.line, finding.column, finding.severity, finding.code, finding.message],
      );
    });
  });

  it('shows progress and colour on a terminal only', { skip: fs.existsSync('/usr/bin/script') ? false : 'util-linux script is missing' }, () => {
    for (let i = 0; i < 1100; i++) fs.writeFileSync(path.join(root, `many${i}.sh`), 'echo hi\n');
    // util-linux `script` runs the command on a pseudo-terminal, as a person's shell would.
    const onTerminal = spawnSync('/usr/bin/script', ['-qec', `${process.execPath} ${CLI} --fail-on none .`, '/dev/null'], { cwd: root, encoding: 'utf8' });
    assert.match(onTerminal.stdout, /\r\x1b\[Kfound 500 files…/);
    assert.match(onTerminal.stdout, /\x1b\[33mwarning\x1b\[0m/);
    const piped = run(['--fail-on', 'none', '.'], root);
    assert.doesNotMatch(piped.stderr + piped.stdout, /found 500 files|\x1b\[/);
  });

  it('--help and --version', () => {
    const help = run(['--help'], root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: docker-port-safety/);
    assert.match(help.stdout, /Exit codes/);
    const version = run(['--version'], root);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version);
  });

  it('walks the kinds found by content and extension: stack files, Quadlet units, Ansible playbooks, Compose in Markdown; --fix fixes them', () => {
    const dir = writeRepository({
      'deploy/stack.yml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n',
      'deploy/k8s.yaml': 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n',
      'systemd/web.container': '[Container]\nImage=nginx\nPublishPort=8081:80\n',
      'systemd/app.pod': '[Pod]\nPublishPort=8082:80\n',
      'roles/web/tasks/main.yml': '- name: web\n  community.docker.docker_container:\n    name: web\n    image: nginx\n    published_ports:\n      - "8083:80"\n',
      'docs/compose.md': '```yaml\nservices:\n  web:\n    image: nginx\n    ports: ["8084:80"]\n```\n',
    });
    const findings = JSON.parse(run(['--format', 'json', '.'], dir).stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => [f.file.split(path.sep).join("/"), f.line, f.code]).sort(),
      [
        ['deploy/stack.yml', 5, 'public-bind'], ['docs/compose.md', 5, 'public-bind'], ['roles/web/tasks/main.yml', 6, 'public-bind'],
        ['systemd/app.pod', 2, 'public-bind'], ['systemd/web.container', 3, 'public-bind'],
      ],
    );
    assert.match(run(['--fix', '.'], dir).stdout, /fixed 1 finding in systemd\/web\.container/);
    assert.equal(fs.readFileSync(path.join(dir, 'systemd/web.container'), 'utf8'), '[Container]\nImage=nginx\nPublishPort=127.0.0.1:8081:80\n');
    assert.equal(fs.readFileSync(path.join(dir, 'roles/web/tasks/main.yml'), 'utf8').includes('- "127.0.0.1:8083:80"'), true);
    assert.equal(fs.readFileSync(path.join(dir, 'docs/compose.md'), 'utf8').includes('ports: ["127.0.0.1:8084:80"]'), true);
    assert.equal(run(['.'], dir).code, 0);
  });

  it('walks dev containers, VS Code settings, workflow containers and the pages of the two real-file misses; the port map lists them; --fix fixes them', () => {
    const dir = writeRepository({
      '.devcontainer/api/devcontainer.json': '{\n\t"image": "node:20",\n\t"appPort": [3000, "8080:80"] // web\n}\n',
      '.vscode/settings.json': '{\n  "remote.localPortHost": "allInterfaces"\n}\n',
      'team.code-workspace': '{ "folders": [], "settings": { "remote.localPortHost": "allInterfaces" } }\n',
      'config/settings.json': '{ "remote.localPortHost": "allInterfaces" }\n',
      '.github/workflows/it.yml': 'on: push\njobs:\n  it:\n    runs-on: [self-hosted]\n    services:\n      cache:\n        image: redis:7\n        ports:\n          - 6379:6379\n',
      'docs/media.md': '```bash\ndocker run -d \\\n  -e TZ=UTC `#optional` \\\n  -p 8096:8096 `#optional` \\\n  example/media\n```\n',
      'docs/install.md': '```\nservices:\n  app:\n    image: example/app\n    ports:\n      - "5000:5000"\n```\n',
    });
    const findings = JSON.parse(run(['--format', 'json', '.'], dir).stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => [f.file.split(path.sep).join('/'), f.line, f.code]).sort(),
      [
        ['.devcontainer/api/devcontainer.json', 3, 'public-bind'], ['.github/workflows/it.yml', 9, 'public-bind'], ['.vscode/settings.json', 2, 'public-bind'],
        ['docs/install.md', 6, 'public-bind'], ['docs/media.md', 4, 'public-bind'], ['team.code-workspace', 1, 'public-bind'],
      ],
    );
    const { ports } = JSON.parse(run(['--format', 'ports-json', '.'], dir).stdout) as { ports: { reach: string; hostPort: string; sources: { uri: string; container?: string }[] }[] };
    const rows = ports.map((p) => [p.reach, p.hostPort, p.sources.map((s) => `${path.basename(s.uri)} ${s.container ?? ''}`.trim()).sort().join(', ')]);
    assert.deepEqual(rows, [
      ['public', '5000', 'install.md app'],
      ['public', '6379', 'it.yml cache'],
      ['public', '8080', 'devcontainer.json node:20'],
      ['public', '8096', 'media.md example/media'],
      ['public', 'forwarded', 'settings.json VS Code port forwarding, team.code-workspace VS Code port forwarding'],
      ['local', '3000', 'devcontainer.json node:20'],
    ]);
    run(['--fix', '.'], dir);
    assert.equal(fs.readFileSync(path.join(dir, '.devcontainer/api/devcontainer.json'), 'utf8'), '{\n\t"image": "node:20",\n\t"appPort": [3000, "127.0.0.1:8080:80"] // web\n}\n');
    assert.equal(fs.readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8'), '{\n  "remote.localPortHost": "localhost"\n}\n');
    assert.equal(fs.readFileSync(path.join(dir, 'config/settings.json'), 'utf8'), '{ "remote.localPortHost": "allInterfaces" }\n', 'not a VS Code settings file');
    assert.match(fs.readFileSync(path.join(dir, 'docs/media.md'), 'utf8'), /-p 127\.0\.0\.1:8096:8096 `#optional`/);
    assert.equal(run(['.'], dir).code, 0);
  });

  describe('the port map', () => {
    const project = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'portmap');
    it('--format table: aligned, public first, sources as path:line', () => {
      const { stdout, code } = run(['--format', 'table', '--no-color', '.'], project);
      assert.equal(stdout.trimEnd(), TABLE);
      assert.equal(code, 1, 'the exit code still follows --fail-on');
    });
    it('--format table on a terminal colours the reach and conflicts', () => {
      const { stdout } = run(['--format', 'table', '--color', '.'], project);
      assert.match(stdout, /\x1b\[31mpublic\x1b\[0m/);
      assert.match(stdout, /\x1b\[32mlocal\x1b\[0m/);
      assert.match(stdout, /\x1b\[33mconflict\x1b\[0m/);
    });
    it('--format markdown: a table for pull requests and job summaries', () => {
      assert.equal(run(['--format', 'markdown', '.'], project).stdout.trimEnd(), MARKDOWN);
    });
    it('--format codequality: GitLab Code Quality issues with stable fingerprints', () => {
      const first = JSON.parse(run(['--format', 'codequality', 'scripts'], project).stdout);
      assert.deepEqual(first.map((i: { check_name: string; severity: string; location: { path: string; lines: { begin: number } } }) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]), [
        ['public-bind', 'major', 'scripts/dev.sh', 2], ['publish-all', 'major', 'scripts/dev.sh', 3],
      ]);
      assert.match(first[0].fingerprint, /^[0-9a-f]{32}$/);
      assert.deepEqual(JSON.parse(run(['--format', 'codequality', 'scripts'], project).stdout), first);
    });
    it('--format ports-json: { ports } as the dockerPortSafety/portMap request returns it', () => {
      const { ports } = JSON.parse(run(['--format', 'ports-json', '.'], project).stdout);
      assert.equal(ports.length, 9);
      assert.deepEqual(Object.keys(ports[0]), ['reach', 'hostAddress', 'hostPort', 'protocol', 'containerPort', 'kind', 'publicClass', 'conflict', 'sources']);
      assert.deepEqual(Object.keys(ports[0].sources[0]), ['uri', 'range', 'container', 'rule', 'publicClass']);
      assert.equal(ports[0].publicClass, 'accidental');
      assert.match(ports[0].sources[0].uri, /^file:\/\/.*README\.md$/);
    });
  });
});

describe('docker-port-safety CLI: the bash grammar loads only for files read through it', () => {
  // Counts the WebAssembly modules the process compiles: tree-sitter's runtime and the bash grammar.
  const counter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dps-wasm-')), 'count.js');
  fs.writeFileSync(
    counter,
    "let n = 0; for (const name of ['compile', 'instantiate']) { const f = WebAssembly[name]; WebAssembly[name] = function (...a) { if (!(a[0] instanceof WebAssembly.Module)) n++; return f.apply(this, a); }; }\n" +
      "process.on('exit', () => process.stderr.write(`wasm modules compiled: ${n}\\n`));\n",
  );
  const compiled = (args: string[], cwd: string) => {
    const result = spawnSync(process.execPath, ['--require', counter, CLI, '--fail-on', 'none', ...args], { cwd, encoding: 'utf8' });
    return Number(/wasm modules compiled: (\d+)/.exec(result.stderr)?.[1]);
  };
  let root: string;
  beforeEach(() => {
    root = writeTree({ 'compose.yaml': TREE['compose.yaml'], Dockerfile: TREE.Dockerfile, 'run.sh': TREE['scripts/clean.sh'] }, 'dps-grammar-');
  });

  it('a Compose file and a Dockerfile, as pre-commit names them, compile none', () => {
    assert.equal(compiled(['compose.yaml', 'Dockerfile'], root), 0);
  });

  it('a script compiles the runtime and the grammar', () => {
    assert.ok(compiled(['run.sh'], root) >= 2);
  });
});

const TABLE = "REACH     CLASS       ADDRESS       PORT               CONTAINER           NOTE      SOURCES\npublic    accidental  *             8080/tcp           80                  conflict  README.md:4 (nginx), compose.override.yaml:4 (web), compose.yaml:5 (web)\npublic    accidental  *             8080/tcp           3000                conflict  scripts/dev.sh:2 (dev-server)\npublic                *             every port         (host network)                compose.yaml:13 (metrics)\npublic    accidental  *             ${ADMIN_PORT}/tcp  8080                          compose.override.yaml:8 (admin)\npublic                *             random/tcp+udp     every EXPOSEd port            scripts/dev.sh:3 (toolbox)\nspecific              192.168.1.10  9000/tcp           9000                          scripts/dev.sh:4 (minio/minio)\nlocal                 127.0.0.1     5432/tcp           5432                          compose.yaml:10 (db)\nlocal                 127.0.0.1     8080/tcp           80                            README.md:5 (nginx)\nlocal                 127.0.0.1     8443/tcp           443                           compose.yaml:6 (web)\n9 published ports: 5 public, 1 specific, 3 local; 2 in conflict; on every interface: 3 accidental. * = every interface (0.0.0.0 and [::]).";

const MARKDOWN = "### Published ports\n\n| Reach | Class | Address | Port | Container | Note | Sources |\n|---|---|---|---|---|---|---|\n| **public** | **accidental** | \\* | 8080/tcp | 80 | ⚠️ conflict | `README.md:4` nginx<br>`compose.override.yaml:4` web<br>`compose.yaml:5` web |\n| **public** | **accidental** | \\* | 8080/tcp | 3000 | ⚠️ conflict | `scripts/dev.sh:2` dev-server |\n| **public** |  | \\* | every port | (host network) |  | `compose.yaml:13` metrics |\n| **public** | **accidental** | \\* | ${ADMIN_PORT}/tcp | 8080 |  | `compose.override.yaml:8` admin |\n| **public** |  | \\* | random/tcp+udp | every EXPOSEd port |  | `scripts/dev.sh:3` toolbox |\n| specific |  | 192.168.1.10 | 9000/tcp | 9000 |  | `scripts/dev.sh:4` minio/minio |\n| local |  | 127.0.0.1 | 5432/tcp | 5432 |  | `compose.yaml:10` db |\n| local |  | 127.0.0.1 | 8080/tcp | 80 |  | `README.md:5` nginx |\n| local |  | 127.0.0.1 | 8443/tcp | 443 |  | `compose.yaml:6` web |\n\n9 published ports: 5 public, 1 specific, 3 local; 2 in conflict; on every interface: 3 accidental. \\* = every interface (0.0.0.0 and [::]).";
