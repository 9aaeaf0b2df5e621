/**
 * The facts every extractor produces and every rule reads. Offsets are UTF-16 offsets into
 * the document text, as LSP positions are; the wiring turns them into line/character.
 */
import type { PublishSpec, SpecReading } from './grammar/publishSpec';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

/** A reader's id (readers/registry.ts): what kind of document the facts come from. */
export type { DocumentKind } from './readers/registry';
import type { DocumentKind } from './readers/registry';

/** Where a publish was written; it decides the wording of messages and which fixes exist. */
export type PublishOrigin =
  | 'run' /* docker/podman/nerdctl run|create -p */
  | 'run-csv' /* -p published=…,target=… (host_ip dropped by docker/cli) */
  | 'swarm' /* docker service create --publish: every node, every interface */
  | 'compose-short'
  | 'compose-long'
  | 'vscode-forwarding' /* VS Code's "remote.localPortHost": every forwarded port, no port of its own */
  | 'kubernetes' /* a pod's containers[].ports[].hostPort */
  | 'kind' /* kind cluster config: extraPortMappings, the API server */
  | 'k3d' /* k3d cluster create -p / --api-port, k3d config ports and kubeAPI */
  | 'kubectl' /* kubectl port-forward */
  | 'terraform' /* a docker_container resource's ports block (Terraform's Docker provider) */
  | 'docker-py' /* ports= / port_bindings= of the Docker SDK for Python */
  | 'engine-api' /* HostConfig.PortBindings of the Engine API, from JavaScript, TypeScript or Go */
  | 'vagrant'; /* config.vm.network "forwarded_port" */

/** A port published on the host: the subject of public-bind, port-conflict and most hovers. */
export interface PublishedPort {
  /** Exactly the spec's text: where the squiggle goes. */
  span: Span;
  /** A larger range that also shows the hover (a whole long-syntax item). */
  hoverSpan?: Span;
  origin: PublishOrigin;
  /** The spec as written (quotes removed). */
  written: string;
  /** The spec after variables were resolved, when that differs. */
  resolved?: string;
  reading: SpecReading;
  /** The fix that binds this publish to an address, when one can be written without losing the user's text. */
  rebind?: (address: string) => TextEdit[];
  /** Extra facts for hovers and messages (interpolation, Swarm, ignored by host networking, …). */
  notes: string[];
  /** What publishes it (a Compose service, a container): rules and hovers word it. */
  owner?: Owner;
  /** The publish is discarded (host networking), so it cannot conflict or be reached. */
  discarded?: boolean;
  /** Start of the statement holding the spec (a multi-line command): ignore comments go above it. */
  anchor?: number;
  /** The network the container joins first (`--network NET`): its default binding address applies. */
  network?: string;
  /** Variables that are not set here and decide the spec's unknown parts (set where the file is used). */
  unknownVariables?: string[];
  /**
   * The machine the port opens on is thrown away after one job (a GitHub-hosted runner, by its
   * label): what the port reaches lives only as long as the job.
   */
  throwAwayHost?: string;
  /** Where the port listens, in words, when the tool's own default decides it (not Docker's daemon default). */
  hostSide?: string;
  /**
   * Any address that is not loopback opens it to the network, not only every interface: kubectl
   * port-forward and a kind or k3d cluster's API server, whose own documentation asks for loopback.
   * A specific address (`--address 10.0.0.5`) is then reported like every interface, reached by
   * every host that can reach that address. Docker's own `-p 192.168.1.5:80:80` is one interface the
   * user chose and is not reported; an address in `allowedAddresses` never is.
   */
  anyAddressIsPublic?: boolean;
  /** The tool's own documentation of this form, for the hover (Docker's publishing page otherwise). */
  docs?: { title: string; url: string };
}

/** What runs a publish, as fields read from the file; describe.ts words it for messages and hovers. */
export interface Owner {
  /**
   * `compose-service`: a service of a Compose file; `compose-run`: `docker compose run SERVICE`, a
   * one-off container of that service; `container`: docker/podman run or create, an Ansible task;
   * `pod`: podman pod create; `swarm-service`: docker service create; `build-stage`: the Dockerfile
   * stage whose image an EXPOSE documents; `actions-service`: a GitHub Actions service container (its
   * key under `services:`); `actions-job-container`: a job's own container (the job's key);
   * `vscode-forwarding`: VS Code's port forwarding.
   */
  kind: 'compose-service' | 'compose-run' | 'container' | 'pod' | 'swarm-service' | 'actions-service' | 'actions-job-container' | 'vscode-forwarding'
    /* a Kubernetes workload's pod (name: `Deployment/web`, image: the container's) */
    | 'kubernetes-pod'
    /* kubectl port-forward (name: the resource forwarded to, `svc/web`) */
    | 'kubectl-forward'
    /* a kind or k3d cluster's nodes or load balancer, and its API server (name: the cluster's, when written) */
    | 'kind-cluster' | 'kind-api-server' | 'k3d-cluster' | 'k3d-api-server'
    /* the Dockerfile stage whose image an EXPOSE documents */
    | 'build-stage'
    /* a Vagrant machine (name: its `config.vm.define`, when written) */
    | 'virtual-machine';
  /** The name it is known by: the Compose service's key, the Ansible task's container name, the stage's `AS` name. */
  name?: string;
  /** The image it runs, as written (parts only known where it runs shown as `…`); a stage's `FROM` argument. */
  image?: string;
  /**
   * The file's place. `project`: the Compose project a service belongs to, named as Compose names
   * it (project.ts; absent when it depends on something only known where the file is used).
   * `stage`: which build stage of the Dockerfile, 0 for the first `FROM`.
   */
  project?: string;
  stage?: number;
}

/**
 * The same service or container: a Compose service by its name (and its project, where both are
 * known), a command's container by its image.
 */
export function sameOwner(a: Owner | undefined, b: Owner | undefined): boolean {
  if (a === undefined || b === undefined || a.kind !== b.kind || (a.name ?? a.image) !== (b.name ?? b.image)) return false;
  return a.project === undefined || b.project === undefined || a.project === b.project;
}

/** A Dockerfile EXPOSE entry or a Compose `expose` entry: documentation, never a publish. */
export interface ExposedPort {
  span: Span;
  /** `quadlet`: `ExposeHostPort=`, which is `--expose`: documentation like EXPOSE. */
  origin: 'dockerfile' | 'compose-expose' | 'quadlet';
  written: string;
  /** Value after ARG/ENV or Compose interpolation. */
  expanded: string;
  reading: SpecReading;
  /** How variables in it were resolved, for hovers. */
  notes?: string[];
  /** The Dockerfile stage it documents, the Compose service it belongs to. */
  owner?: Owner;
}

export interface Marker {
  span: Span;
  /** What is shared, when it is not a container's network stack (a Vagrant machine bridged onto the host's network). */
  description?: string;
  notes: string[];
  /** Host networking: what shares the host's network. `-P`: the image whose exposed ports are published (`image` only). */
  owner?: Owner;
  anchor?: number;
}

/** Something Docker refuses that is not a single spec's grammar (e.g. ports with `network_mode: service:x`). */
export interface Refusal {
  span: Span;
  message: string;
}

export interface UnquotedMapping {
  span: Span;
  value: string;
  /** The number a YAML 1.1 parser turns it into, when it does (base-60). */
  sexagesimal?: number;
  quote: (quoteChar: string) => TextEdit[];
}

export interface DocumentFacts {
  kind: DocumentKind;
  publishes: PublishedPort[];
  exposes: ExposedPort[];
  publishAll: Marker[];
  hostNetworks: Marker[];
  refusals: Refusal[];
  unquoted: UnquotedMapping[];
  /** Hover-only explanations attached to a range (expose entries in Compose, unknown addresses, …). */
  explanations: { span: Span; markdown: string }[];
  /** Networks created here with a default binding address (`docker network create -o …host_binding_ipv4=…`). */
  networks: NetworkDefault[];
}

export interface NetworkDefault {
  span: Span;
  name: string;
  /** The address ports published without one get on this network. */
  address: string;
}

export function emptyFacts(kind: DocumentKind): DocumentFacts {
  return { kind, publishes: [], exposes: [], publishAll: [], hostNetworks: [], refusals: [], unquoted: [], explanations: [], networks: [] };
}

/** Facts without functions (they cross threads as JSON): what hovers and the port map read. */
export function plainFacts(facts: DocumentFacts): DocumentFacts {
  const plain = {
    ...facts,
    publishes: facts.publishes.map(({ rebind: _rebind, ...publish }) => publish),
    unquoted: facts.unquoted.map(({ quote: _quote, ...mapping }) => ({ ...mapping, quote: undefined as never })),
  };
  delete (plain as { error?: unknown }).error;
  return plain;
}

export type { PublishSpec, SpecReading };
