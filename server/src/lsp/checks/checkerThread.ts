/**
 * The checker thread: every analysis the language server needs runs here, so hovers, code actions
 * and the port map on the server's main thread answer while a long check runs. What it answers is
 * checkerCore's; this file is the thread's side of the messages, and its memory.
 */
import { parentPort } from 'worker_threads';
import { loadBashGrammar } from '../../engine/readers/shell/bashParser';
import { loadGrammarFor, needsGrammarLoad, SHELL_KINDS } from '../../engine/readers/readerGrammars';
import { collectIfGrown, collectWhenIdle, postponeCollection } from '../idleCollection';
import { checkedLength, CheckerHost, handle, LARGE_DOCUMENT } from './checkerCore';
import type { CheckRequest, CheckResponse } from './protocol';

/**
 * A diagnostics buffer the server sent back once it had written its bytes out: the next check
 * writes into it. Both threads would otherwise hold megabytes of spent buffers between collections.
 */
let spare: ArrayBuffer | undefined;
/** Buffers larger than this are not kept for the next check (a pathological document's would stay for good). */
const LARGEST_SPARE = 8 * 2 ** 20;

const host: CheckerHost = {
  // As bytes the server's main thread writes as they are: moved, not copied, between the threads.
  sendDiagnostics: (id, diagnostics) => parentPort!.postMessage({ id: -id, result: diagnostics }, [diagnostics.buffer as ArrayBuffer]),
  takeSpare() {
    const taken = spare;
    spare = undefined;
    return taken;
  },
  checked(length, readWhole) {
    if (length > LARGE_DOCUMENT && readWhole) collectWhenIdle();
    else postponeCollection();
  },
};

let grammar: Promise<void> | undefined;
/** Requests are answered in the order they came, also while the grammar loads. */
let previous: Promise<void> = Promise.resolve();

// A check's early diagnostics are sent under its request's negated id.
parentPort?.on('message', (message: { id: number; request: CheckRequest } | { recycle: ArrayBuffer }) => {
  if ('recycle' in message) {
    if (message.recycle.byteLength <= LARGEST_SPARE && message.recycle.byteLength > (spare?.byteLength ?? 0)) spare = message.recycle;
    return;
  }
  const needsGrammar = 'kind' in message.request && SHELL_KINDS.has(message.request.kind);
  // Closing a large document leaves its state as garbage: collected once the close is answered.
  const releases = message.request.type === 'close' && checkedLength(message.request.uri) > LARGE_DOCUMENT;
  if (needsGrammar) grammar ??= loadBashGrammar();
  // Source files and infrastructure code: each language's grammar loads with its first document.
  const codeGrammar = 'kind' in message.request && needsGrammarLoad(message.request.kind) ? loadGrammarFor(message.request.kind) : undefined;
  previous = previous.then(async () => {
    let response: CheckResponse;
    try {
      if (needsGrammar) await grammar;
      if (codeGrammar) await codeGrammar;
      response = { id: message.id, result: handle(message.request, message.id, host) };
    } catch (error) {
      response = { id: message.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(response);
    collectIfGrown(releases);
  });
});
