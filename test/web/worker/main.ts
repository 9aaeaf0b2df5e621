/**
 * The engine's unit tests in a web worker (bundled by `node esbuild.mjs --engine-tests DIR`): the
 * grammars start from the built files as the web server's do (lsp/browserPlatform.ts), then every
 * test file that can run without Node (engine-test-files, all of test/unit but nodeOnly.json's) is
 * loaded and its tests run, but those nodeOnly.json leaves to Node; each result is posted to the page as it is known, then `{ done: true }`.
 */
import { loadBashGrammarFrom } from '../../../server/src/engine/readers/shell/bashParser';
import { NODE_ONLY_TESTS, TEST_FILES } from 'engine-test-files';
import { inFile, runAll, TestResult } from './nodeTest';

/** The worker itself (the project compiles against Node's types, not the WebWorker library). */
declare const self: { onmessage: (event: { data: { grammarFolder: string } }) => void; postMessage(message: unknown): void };

export type WorkerMessage = { result: TestResult } | { done: true; files: number } | { broken: string };

const post = (message: WorkerMessage) => self.postMessage(message);

self.onmessage = async ({ data: { grammarFolder } }) => {
  try {
    // The web server's way: tree-sitter.wasm and every grammar by URL, from the folder of the built files.
    const locate = (file: string) => new URL(file, grammarFolder).href;
    await loadBashGrammarFrom(locate, locate('tree-sitter-bash.wasm'));
    for (const [file, load] of TEST_FILES) inFile(file, load);
    await runAll(new Set(NODE_ONLY_TESTS), (result) => post({ result }));
    post({ done: true, files: TEST_FILES.length });
  } catch (error) {
    post({ broken: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
