import type { PublishedPort, Span } from '../model';
import { formatRange, PortRange, PublishSpec, rangesOverlap } from '../spec/publishSpec';
import { hostSideInWords } from '../describe';
import type { Finding, RelatedLocation, Rule } from './rule';

export const portConflict: Rule = {
  id: 'port-conflict',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The same host address, port and protocol is published twice.',
    catches:
      'Two publishes in one file (or in the files of one Compose project, such as `compose.yaml` and `compose.override.yaml`) whose host addresses overlap ' +
      '(an empty address and `0.0.0.0` cover every IPv4 address), whose host ports or ranges overlap, with the same protocol.',
    why: 'The second container fails to start with "port is already allocated", often only on the machine where both run.',
    fix: 'Give one of them another host port, or a random one (`127.0.0.1::80`). Silence with `# docker-port-safety ignore port-conflict`.',
  },
  check(facts, context) {
    const own = facts.publishes.filter(isConcrete);
    const candidates: { publish: PublishedPort; file?: string; ownIndex: number }[] = own.map((publish, ownIndex) => ({ publish, ownIndex }));
    for (const sibling of context.projectFiles ?? []) {
      for (const publish of sibling.publishes.filter(isConcrete)) candidates.push({ publish, file: sibling.file, ownIndex: -1 });
    }
    // Sorted by first host port, each publish only meets the ones that start before it ends.
    candidates.sort((a, b) => hostRange(a.publish).start - hostRange(b.publish).start);
    const related: RelatedLocation[][] = own.map(() => []);
    for (let i = 0; i < candidates.length; i++) {
      const a = candidates[i];
      for (let j = i + 1; j < candidates.length && hostRange(candidates[j].publish).start <= hostRange(a.publish).end; j++) {
        const b = candidates[j];
        if ((a.ownIndex < 0 && b.ownIndex < 0) || !conflicts(a.publish, b.publish)) continue;
        if (a.ownIndex >= 0) related[a.ownIndex].push({ ...relatedTo(b.publish), ...(b.file ? { file: b.file } : {}) });
        if (b.ownIndex >= 0) related[b.ownIndex].push({ ...relatedTo(a.publish), ...(a.file ? { file: a.file } : {}) });
      }
    }
    const findings: Finding[] = [];
    own.forEach((publish, index) => {
      const others = related[index];
      if (others.length === 0) return;
      others.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.span.start - y.span.start);
      const spec = specOf(publish);
      const hostPorts = spec.hostPorts as PortRange;
      findings.push({
        rule: 'port-conflict',
        span: publish.span,
        anchor: publish.anchor,
        severity: 'warning',
        message:
          `Host ${hostPorts.start === hostPorts.end ? 'port' : 'ports'} ${formatRange(hostPorts)}/${spec.protocol} on ${shortHostSide(spec)} ` +
          `${others.length === 1 ? 'is' : 'are'} also published ${others.map((r) => r.message).join(', ')}: the second container will fail with "port is already allocated".`,
        fixes: [],
        related: others,
      });
    });
    return findings;
  },
};

function hostRange(publish: PublishedPort): PortRange {
  return specOf(publish).hostPorts as PortRange;
}

function specOf(publish: PublishedPort): PublishSpec {
  return (publish.reading as { spec: PublishSpec }).spec;
}

function isConcrete(publish: PublishedPort): boolean {
  if (publish.discarded || !publish.reading.ok || publish.origin === 'swarm') return false;
  const spec = publish.reading.spec;
  return spec.hostIp !== undefined && spec.hostPorts !== null && spec.hostPorts !== 'unknown';
}

function conflicts(a: PublishedPort, b: PublishedPort): boolean {
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

function relatedTo(publish: PublishedPort): RelatedLocation {
  return { span: publish.span as Span, message: `by ${publish.written}${publish.owner ? ` (${publish.owner})` : ''}` };
}

function shortHostSide(spec: PublishSpec): string {
  return spec.hostIp === '' ? 'all interfaces' : spec.hostIp ?? hostSideInWords(spec);
}
