/**
 * Turns tree-sitter argument nodes into the words the shell would pass to a command: quotes
 * removed, escapes resolved, every expansion replaced by one UNKNOWN_TEXT character, and each
 * character mapped back to the document so fixes can edit in place.
 *
 * Words are read through the tree cursor, not Node objects: a long script has tens of thousands
 * of words, and a Node object (with its position objects and cached children) per word and
 * per part of a word was most of the garbage a check made.
 */
import type { TreeCursor } from '@vscode/tree-sitter-wasm';
import { MappedTextBuilder } from '../../grammar/mappedText';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import type { ShellWord } from './containerCommand';

const EXPANSIONS = new Set([
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion', 'brace_expression',
]);

/** The word at the cursor's node; the cursor is left on that node. */
export function shellWordAt(cursor: TreeCursor, source: string): ShellWord {
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  const builder = new MappedTextBuilder(source);
  appendNode(cursor, cursor.nodeType, start, end, builder);
  return { value: builder.build(start, end), span: { start, end } };
}

function appendNode(cursor: TreeCursor, type: string, start: number, end: number, out: MappedTextBuilder): void {
  if (EXPANSIONS.has(type)) {
    out.markStart(start);
    out.pushChar(UNKNOWN_TEXT, start);
    out.end = end;
  } else if (type === 'concatenation') {
    if (!cursor.gotoFirstChild()) return;
    do appendNode(cursor, cursor.nodeType, cursor.startIndex, cursor.endIndex, out);
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  } else if (type === 'raw_string') {
    appendLiteral(start + 1, end - 1, out);
  } else if (type === 'string' || type === 'translated_string') {
    appendDoubleQuoted(cursor, type, start, end, out);
  } else if (type === 'ansi_c_string') {
    appendLiteral(start + 2, end - 1, out);
  } else {
    appendUnquoted(start, end, out);
  }
}

function appendLiteral(from: number, to: number, out: MappedTextBuilder): void {
  out.markStart(from);
  out.pushSource(from, Math.max(from, to));
  out.end = Math.max(to, from);
}

function appendUnquoted(from: number, to: number, out: MappedTextBuilder): void {
  const source = out.source;
  out.markStart(from);
  let run = from;
  for (let i = from; i < to; i++) {
    if (source[i] !== '\\' || i + 1 >= to) continue;
    out.pushSource(run, i);
    i++;
    run = source[i] === '\n' ? i + 1 : i;
  }
  out.pushSource(run, Math.max(run, to));
  out.end = to;
}

/** Escapes a double-quoted string resolves: `\$`, `` \` ``, `\"`, `\\` and a line continuation. */
const QUOTED_ESCAPES = '$`"\\\n';

function appendDoubleQuoted(cursor: TreeCursor, type: string, nodeStart: number, nodeEnd: number, out: MappedTextBuilder): void {
  const source = out.source;
  const start = type === 'translated_string' ? nodeStart + 2 : nodeStart + 1;
  const end = Math.max(start, nodeEnd - 1);
  const expansions: number[] = [];
  if (cursor.gotoFirstChild()) {
    do if (EXPANSIONS.has(cursor.nodeType)) expansions.push(cursor.startIndex, cursor.endIndex);
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  out.markStart(start);
  let next = 0;
  let run = start;
  for (let i = start; i < end; i++) {
    if (next < expansions.length && i >= expansions[next]) {
      out.pushSource(run, i);
      out.pushChar(UNKNOWN_TEXT, expansions[next]);
      i = expansions[next + 1] - 1;
      run = i + 1;
      next += 2;
      continue;
    }
    if (source[i] === '\\' && i + 1 < end && QUOTED_ESCAPES.includes(source[i + 1])) {
      out.pushSource(run, i);
      i++;
      run = source[i] === '\n' ? i + 1 : i;
    }
  }
  out.pushSource(run, Math.max(run, end));
  out.end = end;
}
