import { readerOf } from '../readers/registry';
import { PublishedPort, sameOwner, Span } from '../model';
import { formatRange, PortRange, PublishSpec, rangesOverlap } from '../grammar/publishSpec';
import { describeOwner, hostSideInWords } from '../describe';
import type { Finding, RelatedLocation, Rule } from './rule';

export const portConflict: Rule = {
  id: 'port-conflict',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The same host address, port and protocol is published twice.',
    catches:
      'Two publishes in one file (or in the files of one Compose project, such as `compose.yaml` and `compose.override.yaml`; an override repeating the same service\'s mapping is one binding) whose host addresses overlap ' +
      '(an empty address and `0.0.0.0` cover every IPv4 address), whose host ports or ranges overlap, with the same protocol.',
    why: 'The second container fails to start with "port is already allocated", often only on the machine where both run.',
    fix: 'Give one of them another host port, or a random one (`127.0.0.1::80`). Silence with `# docker-port-safety ignore port-conflict`.',
  },
  check(facts, context) {
    // A Markdown page shows alternatives (first -p 3456:3000, then 127.0.0.1:3456:3000), not a script that runs them all.
    if (readerOf(facts.kind).showsExamples) return [];
    const own = facts.publishes.filter(isConcrete);
    const entries: Entry[] = own.map((publish, ownIndex) => ({ publish, ownIndex }));
    for (const sibling of context.projectFiles ?? []) {
      for (const publish of sibling.publishes.filter(isConcrete)) entries.push({ publish, file: sibling.file, ownIndex: -1 });
    }
    const related: RelatedLocation[][] = own.map(() => []);
    const counts = own.map(() => 0);
    const link = (a: Entry, b: Entry) => {
      if (a.ownIndex < 0) return;
      counts[a.ownIndex]++;
      if (related[a.ownIndex].length < MAX_RELATED) related[a.ownIndex].push({ ...relatedTo(b.publish), ...(b.file ? { file: b.file } : {}) });
    };
    // Identical publishes (same protocol, address and ports) all conflict: grouping them keeps a
    // file that repeats one mapping thousands of times linear.
    const groups = new Map<string, Entry[]>();
    for (const entry of entries) {
      const key = groupKey(entry.publish);
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    const linkGroups = (a: Entry[], b: Entry[]) => {
      for (const x of a) for (const y of b.slice(0, MAX_RELATED + 1)) if (x !== y && (x.ownIndex >= 0 || y.ownIndex >= 0) && !isOneBinding(x, y)) link(x, y);
    };
    const representatives = [...groups.values()];
    for (const group of representatives) if (group.length > 1) linkGroups(group, group);
    // Distinct groups, sorted by first host port, only meet the ones that start before they end.
    representatives.sort((a, b) => hostRange(a[0].publish).start - hostRange(b[0].publish).start);
    for (let i = 0; i < representatives.length; i++) {
      const a = representatives[i];
      const end = hostRange(a[0].publish).end;
      for (let j = i + 1, scanned = 0; j < representatives.length && scanned < MAX_SCAN && hostRange(representatives[j][0].publish).start <= end; j++, scanned++) {
        const b = representatives[j];
        if (!conflicts(a[0].publish, b[0].publish)) continue;
        linkGroups(a, b);
        linkGroups(b, a);
      }
    }
    const findings: Finding[] = [];
    own.forEach((publish, index) => {
      const others = related[index];
      if (others.length === 0) return;
      others.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.span.start - y.span.start);
      const spec = specOf(publish);
      const hostPorts = spec.hostPorts as PortRange;
      const more = counts[index] - others.length;
      findings.push({
        rule: 'port-conflict',
        span: publish.span,
        anchor: publish.anchor,
        severity: 'warning',
        message:
          `Host ${hostPorts.start === hostPorts.end ? 'port' : 'ports'} ${formatRange(hostPorts)}/${spec.protocol} on ${shortHostSide(spec)} ` +
          `${hostPorts.start === hostPorts.end ? 'is' : 'are'} also published ${others.map((r) => r.message).join(', ')}${more > 0 ? ` and ${more} more` : ''}: ` +
          'the second container will fail with "port is already allocated".',
        fixes: [],
        related: others,
      });
    });
    return findings;
  },
};

interface Entry {
  publish: PublishedPort;
  file?: string;
  ownIndex: number;
}

/** Related locations listed per finding; the message counts the rest. */
const MAX_RELATED = 10;
/** Distinct overlapping mappings compared per mapping: bounds the work on contrived files. */
const MAX_SCAN = 2000;

function groupKey(publish: PublishedPort): string {
  const spec = specOf(publish);
  const range = spec.hostPorts as PortRange;
  const address = spec.hostAddress ? spec.hostAddress.bytes.join('.') : spec.hostIp;
  return `${spec.protocol}|${address}|${range.start}|${range.end}`;
}

function hostRange(publish: PublishedPort): PortRange {
  return specOf(publish).hostPorts as PortRange;
}

function specOf(publish: PublishedPort): PublishSpec {
  return (publish.reading as { spec: PublishSpec }).spec;
}

/** A publish with a known address and host port: the only kind that can collide. Shared with the port map. */
export function isConcrete(publish: PublishedPort): boolean {
  if (publish.discarded || !publish.reading.ok || publish.origin === 'swarm') return false;
  const spec = publish.reading.spec;
  return spec.hostIp !== undefined && spec.hostPorts !== null && spec.hostPorts !== 'unknown';
}

/** Same protocol, overlapping host ports, overlapping addresses: Docker cannot bind both. */
export function conflicts(a: PublishedPort, b: PublishedPort): boolean {
  const x = specOf(a);
  const y = specOf(b);
  return x.protocol === y.protocol && rangesOverlap(x.hostPorts as PortRange, y.hostPorts as PortRange) && addressesOverlap(x, y);
}

/** Wildcards overlap every address of their family; no address means both families. */
function addressesOverlap(x: PublishSpec, y: PublishSpec): boolean {
  if (x.hostIp === '' || y.hostIp === '') return true;
  const a = x.hostAddress!;
  const b = y.hostAddress!;
  if (a.family !== b.family) return false;
  const wildcard = (ip: typeof a) => ip.bytes.every((byte) => byte === 0);
  return wildcard(a) || wildcard(b) || a.bytes.every((byte, i) => byte === b.bytes[i]);
}

/**
 * An override file that repeats its base file's mapping for the same service: Compose merges the
 * two into one (compose-go indexes a service's ports by address, published, target and protocol).
 */
function isOneBinding(x: Entry, y: Entry): boolean {
  if (x.file === y.file || !sameOwner(x.publish.owner, y.publish.owner)) return false;
  const a = specOf(x.publish);
  const b = specOf(y.publish);
  const same = (p: PortRange | 'unknown' | null, q: PortRange | 'unknown' | null) =>
    p === q || (typeof p === 'object' && typeof q === 'object' && p !== null && q !== null && p.start === q.start && p.end === q.end);
  return groupKey(x.publish) === groupKey(y.publish) && same(a.containerPorts, b.containerPorts);
}

function relatedTo(publish: PublishedPort): RelatedLocation {
  return { span: publish.span as Span, message: `by ${publish.written}${publish.owner ? ` (${describeOwner(publish.owner)})` : ''}` };
}

function shortHostSide(spec: PublishSpec): string {
  return spec.hostIp === '' ? 'all interfaces' : spec.hostIp ?? hostSideInWords(spec);
}
