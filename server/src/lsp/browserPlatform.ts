/**
 * The language server in a browser's web worker (VS Code for the Web): the worker's messages, the
 * checker in this thread, and files read through the editor's file system, asked of the client
 * (`dockerPortSafety/listFiles`, `dockerPortSafety/readFiles`): a virtual workspace (a GitHub
 * repository opened in vscode.dev) has no disk here.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { buildPortMap, CheckedFile } from '../engine/portMap';
import { loadBashGrammarFrom } from '../engine/readers/shell/bashParser';
import { ListedFile, ListedFolder, listedFiles } from '../workspace/listedFiles';
import { LocalChecker } from './checks/localChecker';
import { useServerPlatform, WorkspaceFile } from './platform';

/** The worker itself (the project compiles against Node's types, not the WebWorker library). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & { location: { href: string } };

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

/** Texts of files by URI, through the client; null for a file that is not there (or larger than `maxBytes`). */
function readFiles(uris: string[], maxBytes?: number): Promise<(string | null)[]> {
  if (uris.length === 0) return Promise.resolve([]);
  return connection.sendRequest<(string | null)[]>('dockerPortSafety/readFiles', { uris, maxBytes });
}

async function readFile(uri: string): Promise<string | undefined> {
  return (await readFiles([uri]))[0] ?? undefined;
}

/** The files under the folders the editor lists, as on disk (`.gitignore`, shebangs), with their texts. */
function workspaceTexts(folders: string[], maxBytes: number): Promise<ListedFile[]> {
  return listedFiles(folders, { list: (folders) => connection.sendRequest<ListedFolder[]>('dockerPortSafety/listFiles', { folders }), read: readFiles }, maxBytes);
}

/** Where the extension's files are, as the client saw them (see the client's browser entry). */
interface BrowserInitializationOptions {
  /** URLs of tree-sitter.wasm and tree-sitter-bash.wasm. */
  grammarFiles?: Record<string, string>;
}

useServerPlatform({
  connection,
  writesRawDiagnostics: false,
  newChecker(params) {
    // Without URLs from the client, the files beside the server script's folder (dist/web/../).
    const given = (params.initializationOptions as BrowserInitializationOptions | undefined)?.grammarFiles ?? {};
    const locate = (file: string) => given[file] ?? new URL(`../${file}`, self.location.href).href;
    return new LocalChecker(() => loadBashGrammarFrom(locate, locate('tree-sitter-bash.wasm')));
  },
  async readBeside(paths) {
    const texts = await readFiles(paths);
    return Object.fromEntries(paths.map((path, i) => [path, texts[i] ?? null]));
  },
  readFile,
  workspaceFiles: (folders) => workspaceTexts(folders, Number.MAX_SAFE_INTEGER),
  async portMap(folders, open, settings, analyzeFile) {
    const openUris = new Set(open.map((f) => f.uri));
    const files: CheckedFile[] = [...open];
    for (const file of await workspaceTexts(folders, settings.maxFileSize)) {
      if (openUris.has(file.path)) continue;
      const analysis = await analyzeFile(file.path, file.kind, file.text);
      files.push({ uri: file.path, text: file.text, facts: analysis.facts, findings: analysis.findings });
    }
    return buildPortMap(files);
  },
});
