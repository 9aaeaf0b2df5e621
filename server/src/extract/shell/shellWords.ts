/**
 * Turns tree-sitter argument nodes into the words the shell would pass to a command: quotes
 * removed, escapes resolved, every expansion replaced by one UNKNOWN_TEXT character, and each
 * character mapped back to the document so fixes can edit in place.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { MappedText } from '../../spec/mappedText';
import { UNKNOWN_TEXT } from '../../spec/publishSpec';
import type { ShellWord } from './containerCommand';

const EXPANSIONS = new Set([
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion', 'brace_expression',
]);

class WordBuilder {
  text = '';
  offsets: number[] = [];
  start = -1;
  end = 0;
  push(char: string, offset: number) {
    this.text += char;
    this.offsets.push(offset);
  }
  markStart(offset: number) {
    if (this.start < 0) this.start = offset;
  }
}

export function shellWord(node: Node, source: string): ShellWord {
  const builder = new WordBuilder();
  appendNode(node, source, builder);
  const value: MappedText = {
    text: builder.text,
    offsets: builder.offsets,
    start: builder.start < 0 ? node.startIndex : builder.start,
    end: builder.end || node.endIndex,
  };
  return { value, span: { start: node.startIndex, end: node.endIndex } };
}

function appendNode(node: Node, source: string, out: WordBuilder): void {
  const type = node.type;
  if (EXPANSIONS.has(type)) {
    out.markStart(node.startIndex);
    out.push(UNKNOWN_TEXT, node.startIndex);
    out.end = node.endIndex;
  } else if (type === 'concatenation') {
    for (const child of node.children) if (child) appendNode(child, source, out);
  } else if (type === 'raw_string') {
    appendLiteral(source, node.startIndex + 1, node.endIndex - 1, out);
  } else if (type === 'string' || type === 'translated_string') {
    appendDoubleQuoted(node, source, out);
  } else if (type === 'ansi_c_string') {
    appendLiteral(source, node.startIndex + 2, node.endIndex - 1, out);
  } else {
    appendUnquoted(source, node.startIndex, node.endIndex, out);
  }
}

function appendLiteral(source: string, from: number, to: number, out: WordBuilder): void {
  out.markStart(from);
  for (let i = from; i < to; i++) out.push(source[i], i);
  out.end = Math.max(to, from);
}

function appendUnquoted(source: string, from: number, to: number, out: WordBuilder): void {
  out.markStart(from);
  for (let i = from; i < to; i++) {
    if (source[i] === '\\' && i + 1 < to) {
      i++;
      if (source[i] === '\n') continue;
    }
    out.push(source[i], i);
  }
  out.end = to;
}

function appendDoubleQuoted(node: Node, source: string, out: WordBuilder): void {
  const start = node.type === 'translated_string' ? node.startIndex + 2 : node.startIndex + 1;
  const end = Math.max(start, node.endIndex - 1);
  const expansions = node.children.filter((child): child is Node => !!child && EXPANSIONS.has(child.type));
  out.markStart(start);
  let next = 0;
  for (let i = start; i < end; i++) {
    const expansion = expansions[next];
    if (expansion && i >= expansion.startIndex) {
      out.push(UNKNOWN_TEXT, expansion.startIndex);
      i = expansion.endIndex - 1;
      next++;
      continue;
    }
    if (source[i] === '\\' && i + 1 < end && '$`"\\\n'.includes(source[i + 1])) {
      i++;
      if (source[i] === '\n') continue;
    }
    out.push(source[i], i);
  }
  out.end = end;
}
