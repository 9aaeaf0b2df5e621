/** The tree-sitter grammars each kind of document needs, loaded before it is read (the threads and the CLI await these). */
import { grammarsLoaded, loadGrammars } from './support/grammars';
import { DocumentKind, readerOf } from './registry';

/** Resolves once the grammars of `kind` can parse (at once for kinds without any). */
export function loadGrammarFor(kind: DocumentKind): Promise<void> {
  return loadGrammars(readerOf(kind).grammars ?? []);
}

/** Whether `kind` still waits for a grammar: synchronous callers await `loadGrammarFor` first. */
export function needsGrammarLoad(kind: DocumentKind): boolean {
  return !grammarsLoaded(readerOf(kind).grammars ?? []);
}
