/**
 * Fixes that add or change one key of a YAML mapping in the user's own style: a new key goes on a
 * line of its own under the key it follows (same indentation, same line break), or after it in a
 * flow mapping (`{containerPort: 80, hostPort: 80, hostIP: 127.0.0.1}`); a changed value keeps its
 * quotes. Positions come from the `yaml` package's ranges, so comments and the rest of the file
 * are never touched.
 */
import { isMap, isScalar, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { TextEdit } from '../../model';
import { lineStartOf } from '../../positions';
import { contentSpan, lineBreakOf, lineEndOf } from '../support/yamlSupport';

/** A value as a YAML plain scalar when that reads back the same, else double-quoted. */
export function yamlValue(value: string, quote = ''): string {
  if (quote) return `${quote}${value}${quote}`;
  return /^[0-9.]+$/.test(value) ? value : `"${value}"`;
}

/** Replaces a scalar's value, inside its quotes if it has them. */
export function replaceScalar(scalar: Scalar, newValue: string): TextEdit[] {
  if (!scalar.range) return [];
  const span = contentSpan(scalar);
  return [{ start: span.start, end: span.end, newText: newValue }];
}

/**
 * Adds `lines` (the first a sibling key of `after`, the others children of that key, two spaces
 * deeper) to the mapping that holds `after`. Undefined when the mapping is written in a way
 * a line cannot be added to without rewriting it (a key that is not a plain key on its own line).
 */
export function insertAfterPair(text: string, map: YAMLMap, after: Pair, lines: string[]): TextEdit[] | undefined {
  const key = after.key as Node | null;
  const value = after.value as Node | null;
  // A key merged in from an anchor (`<<: *ports`) is not this mapping's to edit.
  if (!isScalar(key) || !key.range || !map.items.includes(after)) return undefined;
  const end = (isScalar(value) || isMap(value)) && value.range ? value.range[1] : key.range[1];
  if (map.flow) {
    if (!isScalar(value) || !value.range) return undefined;
    return [{ start: value.range[1], end: value.range[1], newText: `, ${lines.join(' ')}` }];
  }
  if (isMap(value) && !value.flow) return undefined;
  const lineStart = lineStartOf(text, key.range[0]);
  // A sequence item's dash becomes a space: the new key lines up with the key it follows.
  const prefix = text.slice(lineStart, key.range[0]).replace(/-(?=[ \t])/g, ' ');
  if (!/^[ \t]*$/.test(prefix)) return undefined;
  const at = lineEndOf(text, end);
  const lineBreak = lineBreakOf(text, end);
  const added = lines.map((line, i) => `${lineBreak}${prefix}${i === 0 ? '' : '  '}${line}`).join('');
  return [{ start: at, end: at, newText: added }];
}
