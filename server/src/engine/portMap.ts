/**
 * The workspace port map: every port the project's files publish, one entry per host binding,
 * with every place that publishes it. Built from the same facts and findings as the diagnostics,
 * so the map, the Problems view and the CLI never disagree. Pure: callers read the files.
 */
import { readerOf } from './readers/registry';
import { DocumentFacts, Owner, PublishedPort, sameOwner, Span } from './model';
import { LineIndex } from './positions';
import { conflicts, isConcrete } from './rules/portConflict';
import type { Finding, RuleId } from './rules/rule';
import { canonicalAddress, IpAddress, isLoopback, isUnspecified } from './grammar/ipAddress';
import { formatRange, PortRange, PublishSpec, UNKNOWN_TEXT } from './grammar/publishSpec';
import type { PublicClass } from './intent/publicClass';

export type Reach = 'public' | 'local' | 'specific' | 'unknown';
export type PortMapKind = 'publish' | 'publish-all' | 'host-network';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PortMapSource {
  uri: string;
  range: LspRange;
  /** The Compose service or the container (image) that publishes it. */
  container?: string;
  /** The finding at this place, if there is one. */
  rule?: RuleId;
  /** A port published on every interface: its class (must-never, by-design, declared, accidental). */
  publicClass?: PublicClass;
}

export interface PortMapEntry {
  reach: Reach;
  /** null: every interface (no address written). */
  hostAddress: string | null;
  /** `8080`, a range `8000-8010`, `` when Docker picks one, or the variable that decides it (`${WEB_PORT}`). */
  hostPort: string;
  protocol: string;
  /** `80`, a range, `` for every exposed port (publish-all) or everything (host network), or a variable. */
  containerPort: string;
  kind: PortMapKind;
  /** The most pressing class among its sources (must-never, accidental, declared, by-design), for a public binding. */
  publicClass?: PublicClass;
  conflict: boolean;
  sources: PortMapSource[];
}

/** One checked file, as the caller read it. */
export interface CheckedFile {
  uri: string;
  text: string;
  facts: DocumentFacts;
  /** Only which rule found what where (and a public port's class): findings of large open documents come without their fixes. */
  findings: Pick<Finding, 'rule' | 'span' | 'publicClass'>[];
}

/** Rules that say something about a publish, most telling first. */
const RULE_ORDER: RuleId[] = ['invalid-port', 'public-bind', 'port-conflict', 'publish-all', 'host-network', 'unquoted-port', 'sensitive-port'];
const REACH_ORDER: Reach[] = ['public', 'unknown', 'specific', 'local'];
/** The most pressing first: an entry shows the first of its sources' classes. */
const CLASS_ORDER: PublicClass[] = ['must-never', 'accidental', 'declared', 'by-design'];

interface Located {
  entry: PortMapEntry;
  publish?: PublishedPort;
  documentation: boolean;
  uri: string;
}

export function buildPortMap(files: CheckedFile[]): PortMapEntry[] {
  const byKey = new Map<string, PortMapEntry>();
  const located: Located[] = [];
  for (const file of files) {
    const index = new LineIndex(file.text);
    const range = (span: Span): LspRange => ({ start: index.position(span.start), end: index.position(span.end) });
    const rules = rulesBySpan(file.findings);
    const classes = classesBySpan(file.findings);
    const add = (fields: Omit<PortMapEntry, 'conflict' | 'sources'>, span: Span, container: Owner | undefined, publish?: PublishedPort) => {
      const key = [fields.kind, fields.hostAddress, fields.hostPort, fields.protocol, fields.containerPort, fields.reach].join('|');
      const publicClass = classes.get(`${span.start}:${span.end}`);
      let entry = byKey.get(key);
      if (!entry) {
        // The class sits beside the binding's fields, before conflict and sources (as the contract lists them).
        entry = { ...fields, ...(publicClass ? { publicClass } : {}), conflict: false, sources: [] };
        byKey.set(key, entry);
      } else if (publicClass && (!entry.publicClass || CLASS_ORDER.indexOf(publicClass) < CLASS_ORDER.indexOf(entry.publicClass))) {
        entry.publicClass = publicClass;
      }
      const source: PortMapSource = { uri: file.uri, range: range(span) };
      const name = containerName(container);
      if (name) source.container = name;
      const rule = rules.get(`${span.start}:${span.end}`);
      if (rule) source.rule = rule;
      if (publicClass) source.publicClass = publicClass;
      entry.sources.push(source);
      located.push({ entry, publish, documentation: readerOf(file.facts.kind).showsExamples === true, uri: file.uri });
    };
    for (const publish of file.facts.publishes) {
      if (publish.discarded || !publish.reading.ok) continue;
      add(publishFields(publish), publish.span, publish.owner, publish);
    }
    for (const marker of file.facts.publishAll) {
      add({ reach: 'public', hostAddress: null, hostPort: '', protocol: 'tcp', containerPort: '', kind: 'publish-all' }, marker.span, marker.owner);
    }
    for (const marker of file.facts.hostNetworks) {
      add({ reach: 'public', hostAddress: null, hostPort: '', protocol: 'tcp', containerPort: '', kind: 'host-network' }, marker.span, marker.owner);
    }
  }
  markConflicts(located);
  return [...byKey.values()].sort(compareEntries);
}

/** `service "web"` → `web`, `container nginx` → `nginx`: the name alone. */
function containerName(owner: Owner | undefined): string | undefined {
  return owner?.name ?? owner?.image;
}

function publishFields(publish: PublishedPort): Omit<PortMapEntry, 'conflict' | 'sources'> {
  const spec = (publish.reading as { ok: true; spec: PublishSpec }).spec;
  const variable = (range: PortRange | 'unknown' | null) => {
    if (range === null) return '';
    if (range !== 'unknown') return formatRange(range);
    // With one variable it decides the slot; otherwise say only that it is unknown.
    const names = [...new Set(publish.unknownVariables ?? [])];
    return names.length === 1 ? `\${${names[0]}}` : '?';
  };
  const everyNode = publish.origin === 'swarm' || publish.origin === 'run-csv';
  return {
    reach: everyNode ? 'public' : reachOf(spec.hostIp, spec.hostAddress),
    hostAddress: everyNode || spec.hostIp === '' ? null : spec.hostIp === undefined ? '?' : spec.hostAddress ? canonicalAddress(spec.hostAddress) : spec.hostIp,
    hostPort: variable(spec.hostPorts),
    protocol: spec.protocol,
    containerPort: variable(spec.containerPorts),
    kind: 'publish',
  };
}

/** Every interface or an address others can reach is public; loopback is local; a private address is one interface of this machine. */
export function reachOf(hostIp: string | undefined, address: IpAddress | undefined): Reach {
  if (hostIp === undefined || hostIp.includes(UNKNOWN_TEXT)) return 'unknown';
  if (hostIp === '' || !address || isUnspecified(address)) return 'public';
  if (isLoopback(address)) return 'local';
  return isPrivate(address) ? 'specific' : 'public';
}

/** RFC 1918, CGNAT, link-local, and IPv6 unique-local and link-local addresses. */
function isPrivate(ip: IpAddress): boolean {
  const b = ip.bytes;
  if (ip.family === 4) {
    return b[0] === 10 || (b[0] === 172 && b[1] >= 16 && b[1] <= 31) || (b[0] === 192 && b[1] === 168) || (b[0] === 100 && b[1] >= 64 && b[1] <= 127) || (b[0] === 169 && b[1] === 254);
  }
  return (b[0] & 0xfe) === 0xfc || (b[0] === 0xfe && (b[1] & 0xc0) === 0x80);
}

function classesBySpan(findings: CheckedFile['findings']): Map<string, PublicClass> {
  const classes = new Map<string, PublicClass>();
  for (const finding of findings) if (finding.publicClass) classes.set(`${finding.span.start}:${finding.span.end}`, finding.publicClass);
  return classes;
}

function rulesBySpan(findings: CheckedFile['findings']): Map<string, RuleId> {
  const rules = new Map<string, RuleId>();
  for (const finding of findings) {
    const key = `${finding.span.start}:${finding.span.end}`;
    const current = rules.get(key);
    if (!current || RULE_ORDER.indexOf(finding.rule) < RULE_ORDER.indexOf(current)) rules.set(key, finding.rule);
  }
  return rules;
}

/**
 * The port-conflict notion across files: two places that bind overlapping addresses, ports and
 * protocol. A Markdown page documents (and repeats, and shows alternatives), so it never makes a
 * conflict; the same container publishing the same mapping twice (an override repeating its base) is one binding.
 */
function markConflicts(located: Located[]): void {
  const concrete = located.filter((l) => l.publish && !l.documentation && isConcrete(l.publish));
  const start = (l: Located) => ((l.publish!.reading as { spec: { hostPorts: PortRange } }).spec.hostPorts).start;
  const end = (l: Located) => ((l.publish!.reading as { spec: { hostPorts: PortRange } }).spec.hostPorts).end;
  concrete.sort((a, b) => start(a) - start(b));
  for (let i = 0; i < concrete.length; i++) {
    const a = concrete[i];
    for (let j = i + 1, scanned = 0; j < concrete.length && start(concrete[j]) <= end(a) && scanned < 2000; j++, scanned++) {
      const b = concrete[j];
      if (!conflicts(a.publish!, b.publish!)) continue;
      const sameBinding = a.entry === b.entry && sameOwner(a.publish!.owner, b.publish!.owner) && a.uri !== b.uri;
      if (sameBinding) continue;
      a.entry.conflict = true;
      b.entry.conflict = true;
    }
  }
}

function compareEntries(a: PortMapEntry, b: PortMapEntry): number {
  return (
    REACH_ORDER.indexOf(a.reach) - REACH_ORDER.indexOf(b.reach) ||
    portNumber(a.hostPort) - portNumber(b.hostPort) ||
    (a.hostAddress ?? '').localeCompare(b.hostAddress ?? '') ||
    a.protocol.localeCompare(b.protocol) ||
    a.kind.localeCompare(b.kind) ||
    portNumber(a.containerPort) - portNumber(b.containerPort)
  );
}

function portNumber(port: string): number {
  const n = parseInt(port, 10);
  return Number.isNaN(n) ? 70000 : n;
}
