/**
 * Dockerfile analysis that stays fast while typing in long files. Only FROM, ARG, ENV and EXPOSE
 * decide what a Dockerfile exposes, and most edits touch other instructions (RUN, COPY, …): such
 * an edit only moves the facts after it, so they are shifted instead of parsing the file again.
 * Anything that could change how instructions are read — those keywords, a continuation, a
 * heredoc, a parser directive — reads the whole file again.
 */
import { minimalEdit } from '../../edits';
import { editedLines } from '../../incremental/editedLines';
import type { DocumentFacts, Span } from '../../model';
import { lineStartOf } from '../../positions';
import { extractDockerfile } from './dockerfile';

/**
 * What makes an edited line decide: one of those keywords as its instruction (a word anywhere, as
 * in `COPY --from=build`, says nothing about ports), an escape or a heredoc, or a parser directive.
 */
const DECISIVE = /^[ \t]*(?:from|arg|env|expose)\b|\\|`|<<|#\s*(?:escape|syntax|check)/im;

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
    const { before: oldLines, after: newLines } = editedLines(before, after, edit);
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
