/** `.devcontainer/devcontainer.json`: `runArgs` are `docker run` options, read by the same flag grammar. */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { DocumentFacts, emptyFacts } from '../../model';
import { literalText } from '../../grammar/mappedText';
import { jsonNestingWithin } from '../support/nestingDepth';
import { readRunOptions, ShellWord } from '../shell/containerCommand';

export function extractDevcontainer(text: string): DocumentFacts {
  const facts = emptyFacts('devcontainer');
  // Deeper than the parser may recurse: nothing is read (see nestingDepth.ts).
  if (!jsonNestingWithin(text)) return facts;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const runArgs = root && findNodeAtLocation(root, ['runArgs']);
  if (!runArgs || runArgs.type !== 'array' || !runArgs.children) return facts;
  const words: ShellWord[] = [];
  for (const item of runArgs.children) {
    if (item.type !== 'string') continue;
    const raw = text.slice(item.offset + 1, item.offset + item.length - 1);
    // Escapes change offsets; a value with escapes is read but mapped to its opening quote (no edits inside).
    const value = raw === item.value
      ? literalText(raw, item.offset + 1)
      : { text: String(item.value), offsets: Array.from(String(item.value), () => item.offset), start: item.offset + 1, end: item.offset + item.length - 1 };
    words.push({ value, span: { start: item.offset, end: item.offset + item.length } });
  }
  // runArgs holds only options: a sentinel image word ends them as `docker run … IMAGE` would.
  const image: ShellWord = { value: literalText('(devcontainer image)', text.length), span: { start: text.length, end: text.length } };
  readRunOptions([...words, image], 'docker', runArgs.offset, facts);
  return facts;
}
