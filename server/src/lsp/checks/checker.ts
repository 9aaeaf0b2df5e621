/** The server's side of the checker thread: requests as promises, answered in order. */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Analysis } from '../../engine/analyze';
import type { Finding, Fix } from '../../engine/rules/rule';
import type { CheckAnswer, CheckRequest, CheckResponse } from './protocol';

/**
 * The most the checker thread's heap may hold. Past it V8 stops the thread (not the process: Node
 * ends a worker that reaches its own limit) and a fresh one takes over. The thread keeps far less
 * (see RETAINED_TEXT in checkerThread.ts); `DPS_CHECKER_HEAP_MB` lowers it for tests that make
 * the thread die.
 */
const HEAP_LIMIT_MB = Number(process.env.DPS_CHECKER_HEAP_MB) || 1024;

/** What the server hears when the thread stopped: why, and the document it was checking then, if any. */
export type ThreadStopped = (reason: string, checking: { uri: string; version: number } | undefined) => void;

/** A request that failed because the thread stopped under it (the server says so once, not per request). */
export class CheckerStopped extends Error {}

export class Checker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; check?: { uri: string; version: number } }>();
  /** Checks whose diagnostics arrive before their analysis (under the negated request id). */
  private readonly early = new Map<number, (diagnostics: Uint8Array) => void>();

  /**
   * `script`: the bundled thread beside the server (dist/checker.js). `onStopped`: the thread died
   * (its requests failed); the next request starts a fresh one.
   */
  constructor(private readonly script = path.join(__dirname, 'checker.js'), private readonly onStopped?: ThreadStopped) {}

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

  private request<T>(request: CheckRequest): Promise<T> {
    const id = this.nextId++;
    const check = request.type === 'check' ? { uri: request.uri, version: request.version } : undefined;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, check });
      const worker = this.thread();
      worker.ref();
      worker.postMessage({ id, request });
    });
  }

  /**
   * An open document's check: `onDiagnostics` gets its diagnostics (UTF-8 JSON) as soon as they are ready; the
   * promise resolves a moment later with its analysis, or with word that the thread kept it.
   */
  check(request: Extract<CheckRequest, { type: 'check' }>, onDiagnostics: (diagnostics: Uint8Array) => void): Promise<CheckAnswer> {
    this.early.set(this.nextId, onDiagnostics);
    return this.request(request);
  }

  /** The analysis a check of this version kept on the thread, as JSON text for lookups; null once a newer check or a close replaced it. */
  analysisOf(uri: string, version: number): Promise<string | null> {
    return this.request({ type: 'analysisOf', uri, version });
  }

  /** The fixes of one finding of a kept analysis; null once a newer check or a close replaced it. */
  async fixesOf(uri: string, version: number, finding: Pick<Finding, 'rule' | 'span'>): Promise<Fix[] | null> {
    const json = await this.request<string | null>({ type: 'fixesOf', uri, version, rule: finding.rule, start: finding.span.start, end: finding.span.end });
    return json === null ? null : (JSON.parse(json) as Fix[]);
  }

  /** A text's analysis (plain data: facts without their fix functions, findings with fixes). */
  async analyze(request: Extract<CheckRequest, { type: 'analyze' }>): Promise<Analysis> {
    return JSON.parse(await this.request<string>(request)) as Analysis;
  }

  /** A text's diagnostics, as UTF-8 JSON. */
  diagnose(request: Extract<CheckRequest, { type: 'diagnose' }>): Promise<Uint8Array> {
    return this.request(request);
  }

  fixAll(request: Extract<CheckRequest, { type: 'fixAll' }>): Promise<string> {
    return this.request(request);
  }

  /** Gives the thread back the buffer of diagnostics it sent, once they are written out: it writes the next ones into it. */
  recycle(buffer: ArrayBuffer): void {
    this.worker?.postMessage({ recycle: buffer }, [buffer]);
  }

  close(uri: string): void {
    void this.request({ type: 'close', uri }).catch(() => undefined);
  }
}
