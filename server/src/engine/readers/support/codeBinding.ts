/**
 * A port binding read from code or infrastructure files (a Terraform `ports` block, a docker-py
 * `ports=` entry, an Engine API `PortBinding`, a Vagrant forwarded port), as the `-p` spec Docker
 * would be given for it: the same grammar checks it, the same rules and hovers read it.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DocumentFacts, Owner, PublishedPort, PublishOrigin, Span, TextEdit } from '../../model';
import type { LineIndex } from '../../positions';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';

export interface Binding {
  /** `''`: no address, every interface; undefined: not known from this file. */
  hostIp: string | undefined;
  /** null: a random free port; undefined: not known from this file. */
  hostPort: string | null | undefined;
  /** `80` or `8000-8010`; undefined: not known from this file. */
  containerPort: string | undefined;
  /** undefined: not known from this file. */
  protocol: string | undefined;
}

export interface BindingPlace {
  span: Span;
  hoverSpan?: Span;
  anchor?: number;
  origin: PublishOrigin;
  owner?: Owner;
  notes: string[];
  docs: { title: string; url: string };
  rebind?: (address: string) => TextEdit[];
}

/** The `-p` spec that stands for the binding; unknown parts are UNKNOWN_TEXT. */
export function specOf(binding: Binding): string {
  const unknown = (part: string | undefined) => part ?? UNKNOWN_TEXT;
  const hostPort = binding.hostPort === null ? '' : unknown(binding.hostPort);
  const container = `${unknown(binding.containerPort)}/${unknown(binding.protocol)}`;
  if (binding.hostIp === '') return `${hostPort}:${container}`;
  const ip = binding.hostIp === undefined ? UNKNOWN_TEXT : binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp;
  return `${ip}:${hostPort}:${container}`;
}

export function publishOf(binding: Binding, place: BindingPlace): PublishedPort {
  const spec = specOf(binding);
  const publish: PublishedPort = {
    span: place.span,
    origin: place.origin,
    written: spec.split(UNKNOWN_TEXT).join('…'),
    reading: readPublishSpec(spec),
    notes: place.notes,
    docs: place.docs,
  };
  if (place.hoverSpan) publish.hoverSpan = place.hoverSpan;
  if (place.anchor !== undefined) publish.anchor = place.anchor;
  if (place.owner) publish.owner = place.owner;
  if (place.rebind) publish.rebind = place.rebind;
  return publish;
}

/** The line break a file uses (the first one it has), for lines a fix inserts. */
export function lineBreakIn(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** The whitespace a line starts with. */
export function indentAt(text: string, lineStart: number): string {
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

/** A node's text for a hover, on one line and cut short: a whole nested literal is never copied (a deep one would make that quadratic). */
export function excerpt(text: string, node: Node): string {
  const end = Math.min(node.endIndex, node.startIndex + 61);
  const line = text.slice(node.startIndex, end).replace(/\s+/g, ' ');
  return end < node.endIndex || line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

/** A hover-only explanation on `node`: what the reader could not read there, and why nothing is reported. */
export function explainUnread(facts: DocumentFacts, node: Node, markdown: string): void {
  facts.explanations.push({ span: { start: node.startIndex, end: node.endIndex }, markdown: `**Port bindings not read**\n\n${markdown}` });
}

/** The fix that writes the address inside a string literal's quotes. */
export function insideQuotes(literal: Node): (address: string) => TextEdit[] {
  const start = literal.startIndex + 1;
  const end = literal.endIndex - 1;
  return (address) => [{ start, end, newText: address }];
}

/**
 * The fix that adds `field: "address"` first in an object or struct literal, in its quotes (a
 * quoted key when the first key is quoted) and its layout (a line of its own when the first field
 * has one). `fallbackQuote`: the quote of the strings around it, for an object without any.
 * `wrap` turns the quoted address into the value (moby's `netip.MustParseAddr(…)`).
 */
export function insertFieldFirst(object: Node, text: string, lines: LineIndex, field: string, fallbackQuote = '"', wrap = (quoted: string) => quoted): (address: string) => TextEdit[] {
  const members = object.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const strings = object.descendantsOfType(['string', 'interpreted_string_literal']).filter((n): n is Node => n !== null);
  const quote = strings.map((s) => s.text[0]).find((q) => q === '"' || q === "'") ?? fallbackQuote;
  const first = members[0];
  const key = first?.childForFieldName('key')?.type === 'string' ? `${quote}${field}${quote}` : field;
  const value = (address: string) => wrap(`${quote}${address}${quote}`);
  if (!first) {
    const at = object.startIndex + 1;
    return (address) => [{ start: at, end: at, newText: `${key}: ${value(address)}` }];
  }
  const at = first.startIndex;
  const lineStart = lines.lineStart(at);
  const indent = indentAt(text, lineStart);
  const separator = lineStart + indent.length === at ? `,${lineBreakIn(text)}${indent}` : ', ';
  return (address) => [{ start: at, end: at, newText: `${key}: ${value(address)}${separator}` }];
}
