/**
 * Shell analysis that stays fast while typing in long scripts. Top-level statements of a bash
 * program parse independently, so after one full parse the document is kept as a list of
 * statements with their facts; an edit re-parses only the statements it touches. Whenever the
 * re-parsed text is not complete on its own (an open quote, a heredoc, a trailing `\` or `|`),
 * or the last full parse had errors, the whole document is parsed again (incrementally).
 */
import { Parser } from '@vscode/tree-sitter-wasm';
import { minimalEdit } from '../../edits';
import type { DocumentFacts, DocumentKind } from '../../model';
import { mergeFacts, shiftFacts, splitFacts } from '../shiftFacts';
import { BashDocumentParser, newBashParser } from './bashParser';
import { extractShellTree } from './shellExtractor';

const NO_FACTS: DocumentFacts = Object.freeze(mergeFacts('shell', []));

interface Statement {
  start: number;
  end: number;
  /** Facts in the coordinates they were found in; `shift` moves them to `start`'s document. */
  facts: DocumentFacts;
  shift: number;
}

export class IncrementalShellExtractor {
  private readonly document = new BashDocumentParser();
  private snippetParser: Parser | undefined;
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
    this.document.dispose();
    this.snippetParser?.delete();
  }

  private parseAll(text: string, kind: DocumentKind): void {
    this.lastUpdate = 'full';
    const tree = this.document.parse(text);
    const facts = extractShellTree(tree, text, kind);
    const root = tree?.rootNode;
    this.segmentsReliable = !!root && !root.hasError;
    const children = root ? root.children.filter((c) => !!c && c.isNamed) : [];
    this.statements = children.map((c) => ({ start: c!.startIndex, end: c!.endIndex, facts: NO_FACTS, shift: 0 }));
    if (this.statements.length === 0) {
      this.statements = [{ start: 0, end: 0, facts, shift: 0 }];
      return;
    }
    const parts = splitFacts(facts, this.statements.map((s, i) => (i === 0 ? 0 : s.start)));
    this.statements.forEach((s, i) => (s.facts = parts[i]));
  }

  /** Re-parses only the statements an edit touches; false when that cannot be done exactly. */
  private updateStatements(text: string, kind: DocumentKind): boolean {
    const edit = minimalEdit(this.text!, text)!;
    const delta = edit.newText.length - (edit.end - edit.start);
    const list = this.statements;
    let first = list.findIndex((s) => s.end >= edit.start);
    if (first < 0) first = list.length;
    let last = first;
    while (last < list.length && list[last].start <= edit.end) last++;
    // The region runs from the end of the untouched statement before to the start of the one after.
    const regionStart = first > 0 ? list[first - 1].end : 0;
    const regionEndOld = last < list.length ? list[last].start : this.text!.length;
    const regionEnd = regionEndOld + delta;
    const snippet = text.slice(regionStart, regionEnd);
    if (/\\\s*$/.test(snippet) && last < list.length) return false;
    this.snippetParser ??= newBashParser();
    const tree = this.snippetParser.parse(snippet);
    if (!tree) return false;
    try {
      const root = tree.rootNode;
      if (root.hasError) return false;
      const facts = extractShellTree(tree, snippet, kind);
      const children = root.children.filter((c) => !!c && c.isNamed);
      const fresh: Statement[] = children.map((c) => ({ start: regionStart + c!.startIndex, end: regionStart + c!.endIndex, facts: NO_FACTS, shift: regionStart }));
      if (fresh.length > 0) {
        const parts = splitFacts(facts, children.map((c, i) => (i === 0 ? 0 : c!.startIndex)));
        fresh.forEach((s, i) => (s.facts = parts[i]));
      }
      for (let i = last; i < list.length; i++) {
        list[i].start += delta;
        list[i].end += delta;
        list[i].shift += delta;
      }
      list.splice(first, last - first, ...fresh);
      this.lastUpdate = 'statements';
      return true;
    } finally {
      tree.delete();
    }
  }

  private assemble(kind: DocumentKind): DocumentFacts {
    return mergeFacts(kind, this.statements.map((s) => shiftFacts(s.facts, s.shift)));
  }
}
