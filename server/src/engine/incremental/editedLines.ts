/** The lines an edit touches, before and after it: what incremental readers look at to decide whether it changes anything. */
import type { TextEdit } from '../model';
import { lineStartOf } from '../positions';

/**
 * The whole lines the edit replaces (`before`) and the whole lines that replace them (`after`).
 * Whole lines inserted or deleted leave the line after them as it was: it is in neither.
 */
export function editedLines(before: string, after: string, edit: TextEdit): { before: string; after: string } {
  const atLineStart = edit.start === 0 || before[edit.start - 1] === '\n';
  const insertsLines = atLineStart && edit.start === edit.end && edit.newText.endsWith('\n');
  const deletesLines = atLineStart && edit.newText === '' && before[edit.end - 1] === '\n';
  return {
    before: insertsLines ? '' : wholeLines(before, edit.start, deletesLines ? edit.end - 1 : edit.end),
    after: deletesLines ? '' : wholeLines(after, edit.start, insertsLines ? edit.start + edit.newText.length - 1 : edit.start + edit.newText.length),
  };
}

/** The text of the whole lines holding [start, end). */
function wholeLines(text: string, start: number, end: number): string {
  const from = lineStartOf(text, start);
  const newline = text.indexOf('\n', end);
  return text.slice(from, newline < 0 ? text.length : newline);
}
