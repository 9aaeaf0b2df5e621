/**
 * The language server: the only file that knows the LSP connection. It keeps documents, reads
 * settings through workspace/configuration, and turns the engine's findings into diagnostics,
 * hovers and code actions. `node dist/server.js --stdio` (or `--node-ipc`) serves any editor.
 *
 * Analyses run on a checker thread (checks/checkerThread.ts): this thread only keeps documents and
 * the last analysis of each, so hovers, code actions and the port map answer while a long check
 * runs, and a burst of edits to one document runs one check on its newest text.
 */
import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification,
  InitializeResult, InlayHint, TextDocuments, TextDocumentSyncKind, TextEdit as LspTextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from '../workspace/uri';
import { Analysis, ruleContext } from '../engine/analyze';
import { CheckerStopped, type CheckerRequests } from './checks/checkerRequests';
import { findingAt, preferredFix } from '../engine/rules/rule';
import { isIntendedPublic } from '../engine/intent/publicClass';
import { DiagnosticData, SOURCE, toLspEdit } from './lspDiagnostics';
import { RawJson } from './lspRawJson';
import { serverPlatform } from './platform';
import type { CheckAnswer, FileInput, LookupAnalysis } from './checks/protocol';
import { documentKindByContent } from '../engine/readers/documentKind';
import { readerOf } from '../engine/readers/registry';
import { minimalEdit, withoutOverlaps } from '../engine/edits';
import type { CheckedFile, PortMapEntry, PortMapSource } from '../engine/portMap';
import { hoverAt } from '../engine/hover';
import { addressHints } from '../engine/inlayHints';
import type { DocumentKind, TextEdit } from '../engine/model';
import { LineIndex } from '../engine/positions';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from '../engine/settings';
import { ignoreComment } from '../engine/suppression';
import { composeProjectSiblings, dotEnvPath } from '../engine/project';

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerPortSafety`;
const platform = serverPlatform();
const connection = platform.connection;
const documents = new TextDocuments(TextDocument);
/** The last analysis of each open document, for the version and settings it was made with. */
const analyses = new Map<string, CheckedVersion>();

/** A document's text as checked, which version that was, and the analysis of that text. */
interface Checked {
  text: string;
  version: number;
  analysis: LookupAnalysis;
}

/**
 * One check's answer. Its analysis is parsed the first time it is read: from the JSON that came
 * with the check, or fetched from the checker thread, which keeps large ones (see CheckAnswer).
 */
class CheckedVersion {
  private parsed: Promise<Checked | undefined> | undefined;
  constructor(readonly uri: string, readonly version: number, readonly settings: Settings, readonly text: string, private answer: CheckAnswer) {}

  /** Undefined when the thread no longer has the analysis: a newer check of the document replaced it. */
  checked(): Promise<Checked | undefined> {
    this.parsed ??= (async () => {
      const json = 'analysis' in this.answer ? this.answer.analysis : await checker!.analysisOf(this.uri, this.version).catch(() => null);
      this.answer = { kept: true };
      return json === null ? undefined : { text: this.text, version: this.version, analysis: JSON.parse(json) as LookupAnalysis };
    })();
    return this.parsed;
  }
}
const pending = new Map<string, NodeJS.Timeout>();
let settings: Settings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
/** The client asks for hints again when told (`workspace/inlayHint/refresh`), e.g. after the setting changed. */
let canRefreshInlayHints = false;
let checker: CheckerRequests | undefined;
/** Documents whose check is on the checker thread, and those changed again meanwhile. */
const running = new Map<string, Promise<void>>();
const checkAgain = new Set<string>();
/** Checks wait for the client's settings, so a document is never first checked with the wrong ones. */
let markSettingsReady: () => void = () => undefined;
const settingsReady = new Promise<void>((resolve) => (markSettingsReady = resolve));
const workspaceChecked = new Set<string>();
/** Folders the port map covers: the client's workspace folders, kept current by its notifications. */
let workspaceFolders: string[] = [];
let portMapTimer: NodeJS.Timeout | undefined;

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
    .map((f) => URI.pathOf(f.uri))
    .filter((p): p is string => p !== undefined);
  settings = normalizeSettings(params.initializationOptions?.settings ?? {}).settings;
  checker = platform.newChecker(params, threadStopped);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    },
    serverInfo: { name: SOURCE, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev' },
  };
});

declare const PACKAGE_VERSION: string;

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerPortSafety' }).catch(() => undefined);
    await refreshSettings();
  }
  markSettingsReady();
});

async function refreshSettings(pushed?: unknown): Promise<void> {
  let raw: unknown = pushed;
  if (canPullConfiguration) {
    try {
      raw = await connection.workspace.getConfiguration({ section: 'dockerPortSafety' });
    } catch {
      raw = pushed;
    }
  }
  const { settings: next, problems } = normalizeSettings(raw ?? {});
  settings = next;
  for (const problem of problems) connection.window.showWarningMessage(`Docker Port Safety: ${problem}`);
  for (const document of documents.all()) schedule(document);
  if (canRefreshInlayHints) connection.languages.inlayHint.refresh().catch(() => undefined);
}

connection.onDidChangeConfiguration((change) => {
  void refreshSettings((change.settings as { dockerPortSafety?: unknown } | undefined)?.dockerPortSafety);
});

function fileNameOf(uri: string): string {
  return URI.pathOf(uri) ?? uri;
}

function kindOf(document: TextDocument): DocumentKind | undefined {
  return documentKindByContent(fileNameOf(document.uri), document.languageId, document.getText());
}

/**
 * Checks are coalesced: the changes that arrive together (one read of the client's messages) run
 * one check, and the versions that arrive while a check runs wait for it and run one check on the
 * newest text (see runCheck). No fixed wait: an edit is checked as soon as the thread is free.
 */
function schedule(document: TextDocument): void {
  if (pending.has(document.uri)) return;
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      void settingsReady.then(() => runCheck(document.uri));
    }, 0),
  );
}

/**
 * Checks a document on the checker thread. A check already running for it is not interrupted, but
 * the versions that arrive meanwhile wait and only the newest is checked after it: a newer version
 * supersedes the older ones.
 */
function runCheck(uri: string): Promise<void> {
  const current = running.get(uri);
  if (current) {
    checkAgain.add(uri);
    return current;
  }
  const run = (async () => {
    do {
      checkAgain.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      const kind = kindOf(document);
      const text = document.getText();
      const version = document.version;
      if (!kind) {
        // YAML that is no longer Compose (its services were deleted): nothing of it stays shown.
        if (analyses.delete(uri)) void connection.sendDiagnostics({ uri, version, diagnostics: [] });
        continue;
      }
      if (Buffer.byteLength(text) > settings.maxFileSize) {
        analyses.delete(uri);
        publishTooLarge(uri, version);
        continue;
      }
      const checkedWith = settings;
      let answer: CheckAnswer;
      let published = false;
      const publish = (diagnostics: Uint8Array) => {
        // Diagnostics for a version that newer edits already superseded would only flicker.
        if (checkAgain.has(uri) || !documents.get(uri)) return;
        published = true;
        // Once written out (or parsed, off stdio) the buffer goes back to the thread for the next check.
        connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsFromJson(diagnostics) }).then(
          () => checker?.recycle(diagnostics.buffer as ArrayBuffer),
          () => undefined,
        );
      };
      if (stoppedOn.get(uri) === version) continue;
      try {
        answer = await checker!.check({ type: 'check', uri, version, ...(await fileInput(URI.pathOf(uri), kind, text)) }, publish);
      } catch (error) {
        // A stopped thread is reported once, for all the checks it held (see threadStopped).
        if (!(error instanceof CheckerStopped)) connection.console.error(`Checking ${uri} failed: ${error}`);
        return;
      }
      if (!documents.get(uri)) return;
      analyses.set(uri, new CheckedVersion(uri, version, checkedWith, text, answer));
      if (!published) continue;
      announcePortMapChange();
    } while (checkAgain.has(uri));
  })().finally(() => running.delete(uri));
  running.set(uri, run);
  return run;
}

/** The version of a document the checker thread stopped on: not checked again until it changes. */
const stoppedOn = new Map<string, number>();

/**
 * The checker thread died (its heap limit, or worse): the next request starts a fresh one. Every
 * open document is checked again there, except the version it died on, which would only take the
 * new thread down too; that one says it was not checked, until it changes. Said once in the log.
 */
function threadStopped(reason: string, checking: { uri: string; version: number } | undefined): void {
  const culprit = checking && documents.get(checking.uri)?.version === checking.version ? checking : undefined;
  connection.console.error(
    `The checker thread stopped (${reason})${culprit ? ` while checking ${culprit.uri}` : ''}. A new one checks the open documents again${culprit ? ', that one once it changes' : ''}.`,
  );
  if (culprit) {
    stoppedOn.set(culprit.uri, culprit.version);
    analyses.delete(culprit.uri);
    publishNotChecked(culprit.uri, culprit.version, 'checking this version stopped the checker thread; it is checked again when it changes.');
  }
  for (const document of documents.all()) schedule(document);
}

function publishTooLarge(uri: string, version: number): void {
  publishNotChecked(uri, version, `the file is larger than dockerPortSafety.maxFileSize (${settings.maxFileSize} bytes).`);
}

function publishNotChecked(uri: string, version: number, why: string): void {
  void connection.sendDiagnostics({
    uri,
    version,
    diagnostics: [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `Not checked: ${why}`,
    }],
  });
}

/** Diagnostics serialized by the checker thread: passed through over stdio, parsed for other transports. */
function diagnosticsFromJson(json: Uint8Array): Diagnostic[] {
  return platform.writesRawDiagnostics ? (new RawJson(json) as unknown as Diagnostic[]) : parseDiagnostics(json);
}

/** Diagnostics as the checker thread writes them: UTF-8 JSON. */
function parseDiagnostics(json: Uint8Array): Diagnostic[] {
  return JSON.parse(new TextDecoder().decode(json)) as Diagnostic[];
}

/**
 * What the checker needs for a text: its path (none for untitled documents), kind, settings, and
 * the files Compose reads beside it: open ones as typed, the others as the platform reads them
 * (or left for the checker to read from disk).
 */
async function fileInput(filePath: string | undefined, kind: DocumentKind, text: string): Promise<FileInput> {
  const openTexts: Record<string, string> = {};
  if (kind === 'compose' && filePath) {
    const beside = [dotEnvPath(filePath), ...composeProjectSiblings(filePath)];
    const unopened: string[] = [];
    for (const path of beside) {
      const open = openText(path);
      if (open !== undefined) openTexts[path] = open;
      else unopened.push(path);
    }
    const read = await platform.readBeside(unopened);
    for (const [path, content] of Object.entries(read ?? {})) if (content !== null) openTexts[path] = content;
    return { filePath, kind, text, settings, openTexts, besideComplete: read !== undefined };
  }
  return { filePath, kind, text, settings, openTexts };
}

/**
 * The analysis of a document as it is now: the last one when it is current, else the one of the
 * check it waits for. A few rounds at most: a document typed into all the while answers with the
 * newest analysis there is.
 */
async function currentAnalysis(document: TextDocument): Promise<Checked | undefined> {
  for (let round = 0; round < 4; round++) {
    const current = analyses.get(document.uri);
    if (current && current.version === document.version && current.settings === settings) {
      const checked = await current.checked();
      if (checked) return checked;
      // A newer check replaced it on the thread before its answer came here: wait for that answer.
      await running.get(document.uri);
      continue;
    }
    const timer = pending.get(document.uri);
    if (timer) {
      clearTimeout(timer);
      pending.delete(document.uri);
    }
    await runCheck(document.uri);
  }
  return analyses.get(document.uri)?.checked();
}

/** Tells the client the map may have changed (a check finished); bursts of checks send one notice. */
function announcePortMapChange(): void {
  if (portMapTimer) return;
  portMapTimer = setTimeout(() => {
    portMapTimer = undefined;
    void connection.sendNotification('dockerPortSafety/portMapChanged');
  }, 20);
}

/**
 * Open documents with their unsaved text, as last checked. A document whose newer version is
 * still waiting for its check keeps its last answer (the map is announced again when the check
 * ends), so the map never waits on a long check; one never checked is checked now.
 */
async function openCheckedFiles(): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  for (const document of documents.all()) {
    const kind = kindOf(document);
    if (!kind) continue;
    // A document whose first check is still running joins the map when it ends (announced then).
    const waiting = running.has(document.uri) || pending.has(document.uri);
    // The last analysis there is, whatever version it was made for.
    const last = analyses.get(document.uri);
    const current = last ? await last.checked() : waiting ? undefined : await currentAnalysis(document);
    if (!current) continue;
    files.push({ uri: document.uri, text: current.text, facts: current.analysis.facts, findings: current.analysis.findings });
  }
  return files;
}

function openText(filePath: string): string | undefined {
  return documents.all().find((d) => URI.pathOf(d.uri) === filePath)?.getText();
}

documents.onDidOpen((event) => schedule(event.document));
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose((event) => {
  const uri = event.document.uri;
  const timer = pending.get(uri);
  if (timer) clearTimeout(timer);
  pending.delete(uri);
  analyses.delete(uri);
  checkAgain.delete(uri);
  stoppedOn.delete(uri);
  checker?.close(uri);
  // A file checked by "Check Workspace" keeps its findings in the Problems view after closing,
  // as they stand on disk; any other closed file's findings go.
  const filePath = URI.pathOf(uri);
  if (workspaceChecked.has(uri) && filePath) void publishFromDisk(filePath, kindOf(event.document));
  else void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover(async (params) => {
  await settingsReady;
  const document = documents.get(params.textDocument.uri);
  if (!document || !kindOf(document)) return null;
  const current = await currentAnalysis(document);
  if (!current) return null;
  const { analysis, text } = current;
  const index = new LineIndex(text);
  const hover = hoverAt(analysis.facts, index.offset(params.position), ruleContext({ settings }, { text, kind: analysis.facts.kind }));
  if (!hover) return null;
  return {
    contents: { kind: 'markdown', value: hover.markdown },
    range: { start: index.position(hover.span.start), end: index.position(hover.span.end) },
  };
});

/** The addresses of publishes written without one, within the range the client shows (from the analysis held). */
connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
  await settingsReady;
  if (!settings.inlayHints) return [];
  const document = documents.get(params.textDocument.uri);
  if (!document || !kindOf(document)) return [];
  const current = await currentAnalysis(document);
  if (!current) return [];
  const index = new LineIndex(current.text);
  const range = { start: index.offset(params.range.start), end: index.offset(params.range.end) };
  return addressHints(current.analysis.facts, range).map((hint) => ({
    position: index.position(hint.offset),
    label: hint.label,
    tooltip: { kind: 'markdown', value: hint.tooltip },
    paddingRight: hint.paddingRight,
  }));
});

connection.onCodeAction(async (params) => {
  await settingsReady;
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const kind = kindOf(document);
  if (!kind) return [];
  const only = params.context.only;
  const wants = (kind_: string) => !only || only.some((o) => kind_ === o || kind_.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const uri = document.uri;
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || !diagnostic.data) continue;
      const data = diagnostic.data as DiagnosticData;
      const { fixes, preferred } = await fixesFor(document, diagnostic, data.rule);
      fixes.forEach((fix, i) =>
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0 && preferred, edit: { changes: { [uri]: fix.edits } } }),
      );
      actions.push(ignoreAction(document, kind, diagnostic, data));
    }
  }
  // Fix-all runs every fix of the file on the checker thread: only when asked for by kind
  // (on save, the Source Action menu), never for the light bulb's quick fixes.
  if (only && wants(FIX_ALL_KIND)) {
    const text = document.getText();
    const fixed = await checker!.fixAll({ type: 'fixAll', ...(await fileInput(URI.pathOf(uri), kind, text)) });
    const edit = minimalEdit(text, fixed);
    if (edit) {
      const index = new LineIndex(text);
      actions.push({ title: 'Fix all port bindings in this file', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [toLspEdit(edit, index)] } } });
    }
  }
  return actions;
});

/**
 * The fixes of the finding a diagnostic shows, from the document's current analysis; `preferred`:
 * the first is the one fix-all applies (not for ports that are public by design or declared).
 */
async function fixesFor(document: TextDocument, diagnostic: Diagnostic, rule: string): Promise<{ fixes: { title: string; edits: LspTextEdit[] }[]; preferred: boolean }> {
  const current = await currentAnalysis(document);
  if (!current) return { fixes: [], preferred: false };
  const { analysis, text } = current;
  const index = new LineIndex(text);
  const start = index.offset(diagnostic.range.start);
  const end = index.offset(diagnostic.range.end);
  const finding = findingAt(analysis.findings, rule, start, end);
  if (!finding) return { fixes: [], preferred: false };
  const fixes = finding.fixes ?? (await checker!.fixesOf(document.uri, current.version, finding)) ?? [];
  return { fixes: fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => toLspEdit(e, index)) })), preferred: !isIntendedPublic(finding.publicClass) };
}

function ignoreAction(document: TextDocument, kind: DocumentKind, diagnostic: Diagnostic, data: DiagnosticData): CodeAction {
  const line = data.anchorLine;
  const text = document.getText();
  const index = new LineIndex(text);
  const lineText = index.lineText(line);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const style = readerOf(kind).ignoreComment;
  return {
    title: `Ignore ${data.rule} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: ignoreComment(lineText, data.rule, style) + eol }] } },
  };
}

/** Checks a file as it is on disk and publishes its findings; returns how many. */
async function publishFromDisk(filePath: string, kind: DocumentKind | undefined): Promise<number> {
  const uri = URI.fromFilePath(filePath);
  const text = await platform.readFile(filePath);
  if (!kind || text === undefined || Buffer.byteLength(text) > settings.maxFileSize) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return 0;
  }
  const diagnostics = parseDiagnostics(await checker!.diagnose({ type: 'diagnose', ...(await fileInput(filePath, kind, text)) }));
  void connection.sendDiagnostics({ uri, diagnostics });
  return diagnostics.length;
}

/** "Docker Port Safety: Check Workspace": every matching file under the folders, open or not. */
connection.onRequest('dockerPortSafety/checkWorkspace', async (params: { folders: string[] }) => {
  await settingsReady;
  const files = await platform.workspaceFiles(params.folders);
  let findings = 0;
  for (const file of files) {
    const uri = URI.fromFilePath(file.path);
    workspaceChecked.add(uri);
    const open = documents.get(uri);
    findings += open ? (await analyses.get(uri)?.checked())?.analysis.findings.length ?? 0 : await publishFromDisk(file.path, file.kind);
  }
  return { files: files.length, findings };
});

/** `dockerPortSafety/portMap`: every published port of the workspace folders (or of `folders`), open documents as typed. */
connection.onRequest('dockerPortSafety/portMap', async (params: { folders?: string[] } | undefined): Promise<{ ports: PortMapEntry[] }> => {
  await settingsReady;
  const folders = params?.folders ?? workspaceFolders;
  const analyzeFile = async (filePath: string, kind: DocumentKind, text: string) => checker!.analyze({ type: 'analyze', ...(await fileInput(filePath, kind, text)) });
  return { ports: await platform.portMap(folders, await openCheckedFiles(), settings, analyzeFile) };
});

/** `dockerPortSafety/bindSources`: the quick fix of every given source, as one workspace edit (the view's "Bind to 127.0.0.1"). */
connection.onRequest('dockerPortSafety/bindSources', async (params: { sources: PortMapSource[] }): Promise<WorkspaceEdit> => {
  await settingsReady;
  const changes: Record<string, LspTextEdit[]> = {};
  const byUri = new Map<string, PortMapSource[]>();
  for (const source of params.sources ?? []) byUri.set(source.uri, [...(byUri.get(source.uri) ?? []), source]);
  for (const [uri, sources] of byUri) {
    const open = documents.get(uri);
    const filePath = URI.pathOf(uri);
    const text = open?.getText() ?? (filePath ? await platform.readFile(filePath) : undefined);
    const kind = open ? kindOf(open) : filePath && text !== undefined ? documentKindByContent(filePath, undefined, text) : undefined;
    if (text === undefined || !kind) continue;
    const index = new LineIndex(text);
    const { findings } = await checker!.analyze({ type: 'analyze', ...(await fileInput(filePath, kind, text)) });
    const wanted = new Set(sources.map((s) => `${index.offset(s.range.start)}:${index.offset(s.range.end)}`));
    // Ports that are public by design or declared public are left as they are, as fix-all leaves them.
    const edits = findings.filter((f) => f.rule === 'public-bind' && wanted.has(`${f.span.start}:${f.span.end}`)).flatMap((f) => preferredFix(f)?.edits ?? []);
    if (edits.length > 0) changes[uri] = withoutOverlaps(edits).map((e) => toLspEdit(e, index));
  }
  return { changes };
});

connection.onNotification('dockerPortSafety/workspaceFolders', (params: { folders: string[] }) => {
  workspaceFolders = params.folders;
});

documents.listen(connection);
connection.listen();
