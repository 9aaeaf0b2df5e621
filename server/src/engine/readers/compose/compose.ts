/**
 * Compose files: `services.*.ports` (short and long syntax), `expose`, `network_mode`, with
 * anchors, merge keys, multi-document files and Compose interpolation, read the way Compose reads them.
 */
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { DocumentFacts, emptyFacts, Owner, PublishedPort, TextEdit } from '../../model';
import { interpolate } from '../../grammar/interpolation';
import { parseIpAddress } from '../../grammar/ipAddress';
import { PortRange, Protocol, readPublishSpec, readRange, SpecReading, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { COMPOSE_PORTS_DOCS } from '../../describe';
import { onNetworkDefault } from '../support/networkDefaults';
import { HOST_BINDING_IPV4 } from '../shell/dockerFlags';
import { lineStartOf } from '../../positions';
import { contentSpan, effectivePairs, isQuoted, lineBreakOf, lineEndOf, parseYamlDocuments, resolveNode, scalarSpan, scalarText, yamlShortSpec } from '../support/yamlSupport';

/** YAML 1.1's base-60 integers: the values docker-compose v1 and PyYAML misread. */
const SEXAGESIMAL = /^[1-9][0-9_]*(:[0-5]?[0-9])+$/;

interface ServiceContext {
  name: string;
  owner: Owner;
  networkMode?: string;
  swarm: boolean;
  /** The file is a Swarm stack file (`docker stack deploy`): host_ip is dropped there. */
  stack: boolean;
  /** The service's `deploy.mode: global` (one task on every node). */
  global: boolean;
  /** The default binding address of the network that carries the service's published ports. */
  networkDefault?: { network: string; address: string };
}

interface ComposeNetwork {
  /** The name the engine sees (`name:`, else the key; Compose prefixes both alike with the project). */
  engineName: string;
  internal: boolean;
  driver?: string;
  bindAddress?: string;
}

/** Every YAML document of a Compose file, as Compose reads them (merge keys on, duplicate keys tolerated). */
export function parseComposeDocuments(text: string): Document[] {
  return parseYamlDocuments(text, { merge: true, uniqueKeys: false });
}

/** Keys that only a Compose service has: they tell a pasted fragment's shape. */
const SERVICE_KEYS = ['image', 'build', 'ports', 'network_mode', 'expose', 'deploy', 'container_name'];

/**
 * `fragments`: also read the partial files pages show, a mapping of services without `services:`,
 * or one service's own keys (`ports:` and `image:` at the top).
 */
export function extractCompose(
  text: string,
  environment: Readonly<Record<string, string>> = {},
  documents = parseComposeDocuments(text),
  fragments = false,
): DocumentFacts {
  const facts = emptyFacts('compose');
  const seen = new Set<Node>();
  for (const doc of documents) {
    const root = resolveNode(doc.contents, doc);
    if (!isMap(root)) continue;
    const topLevel = effectivePairs(root, doc);
    let services = resolveNode(topLevel.get('services')?.value, doc);
    if (!isMap(services) && fragments) services = fragmentServices(root, topLevel, doc);
    if (!isMap(services)) continue;
    const networks = readNetworks(resolveNode(topLevel.get('networks')?.value, doc), doc, environment);
    const stack = isStackFile(services, networks, doc);
    for (const servicePair of services.items) {
      const name = isScalar(servicePair.key) ? String(servicePair.key.value) : '';
      const service = resolveNode(servicePair.value, doc);
      if (isMap(service)) readService(name, service, doc, text, environment, facts, seen, networks, stack);
    }
  }
  return facts;
}

function readService(
  name: string,
  service: YAMLMap,
  doc: Document,
  text: string,
  environment: Readonly<Record<string, string>>,
  facts: DocumentFacts,
  seen: Set<Node>,
  networks: Map<string, ComposeNetwork>,
  stack: boolean,
): void {
  const pairs = effectivePairs(service, doc);
  const deploy = resolveNode(pairs.get('deploy')?.value, doc);
  const deployMode = isMap(deploy) ? resolveNode(effectivePairs(deploy, doc).get('mode')?.value, doc) : undefined;
  const networkNode = resolveNode(pairs.get('network_mode')?.value, doc);
  const imageNode = resolveNode(pairs.get('image')?.value, doc);
  const context: ServiceContext = {
    name,
    owner: { kind: 'compose-service', name, ...(isScalar(imageNode) && imageNode.value !== null ? { image: String(imageNode.value) } : {}) },
    networkMode: isScalar(networkNode) ? String(networkNode.value) : undefined,
    swarm: pairs.has('deploy'),
    stack,
    global: isScalar(deployMode) && deployMode.value === 'global',
  };
  if (!context.networkMode) context.networkDefault = gatewayNetworkDefault(resolveNode(pairs.get('networks')?.value, doc), doc, networks);
  const ports = resolveNode(pairs.get('ports')?.value, doc);
  const portItems = isSeq(ports) ? ports.items.map((item) => resolveNode(item, doc)).filter((n): n is Node => !!n) : [];

  if (isScalar(networkNode) && context.networkMode === 'host' && !seen.has(networkNode)) {
    seen.add(networkNode);
    facts.hostNetworks.push({
      span: scalarSpan(networkNode),
      owner: context.owner,
      notes: portItems.length > 0 ? ['Its ports: entries are ignored (Compose says not to use ports with network_mode: host).'] : [],
    });
  }
  for (const item of portItems) {
    if (seen.has(item)) continue;
    seen.add(item);
    if (isScalar(item)) readShortSyntax(item, text, environment, context, facts);
    else if (isMap(item)) readLongSyntax(item, doc, text, environment, context, facts);
  }
  const expose = resolveNode(pairs.get('expose')?.value, doc);
  if (isSeq(expose)) {
    for (const item of expose.items) {
      const node = resolveNode(item, doc);
      if (!isScalar(node) || seen.has(node)) continue;
      seen.add(node);
      readExpose(node, text, environment, context.owner, facts);
    }
  }
}

function readShortSyntax(
  scalar: Scalar,
  text: string,
  environment: Readonly<Record<string, string>>,
  context: ServiceContext,
  facts: DocumentFacts,
): void {
  if (!scalar.range) return;
  const written = scalarText(scalar, text);
  const { value: resolved, notes, unknown } = interpolate(written, environment);
  const span = scalarSpan(scalar);
  if (resolved.text === UNKNOWN_TEXT) {
    facts.explanations.push({
      span: contentSpan(scalar),
      markdown: `**Published port set by a variable** (service "${context.name}")\n\n${notes.join(' ')} Where it listens is only known where the file is deployed.`,
    });
    return;
  }
  const publish = yamlShortSpec(scalar, text, written, resolved, {
    notes: [...notes, ...contextNotes(context)],
    unknownVariables: unknown,
    owner: context.owner,
  });
  const quoted = isQuoted(scalar);
  const source = text.slice(span.start, span.end);
  addServicePublish(publish, context, facts);

  if (!quoted && typeof scalar.value === 'string' && source.includes(':')) {
    facts.unquoted.push({
      span,
      value: source,
      sexagesimal: SEXAGESIMAL.test(source) ? sexagesimalValue(source) : undefined,
      quote: (quoteChar) => [{ start: span.start, end: span.end, newText: `${quoteChar}${source}${quoteChar}` }],
    });
  }
}

interface LongSyntaxField {
  pair: Pair;
  value: Scalar | undefined;
  text: string;
}

function readLongSyntax(
  item: YAMLMap,
  doc: Document,
  text: string,
  environment: Readonly<Record<string, string>>,
  context: ServiceContext,
  facts: DocumentFacts,
): void {
  if (!item.range) return;
  const pairs = effectivePairs(item, doc);
  const unknownVariables: string[] = [];
  const field = (key: string): LongSyntaxField | undefined => {
    const pair = pairs.get(key);
    if (!pair) return undefined;
    const value = resolveNode(pair.value, doc);
    if (!isScalar(value) || !value.range) return { pair, value: undefined, text: '' };
    const interpolated = interpolate(scalarText(value, text), environment);
    unknownVariables.push(...interpolated.unknown);
    return { pair, value, text: interpolated.value.text };
  };
  const target = field('target');
  const published = field('published');
  const hostIp = field('host_ip');
  const protocol = field('protocol');
  const mode = field('mode');
  const reading = readLongSyntaxFields(target, published, hostIp, protocol);
  const spanNode = (hostIp ?? published ?? target)?.value;
  const span = spanNode?.range ? contentSpan(spanNode) : { start: item.range[0], end: item.range[1] };
  const publish: PublishedPort = {
    span,
    hoverSpan: { start: item.range[0], end: item.range[1] },
    origin: 'compose-long',
    written: `target ${target?.text ?? '?'}${published ? `, published ${published.text}` : ''}${hostIp ? `, host_ip ${hostIp.text}` : ''}${mode ? `, mode ${mode.text}` : ''}`,
    reading,
    notes: contextNotes(context),
    owner: context.owner,
    unknownVariables: unknownVariables.length > 0 ? unknownVariables : undefined,
  };
  if (reading.ok) {
    const plan = longSyntaxFixPlan(item, text, hostIp);
    publish.rebind = (address) => rebindLongSyntax(plan, address);
  }
  addServicePublish(publish, context, facts);
}

function readLongSyntaxFields(
  target: LongSyntaxField | undefined,
  published: LongSyntaxField | undefined,
  hostIp: LongSyntaxField | undefined,
  protocol: LongSyntaxField | undefined,
): SpecReading {
  if (!target || target.text === '') return { ok: false, error: 'the long syntax needs a target (the container port)' };
  const containerPorts = readRange(target.text);
  if (!containerPorts) return { ok: false, error: `invalid containerPort: ${target.text}` };
  let hostPorts: PortRange | null | 'unknown' = null;
  if (published && published.text !== '') {
    const range = readRange(published.text);
    if (!range) return { ok: false, error: `invalid hostPort: ${published.text}` };
    hostPorts = range;
  }
  const ipText = hostIp?.text ?? '';
  const ipUnknown = ipText.includes(UNKNOWN_TEXT);
  const hostAddress = ipText === '' || ipUnknown ? undefined : parseIpAddress(ipText);
  if (ipText !== '' && !ipUnknown && !hostAddress) {
    return { ok: false, error: `invalid IP address: ${ipText}${ipText.startsWith('[') ? ' (host_ip takes the address without brackets)' : ''}` };
  }
  const protocolText = (protocol?.text || 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(protocolText) && !protocolText.includes(UNKNOWN_TEXT)) return { ok: false, error: `invalid proto: ${protocol?.text}` };
  return {
    ok: true,
    spec: {
      hostIp: ipUnknown ? undefined : ipText,
      hostAddress,
      hostIpEnd: 0,
      partCount: ipText ? 3 : published ? 2 : 1,
      hostPorts,
      containerPorts,
      protocol: (protocolText.includes(UNKNOWN_TEXT) ? 'tcp' : protocolText) as Protocol,
    },
  };
}

/** Where and how a long-syntax item gets its address, worked out once from the YAML nodes. */
type LongSyntaxFixPlan =
  | { kind: 'replace'; start: number; end: number; quoted: boolean }
  | { kind: 'insert'; at: number; prefix: string }
  | { kind: 'none' };

function longSyntaxFixPlan(item: YAMLMap, text: string, hostIp: LongSyntaxField | undefined): LongSyntaxFixPlan {
  if (hostIp?.value?.range) {
    const [start, end] = hostIp.value.range;
    return isQuoted(hostIp.value) ? { kind: 'replace', start: start + 1, end: end - 1, quoted: true } : { kind: 'replace', start, end, quoted: false };
  }
  const lastPair = item.items[item.items.length - 1] as Pair<Node, Node> | undefined;
  const firstKey = (item.items[0] as Pair<Node, Node> | undefined)?.key;
  if (!lastPair || !firstKey?.range) return { kind: 'none' };
  const lastEnd = (lastPair.value?.range ?? lastPair.key!.range!)[1];
  if (item.flow) return { kind: 'insert', at: lastEnd, prefix: ', ' };
  const keyStart = firstKey.range[0];
  const column = keyStart - lineStartOf(text, keyStart);
  return { kind: 'insert', at: lineEndOf(text, Math.max(lastEnd - 1, keyStart)), prefix: `${lineBreakOf(text, keyStart)}${' '.repeat(column)}` };
}

/** Replaces an existing host_ip's value, or adds host_ip beside target in the item's own style. */
function rebindLongSyntax(plan: LongSyntaxFixPlan, address: string): TextEdit[] {
  const written = address.includes(':') ? `"${address}"` : address;
  if (plan.kind === 'replace') return [{ start: plan.start, end: plan.end, newText: plan.quoted ? address : written }];
  if (plan.kind === 'insert') return [{ start: plan.at, end: plan.at, newText: `${plan.prefix}host_ip: ${written}` }];
  return [];
}

function readExpose(scalar: Scalar, text: string, environment: Readonly<Record<string, string>>, owner: Owner, facts: DocumentFacts): void {
  if (!scalar.range) return;
  const written = scalarText(scalar, text);
  const expanded = interpolate(written, environment).value.text;
  const reading = readPublishSpec(expanded);
  const span = contentSpan(scalar);
  facts.exposes.push({ span, origin: 'compose-expose', written: written.text, expanded, reading, owner });
  facts.explanations.push({
    span,
    markdown:
      `**expose ${expanded}** (service "${owner.name}")\n\n` +
      'Reachable by the other services on the same Compose network, **not published on the host**: nothing outside Docker can connect to it. ' +
      `Use \`ports\` to publish it.\n\n[Compose ports and expose](${COMPOSE_PORTS_DOCS})`,
  });
}

function applyNetworkMode(publish: PublishedPort, context: ServiceContext, facts: DocumentFacts): void {
  const mode = context.networkMode;
  if (mode === 'host') {
    publish.discarded = true;
    publish.notes.push('`network_mode: host`: Compose ignores this mapping; every port the service listens on is open on the host instead.');
  } else if (mode && /^(service|container):/.test(mode)) {
    publish.discarded = true;
    facts.refusals.push({
      span: publish.span,
      message: `Docker refuses this: conflicting options: port publishing and the container type network mode (network_mode: ${mode}). Publish the port on the service that owns the network.`,
    });
  }
}

function contextNotes(context: ServiceContext): string[] {
  return context.swarm && !context.stack
    ? ['This service has `deploy:`: if the file is deployed with `docker stack deploy`, Swarm drops `host_ip` and publishes the port on every interface of every node.']
    : [];
}

/** Keys only `docker stack deploy` acts on: a file that uses them is a Swarm stack file. */
const SWARM_DEPLOY_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode'];

function isStackFile(services: YAMLMap, networks: Map<string, ComposeNetwork>, doc: Document): boolean {
  if ([...networks.values()].some((n) => n.driver === 'overlay')) return true;
  return services.items.some((pair) => {
    const service = resolveNode(pair.value, doc);
    const deploy = isMap(service) ? resolveNode(effectivePairs(service, doc).get('deploy')?.value, doc) : undefined;
    if (!isMap(deploy)) return false;
    const fields = effectivePairs(deploy, doc);
    const mode = resolveNode(fields.get('mode')?.value, doc);
    return SWARM_DEPLOY_KEYS.some((key) => fields.has(key)) || (isScalar(mode) && mode.value === 'global');
  });
}

/**
 * `docker stack deploy` keeps only target, published, protocol and mode of each port (docker/cli
 * `convertEndpointSpec`): `host_ip` is dropped, so no address can be set and no fix is offered.
 */
function asStackPublish(publish: PublishedPort, context: ServiceContext): PublishedPort {
  if (publish.discarded) return publish;
  const hostMode = publish.origin === 'compose-long' && /\bmode host\b/.test(publish.written);
  const where = hostMode
    ? `\`mode: host\` publishes it directly on every interface of each node that runs a task of the service${context.global ? ' (`deploy.mode: global`: every node of the swarm)' : ''}`
    : `the ingress routing mesh publishes it on every interface of every node of the swarm${context.global ? ' (`deploy.mode: global` places a task on every node; the mesh listens on all of them either way)' : ''}`;
  const hostIp = publish.reading.ok && publish.reading.spec.hostIp ? ` The address \`${publish.reading.spec.hostIp}\` written here is dropped.` : '';
  return {
    ...publish,
    origin: 'swarm',
    rebind: undefined,
    notes: [...publish.notes, `Swarm stack file: \`docker stack deploy\` keeps only target, published, protocol and mode of a port; ${where}.${hostIp} Restrict it with a firewall in front of the nodes, or keep the service on an overlay network without \`ports\`.`],
  };
}

function sexagesimalValue(source: string): number {
  return source
    .replace(/_/g, '')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** Top-level `networks:`: which set a default binding address, which are internal. */
function readNetworks(node: Node | undefined, doc: Document, environment: Readonly<Record<string, string>>): Map<string, ComposeNetwork> {
  const networks = new Map<string, ComposeNetwork>();
  if (!isMap(node)) return networks;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const definition = resolveNode(pair.value, doc);
    const fields = isMap(definition) ? effectivePairs(definition, doc) : new Map<string, Pair>();
    const scalarField = (map: Map<string, Pair>, field: string) => {
      const value = resolveNode(map.get(field)?.value, doc);
      return isScalar(value) && value.value !== null ? interpolate({ text: String(value.value), offsets: [], start: 0, end: 0 }, environment).value.text : undefined;
    };
    const options = resolveNode(fields.get('driver_opts')?.value, doc);
    const bindAddress = isMap(options) ? scalarField(effectivePairs(options, doc), HOST_BINDING_IPV4) : undefined;
    networks.set(key, {
      engineName: scalarField(fields, 'name') ?? key,
      internal: scalarField(fields, 'internal') === 'true',
      driver: scalarField(fields, 'driver'),
      bindAddress: bindAddress && !bindAddress.includes(UNKNOWN_TEXT) ? bindAddress : undefined,
    });
  }
  return networks;
}

/**
 * Published ports are bound on the network that gives the container its default gateway (moby's
 * rule, docker/compose#12616): internal networks never do; the highest `gw_priority` wins; ties go
 * to the network name that sorts first. A service with no `networks:` is on `default`.
 */
function gatewayNetworkDefault(node: Node | undefined, doc: Document, networks: Map<string, ComposeNetwork>): ServiceContext['networkDefault'] {
  const joined: { key: string; priority: number }[] = [];
  if (node === undefined) joined.push({ key: 'default', priority: 0 });
  else if (isSeq(node)) {
    for (const item of node.items) {
      const value = resolveNode(item, doc);
      if (isScalar(value)) joined.push({ key: String(value.value), priority: 0 });
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const settings = resolveNode(pair.value, doc);
      const priority = isMap(settings) ? Number(resolveNode(effectivePairs(settings, doc).get('gw_priority')?.value, doc)?.toJSON?.() ?? 0) : 0;
      joined.push({ key: String(pair.key.value), priority: Number.isFinite(priority) ? priority : 0 });
    }
  }
  const candidates = joined
    .map((j) => ({ ...j, network: networks.get(j.key) ?? { engineName: j.key, internal: false } }))
    .filter((c) => !c.network.internal)
    .sort((a, b) => b.priority - a.priority || (a.network.engineName < b.network.engineName ? -1 : a.network.engineName > b.network.engineName ? 1 : 0));
  const gateway = candidates[0];
  return gateway?.network.bindAddress ? { network: gateway.key, address: gateway.network.bindAddress } : undefined;
}

/** A service's publish as it is bound where the file is deployed: its network mode, a Swarm stack, its network's default address. */
function addServicePublish(publish: PublishedPort, context: ServiceContext, facts: DocumentFacts): void {
  applyNetworkMode(publish, context, facts);
  facts.publishes.push(context.stack ? asStackPublish(publish, context) : withNetworkDefault(publish, context));
}

function withNetworkDefault(publish: PublishedPort, context: ServiceContext): PublishedPort {
  if (!context.networkDefault || publish.discarded) return publish;
  return onNetworkDefault(publish, context.networkDefault.address, `network \`${context.networkDefault.network}\` (its \`driver_opts\`)`);
}

/**
 * The services of a fragment: the root when its values are services, or one service made of the root.
 * Kubernetes manifests (`apiVersion`, `kind`) have `ports` too, with other meanings: never a fragment.
 */
function fragmentServices(root: YAMLMap, topLevel: Map<string, Pair>, doc: Document): YAMLMap | undefined {
  if (topLevel.has('apiVersion') || topLevel.has('kind')) return undefined;
  if (SERVICE_KEYS.some((key) => topLevel.has(key))) {
    const wrapper = new YAMLMap();
    wrapper.items.push(new Pair(new Scalar('(this snippet)'), root));
    return wrapper;
  }
  // A mapping of services: some value is a service that runs an image or a build.
  const looksLikeServices = root.items.some((pair) => {
    const value = resolveNode(pair.value, doc);
    if (!isMap(value)) return false;
    const keys = effectivePairs(value, doc);
    return keys.has('image') || keys.has('build');
  });
  return looksLikeServices ? root : undefined;
}
