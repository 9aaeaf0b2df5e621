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
 * The shell as bash reads it, at the same offsets, for tree-sitter: a `\` right before a line break
 * continues the command onto the next line, and when that line is blank the command ends there.
 * tree-sitter's bash grammar reads on to the next line that is not blank, so `docker run -d \`, a
 * blank line and `-p 8080:80 app` was one command to it and two to bash. Such a backslash is read
 * as a space (same length, so nothing moves). In a page's view this also ends a block's last
 * command at the block, as each block is a script of its own. One pass over the line breaks: a
 * run of backslashes is counted once (`\\` is an escaped backslash, not a continuation).
 */
export function endContinuationsAtBlankLines(shell: string): string {
  // indexOf, not includes: on the 450 KB benchmark script, includes raised the server's peak by 6 MB.
  if (shell.indexOf('\\\n') < 0 && shell.indexOf('\\\r\n') < 0) return shell;
  const parts: string[] = [];
  let copied = 0;
  for (let lineBreak = shell.indexOf('\n'); lineBreak >= 0; lineBreak = shell.indexOf('\n', lineBreak + 1)) {
    const end = shell.charCodeAt(lineBreak - 1) === CR ? lineBreak - 1 : lineBreak;
    let run = 0;
    while (shell.charCodeAt(end - 1 - run) === BACKSLASH) run++;
    if (run % 2 === 1 && nextLineIsBlank(shell, lineBreak + 1)) {
      parts.push(shell.slice(copied, end - 1), ' ');
      copied = end;
    }
  }
  parts.push(shell.slice(copied));
  return parts.join('');
}

const CR = 13;
const BACKSLASH = 92;

function nextLineIsBlank(shell: string, start: number): boolean {
  let i = start;
  while (shell[i] === ' ' || shell[i] === '\t') i++;
  return i === shell.length || shell[i] === '\n' || (shell[i] === '\r' && shell[i + 1] === '\n');
}

/**
 * UTF-16 code units, not code points: an emoji is two spaces, so offsets never drift. Line by line
 * with indexOf: a regular expression with a replacer per run was most of the time spent on long pages.
 */
function blank(text: string): string {
  if (text.indexOf('\r') >= 0) return text.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
  let out = '';
  let from = 0;
  for (let lineEnd = text.indexOf('\n'); lineEnd >= 0; lineEnd = text.indexOf('\n', from)) {
    out += `${' '.repeat(lineEnd - from)}\n`;
    from = lineEnd + 1;
  }
  return out + ' '.repeat(text.length - from);
}

/** A part of a view the bash parser reads (tree-sitter's included range). */
export interface ViewRange {
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
}

/** Blank runs shorter than this are read as they are: a range of its own costs more than a few spaces. */
const SHORTEST_SKIPPED_GAP = 32;
const GAP = new RegExp(`(?: |\\r?\\n){${SHORTEST_SKIPPED_GAP},}`, 'g');

/**
 * The parts of a view the parser needs, or undefined when that is all of it. A Markdown page's
 * view is mostly blanks, and lexing them was most of the time spent parsing a long page.
 *
 * What the parser sees of a blank run stays equivalent for bash: its first character when that
 * is a space (words on either side stay apart), its first line break (a `\` before the run
 * continues onto a line that ends the command, as before), and its last line break with the
 * blanks after it (the next command starts a line, at its column: a heredoc terminator written
 * after blanks is still not a terminator). Offsets and positions in the tree stay the view's.
 */
export function shellViewRanges(view: string): ViewRange[] | undefined {
  const ranges: ViewRange[] = [];
  let row = 0;
  let rowStart = 0;
  let counted = 0;
  const positionOf = (index: number) => {
    for (let nl = view.indexOf('\n', counted); nl >= 0 && nl < index; nl = view.indexOf('\n', nl + 1)) {
      row++;
      rowStart = nl + 1;
    }
    counted = Math.max(counted, index);
    return { row, column: index - rowStart };
  };
  let from = 0;
  const read = (start: number, end: number) => {
    if (end <= start) return;
    const last = ranges[ranges.length - 1];
    if (last && last.endIndex === start) {
      last.endIndex = end;
      last.endPosition = positionOf(end);
    } else ranges.push({ startIndex: start, endIndex: end, startPosition: positionOf(start), endPosition: positionOf(end) });
  };
  let gaps = 0;
  GAP.lastIndex = 0;
  for (let gap = GAP.exec(view); gap; gap = GAP.exec(view), gaps++) {
    const start = gap.index;
    const end = start + gap[0].length;
    read(from, view[start] === ' ' ? start + 1 : start);
    const firstBreak = view.indexOf('\n', start);
    if (firstBreak >= 0 && firstBreak < end) {
      const lastBreak = view.lastIndexOf('\n', end - 1);
      read(view[firstBreak - 1] === '\r' && firstBreak - 1 >= start ? firstBreak - 1 : firstBreak, firstBreak + 1);
      if (lastBreak > firstBreak) read(view[lastBreak - 1] === '\r' ? lastBreak - 1 : lastBreak, end);
      else read(firstBreak + 1, end);
    }
    from = end;
  }
  if (gaps === 0) return undefined;
  read(from, view.length);
  return ranges;
}
