/**
 * What the checker answers, wherever it runs: on a thread of its own under Node
 * (checkerThread.ts), or in the language server's own web worker in a browser (localChecker.ts).
 * It keeps each open document's incremental state and the analyses too large to send with a check.
 */
import { analyze, fixAll } from '../../engine/analyze';
import { IncrementalExtractor } from '../../engine/incremental/incremental';
import { diagnosticsJsonBytes, roomForPublish } from '../lspDiagnostics';
import type { Analysis } from '../../engine/analyze';
import { findingAt } from '../../engine/rules/rule';
import { LineIndex } from '../../engine/positions';
import { URI } from '../../workspace/uri';
import { besideFile, readOptional } from '../../workspace/checkFile';
import { analysisForLookups, CheckAnswer, CheckRequest, FileInput, plainAnalysis } from './protocol';

/** Documents this long leave enough garbage after a whole read to be worth collecting (see idleCollection). */
export const LARGE_DOCUMENT = 100_000;
/**
 * Analyses with at most this many findings and facts travel with their check (tens of kilobytes);
 * larger ones stay here until asked for (see CheckAnswer).
 */
const SENT_WITH_CHECK = 1000;
/**
 * What the checker keeps between checks is bounded, whatever is open. Incremental state (parse
 * trees, each part's facts) costs tens of bytes per character of its text: the state of the most
 * recently checked documents is kept while their texts add up to at most RETAINED_TEXT characters;
 * older documents' state goes, and their next check reads them whole. Kept analyses likewise, up
 * to RETAINED_ITEMS findings and facts in all; a lookup on one that went is answered as "no
 * analysis", as after a newer check.
 */
const RETAINED_TEXT = 2 * 2 ** 20;
const RETAINED_ITEMS = 200_000;
/** Per open document, least recently checked first (each check moves its document to the end). */
const extractors = new Map<string, IncrementalExtractor>();
/** The length of each open document's last checked text. */
const lengths = new Map<string, number>();
/** The last analysis of each open document whose analysis was too large to send with its check, least recent first. */
const kept = new Map<string, { version: number; analysis: Analysis; items: number }>();

/** A file beside the input: open (or read through the editor), else from disk unless the input says it brought them all. */
function besideText(input: FileInput): (path: string) => string | undefined {
  return (path) => input.openTexts[path] ?? (input.besideComplete ? undefined : readOptional(path));
}

function options(input: FileInput) {
  return { settings: input.settings, ...besideFile(input.filePath, input.kind, besideText(input), input.text) };
}

/** What writing a text's diagnostics needs besides its findings: positions, its URI, the texts of files they point to. */
function diagnosticContext(input: FileInput & { uri?: string }): [LineIndex, string, (file: string) => string] {
  const uri = input.uri ?? (input.filePath ? URI.fromFilePath(input.filePath) : '');
  const read = besideText(input);
  return [new LineIndex(input.text), uri, (file) => read(file) ?? ''];
}

function itemCount({ facts, findings }: Analysis): number {
  return findings.length + facts.publishes.length + facts.exposes.length + facts.unquoted.length + facts.publishAll.length + facts.hostNetworks.length;
}

/** The analysis kept for this version of a document; undefined once a newer check or a close replaced it. */
function keptAnalysis({ uri, version }: { uri: string; version: number }): Analysis | undefined {
  const last = kept.get(uri);
  return last?.version === version ? last.analysis : undefined;
}

/** Lets go of the incremental state of the least recently checked documents past RETAINED_TEXT (never the newest). */
function releaseOldestState(): void {
  let total = 0;
  for (const length of lengths.values()) total += length;
  for (const [uri, length] of lengths) {
    if (total <= RETAINED_TEXT || lengths.size <= 1) break;
    total -= length;
    lengths.delete(uri);
    extractors.get(uri)?.dispose();
    extractors.delete(uri);
  }
}

/** Lets go of the least recent kept analyses past RETAINED_ITEMS (never the newest). */
function releaseOldestAnalyses(): void {
  let total = 0;
  for (const { items } of kept.values()) total += items;
  for (const [uri, { items }] of kept) {
    if (total <= RETAINED_ITEMS || kept.size <= 1) break;
    total -= items;
    kept.delete(uri);
  }
}

/** How the runtime hosting the checker takes part in a request: early diagnostics, and memory after a check. */
export interface CheckerHost {
  /** A check's diagnostics, sent before its answer so the editor shows them while the analysis is serialized. */
  sendDiagnostics(id: number, diagnostics: Uint8Array): void;
  /** A spare buffer to write diagnostics into (one the server gave back), if there is one. */
  takeSpare(): ArrayBuffer | undefined;
  /** After a check of a text this long, read whole or not: the thread decides when to collect garbage. */
  checked(length: number, readWhole: boolean): void;
}

/** The length of an open document as last checked, 0 once closed. */
export function checkedLength(uri: string): number {
  return lengths.get(uri) ?? 0;
}

export function handle(request: CheckRequest, id: number, host: CheckerHost): unknown {
  switch (request.type) {
    case 'check': {
      const incremental = extractors.get(request.uri) ?? new IncrementalExtractor();
      extractors.delete(request.uri);
      extractors.set(request.uri, incremental);
      lengths.delete(request.uri);
      lengths.set(request.uri, request.text.length);
      releaseOldestState();
      const analysis = analyze(request.text, request.kind, { ...options(request), incremental });
      host.checked(request.text.length, incremental.lastUpdate === 'full');
      // The diagnostics go first, so the editor shows them while the analysis is serialized.
      host.sendDiagnostics(id, diagnosticsJsonBytes(analysis.findings, ...diagnosticContext(request), roomForPublish(request.uri), host.takeSpare()));
      kept.delete(request.uri);
      const items = itemCount(analysis);
      if (items <= SENT_WITH_CHECK) return { analysis: JSON.stringify(plainAnalysis(analysis)) } satisfies CheckAnswer;
      kept.set(request.uri, { version: request.version, analysis, items });
      releaseOldestAnalyses();
      return { kept: true } satisfies CheckAnswer;
    }
    case 'analysisOf': {
      const analysis = keptAnalysis(request);
      return analysis ? JSON.stringify(analysisForLookups(analysis)) : null;
    }
    case 'fixesOf': {
      const analysis = keptAnalysis(request);
      return analysis ? JSON.stringify(findingAt(analysis.findings, request.rule, request.start, request.end)?.fixes ?? []) : null;
    }
    case 'analyze':
      return JSON.stringify(plainAnalysis(analyze(request.text, request.kind, options(request))));
    case 'diagnose':
      return diagnosticsJsonBytes(analyze(request.text, request.kind, options(request)).findings, ...diagnosticContext(request));
    case 'fixAll':
      return fixAll(request.text, request.kind, options(request)).text;
    case 'close':
      lengths.delete(request.uri);
      extractors.get(request.uri)?.dispose();
      extractors.delete(request.uri);
      kept.delete(request.uri);
      return null;
  }
}
