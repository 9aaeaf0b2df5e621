/**
 * The `docker run -p` / Compose short-syntax grammar, exactly as Docker reads it
 * (go-connections `nat.ParsePortSpec`, reached from docker/cli and compose-go alike).
 * Error texts are Docker's own, so users can search for them.
 */
import { IpAddress, parseIpAddress } from './ipAddress';

/** Stands for text whose value is not known statically (a shell variable, a command substitution). */
export const UNKNOWN_TEXT = '\uE000';

export type Protocol = 'tcp' | 'udp' | 'sctp';

export interface PortRange {
  start: number;
  end: number;
}

export interface PublishSpec {
  /**
   * The host address as Docker sees it after removing brackets: `''` when none is written
   * (the daemon default: every IPv4 and IPv6 interface); undefined when it is not known statically.
   */
  hostIp: string | undefined;
  /** Parsed form of `hostIp`, when it is an address. */
  hostAddress?: IpAddress;
  /** Where the address text (brackets included) ends in the spec; 0 when no address is written. */
  hostIpEnd: number;
  /** How many `:`-separated parts the spec has (1: container only, 2: host port and container, 3+: with address). */
  partCount: number;
  /** null: Docker picks a random free port. 'unknown': a variable. */
  hostPorts: PortRange | null | 'unknown';
  containerPorts: PortRange | 'unknown';
  protocol: Protocol;
}

export type SpecReading = { ok: true; spec: PublishSpec } | { ok: false; error: string };

const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

export function readPublishSpec(raw: string): SpecReading {
  const parts = raw.split(':');
  const n = parts.length;
  let ipText = '';
  let hostPortText = '';
  if (n === 2) hostPortText = parts[0];
  else if (n >= 3) {
    ipText = parts.slice(0, n - 2).join(':');
    hostPortText = parts[n - 2];
  }
  const hostIpEnd = ipText.length;
  const [protocolText, containerText] = splitProtocol(parts[n - 1]);

  let hostIp: string | undefined = ipText;
  let hostAddress: IpAddress | undefined;
  if (ipText.includes(UNKNOWN_TEXT)) {
    hostIp = undefined;
  } else {
    if (ipText.startsWith('[')) {
      const unbracketed = stripBrackets(ipText);
      if (!unbracketed.ok) return { ok: false, error: `invalid IP address ${ipText}: ${unbracketed.error}` };
      hostIp = unbracketed.host;
    }
    if (hostIp !== '') {
      hostAddress = parseIpAddress(hostIp);
      if (!hostAddress) return { ok: false, error: `invalid IP address: ${hostIp}` };
    }
  }

  if (containerText === '') return { ok: false, error: `no port specified: ${raw}<empty>` };
  const containerPorts = readRange(containerText);
  if (containerPorts === undefined) return { ok: false, error: `invalid containerPort: ${containerText}` };

  let hostPorts: PortRange | null | 'unknown' = null;
  if (hostPortText !== '') {
    const range = readRange(hostPortText);
    if (range === undefined) return { ok: false, error: `invalid hostPort: ${hostPortText}` };
    hostPorts = range;
  }

  if (hostPorts && hostPorts !== 'unknown' && containerPorts !== 'unknown') {
    const containerIsRange = containerPorts.end !== containerPorts.start;
    if (containerIsRange && containerPorts.end - containerPorts.start !== hostPorts.end - hostPorts.start) {
      return {
        ok: false,
        error: `invalid ranges specified for container and host Ports: ${containerText} and ${hostPortText}`,
      };
    }
  }
  const protocol = protocolText.toLowerCase();
  if (!PROTOCOLS.has(protocol) && !protocol.includes(UNKNOWN_TEXT.toLowerCase())) {
    return { ok: false, error: `invalid proto: ${protocolText}` };
  }
  return {
    ok: true,
    spec: {
      hostIp,
      hostAddress,
      hostIpEnd,
      partCount: n,
      hostPorts,
      containerPorts,
      protocol: (PROTOCOLS.has(protocol) ? protocol : 'tcp') as Protocol,
    },
  };
}

/** go-connections `SplitProtoPort`: the protocol is the second `/` field; anything after it is ignored. */
function splitProtocol(text: string): [string, string] {
  const fields = text.split('/');
  if (text === '' || fields[0] === '') return ['', ''];
  if (fields.length === 1 || fields[1] === '') return ['tcp', fields[0]];
  return [fields[1], fields[0]];
}

/** go-connections `ParsePortRange`: decimal 0–65535; `a-b` with b >= a; a third `-` field is ignored. */
export function readRange(text: string): PortRange | 'unknown' | undefined {
  if (text.includes(UNKNOWN_TEXT)) return 'unknown';
  if (text === '') return undefined;
  if (!text.includes('-')) {
    const port = readPortNumber(text);
    return port === undefined ? undefined : { start: port, end: port };
  }
  const fields = text.split('-');
  const start = readPortNumber(fields[0]);
  const end = readPortNumber(fields[1]);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

function readPortNumber(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text.length > 6 ? text.replace(/^0+(?=.)/, '') : text);
  return value <= 65535 ? value : undefined;
}

/** Go's `net.SplitHostPort(ip + ":")` as Docker uses it to take IPv6 brackets off. */
function stripBrackets(ipText: string): { ok: true; host: string } | { ok: false; error: string } {
  const hostport = ipText + ':';
  const fail = (why: string) => ({ ok: false as const, error: `address ${hostport}: ${why}` });
  const lastColon = hostport.lastIndexOf(':');
  const close = hostport.indexOf(']');
  if (close < 0) return fail("missing ']' in address");
  if (close + 1 !== lastColon) {
    return hostport[close + 1] === ':' ? fail('too many colons in address') : fail('missing port in address');
  }
  const host = hostport.slice(1, close);
  if (hostport.indexOf('[', 1) >= 0) return fail("unexpected '[' in address");
  if (hostport.indexOf(']', close + 1) >= 0) return fail("unexpected ']' in address");
  return { ok: true, host };
}

/**
 * The `docker run -p published=…,target=…,protocol=…` form. docker/cli rewrites it to
 * `published:target/protocol` and silently drops every other key, `host_ip` and `mode` included.
 */
export function convertCsvPublish(raw: string):
  | { ok: true; shortForm: string; dropped: Record<string, string> }
  | { ok: false; error: string } {
  const params: Record<string, string> = { protocol: 'tcp' };
  const dropped: Record<string, string> = {};
  for (const param of raw.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) return { ok: false, error: `invalid publish opts format (should be name=value but got '${param}')` };
    const key = param.slice(0, eq);
    const value = param.slice(eq + 1);
    params[key] = value;
    if (key !== 'published' && key !== 'target' && key !== 'protocol') dropped[key] = value;
  }
  return { ok: true, shortForm: `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`, dropped };
}

export function formatRange(range: PortRange): string {
  return range.start === range.end ? `${range.start}` : `${range.start}-${range.end}`;
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}
