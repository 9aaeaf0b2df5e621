/** The tree-sitter grammars each kind of document needs, loaded before it is read (the threads and the CLI await these). */
import { grammarsLoaded, loadGrammars } from './support/grammars';
import { DocumentKind, READERS, readerOf } from './registry';

/**
 * Kinds read through the bash grammar (scripts, pages, workflow steps). It is loaded when the first
 * of them comes: a session or a run of Dockerfiles and Compose files never needs its memory or its
 * compile. The server's checker, the CLI and its second thread decide by this one set.
 */
export const SHELL_KINDS: ReadonlySet<DocumentKind> = new Set(READERS.filter((reader) => reader.usesBashGrammar).map((reader) => reader.id));

/** Resolves once the grammars of `kind` can parse (at once for kinds without any). */
export function loadGrammarFor(kind: DocumentKind): Promise<void> {
  return loadGrammars(readerOf(kind).grammars ?? []);
}

/** Whether `kind` still waits for a grammar: synchronous callers await `loadGrammarFor` first. */
export function needsGrammarLoad(kind: DocumentKind): boolean {
  return !grammarsLoaded(readerOf(kind).grammars ?? []);
}
