/**
 * Which files of a folder are read, decided by name and then by their first bytes: the same for
 * a walk of the disk (files.ts) and for a folder listed by the editor (VS Code for the Web).
 */
import { baseName, contentDecides, documentKindByContent, kindFromFileName, kindFromFirstLine, mayHoldSurface, testsWholeText } from '../engine/readers/documentKind';
import type { DocumentKind } from '../engine/model';

/** What a name says: a kind, that the content decides (YAML, …), that the first line does (no extension), or nothing (never opened). */
export type NameSays = DocumentKind | 'content' | 'no extension' | undefined;

/**
 * What a file's name says: its kind, that its start decides (YAML, or no extension), or nothing
 * (most files of a repository: source, images), in which case the file is never opened.
 */
export function nameSays(filePath: string): NameSays {
  return kindFromFileName(filePath) ?? (contentDecides(filePath) ? 'content' : extensionOf(filePath) === '' ? 'no extension' : undefined);
}

/** The kind of a file whose name left it to its start (`start`: its first bytes as text). */
export function kindFromStart(filePath: string, byName: 'content' | 'no extension', start: string): DocumentKind | undefined {
  if (byName === 'content') return documentKindByContent(filePath, undefined, start);
  return kindFromFirstLine(start.split('\n')[0]);
}

/** How much of a file's start decides its kind (a top-level `services:` may follow a long comment). */
export const START_BYTES = 64 * 1024;

/** A file's content as the decision needs it: its first `bytes` (START_BYTES unless given), or all of it. */
export interface FileContent {
  start(bytes?: number): string;
  whole(): string;
}

/**
 * The kind of a file from what its name says and, where that is not enough, its content: its
 * start (YAML by content, a shebang on the first line), or for source files all of it (checked only
 * if it may hold what its reader looks for).
 */
export function kindOfFile(filePath: string, byName: NameSays, content: FileContent): DocumentKind | undefined {
  if (byName === 'content') return kindFromStart(filePath, byName, content.start());
  // The first line, within the first 128 bytes.
  if (byName === 'no extension') return kindFromStart(filePath, byName, content.start(128));
  // Source files: only those that may hold their surface are checked; the rest cost one read and one scan.
  if (byName && testsWholeText(byName)) return mayHoldSurface(byName, content.whole()) ? byName : undefined;
  return byName;
}

/** path.extname's answer: from the last dot of the name, none for a name that only starts with one. */
function extensionOf(filePath: string): string {
  const name = baseName(filePath);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}
