/** The `dockerPortSafety.*` settings, shared by the editor, the language server and the CLI. */
import { parseIpAddress } from './grammar/ipAddress';

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
  /** Editors show the address a publish without one binds, inline (inlay hints). */
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  bindAddress: '127.0.0.1',
  allowedAddresses: [],
  severity: {},
  sensitivePorts: {},
  maxFileSize: 2 * 1024 * 1024,
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
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {}, sensitivePorts: {}, allowedAddresses: [] };

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
  if (typeof raw.inlayHints === 'boolean') settings.inlayHints = raw.inlayHints;
  else if (raw.inlayHints !== undefined) problems.push('inlayHints must be true or false.');
  return { settings, problems };
}
