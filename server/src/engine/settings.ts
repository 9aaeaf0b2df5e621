/** The `dockerPortSafety.*` settings, shared by the editor, the language server and the CLI. */
import { parseIpAddress } from './grammar/ipAddress';
import { readPorts } from './intent/serverRoles';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  /** Where fixes bind ports; must be an IP literal because Docker refuses host names. */
  bindAddress: string;
  /** Specific addresses that are fine on purpose (a VPN interface, say). Loopback always is. */
  allowedAddresses: string[];
  /** Rule id → severity, over each rule's default. */
  severity: Record<string, SeverityName>;
  /** Port → service name, merged over the built-in list. */
  sensitivePorts: Record<string, string>;
  /** Documents larger than this many bytes are not checked. */
  maxFileSize: number;
  /** Host ports that are public on purpose (`8096`, `1900/udp`, `27015-27030/udp`): declared public. */
  publicPorts: string[];
  /** Whether an address written out as 0.0.0.0 or :: declares the port public, or is judged like no address. */
  explicitAllInterfaces: ExplicitAllInterfaces;
  /** Editors show the address a publish without one binds, inline (inlay hints). */
  inlayHints: boolean;
}

export type ExplicitAllInterfaces = 'accidental' | 'declared';

export const DEFAULT_SETTINGS: Settings = {
  bindAddress: '127.0.0.1',
  allowedAddresses: [],
  severity: {},
  sensitivePorts: {},
  maxFileSize: 2 * 1024 * 1024,
  publicPorts: [],
  explicitAllInterfaces: 'accidental',
  inlayHints: true,
};

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Accepts whatever a client or a config file sends and keeps only well-formed values, so a typo
 * in one setting never disables the others. Problems are returned for the caller to show.
 */
export function normalizeSettings(input: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {}, sensitivePorts: {}, allowedAddresses: [], publicPorts: [] };

  if (typeof raw.bindAddress === 'string' && raw.bindAddress.trim() !== '') {
    const address = raw.bindAddress.trim().replace(/^\[(.*)\]$/, '$1');
    if (parseIpAddress(address)) settings.bindAddress = address;
    else problems.push(`bindAddress "${raw.bindAddress}" is not an IP address (Docker refuses host names such as localhost); using 127.0.0.1.`);
  }
  if (Array.isArray(raw.allowedAddresses)) {
    for (const entry of raw.allowedAddresses) {
      const address = typeof entry === 'string' ? entry.trim().replace(/^\[(.*)\]$/, '$1') : '';
      if (parseIpAddress(address)) settings.allowedAddresses.push(address);
      else problems.push(`allowedAddresses entry ${JSON.stringify(entry)} is not an IP address; ignored.`);
    }
  }
  if (raw.severity && typeof raw.severity === 'object') {
    for (const [rule, level] of Object.entries(raw.severity as Record<string, unknown>)) {
      if (typeof level === 'string' && SEVERITIES.has(level)) settings.severity[rule] = level as SeverityName;
      else problems.push(`severity for ${rule} must be one of error, warning, information, hint, off.`);
    }
  }
  if (raw.sensitivePorts && typeof raw.sensitivePorts === 'object') {
    for (const [port, name] of Object.entries(raw.sensitivePorts as Record<string, unknown>)) {
      const number = Number(port);
      if (Number.isInteger(number) && number >= 0 && number <= 65535 && typeof name === 'string') {
        settings.sensitivePorts[String(number)] = name;
      } else problems.push(`sensitivePorts entry ${port} must map a port number to a service name.`);
    }
  }
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0) settings.maxFileSize = raw.maxFileSize;
  if (Array.isArray(raw.publicPorts)) {
    for (const entry of raw.publicPorts) {
      if (typeof entry === 'string' && readPorts(entry)) settings.publicPorts.push(entry.trim());
      else problems.push(`publicPorts entry ${JSON.stringify(entry)} is not a port such as "8096", "1900/udp" or "27015-27030/udp"; ignored.`);
    }
  }
  if (raw.explicitAllInterfaces !== undefined) {
    if (raw.explicitAllInterfaces === 'accidental' || raw.explicitAllInterfaces === 'declared') settings.explicitAllInterfaces = raw.explicitAllInterfaces;
    else problems.push(`explicitAllInterfaces must be "accidental" or "declared"; using "accidental".`);
  }
  if (typeof raw.inlayHints === 'boolean') settings.inlayHints = raw.inlayHints;
  else if (raw.inlayHints !== undefined) problems.push('inlayHints must be true or false.');
  return { settings, problems };
}
