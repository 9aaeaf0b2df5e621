/** The built CLI with a baseline: adopting the check on a tree that has findings. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeTree } from '../support/trees';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TREE: Record<string, string> = {
  'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - "8080:80"\n',
  'deploy/run.sh': 'docker run -d -p 3000:3000 api:1.4\n',
  'Dockerfile': 'FROM alpine\nEXPOSE 22\n',
};

const BASELINE = '.docker-port-safety-baseline.json';

/** A tree with its baseline written, then three lines inserted on top of compose.yaml and a new public port in run.sh. */
function adoptedThenChanged(): string {
  const dir = writeTree(TREE, 'dps-baseline-');
  const written = run(['--write-baseline', BASELINE], dir);
  assert.equal(written.code, 0, written.stderr);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), `# one\n# two\n# three\n${TREE['compose.yaml']}`);
  fs.writeFileSync(path.join(dir, 'deploy/run.sh'), `${TREE['deploy/run.sh']}docker run -d -p 9000:9000 admin\n`);
  return dir;
}

describe('CLI baseline', () => {
  it('--write-baseline records every finding: sorted, one a line, a format version, no dates; the same tree writes the same bytes', () => {
    const dir = writeTree(TREE, 'dps-baseline-write-');
    const result = run(['--write-baseline', BASELINE], dir);
    assert.equal(result.code, 0, 'every finding is recorded: none is new');
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, `No findings beyond the baseline in 3 files.\nBaseline ${BASELINE} written: 7 findings recorded. Commit it and run with --baseline ${BASELINE}.\n`);
    const text = fs.readFileSync(path.join(dir, BASELINE), 'utf8');
    assert.equal(text, [
      '{',
      '  "docker-port-safety-baseline": 1,',
      '  "findings": [',
      '    {"rule":"sensitive-port","file":"Dockerfile","owner":"","spec":"22","occurrence":0},',
      '    {"rule":"port-conflict","file":"compose.yaml","owner":"web","spec":"8080:80","occurrence":0},',
      '    {"rule":"port-conflict","file":"compose.yaml","owner":"web","spec":"8080:80","occurrence":1},',
      '    {"rule":"public-bind","file":"compose.yaml","owner":"db","spec":"5432:5432","occurrence":0},',
      '    {"rule":"public-bind","file":"compose.yaml","owner":"web","spec":"8080:80","occurrence":0},',
      '    {"rule":"public-bind","file":"compose.yaml","owner":"web","spec":"8080:80","occurrence":1},',
      '    {"rule":"public-bind","file":"deploy/run.sh","owner":"api","spec":"3000:3000","occurrence":0}',
      '  ]',
      '}',
      '',
    ].join('\n'));
    run(['--write-baseline', BASELINE], dir);
    assert.equal(fs.readFileSync(path.join(dir, BASELINE), 'utf8'), text);
  });

  it('lines inserted above recorded findings and one new public port: only the new one is reported and fails the run', () => {
    const dir = adoptedThenChanged();
    const result = run(['--baseline', BASELINE], dir);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.split('\n'), [
      'deploy/run.sh:2:18: warning public-bind Published on every interface: anyone who can reach this machine over IPv4 or IPv6 reaches port 9000 (container port 9000/tcp), and host firewalls such as UFW do not stop it. Accidental: nothing says it is meant to be public.',
      '  docker run -d -p 9000:9000 admin',
      '                   ^^^^^^^^^',
      '1 finding (1 warning) in 3 files; 1 fixable with --fix.',
      `Baseline ${BASELINE}: 7 recorded findings still present, none gone; 1 new finding not in it. To record the findings as they are now: --write-baseline ${BASELINE}`,
      '',
    ]);
  });

  it('every format reports only the new finding, and the port map formats fail on it', () => {
    const dir = adoptedThenChanged();
    const json = run(['--baseline', BASELINE, '--format', 'json'], dir);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout).map((f: { file: string; line: number }) => `${f.file}:${f.line}`), ['deploy/run.sh:2']);
    assert.match(json.stderr, /^Baseline \.docker-port-safety-baseline\.json: 7 recorded findings still present/);
    const sarif = run(['--baseline', BASELINE, '--format', 'sarif'], dir);
    assert.equal(sarif.code, 1);
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine), [2]);
    const codequality = run(['--baseline', BASELINE, '--format', 'codequality'], dir);
    assert.equal(codequality.code, 1);
    assert.deepEqual(JSON.parse(codequality.stdout).map((i: { location: { path: string } }) => i.location.path), ['deploy/run.sh']);
    for (const format of ['table', 'markdown', 'ports-json']) {
      const map = run(['--baseline', BASELINE, '--format', format], dir);
      assert.equal(map.code, 1, format);
      assert.match(map.stdout, /9000/, `${format}: the map shows every port`);
      assert.match(map.stdout, /5432/, `${format}: recorded ones too`);
      assert.match(map.stderr, /1 new finding not in it/, format);
    }
    const unchanged = writeTree(TREE, 'dps-baseline-map-');
    assert.equal(run(['--write-baseline', BASELINE, '--format', 'table'], unchanged).code, 0);
    assert.equal(run(['--baseline', BASELINE, '--format', 'ports-json'], unchanged).code, 0);
  });

  it('a changed spec is a new finding and its old one is gone; a baseline naming files that no longer exist is fine', () => {
    const dir = writeTree(TREE, 'dps-baseline-spec-');
    run(['--write-baseline', BASELINE], dir);
    fs.writeFileSync(path.join(dir, 'deploy/run.sh'), 'docker run -d -p 3001:3000 api:1.5\n');
    fs.rmSync(path.join(dir, 'Dockerfile'));
    const result = run(['--baseline', BASELINE, '--format', 'json'], dir);
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout).map((f: { file: string }) => f.file), ['deploy/run.sh']);
    assert.equal(result.stderr, `Baseline ${BASELINE}: 5 recorded findings still present, 2 gone (fixed, changed or in files that no longer exist); 1 new finding not in it. To record the findings as they are now: --write-baseline ${BASELINE}\n`);
  });

  it('an image tag bump keeps the identity of a container\'s finding', () => {
    const dir = writeTree(TREE, 'dps-baseline-tag-');
    run(['--write-baseline', BASELINE], dir);
    fs.writeFileSync(path.join(dir, 'deploy/run.sh'), 'docker run -d -p 3000:3000 api:1.5\n');
    assert.equal(run(['--baseline', BASELINE], dir).code, 0);
  });

  it('a baseline that is missing, not JSON, of another version or not a baseline is exit 2 with a clear message and no output', () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /^docker-port-safety: cannot read the baseline base\.json \(ENOENT\); write one with --write-baseline base\.json$/m],
      ['not JSON', '{"docker-port-safety-baseline": 1, "findings": [', /^docker-port-safety: the baseline base\.json is not JSON \(/m],
      ['another version', '{"docker-port-safety-baseline": 2, "findings": []}', /^docker-port-safety: the baseline base\.json is format version 2; this docker-port-safety reads version 1/m],
      ['not a baseline', '[]', /^docker-port-safety: base\.json is not a docker-port-safety baseline/m],
      ['a broken entry', '{"docker-port-safety-baseline": 1, "findings": [{"rule": "public-bind"}]}', /has a "findings" entry that is not \{rule, file, owner, spec, occurrence\}/m],
    ];
    for (const [name, text, message] of cases) {
      const dir = writeTree(text === undefined ? TREE : { ...TREE, 'base.json': text }, 'dps-baseline-bad-');
      for (const format of ['text', 'sarif']) {
        const result = run(['--baseline', 'base.json', '--format', format], dir);
        assert.equal(result.code, 2, `${name} (${format})`);
        assert.match(result.stderr, message, name);
        assert.equal(result.stdout, '', `${name}: nothing is reported as if it had passed`);
      }
    }
  });
});
