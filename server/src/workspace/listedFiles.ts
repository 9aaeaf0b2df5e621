/**
 * The files to check under folders the editor lists, where there is no disk (VS Code for the Web:
 * a virtual workspace read through vscode.workspace.fs). The same walk as on disk (walk.ts) runs
 * over the listing, with the `.gitignore` files read first; the files it offers are then read and
 * their kind decided as on disk (kindOfFile: YAML by content, a script by its shebang).
 */
import type { DocumentKind } from '../engine/model';
import { kindOfFile, NameSays, START_BYTES } from './fileNames';
import { FolderEntry, FolderReader, walkFolder } from './walk';

/** One folder as the editor lists it: its URI and the URIs of every file under it. */
export interface ListedFolder {
  root: string;
  files: string[];
}

/** What the editor answers. */
export interface EditorFiles {
  list(folders: string[]): Promise<ListedFolder[]>;
  /** Each file's text; null when it is not there (or is larger than `maxBytes`). */
  read(uris: string[], maxBytes?: number): Promise<(string | null)[]>;
}

export interface ListedFile {
  /** The file's URI. */
  path: string;
  kind: DocumentKind;
  text: string;
}

const join = (folder: string, name: string) => `${folder}/${name}`;

/** The folders under `root` that the listing implies, each with its entries (URIs are joined with `/`). */
function foldersOf(root: string, files: string[]): Map<string, FolderEntry[]> {
  const folders = new Map<string, FolderEntry[]>([[root, []]]);
  const prefix = `${root}/`;
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    let folder = root;
    const names = file.slice(prefix.length).split('/');
    names.forEach((name, i) => {
      const isFile = i === names.length - 1;
      const here = join(folder, name);
      if (!isFile && folders.has(here)) {
        folder = here;
        return;
      }
      folders.get(folder)!.push({ name, isDirectory: !isFile, isFile });
      if (!isFile) folders.set(here, []);
      folder = here;
    });
  }
  return folders;
}

/** Every file to check under the listed folders, with its text (files larger than `maxBytes` left out). */
export async function listedFiles(folders: string[], editor: EditorFiles, maxBytes?: number): Promise<ListedFile[]> {
  const found: ListedFile[] = [];
  for (const listed of folders.length === 0 ? [] : await editor.list(folders)) {
    const root = listed.root.replace(/\/+$/, '');
    const tree = foldersOf(root, listed.files);
    const ignoreFolders = [...tree].filter(([, entries]) => entries.some((e) => e.isFile && e.name === '.gitignore')).map(([folder]) => folder);
    const ignoreTexts = await editor.read(ignoreFolders.map((folder) => join(folder, '.gitignore')));
    const ignoreText = new Map(ignoreFolders.map((folder, i) => [folder, ignoreTexts[i] ?? undefined]));
    const reader: FolderReader = {
      entries: (folder) => [...(tree.get(folder) ?? [])],
      ignoreText: (folder) => ignoreText.get(folder),
      join,
    };
    const offered: { file: string; byName: Exclude<NameSays, undefined> }[] = [];
    walkFolder(root, [], reader, (file, byName) => offered.push({ file, byName }), []);
    const texts = await editor.read(offered.map((o) => o.file), maxBytes);
    offered.forEach(({ file, byName }, i) => {
      const text = texts[i];
      if (text === null || text === undefined) return;
      const kind = kindOfFile(file, byName, { start: (bytes = START_BYTES) => text.slice(0, bytes), whole: () => text });
      if (kind) found.push({ path: file, kind, text });
    });
  }
  return found;
}
