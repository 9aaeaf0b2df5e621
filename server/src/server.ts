#!/usr/bin/env node
/**
 * The language server: the only file that knows the LSP connection. It keeps documents, reads
 * settings through workspace/configuration, and turns the engine's findings into diagnostics,
 * hovers and code actions. `node dist/server.js --stdio` (or `--node-ipc`) serves any editor.
 */
import * as path from 'path';
import {
  CodeAction, CodeActionKind, createConnection, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification,
  InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind, TextEdit as LspTextEdit, WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { analyze, Analysis, fixAll, ruleContext } from './analyze';
import { documentKindByContent } from './documentKind';
import { minimalEdit, withoutOverlaps } from './edits';
import type { CheckedFile, PortMapEntry, PortMapSource } from './portMap';
import { WorkspacePortMap } from './workspace/workspacePortMap';
import { loadBashGrammar } from './extract/shell/bashParser';
import { IncrementalExtractor } from './extract/incremental';
import { hoverAt } from './hover';
import { collectWhenIdle, postponeCollection } from './idleCollection';
import type { DocumentKind, TextEdit } from './model';
import { LineIndex } from './positions';
import { Finding, ruleDocsUrl, Severity } from './rules/rule';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from './settings';
import { ignoreComment } from './suppression';
import { besideFile, readOptional } from './workspace/checkFile';
import { findFiles } from './workspace/files';

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerPortSafety`;
const SOURCE = 'docker-port-safety';
/** Documents this long leave enough garbage after a whole read to be worth collecting (see idleCollection). */
const LARGE_DOCUMENT = 100_000;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface DiagnosticData {
  fixes: { title: string; edits: LspTextEdit[] }[];
  rule: string;
  /** Line above which an ignore comment silences this finding. */
  anchorLine: number;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const extractors = new Map<string, IncrementalExtractor>();
const analyses = new Map<string, { version: number; analysis: Analysis; settings: Settings }>();
const pending = new Map<string, NodeJS.Timeout>();
const checkDurations = new Map<string, number>();
let settings: Settings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
let grammarReady: Promise<void> = Promise.resolve();
/** Checks wait for the client's settings, so a document is never first checked with the wrong ones. */
let markSettingsReady: () => void = () => undefined;
const settingsReady = new Promise<void>((resolve) => (markSettingsReady = resolve));
const workspaceChecked = new Set<string>();
/** Folders the port map covers: the client's workspace folders, kept current by its notifications. */
let workspaceFolders: string[] = [];
const portMap = new WorkspacePortMap();
let portMapTimer: NodeJS.Timeout | undefined;

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
    .map((f) => URI.toFilePath(f.uri))
    .filter((p): p is string => p !== undefined);
  settings = normalizeSettings(params.initializationOptions?.settings ?? {}).settings;
  grammarReady = loadBashGrammar().catch((error) => connection.console.error(`Cannot load the bash grammar: ${error}`));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
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
}

connection.onDidChangeConfiguration((change) => {
  void refreshSettings((change.settings as { dockerPortSafety?: unknown } | undefined)?.dockerPortSafety);
});

function fileNameOf(uri: string): string {
  return URI.toFilePath(uri) ?? uri;
}

function kindOf(document: TextDocument): DocumentKind | undefined {
  return documentKindByContent(fileNameOf(document.uri), document.languageId, document.getText());
}

/**
 * Checks are coalesced: a burst of changes runs one check on the newest text, never a stale one.
 * The wait before a check is half what the last check of that document took (at most 30 ms):
 * cheap documents are checked at once, expensive ones wait for the keystrokes already on their way.
 */
function schedule(document: TextDocument): void {
  const existing = pending.get(document.uri);
  if (existing) clearTimeout(existing);
  const delay = Math.min(30, (checkDurations.get(document.uri) ?? 0) / 2);
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      void Promise.all([grammarReady, settingsReady]).then(() => validate(document.uri));
    }, delay),
  );
}

function validate(uri: string): void {
  const document = documents.get(uri);
  if (!document) return;
  const kind = kindOf(document);
  if (!kind) return;
  const text = document.getText();
  const index = new LineIndex(text);
  if (Buffer.byteLength(text) > settings.maxFileSize) {
    analyses.delete(uri);
    void connection.sendDiagnostics({
      uri,
      version: document.version,
      diagnostics: [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `Not checked: the file is larger than dockerPortSafety.maxFileSize (${settings.maxFileSize} bytes).`,
      }],
    });
    return;
  }
  const started = performance.now();
  const analysis = analyzeDocument(document, kind, text);
  checkDurations.set(uri, performance.now() - started);
  analyses.set(uri, { version: document.version, analysis, settings });
  const readWhole = extractors.get(uri)?.lastUpdate === 'full' || kind === 'dockerfile';
  if (text.length > LARGE_DOCUMENT && readWhole) collectWhenIdle();
  else postponeCollection();
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics: analysis.findings.map((f) => toDiagnostic(f, index, uri)) });
  announcePortMapChange();
}

/** Tells the client the map may have changed (a check finished); bursts of checks send one notice. */
function announcePortMapChange(): void {
  if (portMapTimer) return;
  portMapTimer = setTimeout(() => {
    portMapTimer = undefined;
    void connection.sendNotification('dockerPortSafety/portMapChanged');
  }, 20);
}

/** Open documents with their unsaved text, as last checked (or checked now when they changed since). */
function openCheckedFiles(): CheckedFile[] {
  const files: CheckedFile[] = [];
  for (const document of documents.all()) {
    const kind = kindOf(document);
    if (!kind) continue;
    const current = analyses.get(document.uri);
    const text = document.getText();
    const analysis = current && current.version === document.version && current.settings === settings ? current.analysis : analyzeDocument(document, kind, text);
    files.push({ uri: document.uri, text, facts: analysis.facts, findings: analysis.findings });
  }
  return files;
}

function analyzeDocument(document: TextDocument, kind: DocumentKind, text: string): Analysis {
  const filePath = URI.toFilePath(document.uri);
  let incremental = extractors.get(document.uri);
  if (!incremental) {
    incremental = new IncrementalExtractor();
    extractors.set(document.uri, incremental);
  }
  return analyze(text, kind, { settings, ...besideFile(filePath, kind, openText), incremental });
}

function openText(filePath: string): string | undefined {
  return documents.all().find((d) => URI.toFilePath(d.uri) === filePath)?.getText();
}

function toDiagnostic(finding: Finding, index: LineIndex, uri: string): Diagnostic {
  const range = { start: index.position(finding.span.start), end: index.position(finding.span.end) };
  const data: DiagnosticData = {
    rule: finding.rule,
    anchorLine: index.position(finding.anchor ?? finding.span.start).line,
    fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => toLspEdit(e, index)) })),
  };
  return {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: SOURCE,
    message: finding.message,
    data,
    relatedInformation: finding.related?.map((related) => {
      const relatedUri = related.file ? URI.fromFilePath(related.file) : uri;
      const relatedText = related.file ? openText(related.file) ?? readOptional(related.file) ?? '' : undefined;
      const relatedIndex = relatedText === undefined ? index : new LineIndex(relatedText);
      return {
        location: { uri: relatedUri, range: { start: relatedIndex.position(related.span.start), end: relatedIndex.position(related.span.end) } },
        message: `Also published ${related.message}${related.file ? ` in ${path.basename(related.file)}` : ''}`,
      };
    }),
  };
}

function toLspEdit(edit: TextEdit, index: LineIndex): LspTextEdit {
  return { range: { start: index.position(edit.start), end: index.position(edit.end) }, newText: edit.newText };
}

documents.onDidOpen((event) => schedule(event.document));
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose((event) => {
  const uri = event.document.uri;
  const timer = pending.get(uri);
  if (timer) clearTimeout(timer);
  pending.delete(uri);
  checkDurations.delete(uri);
  analyses.delete(uri);
  extractors.get(uri)?.dispose();
  extractors.delete(uri);
  // A file checked by "Check Workspace" keeps its findings in the Problems view after closing,
  // as they stand on disk; any other closed file's findings go.
  const filePath = URI.toFilePath(uri);
  if (workspaceChecked.has(uri) && filePath) publishFromDisk(filePath, kindOf(event.document));
  else void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover(async (params) => {
  await Promise.all([grammarReady, settingsReady]);
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const current = analyses.get(document.uri);
  const kind = kindOf(document);
  if (!kind) return null;
  const text = document.getText();
  const analysis = current && current.version === document.version && current.settings === settings ? current.analysis : analyzeDocument(document, kind, text);
  const index = new LineIndex(text);
  const hover = hoverAt(analysis.facts, index.offset(params.position), ruleContext({ settings }));
  if (!hover) return null;
  return {
    contents: { kind: 'markdown', value: hover.markdown },
    range: { start: index.position(hover.span.start), end: index.position(hover.span.end) },
  };
});

connection.onCodeAction(async (params) => {
  await Promise.all([grammarReady, settingsReady]);
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
      data.fixes.forEach((fix, i) =>
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0, edit: { changes: { [uri]: fix.edits } } }),
      );
      actions.push(ignoreAction(document, kind, diagnostic, data));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const text = document.getText();
    const fixed = fixAll(text, kind, { settings, ...besideFile(URI.toFilePath(uri), kind, openText) });
    const edit = minimalEdit(text, fixed.text);
    if (edit) {
      const index = new LineIndex(text);
      actions.push({ title: 'Fix all port bindings in this file', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [toLspEdit(edit, index)] } } });
    }
  }
  return actions;
});

function ignoreAction(document: TextDocument, kind: DocumentKind, diagnostic: Diagnostic, data: DiagnosticData): CodeAction {
  const line = data.anchorLine;
  const text = document.getText();
  const index = new LineIndex(text);
  const lineText = index.lineText(line);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const style = kind === 'devcontainer' ? 'slash' : 'hash';
  return {
    title: `Ignore ${data.rule} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: ignoreComment(lineText, data.rule, style) + eol }] } },
  };
}

/** Checks a file as it is on disk and publishes its findings; returns how many. */
function publishFromDisk(filePath: string, kind: DocumentKind | undefined): number {
  const uri = URI.fromFilePath(filePath);
  const text = readOptional(filePath);
  if (!kind || text === undefined || Buffer.byteLength(text) > settings.maxFileSize) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return 0;
  }
  const analysis = analyze(text, kind, { settings, ...besideFile(filePath, kind, openText) });
  const index = new LineIndex(text);
  void connection.sendDiagnostics({ uri, diagnostics: analysis.findings.map((f) => toDiagnostic(f, index, uri)) });
  return analysis.findings.length;
}

/** "Docker Port Safety: Check Workspace": every matching file under the folders, open or not. */
connection.onRequest('dockerPortSafety/checkWorkspace', async (params: { folders: string[] }) => {
  await Promise.all([grammarReady, settingsReady]);
  const { files } = findFiles(params.folders);
  let findings = 0;
  for (const file of files) {
    const uri = URI.fromFilePath(file.path);
    workspaceChecked.add(uri);
    const open = documents.get(uri);
    findings += open ? analyses.get(uri)?.analysis.findings.length ?? 0 : publishFromDisk(file.path, file.kind);
  }
  return { files: files.length, findings };
});

/** `dockerPortSafety/portMap`: every published port of the workspace folders (or of `folders`), open documents as typed. */
connection.onRequest('dockerPortSafety/portMap', async (params: { folders?: string[] } | undefined): Promise<{ ports: PortMapEntry[] }> => {
  await Promise.all([grammarReady, settingsReady]);
  const folders = params?.folders ?? workspaceFolders;
  return { ports: portMap.build(folders, openCheckedFiles(), settings, openText) };
});

/** `dockerPortSafety/bindSources`: the quick fix of every given source, as one workspace edit (the view's "Bind to 127.0.0.1"). */
connection.onRequest('dockerPortSafety/bindSources', async (params: { sources: PortMapSource[] }): Promise<WorkspaceEdit> => {
  await Promise.all([grammarReady, settingsReady]);
  const changes: Record<string, LspTextEdit[]> = {};
  const byUri = new Map<string, PortMapSource[]>();
  for (const source of params.sources ?? []) byUri.set(source.uri, [...(byUri.get(source.uri) ?? []), source]);
  for (const [uri, sources] of byUri) {
    const open = documents.get(uri);
    const filePath = URI.toFilePath(uri);
    const text = open?.getText() ?? (filePath ? readOptional(filePath) : undefined);
    const kind = open ? kindOf(open) : filePath && text !== undefined ? documentKindByContent(filePath, undefined, text) : undefined;
    if (text === undefined || !kind) continue;
    const index = new LineIndex(text);
    const { findings } = analyze(text, kind, { settings, ...besideFile(filePath, kind, openText) });
    const wanted = new Set(sources.map((s) => `${index.offset(s.range.start)}:${index.offset(s.range.end)}`));
    const edits = findings.filter((f) => f.rule === 'public-bind' && wanted.has(`${f.span.start}:${f.span.end}`)).flatMap((f) => f.fixes[0]?.edits ?? []);
    if (edits.length > 0) changes[uri] = withoutOverlaps(edits).map((e) => toLspEdit(e, index));
  }
  return { changes };
});

connection.onNotification('dockerPortSafety/workspaceFolders', (params: { folders: string[] }) => {
  workspaceFolders = params.folders;
});

documents.listen(connection);
connection.listen();
