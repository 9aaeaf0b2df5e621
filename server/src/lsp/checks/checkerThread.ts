/**
 * The checker thread: every analysis the language server needs runs here, so hovers, code actions
 * and the port map on the server's main thread answer while a long check runs. It keeps each open
 * document's incremental state, as the server did before it had a thread of its own.
 */
import { parentPort } from 'worker_threads';
import { analyze, fixAll } from '../../engine/analyze';
import { IncrementalExtractor } from '../../engine/incremental/incremental';
import { loadBashGrammar } from '../../engine/readers/shell/bashParser';
import { loadGrammarFor, needsGrammarLoad } from '../../engine/readers/readerGrammars';
import { collectIfGrown, collectWhenIdle, postponeCollection } from '../idleCollection';
import { diagnosticsJsonBytes, roomForPublish } from '../lspDiagnostics';
import type { Analysis } from '../../engine/analyze';
import type { DocumentKind } from '../../engine/model';
import { READERS } from '../../engine/readers/registry';
import { findingAt } from '../../engine/rules/rule';
import { LineIndex } from '../../engine/positions';
import { URI } from '../../workspace/uri';
import { besideFile, readOptional } from '../../workspace/checkFile';
import { analysisForLookups, CheckAnswer, CheckRequest, CheckResponse, FileInput, plainAnalysis } from './protocol';

/** Documents this long leave enough garbage after a whole read to be worth collecting (see idleCollection). */
const LARGE_DOCUMENT = 100_000;
/**
 * Analyses with at most this many findings and facts travel with their check (tens of kilobytes);
 * larger ones stay here until asked for (see CheckAnswer).
 */
const SENT_WITH_CHECK = 1000;
/**
 * What the thread keeps between checks is bounded, whatever is open. Incremental state (parse
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
/** Kinds read through the bash grammar; it is loaded when the first of them arrives (memory a session of Dockerfiles and Compose files never needs). */
const SHELL_KINDS: ReadonlySet<DocumentKind> = new Set(READERS.filter((reader) => reader.usesBashGrammar).map((reader) => reader.id));

function options(input: FileInput) {
  return { settings: input.settings, ...besideFile(input.filePath, input.kind, (path) => input.openTexts[path], input.text) };
}

/** What writing a text's diagnostics needs besides its findings: positions, its URI, the texts of files they point to. */
function diagnosticContext(input: FileInput & { uri?: string }): [LineIndex, string, (file: string) => string] {
  const uri = input.uri ?? (input.filePath ? URI.fromFilePath(input.filePath) : '');
  return [new LineIndex(input.text), uri, (file) => input.openTexts[file] ?? readOptional(file) ?? ''];
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

function handle(request: CheckRequest, id: number): unknown {
  switch (request.type) {
    case 'check': {
      const incremental = extractors.get(request.uri) ?? new IncrementalExtractor();
      extractors.delete(request.uri);
      extractors.set(request.uri, incremental);
      lengths.delete(request.uri);
      lengths.set(request.uri, request.text.length);
      releaseOldestState();
      const analysis = analyze(request.text, request.kind, { ...options(request), incremental });
      const readWhole = incremental.lastUpdate === 'full';
      if (request.text.length > LARGE_DOCUMENT && readWhole) collectWhenIdle();
      else postponeCollection();
      // The diagnostics go first, so the editor shows them while the analysis is serialized. They go
      // as bytes the server's main thread writes as they are: moved, not copied, between the threads.
      const diagnostics = diagnosticsJsonBytes(analysis.findings, ...diagnosticContext(request), roomForPublish(request.uri), takeSpare());
      parentPort!.postMessage({ id: -id, result: diagnostics }, [diagnostics.buffer as ArrayBuffer]);
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

/**
 * A diagnostics buffer the server sent back once it had written its bytes out: the next check
 * writes into it. Both threads would otherwise hold megabytes of spent buffers between collections.
 */
let spare: ArrayBuffer | undefined;
/** Buffers larger than this are not kept for the next check (a pathological document's would stay for good). */
const LARGEST_SPARE = 8 * 2 ** 20;

function takeSpare(): ArrayBuffer | undefined {
  const taken = spare;
  spare = undefined;
  return taken;
}

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
  const releases = message.request.type === 'close' && (lengths.get(message.request.uri) ?? 0) > LARGE_DOCUMENT;
  if (needsGrammar) grammar ??= loadBashGrammar();
  // Source files and infrastructure code: each language's grammar loads with its first document.
  const codeGrammar = 'kind' in message.request && needsGrammarLoad(message.request.kind) ? loadGrammarFor(message.request.kind) : undefined;
  previous = previous.then(async () => {
    let response: CheckResponse;
    try {
      if (needsGrammar) await grammar;
      if (codeGrammar) await codeGrammar;
      response = { id: message.id, result: handle(message.request, message.id) };
    } catch (error) {
      response = { id: message.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(response);
    collectIfGrown(releases);
  });
});
