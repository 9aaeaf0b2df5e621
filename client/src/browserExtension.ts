/**
 * The extension in VS Code for the Web (vscode.dev, github.dev, a VS Code server's web worker
 * extension host): the same language server, built as a web worker script, and files read
 * through the editor's file system on the server's request, so a virtual workspace (a GitHub
 * repository opened remotely) gets the same findings, port map and workspace check.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, DockerPortSafetyApi, startExtension } from './startExtension';

let client: LanguageClient | undefined;

/** The browser's Worker (the project compiles against Node's types, not the DOM library). */
declare const Worker: new (url: string) => Exclude<ConstructorParameters<typeof LanguageClient>[2], (...args: never[]) => unknown>;

export async function activate(context: vscode.ExtensionContext): Promise<DockerPortSafetyApi> {
  const serverUrl = await browserUrl(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js'));
  const outputChannel = vscode.window.createOutputChannel('Docker Port Safety', { log: true });
  context.subscriptions.push(outputChannel);
  // The grammar's wasm files sit in dist/, one folder up from the server script.
  const options = clientOptions(outputChannel, { grammarLocation: new URL('../', serverUrl).href });
  client = new LanguageClient('dockerPortSafety', 'Docker Port Safety', new Worker(serverUrl), options);
  client.onRequest('dockerPortSafety/listFiles', ({ folders }: { folders: string[] }) => listFiles(folders));
  client.onRequest('dockerPortSafety/readFiles', ({ uris, maxBytes }: { uris: string[]; maxBytes?: number }) => Promise.all(uris.map((uri) => readText(uri, maxBytes))));
  return startExtension(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * The URL a browser loads one of the extension's files from. The extension's own URI may have a
 * scheme only the editor knows (`vscode-remote:` on a VS Code server), from which no worker can be
 * started; the editor's fetch follows it to the URL it serves the file at.
 */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') return uri.toString(true);
  const response = await fetch(uri.toString(true));
  void response.body?.cancel();
  return response.url || uri.toString(true);
}

/** A folder as the server names it: a path on disk, or a URI. */
function folderUri(folder: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(folder) ? vscode.Uri.parse(folder) : vscode.Uri.file(folder);
}

/** Every file under the folders (the server picks by name), without what a walk never enters. */
async function listFiles(folders: string[]): Promise<string[]> {
  const lists = await Promise.all(folders.map((folder) => vscode.workspace.findFiles(new vscode.RelativePattern(folderUri(folder), '**/*'), '**/{node_modules,.git,.hg,.svn}/**')));
  return lists.flat().map((uri) => uri.toString());
}

/** A file's text through the editor's file system; null when it is not there or larger than `maxBytes`. */
async function readText(uri: string, maxBytes?: number): Promise<string | null> {
  try {
    const location = folderUri(uri);
    if (maxBytes !== undefined && (await vscode.workspace.fs.stat(location)).size > maxBytes) return null;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(location));
  } catch {
    return null;
  }
}
