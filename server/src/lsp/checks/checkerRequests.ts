/**
 * The checker's requests as typed calls, whoever answers them: a thread (checker.ts) or this
 * thread (localChecker.ts). Subclasses only carry a request there and its answer back.
 */
import type { Analysis } from '../../engine/analyze';
import type { Finding, Fix } from '../../engine/rules/rule';
import type { CheckAnswer, CheckRequest } from './protocol';

/** What the server hears when the checker's thread stopped: why, and the document it was checking then, if any. */
export type ThreadStopped = (reason: string, checking: { uri: string; version: number } | undefined) => void;

/** A request that failed because the thread stopped under it (the server says so once, not per request). */
export class CheckerStopped extends Error {}

export abstract class CheckerRequests {
  /** Sends one request; `onDiagnostics` gets a check's diagnostics (UTF-8 JSON) before its answer. */
  protected abstract request<T>(request: CheckRequest, onDiagnostics?: (diagnostics: Uint8Array) => void): Promise<T>;

  /** Gives back the buffer of diagnostics once they are written out, for the next check to write into. */
  abstract recycle(buffer: ArrayBuffer): void;

  /**
   * An open document's check: `onDiagnostics` gets its diagnostics as soon as they are ready; the
   * promise resolves a moment later with its analysis, or with word that the checker kept it.
   */
  check(request: Extract<CheckRequest, { type: 'check' }>, onDiagnostics: (diagnostics: Uint8Array) => void): Promise<CheckAnswer> {
    return this.request(request, onDiagnostics);
  }

  /** The analysis a check of this version kept, as JSON text for lookups; null once a newer check or a close replaced it. */
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

  close(uri: string): void {
    void this.request({ type: 'close', uri }).catch(() => undefined);
  }
}
