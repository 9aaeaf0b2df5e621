/**
 * The checker in the language server's own thread, for runtimes without worker_threads (the web
 * worker VS Code for the Web runs the server in). Same requests and answers as the thread
 * (checkerCore.ts), taken in order; the grammar is loaded by `grammar` when a shell kind first
 * comes, from wherever that runtime finds the extension's files.
 */
import { CheckerHost, handle } from './checkerCore';
import { CheckerRequests } from './checkerRequests';
import { loadGrammarFor, needsGrammarLoad, SHELL_KINDS } from '../../engine/readers/readerGrammars';
import type { CheckRequest } from './protocol';

export class LocalChecker extends CheckerRequests {
  private nextId = 1;
  private previous: Promise<unknown> = Promise.resolve();
  private grammarLoaded: Promise<void> | undefined;
  private readonly early = new Map<number, (diagnostics: Uint8Array) => void>();
  private readonly host: CheckerHost = {
    sendDiagnostics: (id, diagnostics) => {
      this.early.get(id)?.(diagnostics);
      this.early.delete(id);
    },
    takeSpare: () => undefined,
    checked: () => undefined,
  };

  constructor(private readonly loadGrammar: () => Promise<void>) {
    super();
  }

  protected request<T>(request: CheckRequest, onDiagnostics?: (diagnostics: Uint8Array) => void): Promise<T> {
    const id = this.nextId++;
    if (onDiagnostics) this.early.set(id, onDiagnostics);
    const needsGrammar = 'kind' in request && SHELL_KINDS.has(request.kind);
    // The code readers' grammars are found where the runtime was started from (loadGrammar's
    // files), so that comes first for them too.
    const needsCodeGrammar = 'kind' in request && needsGrammarLoad(request.kind);
    if (needsGrammar || needsCodeGrammar) this.grammarLoaded ??= this.loadGrammar();
    const answer = this.previous.then(async () => {
      if (needsGrammar || needsCodeGrammar) await this.grammarLoaded;
      if (needsCodeGrammar) await loadGrammarFor(request.kind);
      // A turn of the event loop between requests, so messages from the client are read meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return handle(request, id, this.host) as T;
    });
    this.previous = answer.catch(() => undefined);
    return answer.finally(() => this.early.delete(id));
  }

  /** Diagnostics are written into fresh buffers here: nothing crosses a thread. */
  recycle(): void {}
}
