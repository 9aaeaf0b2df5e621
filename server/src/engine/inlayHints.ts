/**
 * Inlay hints: before a published spec written without an address, the address Docker binds.
 * `-p 3456:3000` is `0.0.0.0:3456:3000` and `[::]:3456:3000`; the hint puts that where the eye
 * already is. Computed from the facts of an analysis already made (no parse of its own), for
 * every reader alike: any publish whose host address Docker does not read from the text gets one.
 */
import { publishHeading } from './hover';
import type { DocumentFacts, PublishedPort, Span } from './model';
import { addressForSpec } from './grammar/ipAddress';

export interface AddressHint {
  /** Where the hint stands: the start of the spec it belongs to. */
  offset: number;
  label: string;
  /** A space between the hint and the spec when the label does not run into the spec's own text. */
  paddingRight: boolean;
  /** Markdown: the first line of the publish's hover. */
  tooltip: string;
}

/** Both families, as the daemon binds a publish with no address (ports.md §2). */
export const DAEMON_DEFAULT = '0.0.0.0 + [::]';

/** The hints of the publishes that start within `range` (half-open, UTF-16 offsets), in document order. */
export function addressHints(facts: DocumentFacts, range: Span): AddressHint[] {
  const hints: AddressHint[] = [];
  for (const publish of facts.publishes) {
    const offset = publish.span.start;
    if (offset < range.start || offset >= range.end) continue;
    const label = hintLabel(publish);
    if (label) hints.push({ offset, ...label, tooltip: publishHeading(publish) });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

function hintLabel(publish: PublishedPort): { label: string; paddingRight: boolean } | undefined {
  // Host networking discards the publish; a refused spec binds nothing; an address from an unset
  // variable is not known here.
  if (publish.discarded || !publish.reading.ok) return undefined;
  const spec = publish.reading.spec;
  if (spec.hostIp === undefined) return undefined;
  const keyValues = publish.written.includes('=');
  // An address in Docker's reading of the spec itself (a third part, or a long syntax `host_ip`):
  // no hint, unless a variable wrote it (Compose `${BIND:-127.0.0.1}:80:80`, or a value from
  // .env), whose value is not on the line.
  if (spec.partCount >= 3 && spec.hostIp !== '') {
    if (publish.resolved === undefined || spec.hostIpEnd === 0 || publish.written.startsWith(publish.resolved.slice(0, spec.hostIpEnd))) return undefined;
    return { label: `${addressForSpec(spec.hostIp)} =`, paddingRight: true };
  }
  // No address written: the daemon default, or the network's (see networkDefaults.ts).
  let address = spec.hostIp === '' ? DAEMON_DEFAULT : addressForSpec(spec.hostIp);
  if (publish.origin === 'swarm') address += ' (every node)';
  const random = spec.hostPorts === null;
  // `published=8080,target=80` (docker/cli drops a host_ip written there): the label stands apart.
  if (keyValues) return { label: random ? `${address}:random` : address, paddingRight: true };
  // The label runs into the spec: `0.0.0.0 + [::]:` before `3456:3000`, `…:random→` before `4567`;
  // a spec with an empty address slot (`:3456:3000`) brings its own colon.
  if (spec.partCount >= 3) return { label: address, paddingRight: false };
  return { label: random ? `${address}:random→` : `${address}:`, paddingRight: false };
}
