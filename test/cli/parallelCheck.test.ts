/**
 * A run over a large tree checks on two threads (cli/parallelCheck.ts): its output must be exactly
 * what checking one file after another prints, whichever thread checked which file, and a worker
 * that fails must not lose a file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CheckInput, checkFile } from '../../server/src/cli/fileCheck';
import { CheckThread } from '../../server/src/cli/parallelCheck';
import { Io, main, PARALLEL_FROM } from '../../server/src/cli/run';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { findFiles } from '../../server/src/workspace/files';
import { settingsWith } from '../support/engine';
import { largeTree, writeTree } from '../support/trees';

/** The CLI's entry, compiled: it starts the check thread from its own file. */
const ENTRY = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    progress: () => undefined,
    readStdin: () => '',
    stdoutIsTerminal: false,
    stderrIsTerminal: false,
  };
}

describe('checking on two threads', () => {
  let root: string;
  before(async () => {
    root = writeTree(largeTree(), 'dps-parallel-');
    await loadBashGrammar();
    assert.ok(findFiles([root]).files.length >= PARALLEL_FROM, 'the tree is large enough for two threads');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const format of ['json', 'sarif', 'text', 'codequality', 'ports-json', 'table']) {
    it(`prints exactly what a run on one thread prints (--format ${format})`, async () => {
      const args = ['--format', format, root];
      const one = capture();
      const two = capture();
      const oneCode = await main(args, one);
      const twoCode = await main(args, two, ENTRY);
      assert.equal(two.out.join('\n'), one.out.join('\n'));
      assert.deepEqual(two.err, one.err);
      assert.equal(twoCode, oneCode);
      assert.equal(one.err.filter((line) => /larger than maxFileSize/.test(line)).length, 3);
    });
  }

  it('both threads check files, and every outcome equals checking that file alone', async () => {
    const settings = settingsWith({ maxFileSize: 4000 });
    const inputs: CheckInput[] = findFiles([root]).files.map((f) => ({ path: f.path, display: f.path, kind: f.kind }));
    // A page that vanished after the walk: its message comes from whichever thread claimed it.
    inputs.splice(5, 0, { path: path.join(root, 'docs', 'vanished.md'), display: 'docs/vanished.md', kind: 'markdown' });
    const thread = new CheckThread(ENTRY, settings, true);
    // This thread is warm from the runs above: without a head start the worker could find every file taken.
    await thread.ready;
    const outcomes = await thread.check(inputs, loadBashGrammar);
    assert.ok(thread.workerChecked > 0, 'the worker checked files');
    assert.equal(thread.failure, undefined);
    assert.ok(thread.workerChecked < inputs.length, 'this thread checked files');
    assert.equal(outcomes.length, inputs.length);
    assert.equal(outcomes[5].unreadable, true);
    assert.match(outcomes[5].messages[0], /docs\/vanished\.md: cannot read \(ENOENT\)/);
    for (const [i, outcome] of outcomes.entries()) {
      const alone = checkFile(inputs[i], settings, true);
      assert.deepEqual(plain(outcome), plain(alone), inputs[i].path);
    }
  });

  it('pages the worker would read as YAML are handed over, and every outcome equals checking that file alone', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      pages[`docs/compose${i}.md`] = `# Stack ${i}\n\n\`\`\`yaml\nservices:\n  web:\n    image: nginx\n    ports:\n      - "${8000 + i}:80"\n\`\`\`\n\n\`\`\`console\n$ docker run -p ${9000 + i}:80 app\n\`\`\`\n`;
      pages[`docs/plain${i}.md`] = `# Page ${i}\n\n\`\`\`console\n$ docker run -p ${7000 + i}:80 app\n\`\`\`\n`;
      pages[`stack${i}/compose.yaml`] = `services:\n  db:\n    image: postgres\n    ports:\n      - "${5000 + i}:5432"\n`;
    }
    const tree = writeTree(pages, 'dps-handover-');
    try {
      const settings = settingsWith({});
      const inputs: CheckInput[] = findFiles([tree]).files.map((f) => ({ path: f.path, display: f.path, kind: f.kind }));
      const thread = new CheckThread(ENTRY, settings, true);
      await thread.ready;
      const outcomes = await thread.check(inputs, loadBashGrammar);
      assert.equal(thread.failure, undefined);
      // The worker's first file is a page with a Compose block: it is always handed over.
      assert.ok(thread.handedOverCount > 0, 'the worker handed pages over');
      assert.ok(thread.handedOverCount <= 60, `${thread.handedOverCount} handed over: only the pages with YAML`);
      for (const [i, outcome] of outcomes.entries()) assert.deepEqual(plain(outcome), plain(checkFile(inputs[i], settings, true)), inputs[i].path);
      assert.ok(outcomes.every((outcome) => outcome.report?.findings.length), 'every file has its findings');
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('files a failed worker had claimed are checked on this thread', async () => {
    // A worker that claims the first ten files and dies without reporting them.
    const failing = path.join(root, 'failing-worker.js');
    fs.writeFileSync(failing, `const { parentPort } = require('worker_threads');\nparentPort.postMessage({ ready: true });\nparentPort.once('message', ({ claims }) => {\n  const flags = new Int32Array(claims);\n  for (let i = 0; i < 10; i++) Atomics.store(flags, i, 1);\n  process.exit(3);\n});\n`);
    const settings = settingsWith({ maxFileSize: 4000 });
    const inputs: CheckInput[] = findFiles([root]).files.map((f) => ({ path: f.path, display: f.path, kind: f.kind }));
    const thread = new CheckThread(failing, settings, false);
    await thread.ready;
    const outcomes = await thread.check(inputs, loadBashGrammar);
    assert.equal(thread.workerChecked, 0);
    assert.equal(thread.failure, 'it exited with code 3');
    for (const [i, outcome] of outcomes.entries()) assert.deepEqual(plain(outcome), plain(checkFile(inputs[i], settings, false)), inputs[i].path);
  });
});

/** An outcome as data (findings with their fixes, facts without functions), to compare two of them. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'function' ? undefined : v)));
}
