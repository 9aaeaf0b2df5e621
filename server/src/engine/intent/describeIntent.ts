/** A public port's class in plain words, for the hover; and what loopback does not protect from. */
import type { PublishedPort } from '../model';
import type { RuleContext } from '../rules/rule';
import { judgementOf } from '../rules/publicBind';
import { canonicalAddress } from '../grammar/ipAddress';
import { parseIpAddress } from '../grammar/ipAddress';

export function publicClassInWords(publish: PublishedPort, context: RuleContext): string | undefined {
  const spec = publish.reading.ok ? publish.reading.spec : undefined;
  if (!spec) return undefined;
  // An address listed in allowedAddresses is fine on purpose: no class, as there is no finding.
  if (spec.hostAddress && context.settings.allowedAddresses.some((a) => canonicalOf(a) === canonicalAddress(spec.hostAddress!))) return undefined;
  const judgement = judgementOf(publish, context);
  if (!judgement) return undefined;
  const address = context.settings.bindAddress;
  switch (judgement.publicClass) {
    case 'must-never':
      return `**Must never be public**: ${judgement.why}. Bind it to ${address}, or stop publishing it if only other containers use it.`;
    case 'by-design':
      return (
        `**Public by design**: ${judgement.why}. Bind it to ${address} only if this machine should not serve the network.` +
        (judgement.role?.role === 'web' ? '' : ` ([${judgement.role!.name}'s documentation](${judgement.role!.docs}))`)
      );
    case 'declared':
      return judgement.reason !== undefined
        ? `**Declared public** in this file: ${judgement.reason}`
        : `**Declared public**: ${judgement.why}. Fix-all and \`--fix\` leave it as it is.`;
    case 'accidental':
      return (
        `**Accidental?** ${capitalized(judgement.why)}: it is not a web port (80, 443), not a known server's own port, and not declared public. ` +
        'If it is meant to be public, say so with `# docker-port-safety public: reason` above it, or list it in `dockerPortSafety.publicPorts`.'
      );
  }
}

function canonicalOf(address: string): string | undefined {
  const ip = parseIpAddress(address);
  return ip && canonicalAddress(ip);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The limits of a loopback binding, on Linux: Docker Engine before 28.0.0 let hosts on the same
 * network segment reach ports published on 127.0.0.1 (moby/moby#49325, fixed in 28.0.0; reported
 * as moby/moby#45610), and a firewalld reload removed the rules that block them until 28.3.3
 * (CVE-2025-54388, GHSA-x4rx-4gw3-53p4, moby/moby#50506).
 */
export function loopbackCaveat(): string {
  return (
    'Loopback keeps other machines out on Docker Engine 28.3.3 and later. Before 28.0, hosts on the same network segment could reach ports published on 127.0.0.1 ' +
    '([moby#49325](https://github.com/moby/moby/pull/49325), fixed in 28.0.0), and a firewalld reload opened them again until 28.3.3 ' +
    '([CVE-2025-54388](https://github.com/moby/moby/security/advisories/GHSA-x4rx-4gw3-53p4)).'
  );
}
