/** Plain words for what a publish means, shared by messages and hovers. */
import type { PublishOrigin } from './model';
import type { PublishSpec } from './grammar/publishSpec';
import { formatRange } from './grammar/publishSpec';
import { isLoopback, isUnspecified } from './grammar/ipAddress';
import { SensitivePortTable, sensitiveServicesIn } from './grammar/sensitivePorts';
import type { Owner, PublishedPort } from './model';

/**
 * `service "web"`, `container nginx:1.27`, `pod …`, `service nginx` (Swarm, compose run): what a
 * message says publishes. A build stage by its `AS` name, else by its index as `COPY --from=0` names it.
 */
export function describeOwner(owner: Owner): string {
  switch (owner.kind) {
    case 'build-stage':
      return owner.name ? `stage "${owner.name}"` : `stage ${owner.stage}`;
    case 'compose-service':
      return `service "${owner.name}"`;
    case 'compose-run':
      return `service ${owner.name}`;
    case 'swarm-service':
      return `service ${owner.image}`;
    case 'virtual-machine':
      return owner.name ? `virtual machine ${owner.name}` : 'the virtual machine';
    case 'actions-service':
      return `service container "${owner.name}"`;
    case 'actions-job-container':
      return `job container of "${owner.name}"`;
    case 'vscode-forwarding':
      return 'VS Code port forwarding';
    case 'kubernetes-pod':
      return `the pod of ${owner.name}`;
    case 'kubectl-forward':
      return `kubectl port-forward to ${owner.name}`;
    case 'kind-cluster':
    case 'k3d-cluster':
      return `${owner.kind === 'kind-cluster' ? 'kind' : 'k3d'} cluster${owner.name ? ` ${owner.name}` : ''}`;
    case 'kind-api-server':
    case 'k3d-api-server':
      return `the API server of ${owner.kind === 'kind-api-server' ? 'kind' : 'k3d'} cluster${owner.name ? ` ${owner.name}` : ''}`;
    default:
      return `${owner.kind} ${owner.name ?? owner.image}`;
  }
}

/** Where the owner is, for hovers: `service "web" of Compose project "shop"`, `stage "build" (FROM golang:1.23)`. */
export function describeOwnerInPlace(owner: Owner): string {
  const words = describeOwner(owner);
  if (owner.project !== undefined) return `${words} of Compose project "${owner.project}"`;
  if (owner.kind === 'build-stage' && owner.image) return `${words} (FROM ${owner.image})`;
  return words;
}

export type Reach = 'everyone' | 'everyone-ipv4' | 'everyone-ipv6' | 'this-machine' | 'one-interface' | 'unknown';

export function reachOf(spec: PublishSpec): Reach {
  if (spec.hostIp === undefined) return 'unknown';
  if (spec.hostIp === '') return 'everyone';
  const address = spec.hostAddress!;
  if (isUnspecified(address)) return address.family === 4 ? 'everyone-ipv4' : 'everyone-ipv6';
  return isLoopback(address) ? 'this-machine' : 'one-interface';
}

export function isPublicReach(reach: Reach): boolean {
  return reach === 'everyone' || reach === 'everyone-ipv4' || reach === 'everyone-ipv6';
}

/** Swarm and `published=…,target=…` are every interface whatever is written; otherwise the spec's address decides. */
export function reachOfPublish(publish: PublishedPort, spec: PublishSpec): Reach {
  return publish.origin === 'swarm' || publish.origin === 'run-csv' ? 'everyone' : reachOf(spec);
}

/** What public-bind reports: every interface, or one address for a tool that any address opens to the network. */
export function isReportedReach(publish: PublishedPort, reach: Reach): boolean {
  return isPublicReach(reach) || (reach === 'one-interface' && publish.anyAddressIsPublic === true);
}

export function hostSideInWords(spec: PublishSpec): string {
  switch (reachOf(spec)) {
    case 'everyone':
      return 'all network interfaces, IPv4 and IPv6 (no address given, so the daemon default 0.0.0.0 and [::])';
    case 'everyone-ipv4':
      return 'all IPv4 network interfaces (0.0.0.0)';
    case 'everyone-ipv6':
      return 'all IPv6 network interfaces (::)';
    case 'this-machine':
      return `this machine only (${spec.hostIp}, loopback)`;
    case 'one-interface':
      return `one network interface: ${spec.hostIp} (every host that can reach that address)`;
    case 'unknown':
      return 'an address that is only known when the command runs (it comes from a variable)';
  }
}

export function reachersInWords(spec: PublishSpec): string {
  switch (reachOf(spec)) {
    case 'everyone':
      return 'anyone who can reach this machine over IPv4 or IPv6';
    case 'everyone-ipv4':
      return 'anyone who can reach this machine over IPv4';
    case 'everyone-ipv6':
      return 'anyone who can reach this machine over IPv6';
    default:
      return hostSideInWords(spec);
  }
}

export function hostPortsInWords(spec: PublishSpec): string {
  if (spec.hostPorts === null) return 'a random free port';
  if (spec.hostPorts === 'unknown') return 'a port set by a variable';
  const range = spec.hostPorts;
  const containerIsSingle = spec.containerPorts !== 'unknown' && spec.containerPorts.start === spec.containerPorts.end;
  if (range.start !== range.end && containerIsSingle) return `the first free port in ${formatRange(range)}`;
  return range.start === range.end ? `port ${range.start}` : `ports ${formatRange(range)}`;
}

export function containerPortsInWords(spec: PublishSpec): string {
  if (spec.containerPorts === 'unknown') return `port .../${spec.protocol} (set by a variable)`;
  const r = spec.containerPorts;
  return `${r.start === r.end ? 'port' : 'ports'} ${formatRange(r)}/${spec.protocol}`;
}

export function sensitiveNames(spec: PublishSpec, table: SensitivePortTable): string | undefined {
  if (spec.containerPorts === 'unknown') return undefined;
  const services = sensitiveServicesIn(spec.containerPorts, table);
  if (services.length === 0) return undefined;
  return services
    .slice(0, 3)
    .map((s) => `${s.name} (${s.port})`)
    .join(', ');
}

export const DOCKER_PUBLISH_DOCS = 'https://docs.docker.com/engine/network/port-publishing/';
export const COMPOSE_PORTS_DOCS = 'https://docs.docker.com/reference/compose-file/services/#ports';
export const EXPOSE_DOCS = 'https://docs.docker.com/reference/dockerfile/#expose';

/** The reference of each tool that publishes ports its own way (the others link Docker's pages). */
export const TOOL_DOCS: Partial<Record<PublishOrigin, { title: string; url: string }>> = {
  kubernetes: { title: 'Kubernetes: ContainerPort (hostPort, hostIP)', url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports' },
  kind: { title: 'kind: configuration (extraPortMappings, API server)', url: 'https://kind.sigs.k8s.io/docs/user/configuration/' },
  k3d: { title: 'k3d: exposing services', url: 'https://k3d.io/stable/usage/exposing_services/' },
  kubectl: { title: 'kubectl port-forward', url: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_port-forward/' },
};
