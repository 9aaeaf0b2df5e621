/**
 * VS Code's own port forwarding: `"remote.localPortHost"` in `.vscode/settings.json`, in the
 * `settings` of a `*.code-workspace` file, and in a dev container's `customizations.vscode.settings`.
 *
 * VS Code forwards a remote port (a dev container's, an SSH host's, a Codespace's) to a local
 * address it takes from this setting: `defaultTunnelHost` in microsoft/vscode
 * src/vs/platform/tunnel/common/tunnel.ts returns 127.0.0.1 when the value is empty or
 * `"localhost"` and 0.0.0.0 otherwise; the setting is declared in
 * src/vs/workbench/contrib/remote/common/remote.contribution.ts with the values `localhost`
 * (the default) and `allInterfaces`. So any other string, `allInterfaces` above all, makes every
 * forwarded port listen on every interface of this machine.
 */
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import { DocumentFacts, emptyFacts, PublishedPort } from '../../model';
import type { PublishSpec } from '../../grammar/publishSpec';

export const LOCAL_PORT_HOST = 'remote.localPortHost';

/** The cheap test: a settings file that never names the setting holds nothing of ours. */
export function mayHoldForwardingHost(text: string): boolean {
  return text.includes('localPortHost');
}

/** `.vscode/settings.json` (the setting at the top level) and `*.code-workspace` (under `settings`). */
export function extractVscodeSettings(text: string): DocumentFacts {
  const facts = emptyFacts('vscode-settings');
  if (!mayHoldForwardingHost(text)) return facts;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return facts;
  for (const path of [[LOCAL_PORT_HOST], ['settings', LOCAL_PORT_HOST]]) {
    const forwarding = forwardingHost(findNodeAtLocation(root, path));
    if (forwarding) facts.publishes.push(forwarding);
  }
  return facts;
}

/** Every port VS Code forwards, on every interface: the spec of an address-less publish with no port of its own. */
const EVERY_FORWARDED_PORT: PublishSpec = { hostIp: '', hostIpEnd: 0, partCount: 1, hostPorts: 'unknown', containerPorts: 'unknown', protocol: 'tcp' };

/** The setting's value as a publish when it forwards on every interface; nothing for `localhost`, empty or a value of another type. */
export function forwardingHost(value: Node | undefined): PublishedPort | undefined {
  if (!value || value.type !== 'string' || typeof value.value !== 'string' || value.value === '' || value.value === 'localhost') return undefined;
  const span = { start: value.offset, end: value.offset + value.length };
  return {
    span: { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) },
    origin: 'vscode-forwarding',
    written: value.value,
    reading: { ok: true, spec: EVERY_FORWARDED_PORT },
    notes: [
      value.value === 'allInterfaces'
        ? 'VS Code forwards every remote port on all interfaces of this machine (0.0.0.0).'
        : `VS Code knows only "localhost" and "allInterfaces"; any other value forwards on all interfaces (0.0.0.0).`,
      'Without this setting, or with "localhost", forwarded ports listen on 127.0.0.1 only.',
    ],
    owner: { kind: 'vscode-forwarding', name: 'VS Code port forwarding' },
    // JSON has one quote style: the whole string is replaced, comments and indentation around it stay.
    rebind: () => [{ ...span, newText: '"localhost"' }],
  };
}
