/**
 * Which reader a document gets, from the readers' own recognition (see reader.ts for the order):
 * by language id when it says enough, by file name when it is generic, by content last.
 */
import type { DocumentKind } from './registry';
import { READERS, readerOf } from './registry';
import type { Reader } from './reader';
import { baseName } from './fileNames';

/** Language ids that say nothing about the file beyond "text". */
const PLAIN_LANGUAGES = new Set(['plaintext', 'text', '']);

const BY_LANGUAGE = new Map<string, DocumentKind>(READERS.flatMap((reader) => (reader.recognise.languages ?? []).map((language) => [language, reader.id] as const)));

/** Language ids that say only "YAML", "JSON" or "text": the file name (or content) decides. */
const GENERIC_LANGUAGES = new Set([
  ...PLAIN_LANGUAGES,
  ...READERS.flatMap((reader) => (Array.isArray(reader.recognise.nameUnderLanguages) ? reader.recognise.nameUnderLanguages : [])),
]);

const NAMED_UNDER_ANY_LANGUAGE = READERS.filter((reader) => reader.recognise.nameUnderLanguages === 'any');
const BY_CONTENT = READERS.filter((reader) => reader.recognise.content);

export { baseName };

function named(reader: Reader, name: string, path: string): boolean {
  const { fileName, path: pathPattern } = reader.recognise;
  return (fileName !== undefined && fileName.test(name)) || (pathPattern !== undefined && pathPattern.test(path));
}

export function kindFromFileName(fileName: string): DocumentKind | undefined {
  const name = baseName(fileName);
  const path = fileName.replace(/\\/g, '/');
  return READERS.find((reader) => named(reader, name, path))?.id;
}

export function documentKind(fileName: string, languageId?: string): DocumentKind | undefined {
  const byLanguage = languageId ? BY_LANGUAGE.get(languageId) : undefined;
  if (byLanguage) return byLanguage;
  if (NAMED_UNDER_ANY_LANGUAGE.length > 0) {
    const name = baseName(fileName);
    const path = fileName.replace(/\\/g, '/');
    const anyLanguage = NAMED_UNDER_ANY_LANGUAGE.find((reader) => named(reader, name, path));
    if (anyLanguage) return anyLanguage.id;
  }
  if (languageId && !GENERIC_LANGUAGES.has(languageId)) return undefined;
  const byName = kindFromFileName(fileName);
  if (!byName || !languageId || PLAIN_LANGUAGES.has(languageId)) return byName;
  // A generic YAML id never makes a shell script or a Dockerfile of a YAML file, and vice versa.
  const under = READERS.find((reader) => reader.id === byName)!.recognise.nameUnderLanguages;
  return under === 'any' || under?.includes(languageId) ? byName : undefined;
}

/** Whether a file is a candidate for a content test by its name alone (the walk opens only these). */
export function contentDecides(fileName: string): boolean {
  const name = baseName(fileName);
  return BY_CONTENT.some((reader) => reader.recognise.content!.fileName.test(name));
}

/** The kind of a document whose name and language id do not say: YAML that reads as Compose is Compose. */
export function documentKindByContent(fileName: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  const known = documentKind(fileName, languageId);
  if (known) return known;
  const generic = !languageId || GENERIC_LANGUAGES.has(languageId);
  const name = baseName(fileName);
  for (const reader of BY_CONTENT) {
    const content = reader.recognise.content!;
    const candidate = (languageId !== undefined && content.languages.includes(languageId)) || (generic && content.fileName.test(name));
    if (candidate && content.test(text)) return reader.id;
  }
  return undefined;
}

/** The kind of a file without an extension, from its first line (a shebang). */
export function kindFromFirstLine(firstLine: string): DocumentKind | undefined {
  return READERS.find((reader) => reader.recognise.firstLine?.(firstLine))?.id;
}

/**
 * The cheap test of a surface whose files are source code (most of which never mention Docker):
 * may this whole text hold it? Kinds without one always may.
 */
export function mayHoldSurface(kind: DocumentKind, text: string): boolean {
  return readerOf(kind).recognise.mayHold?.(text) ?? true;
}

/** The words a file of this kind needs one of to pass its cheap test (see Recognition.words); undefined for kinds without one. */
export function cheapTestWords(kind: DocumentKind): readonly string[] | undefined {
  return readerOf(kind).recognise.words;
}

/** Whether the walk must read a file of this kind whole before it is a candidate (see mayHoldSurface). */
export function testsWholeText(kind: DocumentKind): boolean {
  return readerOf(kind).recognise.mayHold !== undefined;
}
