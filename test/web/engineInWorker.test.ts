/**
 * The engine's unit tests (test/unit) in a real browser's web worker, where VS Code for the Web
 * runs the language server: the same test files bundled for the browser (`node esbuild.mjs
 * --engine-tests`), tree-sitter and every grammar loaded from the built files in dist/ as the web
 * server loads them, `node:test` and `node:assert` stood in for by test/web/worker. Each test's
 * result comes back here as a test of its own, so a test failing in the worker fails this run and
 * the counts include them. Files that need what only Node has are listed in
 * test/web/worker/nodeOnly.json with the reason, and run under Node only.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsChromium, openRepositoryPage, ROOT } from '../support/browserPage';
import type { WorkerMessage } from './worker/main';
import type { TestResult } from './worker/nodeTest';

const BUNDLE = path.join('out', 'web-engine-tests', 'engineTests.js');
/** Test files (`files`) and single tests (`tests`, as `file › suite › test`) that run under Node only, with the reason. */
const NODE_ONLY = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'web', 'worker', 'nodeOnly.json'), 'utf8')) as { files: Record<string, string>; tests: Record<string, string> };
const UNIT_TESTS = fs.readdirSync(path.join(ROOT, 'test', 'unit')).filter((name) => name.endsWith('.test.ts')).sort();

/** The page's Worker (tests compile against Node's types, not the DOM library). */
declare const Worker: new (url: string) => { postMessage(message: unknown): void; onmessage: (event: { data: WorkerMessage }) => void; onerror: (event: { message: string }) => void; terminate(): void };
declare function reportFromWorker(message: WorkerMessage): Promise<void>;

/** Runs the bundle in a web worker of a fresh page; every message the worker posts, in order. */
async function runInWorker(): Promise<WorkerMessage[]> {
  execFileSync(process.execPath, ['esbuild.mjs', '--engine-tests', path.dirname(BUNDLE)], { cwd: ROOT, stdio: 'inherit' });
  const repository = await openRepositoryPage({ listFolders: true });
  try {
    const messages: WorkerMessage[] = [];
    await repository.page.exposeFunction('reportFromWorker', (message: WorkerMessage) => void messages.push(message));
    await repository.page.evaluate(
      ({ script, grammarFolder }) =>
        new Promise<void>((resolve) => {
          const worker = new Worker(script);
          worker.onmessage = async ({ data }) => {
            await reportFromWorker(data);
            if ('done' in data || 'broken' in data) resolve();
          };
          worker.onerror = async ({ message }) => {
            await reportFromWorker({ broken: message });
            resolve();
          };
          // The built files, as the web extension has them beside its server (dist/web/../).
          worker.postMessage({ grammarFolder });
        }),
      { script: `/${BUNDLE.split(path.sep).join('/')}`, grammarFolder: new URL('/dist/', repository.page.url()).href },
    );
    return messages;
  } finally {
    await repository.close();
  }
}

describe('the engine\'s unit tests in a web worker', { skip: needsChromium }, () => {
  it('lists only test files that exist as Node-only, each with its reason', () => {
    for (const [file, reason] of Object.entries(NODE_ONLY.files)) {
      assert.ok(UNIT_TESTS.includes(file), `${file} is not in test/unit`);
      assert.ok(reason.length > 20, `${file}: say why it needs Node`);
    }
    for (const reason of Object.values(NODE_ONLY.tests)) assert.ok(reason.length > 20, 'say why each test needs Node');
  });

  it('pass in Chromium\'s web worker (one test here per test there)', { timeout: 15 * 60 * 1000 }, async (t) => {
    const messages = await runInWorker();
    const broken = messages.find((m): m is { broken: string } => 'broken' in m);
    assert.equal(broken, undefined, broken?.broken);
    const done = messages.find((m) => 'done' in m);
    assert.ok(done, 'the worker never said it was done');
    const results = messages.flatMap((m) => ('result' in m ? [m.result] : []));
    const expectedFiles = UNIT_TESTS.filter((file) => !(file in NODE_ONLY.files));
    // Every file ran something: a file whose tests were never registered would pass by saying nothing.
    assert.deepEqual([...new Set(results.map((r) => r.file))].sort(), expectedFiles);
    // Each test left to Node is one the worker found (the list cannot name a test that is gone).
    const leftToNode = results.filter((r) => r.status === 'node-only').map((r) => [r.file, ...r.path].join(' › '));
    assert.deepEqual(leftToNode.sort(), Object.keys(NODE_ONLY.tests).sort());
    const byFile = new Map<string, TestResult[]>();
    for (const result of results.filter((r) => r.status !== 'node-only')) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
    for (const [file, fileResults] of byFile) {
      await t.test(file, async (f) => {
        for (const result of fileResults) {
          await f.test(result.path.join(' › '), { skip: result.status === 'skip' ? result.detail : false }, () => {
            // The worker's own stack, not this callback's.
            if (result.status === 'fail') throw Object.assign(new Error('failed in the web worker'), { stack: `failed in the web worker: ${result.detail}` });
          });
        }
      });
    }
    const ran = results.length - leftToNode.length;
    t.diagnostic(`${ran} tests of ${byFile.size} files ran in the web worker; under Node only: ${Object.keys(NODE_ONLY.files).length} files and ${leftToNode.length} tests (test/web/worker/nodeOnly.json)`);
  });
});
