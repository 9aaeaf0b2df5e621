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
    const findings: Finding[] = [];
    const bound = facts.publishes.filter(isConcrete);
    for (let i = 0; i < bound.length; i++) {
      const related: RelatedLocation[] = [];
      for (let j = 0; j < bound.length; j++) {
        if (i !== j && conflicts(bound[i], bound[j])) related.push(relatedTo(bound[j]));
      }
      for (const sibling of context.projectFiles ?? []) {
        for (const other of sibling.publishes.filter(isConcrete)) {
          if (conflicts(bound[i], other)) related.push({ ...relatedTo(other), file: sibling.file });
        }
      }
      if (related.length === 0) continue;
      const spec = specOf(bound[i]);
      const hostPorts = spec.hostPorts as PortRange;
      findings.push({
        rule: 'port-conflict',
        span: bound[i].span,
        anchor: bound[i].anchor,
        severity: 'warning',
        message:
          `Host ${hostPorts.start === hostPorts.end ? 'port' : 'ports'} ${formatRange(hostPorts)}/${spec.protocol} on ${shortHostSide(spec)} ` +
          `${related.length === 1 ? 'is' : 'are'} also published ${related.map((r) => r.message).join(', ')}: the second container will fail with "port is already allocated".`,
        fixes: [],
        related,
      });
    }
    return findings;
  },
};

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
