/** The server's side of the checker thread: requests as promises, answered in order. */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { CheckerRequests, CheckerStopped, type ThreadStopped } from './checkerRequests';
import type { CheckRequest, CheckResponse } from './protocol';

/**
 * The most the checker thread's heap may hold. Past it V8 stops the thread (not the process: Node
 * ends a worker that reaches its own limit) and a fresh one takes over. The thread keeps far less
 * (see RETAINED_TEXT in checkerThread.ts); `DPS_CHECKER_HEAP_MB` lowers it for tests that make
 * the thread die.
 */
const HEAP_LIMIT_MB = Number(process.env.DPS_CHECKER_HEAP_MB) || 1024;

export { CheckerStopped, type ThreadStopped } from './checkerRequests';

export class Checker extends CheckerRequests {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; check?: { uri: string; version: number } }>();
  /** Checks whose diagnostics arrive before their analysis (under the negated request id). */
  private readonly early = new Map<number, (diagnostics: Uint8Array) => void>();

  /**
   * `script`: the bundled thread beside the server (dist/checker.js). `onStopped`: the thread died
   * (its requests failed); the next request starts a fresh one.
   */
  constructor(private readonly script = path.join(__dirname, 'checker.js'), private readonly onStopped?: ThreadStopped) {
    super();
  }

  /**
   * The thread, started on first use and started again if it ever dies (out of its heap on a
   * pathological document, say): the requests it held fail, later ones go to a fresh thread.
   */
  private thread(): Worker {
    if (this.worker) return this.worker;
    // A young generation of 8 MB instead of V8's default of up to 32: a check's short-lived objects
    // die young either way, and the difference is a quarter of the server's peak memory on a large
    // document (see the README's performance section; edits stayed as fast).
    const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    worker.on('message', (response: CheckResponse) => {
      if (response.id < 0) {
        this.early.get(-response.id)?.((response as { result: Uint8Array }).result);
        this.early.delete(-response.id);
        return;
      }
      const waiter = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      // An idle thread never keeps the process alive; one with work in flight does.
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if ('error' in response) waiter.reject(new Error(response.error));
      else waiter.resolve(response.result);
    });
    let stopped = false;
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      // Requests are answered in order: the first one still waiting is the one the thread was on.
      const first = this.waiting.values().next().value;
      for (const waiter of this.waiting.values()) waiter.reject(new CheckerStopped(error.message));
      this.waiting.clear();
      this.early.clear();
      if (stopped) return;
      stopped = true;
      this.onStopped?.(error.message, first?.check);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the checker thread stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  protected request<T>(request: CheckRequest, onDiagnostics?: (diagnostics: Uint8Array) => void): Promise<T> {
    const id = this.nextId++;
    if (onDiagnostics) this.early.set(id, onDiagnostics);
    const check = request.type === 'check' ? { uri: request.uri, version: request.version } : undefined;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, check });
      const worker = this.thread();
      worker.ref();
      worker.postMessage({ id, request });
    });
  }

  /** Gives the thread back the buffer of diagnostics it sent, once they are written out: it writes the next ones into it. */
  recycle(buffer: ArrayBuffer): void {
    this.worker?.postMessage({ recycle: buffer }, [buffer]);
  }
}
