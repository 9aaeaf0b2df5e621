import type { PublishedPort } from '../model';
import { parseIpAddress, canonicalAddress, isLoopback } from '../grammar/ipAddress';
import { containerPortsInWords, describeOwner, hostPortsInWords, isReportedReach, reachOf, reachOfPublish, reachersInWords } from '../describe';
import { judgePublic, PublicClass, PublicJudgement } from '../intent/publicClass';
import { composeServiceOf, deployTimeFix, markPublicFix } from '../intent/intentFixes';
import { stopPublishingFix } from '../intent/stopPublishing';
import { Finding, Fix, Rule, RuleContext, Severity, withLazyFixes } from './rule';

const SEVERITY: Record<PublicClass, Severity> = { 'must-never': 'error', accidental: 'warning', 'by-design': 'information', declared: 'information' };

export const publicBind: Rule = {
  id: 'public-bind',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A port is published on every network interface.',
    catches:
      'A published port whose host address is empty (`-p 8080:80`, `- "8080:80"`, long syntax without `host_ip`), `0.0.0.0`, `::` or `[::]`; ' +
      '`docker run -p published=…,host_ip=…` (docker run drops `host_ip`); `docker service create --publish` (every Swarm node); ' +
      'kind `extraPortMappings` without `listenAddress`, a kind or k3d API server on 0.0.0.0, a pod `hostPort` without `hostIP`, `kubectl port-forward --address 0.0.0.0`, and for kubectl and the kind and k3d API servers any other address that is not loopback (every host that can reach it). ' +
      'Each finding is in one of four classes: *must never be public* (the container port is SSH, PostgreSQL, Redis, the Docker API, …: an error), ' +
      '*public by design* (host port 80 or 443, or a known server image on its own port: information), *declared public* ' +
      '(`# docker-port-safety public`, `publicPorts`: information) and *accidental* (everything else: a warning).',
    why:
      'With no address Docker listens on 0.0.0.0 and [::]: anyone who can reach the machine reaches the container. ' +
      "Docker's own packet rules run before UFW or firewalld, so a host firewall does not stop them.",
    fix:
      'Bind to `127.0.0.1` (quick fix "Bind to 127.0.0.1 (this machine only)", or the address in `dockerPortSafety.bindAddress`); fix-all and `--fix` do this for must-never and accidental ports only. ' +
      'In Compose, "Deploy-time address" binds to `${SERVICE_BIND_ADDRESS:-127.0.0.1}` and "Stop publishing" removes a port another service reaches over the Compose network. ' +
      'If the port is meant to be public, "Mark as public by design" writes `# docker-port-safety public` above it; or list the port in `dockerPortSafety.publicPorts`, or a deliberate address in `dockerPortSafety.allowedAddresses`. ' +
      'Silence it with `# docker-port-safety ignore public-bind` on the line above.',
  },
  check(facts, context) {
    const findings: Finding[] = [];
    for (const publish of facts.publishes) {
      if (publish.discarded || !publish.reading.ok) continue;
      const spec = publish.reading.spec;
      if (!isReportedReach(publish, reachOfPublish(publish, spec))) continue;
      if (spec.hostAddress && isAllowed(canonicalAddress(spec.hostAddress), context)) continue;
      const judgement = judgementOf(publish, context)!;
      findings.push(withLazyFixes(
        { rule: 'public-bind', span: publish.span, anchor: publish.anchor, severity: publish.throwAwayHost ? 'information' : SEVERITY[judgement.publicClass], message: messageFor(publish, judgement), publicClass: judgement.publicClass },
        () => fixesFor(publish, context, judgement),
        rebindable(publish) ? () => rebindFix(publish, context) : undefined,
      ));
    }
    return findings;
  },
};

/** The class of a publish that Docker reads, as the rule and the hover judge it. */
export function judgementOf(publish: PublishedPort, context: RuleContext): PublicJudgement | undefined {
  if (!publish.reading.ok) return undefined;
  return judgePublic({ spec: publish.reading.spec, image: publish.owner?.image, marker: context.markers.of(publish) }, context.intent);
}

function isAllowed(canonical: string, context: RuleContext): boolean {
  return context.settings.allowedAddresses.some((a) => {
    const ip = parseIpAddress(a);
    return ip !== undefined && canonicalAddress(ip) === canonical;
  });
}

function messageFor(publish: PublishedPort, judgement: PublicJudgement): string {
  const spec = publish.reading.ok ? publish.reading.spec : undefined;
  if (!spec) return '';
  // ASCII on purpose: one non-ASCII character makes every diagnostic string of a large document two bytes per
  // character, which costs about a third more time and twice the memory to build, move, write and parse.
  if (publish.origin === 'vscode-forwarding') {
    return 'VS Code forwards every port on all interfaces ("remote.localPortHost": "' + publish.written + '"): anyone who can reach this machine reaches whatever a dev container, SSH host or Codespace serves on a forwarded port.';
  }
  const what = `${hostPortsInWords(spec)} (container ${containerPortsInWords(spec)})`;
  const service = judgement.publicClass === 'must-never' ? ` ${capitalized(judgement.why)}.` : '';
  const reach = reachMessage(publish, what, service);
  // An intended public port says who reaches it, without the alarm of the accidental ones.
  const plainly = publish.origin === 'run' || publish.origin.startsWith('compose') ? `${capitalized(reachersInWords(spec))} reaches ${what}.${variablesInWords(publish)}` : reach;
  switch (judgement.publicClass) {
    case 'by-design':
      return `Public by design (${judgement.why}): ${plainly}`;
    case 'declared':
      return `Declared public (${judgement.why}): ${plainly}`;
    case 'accidental':
      return `${reach} Accidental: ${judgement.why}.`;
    case 'must-never':
      return reach;
  }
}

function reachMessage(publish: PublishedPort, what: string, service: string): string {
  const spec = (publish.reading as { ok: true; spec: import('../grammar/publishSpec').PublishSpec }).spec;
  if (publish.origin === 'swarm') {
    const where = /\bmode[ =]host\b/.test(publish.written) ? 'every interface of each node that runs a task of the service (mode host)' : 'every interface of every node in the swarm (the ingress mesh)';
    return `Swarm publishes ${what} on ${where}; a host address cannot be set here.${service}`;
  }
  if (publish.origin === 'run-csv') {
    return `docker run ignores host_ip in the published=...,target=... form, so ${what} is reachable by anyone who can reach this machine.${service} Use the short form with an address.`;
  }
  // A tool that any address opens to the network, on one address: who reaches it is whoever reaches that address.
  const oneAddress = spec.hostAddress !== undefined && reachOf(spec) === 'one-interface' ? spec.hostIp : undefined;
  const who = oneAddress ? `every host that can reach ${oneAddress}` : reachersInWords(spec);
  const on = oneAddress ? `on ${oneAddress}` : 'on every interface';
  if (publish.origin === 'kubectl') {
    return `kubectl port-forward listens ${on}: ${who} reaches ${hostPortsInWords(spec)}, forwarded to ${containerPortsInWords(spec)} of ${publish.owner?.name ?? 'the pod'}.${service}`;
  }
  if (publish.origin === 'kubernetes') {
    const where = spec.hostIp === '' ? 'hostPort without hostIP is bound on every address of the node' : `hostIP ${spec.hostIp} is every interface of the node`;
    return `${where}: anyone who can reach the node the pod runs on reaches ${what}.${service}`;
  }
  const by = (publish.origin === 'kind' || publish.origin === 'k3d') && publish.owner ? ` (${describeOwner(publish.owner)})` : '';
  const where = publish.throwAwayHost ? ` It runs on ${publish.throwAwayHost}, a GitHub-hosted runner deleted when the job ends.` : '';
  return `Published ${on}${by}: ${who} reaches ${what}, and host firewalls such as UFW do not stop it.${service}${variablesInWords(publish)}${where}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Which variables decide the unknown parts: they are set where the file is used, not here. */
export function variablesInWords(publish: PublishedPort): string {
  const names = [...new Set(publish.unknownVariables ?? [])];
  if (names.length === 0) return '';
  const list = names.map((n) => `\`${n}\``).join(', ');
  return ` The port is decided by ${list}, set where the file is deployed (no value here).`;
}

/** Whether the spec can be rewritten with an address: then that rewrite is its first fix. */
function rebindable(publish: PublishedPort): boolean {
  return publish.rebind !== undefined && (publish.reading.ok || publish.origin === 'vscode-forwarding');
}

/** The first fix of every publish that can be rebound: the one fix-all and `--fix` apply. */
function rebindFix(publish: PublishedPort, context: RuleContext): Fix {
  // VS Code's forwarding has one fix: forward on localhost (it is a setting, not a spec with an address).
  if (publish.origin === 'vscode-forwarding') return { title: 'Forward on localhost only ("remote.localPortHost": "localhost")', edits: publish.rebind!('localhost') };
  const address = fixAddress(publish, context.settings.bindAddress);
  const ip = parseIpAddress(address);
  return { title: ip && isLoopback(ip) ? `Bind to ${address} (this machine only)` : `Bind to ${address}`, edits: publish.rebind!(address) };
}

/**
 * Fixes that fit the class. The first is the preferred one for must-never and accidental ports;
 * fix-all and `--fix` apply none for public-by-design and declared ones (see preferredFix).
 */
function fixesFor(publish: PublishedPort, context: RuleContext, judgement: PublicJudgement): Fix[] {
  const fixes: Fix[] = rebindable(publish) ? [rebindFix(publish, context)] : [];
  // VS Code's forwarding is a setting, not a spec: forwarding on localhost is its one fix.
  if (publish.origin === 'vscode-forwarding' && fixes.length > 0) return fixes;
  const address = fixAddress(publish, context.settings.bindAddress);
  const service = composeServiceOf(publish);
  const document = context.document;
  const fixable = judgement.publicClass === 'must-never' || judgement.publicClass === 'accidental';
  if (fixable && document?.kind === 'compose') {
    const stop = stopPublishingFix(publish, service, document.text, context.projectFiles);
    if (stop) fixes.push(stop);
  }
  if (judgement.publicClass !== 'must-never') {
    const deployTime = deployTimeFix(publish, service, address);
    if (deployTime) fixes.push(deployTime);
  }
  if (judgement.publicClass === 'accidental' && document) fixes.push(markPublicFix(publish, document));
  return fixes;
}

/** An explicit IPv6 wildcard is fixed to IPv6 loopback unless the configured address is itself IPv6. */
export function fixAddress(publish: PublishedPort, bindAddress: string): string {
  const written = publish.reading.ok ? publish.reading.spec.hostAddress : undefined;
  if (written?.family === 6 && !bindAddress.includes(':')) return '::1';
  return bindAddress;
}
