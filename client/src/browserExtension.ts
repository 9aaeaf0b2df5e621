/**
 * The extension in VS Code for the Web (vscode.dev, github.dev, a VS Code server's web worker
 * extension host): the same language server, built as a web worker script, and files read
 * through the editor's file system on the server's request, so a virtual workspace (a GitHub
 * repository opened remotely) gets the same findings, port map and workspace check.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, DockerPortSafetyApi, startExtension } from './extension';

let client: LanguageClient | undefined;

/** The browser's Worker (the project compiles against Node's types, not the DOM library). */
declare const Worker: new (url: string) => Exclude<ConstructorParameters<typeof LanguageClient>[2], (...args: never[]) => unknown>;

export async function activate(context: vscode.ExtensionContext): Promise<DockerPortSafetyApi> {
  const url = (...path: string[]) => browserUrl(vscode.Uri.joinPath(context.extensionUri, 'dist', ...path));
  const [serverUrl, treeSitter, bash] = await Promise.all([url('web', 'server.js'), url('tree-sitter.wasm'), url('tree-sitter-bash.wasm')]);
  const outputChannel = vscode.window.createOutputChannel('Docker Port Safety', { log: true });
  context.subscriptions.push(outputChannel);
  const options = clientOptions(outputChannel, { grammarFiles: { 'tree-sitter.wasm': treeSitter, 'tree-sitter-bash.wasm': bash } });
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
 * started and nothing fetched inside one; the extension host's fetch maps it to the URL the
 * editor serves the file at, which the response names (a HEAD request: only the URL is wanted).
 */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') return uri.toString(true);
  const response = await fetch(uri.toString(true), { method: 'HEAD' });
  return response.url || uri.toString(true);
}

/** A folder as the server names it: a path on disk, or a URI. */
function folderUri(folder: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(folder) ? vscode.Uri.parse(folder) : vscode.Uri.file(folder);
}

/** Folders a walk never enters, as on disk (workspace/files.ts). */
const SKIPPED = ['node_modules', '.git', '.hg', '.svn'];

/**
 * Every file under each folder, `.gitignore` files included (the server walks the list as it walks
 * a disk: server/src/workspace/listedFiles.ts). The editor's file search where it answers; where it
 * cannot (a VS Code server without its ripgrep), the folders are walked through the file system,
 * which every workspace has.
 */
function listFiles(folders: string[]): Promise<{ root: string; files: string[] }[]> {
  return Promise.all(
    folders.map(async (folder) => {
      const root = folderUri(folder);
      let files: vscode.Uri[];
      try {
        files = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), `**/{${SKIPPED.join(',')}}/**`);
      } catch {
        files = await walk(root);
      }
      return { root: root.toString(), files: files.map((uri) => uri.toString()) };
    }),
  );
}

async function walk(folder: vscode.Uri): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  const pending = [folder];
  for (let next = pending.pop(); next; next = pending.pop()) {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(next);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const uri = vscode.Uri.joinPath(next, name);
      if (type & vscode.FileType.Directory) {
        if (!SKIPPED.includes(name)) pending.push(uri);
      } else if (type & vscode.FileType.File) files.push(uri);
    }
  }
  return files;
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
