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

/** Sorted by position; an edit that overlaps one kept before it (in the given order) is dropped. */
export function withoutOverlaps(edits: readonly TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    const clashes = kept.some((k) => edit.start < k.end && k.start < edit.end) ||
      kept.some((k) => k.start === k.end && edit.start === edit.end && k.start === edit.start);
    if (!clashes) kept.push(edit);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
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
