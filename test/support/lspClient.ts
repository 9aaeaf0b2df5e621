/**
 * A real LSP client (vscode-languageserver-protocol) talking to the built server in a child
 * process, with waits on conditions instead of sleeps.
 */
import { pathToFileURL } from 'node:url';
import { ChildProcess, fork, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection, Diagnostic, IPCMessageReader, IPCMessageWriter, ProtocolConnection, PublishDiagnosticsParams,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';

export const SERVER = path.join(__dirname, '..', '..', '..', 'dist', 'server.js');

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  /** Called for every publication, in order (the diagnostics map keeps only the latest per document). */
  readonly publications: ((params: PublishDiagnosticsParams) => void)[] = [];
  settings: Record<string, unknown> = {};
  configurationRequests = 0;
  /** What the server wrote to the client's log (the output channel), in order. */
  readonly logs: string[] = [];

  private constructor(private readonly child: ChildProcess, transport: 'stdio' | 'node-ipc') {
    this.connection =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const listener of this.publications) listener(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  /** Starts the built server, or any other Node language server script given as `serverScript`. */
  static async start(
    transport: 'stdio' | 'node-ipc' = 'stdio',
    settings: Record<string, unknown> = {},
    serverScript = SERVER,
    workspaceFolders: string[] = [],
    env: Record<string, string> = {},
  ): Promise<LspClient> {
    const options = { env: { ...process.env, ...env } };
    const child =
      transport === 'stdio'
        ? spawn(process.execPath, [...(process.env.DPS_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean), serverScript, '--stdio'], { ...options, stdio: ['pipe', 'pipe', 'inherit'] })
        : fork(serverScript, ['--node-ipc'], { ...options, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const client = new LspClient(child, transport);
    client.settings = settings;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: workspaceFolders.map((folder) => ({ uri: pathToFileURL(folder).toString(), name: folder })),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves once `predicate` holds for the diagnostics of `uri`; rejects after `timeoutMs`. */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const last = () => JSON.stringify(this.diagnostics.get(uri))?.slice(0, 2000);
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${last()}`)), timeoutMs);
      const check = () => {
        const current = this.diagnostics.get(uri);
        if (current && predicate(current)) {
          clearTimeout(timer);
          resolve(current.diagnostics);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server's process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.exitCode === null) await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** Applies LSP text edits to a text (edits from one WorkspaceEdit never overlap). */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((acc, e) => acc.slice(0, offset(e.range.start)) + e.newText + acc.slice(offset(e.range.end)), text);
}

/** The hover at a diagnostic and its preferred quick fix, asked for as an editor asks. */
export async function hoverAndPreferredFix(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<{ hover: string; preferred: CodeAction | undefined }> {
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start })) as Hover;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
  return { hover: (hover.contents as { value: string }).value, preferred: actions.find((a) => a.isPreferred) };
}

/** Sends a fixed text as version 2 and returns what is left to fix: its public-bind diagnostics and what fix-all offers. */
export async function leftAfterFix(client: LspClient, uri: string, fixed: string): Promise<{ publicBind: Diagnostic[]; fixAll: CodeAction[] }> {
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.dockerPortSafety'] },
  })) as CodeAction[];
  return { publicBind: after.filter((d) => d.code === 'public-bind'), fixAll };
}
