/**
 * Only FROM, ARG, ENV and EXPOSE decide what a Dockerfile exposes. This view keeps those
 * instructions and blanks every other one to spaces (line breaks kept, so offsets and lines do not
 * move), which lets dockerfile-ast parse a 10,000-instruction file in a fraction of the time.
 *
 * It is conservative: anything it cannot follow with certainty (a heredoc, an unknown escape
 * directive) ends the blanking, and the rest of the file is kept as written.
 */
const KEPT = new Set(['FROM', 'ARG', 'ENV', 'EXPOSE']);

export function relevantInstructionsView(text: string): string {
  const escape = escapeCharacter(text);
  if (escape === undefined) return text;
  // Kept text is copied in runs; a blanked line becomes spaces of the same length.
  const out: string[] = [];
  let keptFrom = 0;
  let offset = 0;
  let continuing = false;
  let blanking = false;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(offset, end);
    const trimmed = line.trim();
    // Empty and comment lines are ignored by Docker, also inside a continued instruction.
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      if (!continuing) blanking = !KEPT.has(/^\S+/.exec(trimmed)![0].toUpperCase());
      // A heredoc's body is not instructions; following it exactly is the parser's job, so stop here.
      if (blanking && line.includes('<<')) break;
      if (blanking) {
        // Carriage returns stay: dockerfile-ast counts them as line breaks.
        out.push(text.slice(keptFrom, offset), line.includes('\r') ? line.replace(/[^\r]/g, ' ') : ' '.repeat(line.length));
        keptFrom = end;
      }
      continuing = trimmed.endsWith(escape);
    }
    offset = end + 1;
  }
  out.push(text.slice(keptFrom));
  return out.join('');
}

/** The escape character from a `# escape=` parser directive at the top, `\` by default; undefined when unusual. */
function escapeCharacter(text: string): string | undefined {
  for (const line of text.split('\n', 20)) {
    const directive = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S*)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape') return directive[2] === '\\' || directive[2] === '`' ? directive[2] : undefined;
  }
  return '\\';
}
