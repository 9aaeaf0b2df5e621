/**
 * Shell analysis that stays fast while typing in long scripts. Top-level statements of a bash
 * program parse independently, so after one full parse the document is kept as a list of
 * statements with their facts; an edit re-parses only the statements it touches. Whenever the
 * re-parsed text is not complete on its own (an open quote, a heredoc, a trailing `\` or `|`),
 * or the last full parse had errors, the whole document is parsed again (incrementally).
 */
import type { Parser, Tree } from '@vscode/tree-sitter-wasm';
import { minimalEdit } from '../../edits';
import type { DocumentFacts, DocumentKind } from '../../model';
import { mergeFacts, movableOrNone, MovableFacts, splitFacts } from '../shiftFacts';
import { newBashParser, parseWith } from './bashParser';
import { shellViewRanges } from '../shellView';
import { extractShellTree } from './shellExtractor';

interface Statement {
  start: number;
  /** The statement's facts (none for most), moved along with it as edits before it move it. */
  facts: MovableFacts | undefined;
}

export class IncrementalShellExtractor {
  private parser: Parser | undefined;
  private text: string | undefined;
  private statements: Statement[] = [];
  private segmentsReliable = false;
  /** How the last update was done, for tests and the benchmark. */
  lastUpdate: 'full' | 'statements' | 'unchanged' = 'full';

  extract(text: string, kind: DocumentKind): DocumentFacts {
    if (text === this.text) {
      this.lastUpdate = 'unchanged';
      return this.assemble(kind);
    }
    if (this.text === undefined || !this.segmentsReliable || !this.updateStatements(text, kind)) this.parseAll(text, kind);
    this.text = text;
    return this.assemble(kind);
  }

  dispose(): void {
    this.parser?.delete();
    this.parser = undefined;
  }

  private parseAll(text: string, kind: DocumentKind): void {
    this.lastUpdate = 'full';
    this.parser ??= newBashParser();
    // A page's or workflow's view is read without its long blank runs; edits re-read snippets whole.
    const tree = parseWith(this.parser, text, kind === 'shell' ? undefined : shellViewRanges(text));
    const facts = extractShellTree(tree, text, kind);
    const root = tree?.rootNode;
    this.segmentsReliable = !!root && !root.hasError;
    const starts = tree ? statementSpans(tree).filter((_, i) => i % 2 === 0) : [];
    tree?.delete();
    this.statements = starts.map((start) => ({ start, facts: undefined }));
    if (this.statements.length === 0) {
      this.statements = [{ start: 0, facts: movableOrNone(facts) }];
      return;
    }
    const parts = splitFacts(facts, this.statements.map((s, i) => (i === 0 ? 0 : s.start)));
    this.statements.forEach((s, i) => (s.facts = movableOrNone(parts[i])));
  }

  /**
   * Re-parses only the statements an edit touches; false when that cannot be done exactly.
   * Statement starts cut the document into consecutive parts (the text before the first statement
   * belongs to it, the text after a statement to it until the next one starts); an edit re-reads
   * every part it touches, boundaries included.
   */
  private updateStatements(text: string, kind: DocumentKind): boolean {
    const oldLength = this.text!.length;
    const edit = minimalEdit(this.text!, text)!;
    const delta = edit.newText.length - (edit.end - edit.start);
    const list = this.statements;
    const partStart = (i: number) => (i === 0 ? 0 : list[i].start);
    const partEnd = (i: number) => (i + 1 < list.length ? list[i + 1].start : oldLength);
    let first = 0;
    while (first < list.length - 1 && partEnd(first) < edit.start) first++;
    let last = first;
    while (last + 1 < list.length && partStart(last + 1) <= edit.end) last++;
    const regionStart = partStart(first);
    const regionEnd = partEnd(last) + delta;
    const snippet = text.slice(regionStart, regionEnd);
    // A heredoc in the re-read text may end only further down (or never): its body is whatever
    // follows, which a snippet cannot know. Found by fuzzing pastes into Markdown pages.
    if (snippet.includes('<<')) return false;
    this.parser ??= newBashParser();
    const tree = this.parser.parse(snippet);
    if (!tree) return false;
    try {
      if (tree.rootNode.hasError) return false;
      const spans = statementSpans(tree);
      // The next statement starts a statement of its own only if a separator ends this text.
      const tail = snippet.slice(spans.length > 0 ? spans[spans.length - 1] : 0);
      if (last + 1 < list.length && !(/^[\s;&]*$/.test(tail) && /[;&\n]/.test(tail))) return false;
      const facts = extractShellTree(tree, snippet, kind);
      const starts = spans.filter((_, i) => i % 2 === 0);
      const fresh: Statement[] = starts.map((start) => ({ start: regionStart + start, facts: undefined }));
      if (fresh.length > 0) {
        const parts = splitFacts(facts, starts.map((start, i) => (i === 0 ? 0 : start)));
        fresh.forEach((s, i) => (s.facts = movableOrNone(parts[i], regionStart)));
      }
      for (let i = last + 1; i < list.length; i++) {
        list[i].start += delta;
        list[i].facts?.move(delta);
      }
      list.splice(first, last - first + 1, ...fresh);
      if (list.length === 0) list.push({ start: 0, facts: undefined });
      this.lastUpdate = 'statements';
      return true;
    } finally {
      tree.delete();
    }
  }

  private assemble(kind: DocumentKind): DocumentFacts {
    return mergeFacts(kind, this.statements.flatMap((s) => (s.facts ? [s.facts.facts] : [])));
  }
}

/** Start and end offsets of the top-level statements, in pairs (read with a cursor: no Node objects). */
function statementSpans(tree: Tree): number[] {
  const spans: number[] = [];
  const cursor = tree.walk();
  if (cursor.gotoFirstChild()) {
    do if (cursor.nodeIsNamed) spans.push(cursor.startIndex, cursor.endIndex);
    while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return spans;
}
