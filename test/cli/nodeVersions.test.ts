/**
 * The built CLI on every Node it supports (this machine's Node 20, and Node 24 as GitHub's runners
 * have it): the same output and exit code, and nothing on standard error but what concerns the
 * files checked (a V8 flag a Node lacks would print an error line in every CI log).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeVersions } from '../support/nodeVersions';
import { largeTree, writeTree } from '../support/trees';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const NODES = nodeVersions();

const TREE: Record<string, string> = {
  'compose.yaml': 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n      - 8080:80\n',
  'Dockerfile': 'FROM alpine\nEXPOSE 22\n',
  'run.sh': 'docker run -d -P --network host app\ndocker run -p 70000:80 app\n',
  'docs/guide.md': '# Guide\n\n```console\n$ docker run -p 6379:6379 redis\n```\n',
};

/** The CLI's run on every Node: exit code, output and standard error of each. */
function onEveryNode(args: string[], cwd: string) {
  return NODES.map(({ name, binary }) => ({ name, ...spawnSync(binary, [CLI, ...args], { cwd, encoding: 'utf8' }) }));
}

function assertSame(runs: ReturnType<typeof onEveryNode>): void {
  for (const run of runs.slice(1)) {
    assert.equal(run.status, runs[0].status, `${run.name}: exit code`);
    assert.equal(run.stdout, runs[0].stdout, `${run.name}: output`);
    assert.equal(run.stderr, runs[0].stderr, `${run.name}: standard error`);
  }
}

describe('CLI on Node 20 and Node 24', () => {
  it('every format gives the same output and exit code, with nothing on standard error', () => {
    const dir = writeTree(TREE, 'dps-nodes-');
    for (const format of ['text', 'json', 'sarif', 'codequality', 'table', 'markdown', 'ports-json']) {
      const runs = onEveryNode(['--format', format, '--no-color', '.'], dir);
      assertSame(runs);
      assert.equal(runs[0].status, 1, format);
      for (const run of runs) assert.equal(run.stderr, '', `${run.name}, ${format}`);
    }
    assertSame(onEveryNode(['--fail-on', 'none', 'examples'], ROOT));
    assert.equal(onEveryNode(['--version'], ROOT).map((r) => r.status).join(), NODES.map(() => 0).join());
  });

  it('a tree checked on two threads: the same output, and standard error names only the files too large to check', () => {
    const dir = writeTree(largeTree(), 'dps-nodes-large-');
    const runs = onEveryNode(['--format', 'json', '--fail-on', 'none', '.'], dir);
    assertSame(runs);
    assert.equal(runs[0].status, 0);
    assert.ok(JSON.parse(runs[0].stdout).length > 200);
    for (const run of runs) {
      const lines = run.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 3, run.stderr);
      for (const line of lines) assert.match(line, /^docker-port-safety: docs\/big\d\.md: larger than maxFileSize \(4000 bytes\), not checked$/, run.name);
    }
  });

  it('a baseline run and a usage error exit alike', () => {
    const dir = writeTree(TREE, 'dps-nodes-baseline-');
    const written = onEveryNode(['--write-baseline', 'base.json', '.'], dir);
    assertSame(written);
    assert.equal(written[0].status, 0);
    const bad = onEveryNode(['--baseline', 'missing.json', '.'], dir);
    assertSame(bad);
    assert.equal(bad[0].status, 2);
  });
});
