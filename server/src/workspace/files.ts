/**
 * Finding the files to check under folders on disk, the way a developer expects (walk.ts):
 * `.gitignore` files honoured, files picked by name or by a shell shebang. Shared by the CLI and
 * the Node server's "Check Workspace" and port map.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Ignore } from 'ignore';
import { kindOfFile, NameSays, nameSays, START_BYTES } from './fileNames';
import { FolderReader, ignoreRules, ScopeHere, walkFolder } from './walk';
import { kindFromFileName, testsWholeText } from '../engine/readers/documentKind';
import type { DocumentKind } from '../engine/model';

export interface FoundFile {
  path: string;
  kind: DocumentKind;
}

export interface WalkResult {
  files: FoundFile[];
  /** Paths that could not be read, with the reason. */
  problems: string[];
}

export function fileKind(filePath: string): DocumentKind | undefined {
  return kindByContent(filePath, nameSays(filePath));
}

function kindByContent(filePath: string, byName: NameSays): DocumentKind | undefined {
  return kindOfFile(filePath, byName, { start: (bytes) => readStart(filePath, bytes), whole: () => readLatin1(filePath) });
}

/** A whole file as Latin-1: the cheap tests look for ASCII words, and Latin-1 costs no decoding. */
function readLatin1(filePath: string): string {
  try {
    return fs.readFileSync(filePath, 'latin1');
  } catch {
    return '';
  }
}

/** One buffer for every `readStart`: a walk reads the start of hundreds of files, one at a time. */
const START = Buffer.allocUnsafe(START_BYTES);

/** The first bytes of a file: enough to recognise it (a shebang, a top-level `services:`). */
function readStart(filePath: string, bytes = START.length): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const read = fs.readSync(fd, START, 0, bytes, 0);
    return START.toString('utf8', 0, read);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/** The disk, for the walk. */
const DISK: FolderReader = {
  entries: (folder) => fs.readdirSync(folder, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() })),
  ignoreText(folder) {
    try {
      return fs.readFileSync(path.join(folder, '.gitignore'), 'utf8');
    } catch {
      return undefined;
    }
  },
  join: path.join,
};

/** `namedFilesAsShell`: a file named on the command line is read as a shell script when nothing else fits. */
export function findFiles(paths: string[], onProgress?: (count: number) => void, { namedFilesAsShell = true } = {}): WalkResult {
  const result: WalkResult = { files: [], problems: [] };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      result.problems.push(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error)}`);
      continue;
    }
    if (stat.isFile()) {
      // A file named on the command line is checked whatever its name, as a shell script if nothing else fits
      // (unless the caller names every file it has, as pre-commit does).
      // (A source file named here is checked even if it never mentions Docker: it then has nothing to report.)
      const byName = kindFromFileName(given);
      const kind = (byName && testsWholeText(byName) ? byName : fileKind(given)) ?? (namedFilesAsShell ? 'shell' : undefined);
      if (kind) result.files.push({ path: given, kind });
    } else if (stat.isDirectory()) {
      const start = path.resolve(given);
      const inherited = parentIgnores(given).map(({ base, rules }) => ({ rules, prefix: folderPrefix(path.relative(base, start)) }));
      walk(given, inherited, result, onProgress);
    }
  }
  return result;
}

/** `.gitignore` files above the starting folder, up to the repository root, apply too. */
function parentIgnores(start: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  let dir = path.resolve(start);
  for (let depth = 0; depth < 64; depth++) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const scope = loadIgnore(dir);
    if (scope) scopes.unshift(scope);
    if (fs.existsSync(path.join(dir, '.git'))) break;
  }
  return scopes;
}

function loadIgnore(dir: string): IgnoreScope | undefined {
  const text = DISK.ignoreText(dir);
  return text === undefined ? undefined : { base: path.resolve(dir), rules: ignoreRules(text) };
}

function folderPrefix(relative: string): string {
  return relative === '' ? '' : `${relative.split(path.sep).join('/')}/`;
}

function walk(root: string, inherited: ScopeHere[], result: WalkResult, onProgress?: (count: number) => void): void {
  walkFolder(root, inherited, DISK, (file, byName) => {
    const kind = kindByContent(file, byName);
    if (kind) {
      result.files.push({ path: file, kind });
      onProgress?.(result.files.length);
    }
  }, result.problems);
}
