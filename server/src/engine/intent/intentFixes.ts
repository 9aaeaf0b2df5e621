/**
 * The fixes that fit a public port's class, beside "Bind to 127.0.0.1": mark it public by design
 * (a marker comment above it), or bind it to a variable with a loopback default that each
 * deployment can set (Compose).
 */
import type { DocumentKind, PublishedPort, TextEdit } from '../model';
import { lineStartOf } from '../positions';
import type { Fix } from '../rules/rule';
import { parseIpAddress } from '../grammar/ipAddress';
import { commentLine, CommentStyle, PUBLIC_MARKER } from './publicMarkers';

/** JSON with comments takes `//`; every other file the product reads takes `#` where a spec is (a page's code blocks too). */
export function commentStyleOf(kind: DocumentKind): CommentStyle {
  return kind === 'devcontainer' ? 'slash' : 'hash';
}

/** "Mark as public by design": the marker on its own line above the statement, indented like it. */
export function markPublicFix(publish: PublishedPort, document: { text: string; kind: DocumentKind }): Fix {
  const { text, kind } = document;
  // Above the command, not inside it: a comment line would end a continued shell command.
  const at = lineStartOf(text, publish.anchor ?? publish.hoverSpan?.start ?? publish.span.start);
  const lineEnd = text.indexOf('\n', at);
  const lineText = text.slice(at, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const eol = lineEnd > 0 && text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  return { title: 'Mark as public by design (# docker-port-safety public)', edits: [{ start: at, end: at, newText: `${commentLine(lineText, PUBLIC_MARKER, commentStyleOf(kind), kind === 'markdown')}${eol}` }] };
}

/**
 * The variable of a Compose service's deploy-time address: `jellyfin` → `JELLYFIN_BIND_ADDRESS`.
 * Set in `.env` beside the Compose file (`JELLYFIN_BIND_ADDRESS=192.168.1.10`) to serve the LAN;
 * unset, the port stays on loopback.
 */
export function bindAddressVariable(service: string): string {
  const name = service.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `${/^[0-9]/.test(name) || name === '' ? `S${name}` : name}_BIND_ADDRESS`;
}

/**
 * "Deploy-time address" (Compose): `"${JELLYFIN_BIND_ADDRESS:-127.0.0.1}:8096:8096"`. Only with an
 * IPv4 default: an IPv6 one needs brackets that an IPv4 value set later must not have.
 */
export function deployTimeFix(publish: PublishedPort, service: string | undefined, address: string): Fix | undefined {
  if (!service || !publish.rebind || !publish.origin.startsWith('compose')) return undefined;
  if (parseIpAddress(address)?.family !== 4) return undefined;
  const variable = bindAddressVariable(service);
  const value = `\${${variable}:-${address}}`;
  const edits = publish.rebind(address).map((edit): TextEdit => ({ ...edit, newText: replaceOnce(edit.newText, address, value) }));
  if (edits.length === 0 || !edits.some((e) => e.newText.includes(value))) return undefined;
  return { title: `Deploy-time address: bind to \${${variable}:-${address}} (set ${variable} in .env to serve another address)`, edits };
}

function replaceOnce(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  return at < 0 ? text : text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** The Compose service that publishes. */
export function composeServiceOf(publish: PublishedPort): string | undefined {
  return publish.origin.startsWith('compose') && publish.owner?.kind === 'compose-service' ? publish.owner.name : undefined;
}
