/**
 * Every port published on every interface is in exactly one of four classes, which decide the
 * severity of public-bind, its words, and whether fix-all and `--fix` change it:
 *
 * - must never be public: the container port is a sensitive service (SSH, databases, …); wins over all;
 * - declared public: the user said so (a marker comment, `publicPorts`, or an address written
 *   out as 0.0.0.0 with `explicitAllInterfaces: "declared"`);
 * - public by design: host port 80 or 443 (the web), or the image is a known network-facing
 *   server and the host port is its role's port (serverRoles.json);
 * - accidental: everything else.
 *
 * Declared comes before by design so that the user's own reason is the one shown.
 */
import type { PublishSpec } from '../grammar/publishSpec';
import { isUnspecified } from '../grammar/ipAddress';
import type { SensitivePortTable } from '../grammar/sensitivePorts';
import { sensitiveServicesIn } from '../grammar/sensitivePorts';
import type { PublicMarker } from './publicMarkers';
import { portsCover, PortsOf, portsInWords, roleOfImage, ServerRole, WEB_ROLE } from './serverRoles';

export type PublicClass = 'must-never' | 'by-design' | 'declared' | 'accidental';

/** The classes in the words people read (messages, hovers, the port map). */
export const PUBLIC_CLASS_LABEL: Record<PublicClass, string> = {
  'must-never': 'must never be public',
  'by-design': 'public by design',
  declared: 'declared public',
  accidental: 'accidental',
};

/** The classes fix-all, `--fix` and the port map's "Bind to 127.0.0.1" leave as they are. */
export function isIntendedPublic(publicClass: PublicClass | undefined): boolean {
  return publicClass === 'by-design' || publicClass === 'declared';
}

export interface IntentSettings {
  sensitivePorts: SensitivePortTable;
  /** `dockerPortSafety.publicPorts`, read. */
  publicPorts: readonly PortsOf[];
  explicitAllInterfaces: 'accidental' | 'declared';
}

export interface PublicJudgement {
  publicClass: PublicClass;
  /** Why, in plain words, as a sentence fragment: `host port 443 serves the web`. */
  why: string;
  /** The server role that made it public by design. */
  role?: ServerRole;
  /** What the user wrote after `public:` in the marker. */
  reason?: string;
}

/** What the classifier reads of a publish. */
export interface PublishToJudge {
  spec: PublishSpec;
  /** The image as written, when it is known where the spec is. */
  image?: string;
  /** The marker comment that declares it, if any. */
  marker?: PublicMarker;
}

export function judgePublic(publish: PublishToJudge, settings: IntentSettings): PublicJudgement {
  const { spec } = publish;
  if (spec.containerPorts !== 'unknown') {
    const sensitive = sensitiveServicesIn(spec.containerPorts, settings.sensitivePorts);
    if (sensitive.length > 0) {
      const names = sensitive.slice(0, 3).map((s) => `${s.name} (${s.port})`).join(', ');
      return { publicClass: 'must-never', why: `${names} must never be reachable from the network` };
    }
  }
  if (publish.marker) {
    return { publicClass: 'declared', why: publish.marker.reason ?? 'marked public in this file', reason: publish.marker.reason };
  }
  const hostPorts = spec.hostPorts !== null && spec.hostPorts !== 'unknown' ? spec.hostPorts : undefined;
  if (hostPorts && portsCover(settings.publicPorts, hostPorts, spec.protocol)) {
    return { publicClass: 'declared', why: `host ${portWords(hostPorts, spec)} is listed in publicPorts` };
  }
  if (settings.explicitAllInterfaces === 'declared' && spec.hostIp !== '' && spec.hostAddress && isUnspecified(spec.hostAddress)) {
    return { publicClass: 'declared', why: `the address ${spec.hostIp} is written out and explicitAllInterfaces is "declared"` };
  }
  if (hostPorts && portsCover(WEB_ROLE.ports, hostPorts, spec.protocol)) {
    return { publicClass: 'by-design', why: `host ${portWords(hostPorts, spec)} serves the web`, role: WEB_ROLE };
  }
  const role = roleOfImage(publish.image);
  if (hostPorts && role && portsCover(role.ports, hostPorts, spec.protocol)) {
    return { publicClass: 'by-design', why: `${role.name} is a ${role.role} and host ${portWords(hostPorts, spec)} is its ${role.role.replace(/ server$/, '')} port`, role };
  }
  return { publicClass: 'accidental', why: accidentalWhy(hostPorts, spec, role) };
}

function portWords(range: { start: number; end: number }, spec: PublishSpec): string {
  const ports = { range, protocol: spec.protocol } as PortsOf;
  return `${range.start === range.end ? 'port' : 'ports'} ${portsInWords(ports)}`;
}

/** Nothing says it is meant to be public; an admin port of a known server is named as one. */
function accidentalWhy(hostPorts: { start: number; end: number } | undefined, spec: PublishSpec, role: ServerRole | undefined): string {
  if (role && hostPorts && hostPorts.start === hostPorts.end) {
    const admin = role.adminPorts.get(`${hostPorts.start}/${spec.protocol}`);
    if (admin) return `host port ${hostPorts.start}/${spec.protocol} is ${admin} of ${role.name}, an admin port that only its operators need`;
  }
  if (role) return `host ${hostPorts ? portWords(hostPorts, spec) : 'port'} is not among ${role.name}'s ${role.role} ports (${role.ports.map(portsInWords).join(', ')})`;
  return 'nothing says it is meant to be public';
}
