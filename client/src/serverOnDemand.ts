/**
 * The language client, started once something needs it (see serverDemand.ts): an open document
 * the server would read, "Check Workspace", the Published Ports view. Until then the extension
 * only listens to documents opening and changing, and has loaded no client library.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { changeNeedsServer, documentNeedsServer } from './serverDemand';

/** What tests learn about the start (the extension's API). */
export interface ServerStartState {
  /** Why the server started (a document's URI or a command's name); undefined while it has not. */
  startedFor(): string | undefined;
  /** Whether the extension has decided about this open document (URI string). */
  considered(uri: string): boolean;
  /** Milliseconds spent deciding about documents so far (reading their text and testing it): what opening a file costs here. */
  decidingMs(): number;
}

export class ServerOnDemand implements vscode.Disposable, ServerStartState {
  private starting: Promise<BaseLanguageClient> | undefined;
  private reason: string | undefined;
  private readonly decided = new Set<string>();
  private deciding = 0;
  private readonly listeners: vscode.Disposable[] = [];

  /**
   * `create` builds the client (and loads its library); `started` runs once it has started.
   * `selector`: the client's document selector, which says which documents the server sees at all.
   */
  constructor(
    private readonly create: () => Promise<BaseLanguageClient>,
    private readonly started: (client: BaseLanguageClient) => Promise<void>,
    private readonly selector: vscode.DocumentSelector,
  ) {}

  /** Looks at the open documents now, then at every document that opens or changes until the server runs. */
  watch(): void {
    this.listeners.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.consider(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.starting || event.contentChanges.length === 0) return;
        if (changeNeedsServer(event.document, event.contentChanges, this.inSelector(event.document))) void this.client(event.document.uri.toString()).catch(() => undefined);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.decided.delete(document.uri.toString())),
    );
    for (const document of vscode.workspace.textDocuments) this.consider(document);
  }

  /** The running client, started now for `reason` if nothing started it before. */
  client(reason: string): Promise<BaseLanguageClient> {
    if (!this.starting) {
      this.reason = reason;
      this.stopWatching();
      this.starting = this.start().catch((error) => {
        // A failed start (the worker or process refused) may be retried by a command or the view.
        this.starting = undefined;
        this.reason = undefined;
        throw error;
      });
    }
    return this.starting;
  }

  startedFor(): string | undefined {
    return this.reason;
  }

  considered(uri: string): boolean {
    return this.starting !== undefined || this.decided.has(uri);
  }

  private async start(): Promise<BaseLanguageClient> {
    const client = await this.create();
    await client.start();
    await this.started(client);
    return client;
  }

  private inSelector(document: vscode.TextDocument): boolean {
    return vscode.languages.match(this.selector, document) > 0;
  }

  decidingMs(): number {
    return this.deciding;
  }

  private consider(document: vscode.TextDocument): void {
    if (this.starting) return;
    const uri = document.uri.toString();
    const started = performance.now();
    const needed = documentNeedsServer(document, this.inSelector(document));
    this.deciding += performance.now() - started;
    if (needed) {
      void this.client(uri).catch(() => undefined);
      return;
    }
    this.decided.add(uri);
  }

  private stopWatching(): void {
    for (const listener of this.listeners.splice(0)) listener.dispose();
  }

  dispose(): void {
    this.stopWatching();
  }
}
