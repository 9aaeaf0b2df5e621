/**
 * The code blocks of a Markdown page, found by markdown-it (the parser of VS Code's Markdown
 * preview): fenced (``` and ~~~), indented (4 spaces or a tab), inside list items and blockquotes,
 * and inside MkDocs-style admonitions (`!!! note` with a four-space indented body). Each content
 * line is mapped back to its exact offset in the page, so readers of the blocks report positions
 * and write fixes in the page itself.
 */
import MarkdownIt from 'markdown-it';

export interface CodeLine {
  /** Offset in the page of the line's first content character (after quote markers and indentation). */
  start: number;
  /** The content as written in the page (no line break, no carriage return). */
  text: string;
}

export interface CodeBlock {
  /** The info string's first word, lower-cased, without `{.` decorations: `bash`, `console`, `` (none). */
  language: string;
  /** Offset of the block's first line (the opening fence, or the first indented line). */
  start: number;
  lines: CodeLine[];
}

// Only the block structure is needed: inline parsing (links, emphasis) is the costly part, so it is
// off. So is markdown-it's own normalising of line breaks and NUL characters: findCodeBlocks hands
// it text that needs none (it rewrote every line break of the page, a copy of each page).
const parser = new MarkdownIt('commonmark');
parser.core.ruler.disable(['normalize', 'inline', 'text_join'], true);

const ADMONITION = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\S/;
const ADMONITION_ANYWHERE = /^[ \t]*(?:!!!|\?\?\?)/m;

/** The shell reader and the Compose reader of a page ask for the same blocks: the last answer is kept. */
let last: { text: string; blocks: CodeBlock[] } | undefined;

export function markdownCodeBlocks(text: string): CodeBlock[] {
  if (last?.text === text) return last.blocks;
  const blocks = findCodeBlocks(text);
  last = { text, blocks };
  return blocks;
}

function findCodeBlocks(text: string): CodeBlock[] {
  if (!text.includes('```') && !text.includes('~~~') && !/(?:^|\n)(?: {4}|\t|[ >]*>)/.test(text)) return [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (n: number) => text.slice(lineStarts[n], n + 1 < lineStarts.length ? lineStarts[n + 1] - 1 : text.length);
  // Most pages go to markdown-it as they are, and only code lines are ever sliced out. Others are
  // rewritten line by line as markdown-it should see them: no carriage returns (a lone one would be
  // a line break to it and shift every line number after it), NUL as U+FFFD (as markdown-it's own
  // normalising does), admonition bodies moved out by four spaces.
  const rewritten = /[\r\0]/.test(text) || ADMONITION_ANYWHERE.test(text) ? lineStarts.map((_, n) => lineAt(n).replace(/\r$/, '').replace(/\r/g, ' ').replace(/\0/g, '\uFFFD')) : undefined;
  const lineText = (n: number) => rewritten?.[n] ?? lineAt(n);
  const source = rewritten ? dedentAdmonitions(rewritten).join('\n') : text;
  const tokens = parser.parse(source, {});
  const blocks: CodeBlock[] = [];
  for (const token of tokens) {
    if ((token.type !== 'fence' && token.type !== 'code_block') || !token.map) continue;
    const fenced = token.type === 'fence';
    const first = token.map[0] + (fenced ? 1 : 0);
    const content = token.content.split('\n');
    if (content[content.length - 1] === '') content.pop();
    const block: CodeBlock = { language: languageOf(token.info), start: lineStarts[token.map[0]] ?? 0, lines: [] };
    for (let i = 0; i < content.length; i++) {
      const lineNumber = first + i;
      if (lineNumber >= lineStarts.length) break;
      const written = lineText(lineNumber);
      const column = columnOf(written, content[i]);
      if (column >= 0) block.lines.push({ start: lineStarts[lineNumber] + column, text: written.slice(column) });
    }
    blocks.push(block);
  }
  return blocks;
}

function languageOf(info: string): string {
  return /^[{.\s]*([\w+#.-]*)/.exec(info)![1].replace(/^\.+|\.+$/g, '').toLowerCase();
}

/**
 * Where a content line starts in the page's line: the content is what is left after markdown-it
 * removed quote markers and indentation. A tab it expanded to spaces is found by the text after it.
 */
function columnOf(written: string, content: string): number {
  if (written.endsWith(content)) return written.length - content.length;
  const trimmed = content.replace(/^[ \t]+/, '');
  return written.endsWith(trimmed) ? written.length - trimmed.length : -1;
}

/** `!!! note` / `??? tip` bodies are indented four spaces: without them the body is a code block of its own. */
function dedentAdmonitions(lines: string[]): string[] {
  const out = lines.slice();
  for (let n = 0; n < lines.length; n++) {
    const header = ADMONITION.exec(lines[n]);
    if (!header) continue;
    const indent = header[1];
    for (let k = n + 1; k < lines.length; k++) {
      const line = lines[k];
      if (line.trim() === '') continue;
      if (line.startsWith(`${indent}    `)) out[k] = indent + line.slice(indent.length + 4);
      else if (line.startsWith(`${indent}\t`)) out[k] = indent + line.slice(indent.length + 1);
      else break;
      n = k;
    }
  }
  return out;
}
