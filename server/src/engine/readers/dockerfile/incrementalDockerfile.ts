/**
 * Dockerfile analysis that stays fast while typing in long files. Only FROM, ARG, ENV and EXPOSE
 * decide what a Dockerfile exposes, and most edits touch other instructions (RUN, COPY, …): such
 * an edit only moves the facts after it, so they are shifted instead of parsing the file again.
 * Anything that could change how instructions are read — those keywords, a continuation, a
 * heredoc, a parser directive — reads the whole file again.
 */
import { minimalEdit } from '../../edits';
import type { DocumentFacts, Span } from '../../model';
import { lineStartOf } from '../../positions';
import { extractDockerfile } from './dockerfile';

const DECISIVE = /\b(?:from|arg|env|expose)\b|\\|`|<<|#\s*(?:escape|syntax|check)/i;

export class IncrementalDockerfileExtractor {
  private text: string | undefined;
  private facts: DocumentFacts | undefined;
  lastUpdate: 'full' | 'shifted' | 'unchanged' = 'full';

  extract(text: string): DocumentFacts {
    if (this.text !== undefined && this.facts) {
      if (text === this.text) {
        this.lastUpdate = 'unchanged';
        return this.facts;
      }
      const shifted = this.shift(this.text, text, this.facts);
      if (shifted) {
        this.text = text;
        this.facts = shifted;
        this.lastUpdate = 'shifted';
        return shifted;
      }
    }
    this.text = text;
    this.facts = extractDockerfile(text);
    this.lastUpdate = 'full';
    return this.facts;
  }

  private shift(before: string, after: string, facts: DocumentFacts): DocumentFacts | undefined {
    // A heredoc's body is not instructions, and an edit may move where it ends: read it all.
    if (after.includes('<<') || before.includes('<<')) return undefined;
    const edit = minimalEdit(before, after)!;
    const delta = edit.newText.length - (edit.end - edit.start);
    // The whole lines the edit touches, before and after it; and the line before them, whose
    // continuation would make the edited lines part of its instruction.
    // Whole lines inserted or deleted leave the line after them as it was: it is not read.
    const atLineStart = edit.start === 0 || before[edit.start - 1] === '\n';
    const insertsLines = atLineStart && edit.start === edit.end && edit.newText.endsWith('\n');
    const deletesLines = atLineStart && edit.newText === '' && before[edit.end - 1] === '\n';
    const oldLines = insertsLines ? '' : wholeLines(before, edit.start, deletesLines ? edit.end - 1 : edit.end);
    const newLines = deletesLines ? '' : wholeLines(after, edit.start, insertsLines ? edit.start + edit.newText.length - 1 : edit.start + edit.newText.length);
    if (DECISIVE.test(oldLines) || DECISIVE.test(newLines) || /[\\`][ \t\r]*$/.test(lineBefore(before, edit.start))) return undefined;
    // Facts inside the edited lines cannot exist (no decisive instruction there); the rest move.
    const move = (span: Span): Span => (span.start >= edit.end ? { start: span.start + delta, end: span.end + delta } : span);
    return {
      ...facts,
      exposes: facts.exposes.map((e) => (e.span.start >= edit.end ? { ...e, span: move(e.span) } : e)),
      explanations: facts.explanations.map((e) => ({ ...e, span: move(e.span) })),
      refusals: facts.refusals.map((r) => ({ ...r, span: move(r.span) })),
    };
  }
}

/** The text of the whole lines holding [start, end). */
function wholeLines(text: string, start: number, end: number): string {
  const from = lineStartOf(text, start);
  const newline = text.indexOf('\n', end);
  return text.slice(from, newline < 0 ? text.length : newline);
}

/**
 * The nearest line before the one holding `offset` that is neither empty nor a comment: Docker
 * skips those inside a continued instruction, so that line's escape decides ('' when none).
 */
function lineBefore(text: string, offset: number): string {
  let lineStart = lineStartOf(text, offset);
  while (lineStart > 0) {
    const previousStart = lineStartOf(text, lineStart - 1);
    const line = text.slice(previousStart, lineStart - 1);
    if (line.trim() !== '' && !line.trim().startsWith('#')) return line;
    lineStart = previousStart;
  }
  return '';
}
