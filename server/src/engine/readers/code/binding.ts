/**
 * A port binding read from code or infrastructure files (a Terraform `ports` block, a docker-py
 * `ports=` entry, an Engine API `PortBinding`, a Vagrant forwarded port), as the `-p` spec Docker
 * would be given for it: the same grammar checks it, the same rules and hovers read it.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DocumentFacts, PublishedPort, PublishOrigin, Span, TextEdit } from '../../model';
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
  owner?: string;
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
