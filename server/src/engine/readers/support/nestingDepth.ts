/**
 * How deep a YAML or JSON text nests, estimated from above in one pass, before a parser that
 * recurses once per level is handed it.
 *
 * The `yaml` and `jsonc-parser` packages compose nested collections by recursion: a few thousand
 * levels fill a thread's stack (about 900 levels of YAML on Node's main thread, 4,000 on a worker
 * thread with its default 4 MB). They catch the RangeError, but V8 compiles regular expressions
 * lazily (on first use, and again after a collection flushed their code), and a compilation that
 * meets the stack limit is not an exception: V8 aborts the whole process ("FATAL ERROR:
 * RegExpCompiler Allocation failed - process out of memory", raised by
 * RegExpCompiler::ToNodeCheckForStackOverflow in V8's regexp-compiler.cc). So a document with
 * 5,000 nested brackets took the language server down with it, depending on which expressions
 * happened to be compiled at that moment. Documents nested deeper than MAX_NESTING are not parsed
 * at all (they yield nothing): Compose files nest about a dozen levels.
 *
 * The estimate never falls below the real depth (so nothing deep gets through); it may rise above
 * it for brackets inside plain scalars or multi-line quoted strings, which real files do not have
 * by the hundred.
 */

/** Levels a reader hands its parser at most: a fifth of what the main thread's stack holds. */
export const MAX_NESTING = 200;

const SPACE = 32;
const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Whether YAML nests at most `limit` levels: block levels (a stack of indentations), compact
 * nesting on one line (`- - - x`) and flow brackets, together.
 */
export function yamlNestingWithin(text: string, limit = MAX_NESTING): boolean {
  const indentations: number[] = [];
  let flow = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let indentation = 0;
    while (i < length && text.charCodeAt(i) === SPACE) {
      i++;
      indentation++;
    }
    const first = text.charCodeAt(i);
    if (i < length && first !== LINE_FEED && first !== CARRIAGE_RETURN && first !== 0x23 /* # */ && flow === 0) {
      while (indentations.length > 0 && indentations[indentations.length - 1] >= indentation) indentations.pop();
      indentations.push(indentation);
    }
    let compact = 0;
    let nodeStart = true;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === LINE_FEED) {
        i++;
        break;
      }
      if (c === SPACE || c === TAB || c === CARRIAGE_RETURN || c === 0x2c /* , */) {
        nodeStart = true;
        continue;
      }
      if (nodeStart && c === 0x23 /* # */) {
        i = lineEnd(text, i) - 1;
        continue;
      }
      if (nodeStart && (c === 0x2d /* - */ || c === 0x3f /* ? */) && isBlankOrEnd(text.charCodeAt(i + 1))) {
        if (flow === 0) compact++;
      } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        flow++;
        nodeStart = true;
        if (indentations.length + compact + flow > limit) return false;
        continue;
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        if (flow > 0) flow--;
      } else if (nodeStart && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
        // A quoted scalar closed on this line is skipped; one that goes on is read as it is (over, never under).
        const close = closingQuote(text, i, c);
        if (close >= 0) i = close;
      }
      nodeStart = false;
      if (indentations.length + compact + flow > limit) return false;
    }
    if (indentations.length + compact + flow > limit) return false;
  }
  return true;
}

/** Whether JSON (with comments) nests at most `limit` arrays and objects. */
export function jsonNestingWithin(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return false;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22) {
      // jsonc-parser ends an unterminated string at the line's end: so does this.
      const close = closingQuote(text, i, c);
      i = close >= 0 ? close : lineEnd(text, i) - 1;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      i = lineEnd(text, i) - 1;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    }
  }
  return true;
}

function isBlankOrEnd(c: number): boolean {
  return Number.isNaN(c) || c === SPACE || c === TAB || c === LINE_FEED || c === CARRIAGE_RETURN;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** The closing quote of a string opened at `open` on the same line, or -1: `\` escapes in double quotes, `''` in single. */
function closingQuote(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LINE_FEED) return -1;
    if (quote === 0x22 && c === 0x5c /* \ */) i++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return -1;
}
