/**
 * The network-facing servers the product knows (serverRoles.json): which images they are, the
 * ports of their role, and where each image's documentation says so. A port published on every
 * interface is public by design when the image matches and the host port is one of its role's.
 */
import type { PortRange, Protocol } from '../grammar/publishSpec';
import data from './serverRoles.json';

/** Ports with a protocol, as a role or a setting lists them (`53/udp`, `2456-2457/udp`, `8096`). */
export interface PortsOf {
  range: PortRange;
  protocol: Protocol;
}

export interface ServerRole {
  /** The server's name (`Pi-hole`), or `the web` for the rule that holds for every image. */
  name: string;
  /** What kind of server: `DNS server`, `mail server`, … */
  role: string;
  /** Repository names, any registry prefix and tag (`pihole/pihole`); `*` is every image. */
  images: string[];
  ports: PortsOf[];
  /** Admin and dashboard ports of the image, `port/protocol` → what it is: they stay accidental. */
  adminPorts: Map<string, string>;
  /** The image's own documentation of these ports. */
  docs: string;
}

interface RoleData {
  name: string;
  role: string;
  images: string[];
  ports: string[];
  adminPorts?: Record<string, string>;
  docs: string;
}

/** `53/udp`, `2456-2457/udp`, `8096` (tcp, as Docker reads a spec without a protocol). */
const PORTS_TEXT = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/;

export function readPorts(text: string): PortsOf | undefined {
  const match = PORTS_TEXT.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start < 1 || end > 65535 || end < start) return undefined;
  return { range: { start, end }, protocol: (match[3] as Protocol | undefined) ?? 'tcp' };
}

function roleFrom(entry: RoleData): ServerRole {
  const ports = entry.ports.map((text) => {
    const ports = readPorts(text);
    if (!ports) throw new Error(`serverRoles.json: ${entry.name}: "${text}" is not a port`);
    return ports;
  });
  return { ...entry, ports, adminPorts: new Map(Object.entries(entry.adminPorts ?? {})) };
}

export const SERVER_ROLES: readonly ServerRole[] = (data.roles as RoleData[]).map(roleFrom);

/** Host ports 80 and 443 serve the web, whatever the image. */
export const WEB_ROLE: ServerRole = SERVER_ROLES.find((r) => r.images.includes('*'))!;

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The repository path of an image reference, without registry, tag or digest, and without
 * Docker Hub's `library/`: `ghcr.io/wg-easy/wg-easy:15` → `wg-easy/wg-easy`,
 * `docker.io/library/traefik:v3.1@sha256:…` → `traefik`. The first component is a registry
 * when it has a `.` or a `:` or is `localhost`, as Docker's reference grammar reads it
 * (distribution/reference `splitDockerDomain`). A Compose variable with a default reads as its
 * default (`${DOCKER_ORG:-ghcr.io/mailu}/nginx`); any other variable, or a part only known where
 * the command runs (`…`), leaves the image unknown.
 */
export function imageRepository(image: string): string | undefined {
  let name = image.trim().toLowerCase().replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]*)\}/gi, '$1');
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  // The tag may be unknown (`pihole/pihole:${TAG}`): the name before it is not.
  const slash = name.lastIndexOf('/', name.indexOf('$') >= 0 ? name.indexOf('$') : name.length);
  const colon = name.indexOf(':', slash + 1);
  if (colon > slash) name = name.slice(0, colon);
  if (/[$…\uE000{}\s]/.test(name)) return undefined;
  const parts = name.split('/').filter((p) => p !== '');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || DOCKER_HUB.has(parts[0]))) parts.shift();
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  return parts.length > 0 ? parts.join('/') : undefined;
}

/**
 * Whether `repository` is the image a role names. A name with an owner (`pihole/pihole`) also
 * matches under a mirror's project (`proxy/pihole/pihole`); an official image's one-word name
 * (`traefik`) only matches itself or `library/traefik` under a mirror, never `someone/traefik`.
 */
export function imageMatches(pattern: string, repository: string): boolean {
  if (pattern === '*') return true;
  if (repository === pattern) return true;
  if (!pattern.includes('/')) return repository.endsWith(`/library/${pattern}`);
  return repository.endsWith(`/${pattern}`);
}

/**
 * The roles by the last component of the names they match (`pihole/pihole` → `pihole`): every
 * match ends with that component, so one lookup leaves a role or two to try, in the file's order.
 */
const ROLES_BY_LAST_NAME = (() => {
  const index = new Map<string, ServerRole[]>();
  for (const role of SERVER_ROLES) {
    if (role === WEB_ROLE) continue;
    for (const last of new Set(role.images.map((pattern) => pattern.slice(pattern.lastIndexOf('/') + 1)))) {
      const roles = index.get(last) ?? [];
      roles.push(role);
      index.set(last, roles);
    }
  }
  return index;
})();

/**
 * Answers by image as written: every published port of every edit asks again, and a large Compose
 * file names thousands of images. Bounded: emptied when full.
 */
const rolesByImage = new Map<string, ServerRole | undefined>();
const ROLE_CACHE_SIZE = 4096;

/** The role of the image, if it is a server the product knows (the web rule is not among them). */
export function roleOfImage(image: string | undefined): ServerRole | undefined {
  if (image === undefined) return undefined;
  if (rolesByImage.has(image)) return rolesByImage.get(image);
  const repository = imageRepository(image);
  const candidates = repository === undefined ? undefined : ROLES_BY_LAST_NAME.get(repository.slice(repository.lastIndexOf('/') + 1));
  const role = candidates?.find((r) => r.images.some((pattern) => imageMatches(pattern, repository!)));
  if (rolesByImage.size >= ROLE_CACHE_SIZE) rolesByImage.clear();
  rolesByImage.set(image, role);
  return role;
}

/** Whether every port of `range` (with `protocol`) is among `ports`: a range is public only if all of it is. */
export function portsCover(ports: readonly PortsOf[], range: PortRange, protocol: Protocol): boolean {
  const spans = ports.filter((p) => p.protocol === protocol).map((p) => p.range).sort((a, b) => a.start - b.start);
  let next = range.start;
  for (const span of spans) {
    if (span.start > next) break;
    if (span.end >= next) next = span.end + 1;
    if (next > range.end) return true;
  }
  return next > range.end;
}

/** `53/udp`, `2456-2457/udp`: how a port of a role is written. */
export function portsInWords(ports: PortsOf): string {
  const { start, end } = ports.range;
  return `${start === end ? start : `${start}-${end}`}/${ports.protocol}`;
}
