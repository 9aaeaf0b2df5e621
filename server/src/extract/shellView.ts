/**
 * Shell embedded in other files (Markdown pages, workflow `run:` steps) is read by the shell
 * extractor through a "shell view": a text of the same length as the file in which everything that
 * is not a command is blanked to spaces (line breaks kept), so offsets need no mapping at all.
 */

/** A command's text, at its offset in the file. */
export interface ShellSegment {
  start: number;
  text: string;
}

/** The file with every segment's text at its offset and everything else blanked. */
export function shellView(text: string, segments: ShellSegment[]): string {
  segments.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let cursor = 0;
  for (const segment of segments) {
    if (segment.start < cursor) continue;
    out.push(blank(text.slice(cursor, segment.start)), segment.text);
    cursor = segment.start + segment.text.length;
  }
  out.push(blank(text.slice(cursor)));
  return out.join('');
}

/**
 * UTF-16 code units, not code points: an emoji is two spaces, so offsets never drift. Whole runs
 * are replaced at once (a character at a time was most of the time spent on long pages).
 */
function blank(text: string): string {
  return text.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
}
