/**
 * Messages between the language server and its checker thread. Analyses cross the thread boundary
 * as plain data: facts travel without the functions that compute their fixes (structured clone
 * cannot copy functions); a small analysis carries its findings' fixes, a kept one none (see
 * `fixesOf`).
 */
import type { Analysis } from '../../engine/analyze';
import type { Finding } from '../../engine/rules/rule';
import { DocumentFacts, DocumentKind, plainFacts } from '../../engine/model';
import type { Settings } from '../../engine/settings';

export interface FileInput {
  /** The document's path on disk, for what Compose reads beside it; absent for unsaved documents. */
  filePath?: string;
  kind: DocumentKind;
  text: string;
  settings: Settings;
  /** Texts of files Compose would read beside this one (`.env`, override files) that are open, by path. */
  openTexts: Record<string, string>;
  /** openTexts holds every file beside this one that exists (read through the editor): nothing is read from disk. */
  besideComplete?: boolean;
}

export type CheckRequest =
  /** An open document, checked incrementally from its previous check. */
  | ({ type: 'check'; uri: string; version: number } & FileInput)
  /** The analysis the last check of an open document kept on the thread (see `CheckAnswer`), for lookups. */
  | { type: 'analysisOf'; uri: string; version: number }
  /** The fixes of one finding of a kept analysis, for a code action. */
  | { type: 'fixesOf'; uri: string; version: number; rule: string; start: number; end: number }
  /** Any text, read whole: its analysis (files on disk for the port map, fixes asked for by its view). */
  | ({ type: 'analyze' } & FileInput)
  /** Any text, read whole: its diagnostics (files on disk for "Check Workspace"). */
  | ({ type: 'diagnose' } & FileInput)
  /** Every preferred fix applied until none is left. */
  | ({ type: 'fixAll' } & FileInput)
  /** The document closed: its incremental state goes. */
  | { type: 'close'; uri: string };

/**
 * What a check answers once its diagnostics are out: the analysis as JSON text when it is small,
 * or `kept` when it stays on the thread until `analysisOf` asks for it. A document with thousands
 * of findings would otherwise serialize, move and hold megabytes on every keystroke for hovers and
 * code actions that are asked for now and then.
 */
export type CheckAnswer = { analysis: string } | { kept: true };

/**
 * Answers carry analyses as JSON text and diagnostics as UTF-8 JSON, which are far cheaper to move
 * between threads than thousands of small objects.
 */
export type CheckResponse = { id: number; result: unknown } | { id: number; error: string };

export function plainAnalysis(analysis: Analysis): Analysis {
  return { facts: plainFacts(analysis.facts), findings: analysis.findings };
}

/**
 * A kept analysis as the server's main thread reads it: facts for hovers and the port map, and of
 * each finding only which rule found what where (for the port map, and to find the one a code
 * action asks the fixes of: see `fixesOf`), with a public port's class. Messages travel in the diagnostics; fixes are worked
 * out only when read.
 */
export function analysisForLookups(analysis: Analysis): LookupAnalysis {
  // The class goes along: the port map shows it and code actions ask it which fix is preferred.
  return { facts: plainFacts(analysis.facts), findings: analysis.findings.map(({ rule, span, publicClass }) => (publicClass ? { rule, span, publicClass } : { rule, span })) };
}

/** An analysis whose findings may be whole (small analyses) or only say which rule found what where (kept ones). */
export interface LookupAnalysis {
  facts: DocumentFacts;
  findings: (Pick<Finding, 'rule' | 'span'> & Partial<Finding>)[];
}
