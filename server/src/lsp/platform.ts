/**
 * What the language server needs from the runtime it runs in: the connection, a checker, and the
 * files beside documents and under folders. Under Node (nodePlatform.ts) these are a stdio or IPC
 * connection, a checker thread and the disk; in a browser's web worker (browserPlatform.ts) they
 * are the worker's messages, a checker in the same thread and the editor's file system, asked
 * through the client. The entry sets the platform before server.ts is loaded.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import type { DocumentKind } from '../engine/model';
import type { CheckedFile, PortMapEntry } from '../engine/portMap';
import type { Settings } from '../engine/settings';
import type { Analysis } from '../engine/analyze';
import type { CheckerRequests, ThreadStopped } from './checks/checkerRequests';

export interface WorkspaceFile {
  /** A path on disk, or the document's URI where there is no disk (see URI.pathOf). */
  path: string;
  kind: DocumentKind;
}

export type AnalyzeFile = (path: string, kind: DocumentKind, text: string) => Promise<Analysis>;

export interface ServerPlatform {
  connection: Connection;
  /** Diagnostics bytes from the checker are written out as they are (Node over stdio, see lspRawJson). */
  writesRawDiagnostics: boolean;
  /** `onStopped`: the checker's thread died, where it has one (a fresh one answers the next request). */
  newChecker(params: InitializeParams, onStopped: ThreadStopped): CheckerRequests;
  /**
   * Texts of files beside a document (`.env`, the other Compose files) for the checker, by path:
   * undefined when the checker reads them itself (from disk), else every path with its text or
   * null when there is no such file.
   */
  readBeside(paths: string[]): Promise<Record<string, string | null> | undefined>;
  /** A file's text, undefined when there is none. */
  readFile(path: string): Promise<string | undefined>;
  /** The files under the folders that "Check Workspace" and the port map cover. */
  workspaceFiles(folders: string[]): Promise<WorkspaceFile[]>;
  /** The port map of the folders, open documents as typed. */
  portMap(folders: string[], open: CheckedFile[], settings: Settings, analyzeFile: AnalyzeFile): Promise<PortMapEntry[]>;
}

let current: ServerPlatform | undefined;

export function useServerPlatform(platform: ServerPlatform): void {
  current = platform;
}

export function serverPlatform(): ServerPlatform {
  if (!current) throw new Error('the language server was loaded without a platform (start it from lsp/main.ts or lsp/browserMain.ts)');
  return current;
}
