/**
 * `# docker-port-safety public` (optionally `: reason`) declares a port public on purpose: on its
 * own line above the spec (or above the command that holds it), or at the end of the spec's line.
 * `//` in JSON with comments and `<!-- … -->` in Markdown work as for ignore comments.
 */
import type { PublishedPort } from '../model';
import { LineIndex } from '../positions';

export type CommentStyle = 'hash' | 'slash' | 'html';

/** The marker, where a comment starts; `public` must end the word (not `public-bind`). */
const MARKER = /(#|\/\/|<!--)[ \t]*docker-port-safety[ \t]+public(?=[ \t]*(?::|-->|\r?$))(?:[ \t]*:[ \t]*(.*?))?[ \t]*(?:-->)?[ \t]*\r?$/;

export interface PublicMarker {
  /** What the user wrote after `public:`, if anything. */
  reason?: string;
}

export interface PublicMarkers {
  /** The marker that declares this publish public, if there is one. */
  of(publish: Pick<PublishedPort, 'span' | 'hoverSpan' | 'anchor'>): PublicMarker | undefined;
}

const NONE: PublicMarkers = { of: () => undefined };

/** Every marker of a document, by line: a marker alone on its line speaks for the next line. */
export function publicMarkers(text: string): PublicMarkers {
  if (!text.includes('docker-port-safety')) return NONE;
  const above = new Map<number, PublicMarker>();
  const trailing = new Map<number, PublicMarker>();
  const index = new LineIndex(text);
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    if (!lineText.includes('docker-port-safety')) continue;
    const match = MARKER.exec(lineText);
    if (!match) continue;
    const reason = match[2]?.trim();
    const marker: PublicMarker = reason ? { reason } : {};
    // Alone on its line, after indentation or a page's blockquote markers: it speaks for the next line.
    if (/^[ \t>]*$/.test(lineText.slice(0, match.index))) above.set(line + 1, marker);
    else trailing.set(line, marker);
  }
  if (above.size === 0 && trailing.size === 0) return NONE;
  const lineOf = (offset: number) => index.position(offset).line;
  return {
    of(publish) {
      const first = lineOf(publish.span.start);
      const candidates = [first, publish.hoverSpan ? lineOf(publish.hoverSpan.start) : first, publish.anchor !== undefined ? lineOf(publish.anchor) : first];
      for (const line of candidates) if (above.has(line)) return above.get(line);
      return trailing.get(first) ?? trailing.get(lineOf(publish.span.end));
    },
  };
}

/**
 * A comment line with `body`, indented like `lineText`, in the file's comment style. `quoted`: a
 * page's line keeps its blockquote markers too, so the comment stays inside the same code block.
 */
export function commentLine(lineText: string, body: string, style: CommentStyle, quoted = false): string {
  const indent = (quoted ? /^(?:[ \t]*>)*[ \t]*/ : /^[ \t]*/).exec(lineText)![0];
  if (style === 'slash') return `${indent}// ${body}`;
  if (style === 'html') return `${indent}<!-- ${body} -->`;
  return `${indent}# ${body}`;
}

export const PUBLIC_MARKER = 'docker-port-safety public';
