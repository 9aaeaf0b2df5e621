/**
 * Shell analysis that stays fast while typing in long scripts. Top-level statements of a bash
 * program parse independently, so after one full parse the document is kept as a list of
 * statements with their facts; an edit re-parses only the statements it touches. Whenever the
 * re-parsed text is not complete on its own (an open quote, a heredoc, a trailing `\` or `|`),
 * or the last full parse had errors, the whole document is parsed again (incrementally).
 *
 * A long script is also read a part at a time when it is opened, by the same rule: the parser's
 * WebAssembly memory grows to the largest tree it ever held and never shrinks, and a tree of a
 * whole long script was a tenth of the server's peak memory.
 */
import type { Parser, Tree } from '@vscode/tree-sitter-wasm';
import { minimalEdit } from '../../edits';
import type { DocumentFacts, DocumentKind } from '../../model';
import { mergeFacts, movableOrNone, MovableFacts, splitFacts } from '../../incremental/shiftFacts';
import { newBashParser, parseWith } from './bashParser';
import { extractShellTree } from './shellExtractor';

interface Statement {
  start: number;
  /** The statement's facts (none for most), moved along with it as edits before it move it. */
  facts: MovableFacts | undefined;
}

/** Scripts at least this long are read a part at a time when they are opened. */
export const READ_IN_PARTS_FROM = 64 * 1024;
/** About how long one of those parts is (it ends at a line end). */
const PART_LENGTH = 32 * 1024;
/** A part that does not parse on its own is read again twice as long, up to this many times its length. */
const LONGEST_PART = 4;

export class IncrementalShellExtractor {
  private parser: Parser | undefined;
  private text: string | undefined;
  private statements: Statement[] = [];
  private segmentsReliable = false;
  /** How the last update was done, for tests and the benchmark. */
  lastUpdate: 'full' | 'statements' | 'unchanged' = 'full';
  /** How the last full read was done: the whole text at once, or a part at a time. */
  lastFullRead: 'whole' | 'in parts' = 'whole';

  /** Tests lower both to read short scripts in short parts. */
  constructor(private readonly parts: { from?: number; length?: number } = {}) {}

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
    this.lastFullRead = 'in parts';
    // (Views of pages and workflows are read with included ranges, see shellViewRanges: whole.)
    if (kind === 'shell' && text.length >= (this.parts.from ?? READ_IN_PARTS_FROM) && this.readInParts(text, kind)) return;
    this.lastFullRead = 'whole';
    this.parser ??= newBashParser();
    // (Edits re-read their snippets whole.)
    const tree = parseWith(this.parser, text, kind);
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
    const fresh = this.readRegion(text, regionStart, partEnd(last) + delta, last + 1 < list.length, kind);
    if (!fresh) return false;
    for (let i = last + 1; i < list.length; i++) {
      list[i].start += delta;
      list[i].facts?.move(delta);
    }
    list.splice(first, last - first + 1, ...fresh);
    if (list.length === 0) list.push({ start: 0, facts: undefined });
    this.lastUpdate = 'statements';
    return true;
  }

  /**
   * Reads the script a part at a time: each part ends at a line end and must parse on its own as
   * whole statements (see readRegion); one that does not is read again longer. False when a part
   * would grow past LONGEST_PART times its length: the script is then parsed whole.
   */
  private readInParts(text: string, kind: DocumentKind): boolean {
    const partLength = this.parts.length ?? PART_LENGTH;
    const statements: Statement[] = [];
    for (let from = 0; from < text.length; ) {
      let read: Statement[] | undefined;
      let to = from;
      for (let length = partLength; !read; length *= 2) {
        if (length > partLength * LONGEST_PART) return false;
        const lineEnd = text.indexOf('\n', from + length - 1);
        to = lineEnd < 0 ? text.length : lineEnd + 1;
        read = this.readRegion(text, from, to, to < text.length, kind);
        if (!read && to === text.length) return false;
      }
      statements.push(...read);
      from = to;
    }
    this.statements = statements.length > 0 ? statements : [{ start: 0, facts: undefined }];
    this.segmentsReliable = true;
    return true;
  }

  /**
   * The statements of text[regionStart, regionEnd), parsed on their own; undefined when that
   * cannot be done exactly: the text does not parse without errors, holds a heredoc (its body is
   * whatever follows, which a part cannot know; found by fuzzing pastes into Markdown pages), or,
   * when `followed` by more statements, does not end with a separator.
   */
  private readRegion(text: string, regionStart: number, regionEnd: number, followed: boolean, kind: DocumentKind): Statement[] | undefined {
    const snippet = text.slice(regionStart, regionEnd);
    if (snippet.includes('<<')) return undefined;
    this.parser ??= newBashParser();
    const tree = this.parser.parse(snippet);
    if (!tree) return undefined;
    try {
      if (tree.rootNode.hasError) return undefined;
      const spans = statementSpans(tree);
      // The next statement starts a statement of its own only if a separator ends this text.
      const tail = snippet.slice(spans.length > 0 ? spans[spans.length - 1] : 0);
      if (followed && !(/^[\s;&]*$/.test(tail) && /[;&\n]/.test(tail))) return undefined;
      const facts = extractShellTree(tree, snippet, kind);
      const starts = spans.filter((_, i) => i % 2 === 0);
      const fresh: Statement[] = starts.map((start) => ({ start: regionStart + start, facts: undefined }));
      if (fresh.length > 0) {
        const parts = splitFacts(facts, starts.map((start, i) => (i === 0 ? 0 : start)));
        fresh.forEach((s, i) => (s.facts = movableOrNone(parts[i], regionStart)));
      }
      return fresh;
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
