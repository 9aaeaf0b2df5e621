/**
 * Where a Compose file's services start, read from its lines alone, without parsing the YAML: what
 * lets a large file be parsed a few services at a time (see incrementalCompose.ts). It only
 * proposes a split; every part is parsed and checked before it is trusted, and the file is parsed
 * whole whenever this finds anything but the plain shape.
 */

export interface ServiceLines {
  /** Offset of the line after `services:`: comment and blank lines up to the first service belong to it. */
  bodyStart: number;
  /** Offset of each service key's line. */
  starts: number[];
  /** Offset where the services mapping's lines end (the next top-level key, or the end of the text). */
  end: number;
  /** Column of the service keys. */
  indent: number;
}

const SERVICES_KEY = /^services:[ \t]*(?:#.*)?$/;
/** A line at column 0 that is not a comment ends the services mapping (a key, `---`, `...`). */
const TOP_LEVEL = /^[^\s#]/;

/**
 * The `services:` line and the lines where its services start, when the file looks like one block
 * mapping of services at a single indentation; undefined otherwise.
 */
export function serviceLines(text: string): ServiceLines | undefined {
  let inServices = false;
  let indent = -1;
  /** The column of the current service's first line of content, once seen. */
  let bodyIndent = -1;
  let end = text.length;
  let bodyStart = -1;
  const starts: number[] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (!inServices) {
      inServices = SERVICES_KEY.test(line);
      if (inServices) bodyStart = Math.min(text.length, lineEnd + 1);
    } else if (TOP_LEVEL.test(line)) {
      end = lineStart;
      break;
    } else {
      const content = line.trimStart();
      if (content !== '' && !content.startsWith('#')) {
        const column = line.length - content.length;
        // Tabs are not YAML indentation; a line less indented than the services belongs to none.
        if (line.slice(0, column).includes('\t') || (indent >= 0 && column < indent)) return undefined;
        if (indent < 0) indent = column;
        if (column === indent) {
          if (content.startsWith('-') || content.startsWith('?')) return undefined;
          starts.push(lineStart);
          bodyIndent = -1;
        } else if (bodyIndent < 0) {
          bodyIndent = column;
        } else if (column < bodyIndent) {
          // Between the service keys and their content: broken indentation (a key being typed), or
          // a layout a part could not be trusted to read alike. Whole, at once: a part read before
          // it would be wasted.
          return undefined;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  if (!inServices || starts.length === 0) return undefined;
  // A second `services:` key after this one: Compose reads the last, so the file is read whole.
  if (text.slice(end).split('\n').some((line) => SERVICES_KEY.test(line.replace(/\r$/, '')))) return undefined;
  return { bodyStart, starts, end, indent };
}
