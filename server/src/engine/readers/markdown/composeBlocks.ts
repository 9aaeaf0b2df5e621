/**
 * Compose files shown on a Markdown page: blocks tagged `yaml`, `yml` or `compose` whose top level
 * is `services:`, or a fragment (a few services, or one service's keys); and fences with no info
 * string that hold a whole Compose file. Each block is read on its
 * own, as the text of its lines with the page's list and quote markers turned to spaces, so
 * positions are the page's and a fix keeps the block's indentation.
 */
import type { DocumentFacts, PublishedPort } from '../../model';
import { lineStartOf } from '../../positions';
import { looksLikeCompose } from '../compose/composeFiles';
import { extractCompose } from '../compose/compose';
import { mergeFacts, MovableFacts } from '../../incremental/shiftFacts';
import { CodeBlock, markdownCodeBlocks } from './codeBlocks';

const COMPOSE_LANGUAGES = new Set(['yaml', 'yml', 'compose', 'docker-compose', 'dockercompose', 'yaml+jinja']);
/**
 * What a block needs to hold anything of Compose's: the keys every finding is about, anywhere (a
 * fragment), or a top-level `services:` (a whole file, whose services may publish nothing). A
 * `services:` further in is other software's (a proxy's routes), and is not parsed.
 */
const PORT_KEYS = /^[ \t]*(?:ports|network_mode|expose)[ \t]*:/m;
const SERVICES_AT = (indentation: string) => new RegExp(`^${indentation}services[ \\t]*:`, 'm');
/**
 * Kubernetes objects (`apiVersion:` and `kind:`) are the YAML pages show most after Compose, and
 * their `ports:` are never Compose's: they are not parsed at all.
 */
const KUBERNETES_KEYS = [/^[ \t]*apiVersion[ \t]*:/m, /^[ \t]*kind[ \t]*:/m];
const SERVICES_KEY = /^[ \t]*services[ \t]*:/m;

export function markdownComposeFacts(text: string, environment: Readonly<Record<string, string>> = {}): DocumentFacts {
  const parts: DocumentFacts[] = [];
  for (const block of markdownCodeBlocks(text)) {
    const untagged = block.fenced && block.language === '';
    if ((!untagged && !COMPOSE_LANGUAGES.has(block.language)) || block.lines.length === 0) continue;
    const { start, view } = blockView(text, block);
    if (untagged ? !isWholeComposeFile(view) : !mayHoldCompose(view) || isKubernetesObject(view)) continue;
    const { facts } = new MovableFacts(extractCompose(view, environment, undefined, true), start);
    parts.push({ ...facts, publishes: facts.publishes.map((p) => withQuotedLineBreaks(p, text)) });
  }
  return mergeFacts('markdown', parts);
}

function mayHoldCompose(view: string): boolean {
  if (PORT_KEYS.test(view)) return true;
  const indentation = /^([ \t]*)\S/m.exec(view)?.[1];
  return indentation !== undefined && SERVICES_AT(indentation).test(view);
}

/**
 * A fence with no info string says nothing of its language: it is read as Compose only when it is
 * a whole Compose file (a top-level `services:` mapping whose services have Compose keys), never
 * as a fragment, as its lines may as well be a shell session or a program's output.
 */
function isWholeComposeFile(view: string): boolean {
  const indentation = /^([ \t]*)[^\s#]/m.exec(view)?.[1];
  return indentation !== undefined && view.includes('services') && looksLikeCompose(indentation === '' ? view : dedented(view, indentation));
}

/** The block's lines without the indentation of its first line (a fence inside a list item). */
function dedented(view: string, indentation: string): string {
  return view.split('\n').map((line) => (line.startsWith(indentation) ? line.slice(indentation.length) : line)).join('\n');
}

function isKubernetesObject(view: string): boolean {
  return KUBERNETES_KEYS.every((key) => key.test(view)) && !SERVICES_KEY.test(view);
}

/**
 * A fix that adds a line was written for the embedded text alone; where that text sits behind a
 * prefix on every line (a page's quote markers, a `<<-` here-document's tabs), each new line gets
 * the prefix of the line the edit is on, in place of as many of its own leading spaces.
 */
export function withLinePrefix(publish: PublishedPort, prefixAt: (offset: number) => string): PublishedPort {
  const rebind = publish.rebind;
  if (!rebind) return publish;
  return {
    ...publish,
    rebind: (address) =>
      rebind(address).map((edit) => {
        if (!edit.newText.includes('\n')) return edit;
        const prefix = prefixAt(edit.start);
        return { ...edit, newText: edit.newText.replace(/\n( *)/g, (_, spaces: string) => `\n${prefix}${spaces.slice(prefix.length)}`) };
      }),
  };
}

/**
 * A fix that adds a line (a long-syntax `host_ip:`) was written for the block alone; on the page the
 * new line needs the quote markers (`> `) that the line it follows starts with.
 */
export function withQuotedLineBreaks(publish: PublishedPort, text: string): PublishedPort {
  return withLinePrefix(publish, (offset) => /^[ \t>]*/.exec(text.slice(lineStartOf(text, offset), offset))![0].replace(/[ \t]+$/, ''));
}

/** The block's lines, from the start of its first line, with what precedes each line's content blanked. */
export function blockView(text: string, block: CodeBlock): { start: number; view: string } {
  const first = block.lines[0];
  const start = lineStartOf(text, first.start);
  const out: string[] = [];
  let cursor = start;
  for (const line of block.lines) {
    // Lines markdown-it could not map (none in practice) stay blank, so offsets never drift.
    out.push(text.slice(cursor, line.start).replace(/[^\r\n]/g, ' '), line.text);
    cursor = line.start + line.text.length;
  }
  return { start, view: out.join('') };
}
