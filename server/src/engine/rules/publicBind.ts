import type { PublishedPort } from '../model';
import { parseIpAddress, canonicalAddress, isLoopback } from '../grammar/ipAddress';
import { containerPortsInWords, describeOwner, hostPortsInWords, isPublicReach, reachOf, reachersInWords, sensitiveNames } from '../describe';
import { Finding, Fix, Rule, RuleContext, withLazyFixes } from './rule';

export const publicBind: Rule = {
  id: 'public-bind',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A port is published on every network interface.',
    catches:
      'A published port whose host address is empty (`-p 8080:80`, `- "8080:80"`, long syntax without `host_ip`), `0.0.0.0`, `::` or `[::]`; ' +
      '`docker run -p published=…,host_ip=…` (docker run drops `host_ip`); `docker service create --publish` (every Swarm node); ' +
      'kind `extraPortMappings` without `listenAddress`, a kind or k3d API server on 0.0.0.0, a pod `hostPort` without `hostIP`, `kubectl port-forward --address 0.0.0.0`. ' +
      'It is an error when the container port is a service that must never be public (SSH, PostgreSQL, Redis, the Docker API, …).',
    why:
      'With no address Docker listens on 0.0.0.0 and [::]: anyone who can reach the machine reaches the container. ' +
      "Docker's own packet rules run before UFW or firewalld, so a host firewall does not stop them.",
    fix:
      'Bind to `127.0.0.1` (quick fix "Bind to 127.0.0.1 (this machine only)", or the address in `dockerPortSafety.bindAddress`). ' +
      'If the port is meant to be public, silence it with `# docker-port-safety ignore public-bind` on the line above, or list a deliberate address in `dockerPortSafety.allowedAddresses`.',
  },
  check(facts, context) {
    const findings: Finding[] = [];
    for (const publish of facts.publishes) {
      if (publish.discarded || !publish.reading.ok) continue;
      const spec = publish.reading.spec;
      const reach = publish.origin === 'swarm' || publish.origin === 'run-csv' ? 'everyone' : reachOf(spec);
      if (!isPublicReach(reach)) continue;
      if (spec.hostAddress && isAllowed(canonicalAddress(spec.hostAddress), context)) continue;
      const sensitive = sensitiveNames(spec, context.sensitivePorts);
      findings.push(withLazyFixes(
        { rule: 'public-bind', span: publish.span, anchor: publish.anchor, severity: sensitive ? 'error' : 'warning', message: messageFor(publish, sensitive) },
        () => fixesFor(publish, context),
      ));
    }
    return findings;
  },
};

function isAllowed(canonical: string, context: RuleContext): boolean {
  return context.settings.allowedAddresses.some((a) => {
    const ip = parseIpAddress(a);
    return ip !== undefined && canonicalAddress(ip) === canonical;
  });
}

function messageFor(publish: PublishedPort, sensitive: string | undefined): string {
  const spec = publish.reading.ok ? publish.reading.spec : undefined;
  if (!spec) return '';
  // ASCII on purpose: one non-ASCII character makes every diagnostic string of a large document two bytes per
  // character, which costs about a third more time and twice the memory to build, move, write and parse.
  const what = `${hostPortsInWords(spec)} (container ${containerPortsInWords(spec)})`;
  const service = sensitive ? ` ${sensitive} must never be reachable from the network.` : '';
  if (publish.origin === 'swarm') {
    const where = /\bmode[ =]host\b/.test(publish.written) ? 'every interface of each node that runs a task of the service (mode host)' : 'every interface of every node in the swarm (the ingress mesh)';
    return `Swarm publishes ${what} on ${where}; a host address cannot be set here.${service}`;
  }
  if (publish.origin === 'run-csv') {
    return `docker run ignores host_ip in the published=...,target=... form, so ${what} is reachable by anyone who can reach this machine.${service} Use the short form with an address.`;
  }
  const who = reachersInWords(spec);
  if (publish.origin === 'kubectl') {
    return `kubectl port-forward listens on every interface: ${who} reaches ${hostPortsInWords(spec)}, forwarded to ${containerPortsInWords(spec)} of ${publish.owner?.name ?? 'the pod'}.${service}`;
  }
  if (publish.origin === 'kubernetes') {
    const where = spec.hostIp === '' ? 'hostPort without hostIP is bound on every address of the node' : `hostIP ${spec.hostIp} is every interface of the node`;
    return `${where}: anyone who can reach the node the pod runs on reaches ${what}.${service}`;
  }
  const by = (publish.origin === 'kind' || publish.origin === 'k3d') && publish.owner ? ` (${describeOwner(publish.owner)})` : '';
  return `Published on every interface${by}: ${who} reaches ${what}, and host firewalls such as UFW do not stop it.${service}${variablesInWords(publish)}`;
}

/** Which variables decide the unknown parts: they are set where the file is used, not here. */
export function variablesInWords(publish: PublishedPort): string {
  const names = [...new Set(publish.unknownVariables ?? [])];
  if (names.length === 0) return '';
  const list = names.map((n) => `\`${n}\``).join(', ');
  return ` The port is decided by ${list}, set where the file is deployed (no value here).`;
}

function fixesFor(publish: PublishedPort, context: RuleContext): Fix[] {
  if (!publish.rebind || !publish.reading.ok) return [];
  const address = fixAddress(publish, context.settings.bindAddress);
  const ip = parseIpAddress(address);
  const title = ip && isLoopback(ip) ? `Bind to ${address} (this machine only)` : `Bind to ${address}`;
  return [{ title, edits: publish.rebind(address) }];
}

/** An explicit IPv6 wildcard is fixed to IPv6 loopback unless the configured address is itself IPv6. */
export function fixAddress(publish: PublishedPort, bindAddress: string): string {
  const written = publish.reading.ok ? publish.reading.spec.hostAddress : undefined;
  if (written?.family === 6 && !bindAddress.includes(':')) return '::1';
  return bindAddress;
}
