/**
 * The walk of a folder, the way a developer expects: `.git` and `node_modules` skipped, `.gitignore`
 * files (nested ones too) honoured, each remaining file offered with what its name says. The same
 * walk reads the disk (files.ts, the CLI and the Node server) and the list of files the editor
 * gives where there is no disk (listedFiles.ts, VS Code for the Web): only the FolderReader differs.
 */
import ignore, { Ignore } from 'ignore';
import { NameSays, nameSays } from './fileNames';

export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface FolderEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** What the walk asks of a file system. */
export interface FolderReader {
  /** The folder's entries; throws when it cannot be read. */
  entries(folder: string): FolderEntry[];
  /** The text of `folder`'s `.gitignore`, undefined when it has none or it cannot be read. */
  ignoreText(folder: string): string | undefined;
  /** A name within a folder, as this file system writes paths. */
  join(folder: string, name: string): string;
}

/** A folder's `.gitignore` as a walk sees it: its rules, and where the folder is relative to the file's own folder. */
export interface ScopeHere {
  rules: Ignore;
  /** `''` at the `.gitignore`'s folder, else the folder's path from it with a trailing `/` (what `ignore` matches). */
  prefix: string;
}

export function ignoreRules(text: string): Ignore {
  return ignore().add(text);
}

/** Paths are built from the walk's own names, so no scope needs path arithmetic per entry. */
function isIgnored(name: string, isDirectory: boolean, scopes: ScopeHere[]): boolean {
  for (const scope of scopes) {
    if (scope.rules.ignores(isDirectory ? `${scope.prefix}${name}/` : `${scope.prefix}${name}`)) return true;
  }
  return false;
}

/**
 * Walks `root` in name order, offering each file that is not ignored and whose name says it may be
 * read (`offer(path, what its name says)`). `inherited`: the `.gitignore` files above `root`.
 * Folders that cannot be read are added to `problems`.
 */
export function walkFolder(root: string, inherited: ScopeHere[], reader: FolderReader, offer: (file: string, byName: Exclude<NameSays, undefined>) => void, problems: string[]): void {
  const stack: { dir: string; scopes: ScopeHere[] }[] = [{ dir: root, scopes: inherited }];
  while (stack.length > 0) {
    const { dir, scopes: parentScopes } = stack.pop()!;
    let entries: FolderEntry[];
    try {
      entries = reader.entries(dir);
    } catch (error) {
      problems.push(`${dir}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? error})`);
      continue;
    }
    // Only folders that have a .gitignore pay for reading one.
    const ownText = entries.some((e) => e.name === '.gitignore') ? reader.ignoreText(dir) : undefined;
    const scopes = ownText !== undefined ? [...parentScopes, { rules: ignoreRules(ownText), prefix: '' }] : parentScopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: { dir: string; scopes: ScopeHere[] }[] = [];
    for (const entry of entries) {
      const full = reader.join(dir, entry.name);
      if (entry.isDirectory) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(entry.name, true, scopes)) continue;
        subfolders.push({ dir: full, scopes: scopes.map(({ rules, prefix }) => ({ rules, prefix: `${prefix}${entry.name}/` })) });
      } else if (entry.isFile) {
        // The name first: only candidates are matched against .gitignore rules and opened.
        const byName = nameSays(full);
        if (byName === undefined || isIgnored(entry.name, false, scopes)) continue;
        offer(full, byName);
      }
    }
    for (const folder of subfolders.reverse()) stack.push(folder);
  }
}
