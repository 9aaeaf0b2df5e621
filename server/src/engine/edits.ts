/** Applying text edits: one implementation for quick fixes, fix-all and `--fix`. */
import type { TextEdit } from './model';

/** Applies non-overlapping edits (offsets into `text`, minus `base`). Later edits that overlap earlier ones are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[], base = 0): string {
  let result = '';
  let cursor = 0;
  for (const edit of withoutOverlaps(edits)) {
    result += text.slice(cursor, edit.start - base) + edit.newText;
    cursor = edit.end - base;
  }
  return result + text.slice(cursor);
}

/**
 * Sorted by position; where edits overlap (or insert at the same point), the one that starts
 * first wins, and between equal starts the one given first. Linear after the sort.
 */
export function withoutOverlaps(edits: readonly TextEdit[]): TextEdit[] {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  const kept: TextEdit[] = [];
  for (const { edit } of ordered) {
    const last = kept[kept.length - 1];
    const overlaps = last !== undefined && (edit.start < last.end || (edit.start === last.start && (edit.start === edit.end || last.start === last.end)));
    if (!overlaps) kept.push(edit);
  }
  return kept;
}

/** One edit covering what changed between two texts: small, and exact for the editor to apply. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}
