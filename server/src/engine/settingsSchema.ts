/**
 * The settings, described once. The VS Code settings (`contributes.configuration` in package.json)
 * and the JSON Schema of `.docker-port-safety.json` (schemas/) are generated from this by
 * `npm run schema`, and a test fails when either differs, so they cannot drift. The CLI validates
 * settings files against the same description.
 */
import { RULES } from './rules/registry';

export type SchemaNode = {
  type?: 'string' | 'number' | 'array' | 'object' | 'boolean';
  enum?: string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | false;
  propertyNames?: { pattern: string };
  pattern?: string;
  patternErrorMessage?: string;
  minimum?: number;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
};

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

/** Every setting, by its key in `.docker-port-safety.json` (`dockerPortSafety.<key>` in VS Code). */
export const SETTINGS_SCHEMA: Record<string, SchemaNode> = {
  bindAddress: {
    type: 'string',
    default: '127.0.0.1',
    pattern: '^[0-9a-fA-F:.\\[\\]]+$',
    patternErrorMessage: 'An IP address such as 127.0.0.1 or ::1; Docker refuses host names such as localhost.',
    markdownDescription:
      'Address the quick fix binds published ports to. Must be an IP literal: Docker refuses `localhost`. An explicit IPv6 wildcard (`[::]`) is fixed to `::1` unless this is an IPv6 address.',
  },
  allowedAddresses: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    markdownDescription: 'Addresses that are fine on purpose (a VPN or a private interface, or `0.0.0.0` if you mean it). Loopback is always fine.',
  },
  severity: {
    type: 'object',
    default: {},
    markdownDescription: "Severity per rule id, over the rule's default: `error`, `warning`, `information`, `hint` or `off`.",
    properties: Object.fromEntries(RULES.map((rule) => [rule.id, { type: 'string', enum: LEVELS, description: rule.docs.summary }])),
    additionalProperties: false,
  },
  sensitivePorts: {
    type: 'object',
    default: {},
    propertyNames: { pattern: '^[0-9]{1,5}$' },
    additionalProperties: { type: 'string' },
    markdownDescription:
      'Port → service name of services that must never be public, merged over the built-in list (SSH, databases, the Docker API, …). Map a port to `""` to remove it.',
  },
  publicPorts: {
    type: 'array',
    items: { type: 'string', pattern: '^[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp|sctp))?$', patternErrorMessage: 'A host port such as 8096, 1900/udp or 27015-27030/udp (no protocol means tcp).' },
    default: [],
    markdownDescription:
      'Host ports that are public on purpose, such as `["8096", "1900/udp"]` (no protocol means tcp, as Docker reads a spec). A port published on every interface with one of these host ports is *declared public*: an information, left as it is by fix-all and `--fix`. A port of a service that must never be public stays an error.',
  },
  explicitAllInterfaces: {
    type: 'string',
    enum: ['accidental', 'declared'],
    default: 'accidental',
    markdownDescription:
      'An address written out as `0.0.0.0`, `::`, `[::]` or `host_ip: 0.0.0.0`: `accidental` judges `0.0.0.0:8080:80` like `8080:80`; `declared` counts the written address as declaring the port public.',
  },
  maxFileSize: {
    type: 'number',
    default: 2097152,
    minimum: 1,
    markdownDescription: 'Files larger than this many bytes are not checked (one information diagnostic says so).',
  },
  inlayHints: {
    type: 'boolean',
    default: true,
    markdownDescription:
      "Before each published port written without an address, show the address Docker binds (`0.0.0.0 + [::]:` before `3456:3000`, or the network's default). The editor's own `#editor.inlayHints.enabled#` also applies. Editors only: the CLI has no use for it.",
  },
};

/** Settings only the editor has. */
const EDITOR_ONLY: Record<string, SchemaNode> = {
  'trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Traces the communication between VS Code and the Docker Port Safety language server in its output channel.',
  },
};

/** `contributes.configuration` of the extension manifest. */
export function vscodeConfiguration(): { title: string; properties: Record<string, SchemaNode> } {
  const properties: Record<string, SchemaNode> = {};
  for (const [key, node] of Object.entries({ ...SETTINGS_SCHEMA, ...EDITOR_ONLY })) properties[`dockerPortSafety.${key}`] = node;
  return { title: 'Docker Port Safety', properties };
}

/** The JSON Schema of `.docker-port-safety.json`. */
export function settingsFileSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Docker Port Safety settings (.docker-port-safety.json)',
    description: 'Settings for the docker-port-safety CLI, pre-commit hook and GitHub Action; the same keys as the dockerPortSafety.* settings of the VS Code extension.',
    type: 'object',
    properties: { $schema: { type: 'string' }, ...SETTINGS_SCHEMA },
    additionalProperties: false,
  };
}
