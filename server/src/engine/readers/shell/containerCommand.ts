/**
 * Reads one command's words the way the docker CLI (pflag) reads them: wrappers (`sudo`, `env`, …),
 * global options, the subcommand, then `run`/`create` options up to the image.
 * Words come from the shell parser or from a JSON array (devcontainer `runArgs`); this file does not care which.
 */
import type { DocumentFacts, Owner, PublishedPort, Span } from '../../model';
import { MappedText, rebindShortSpec, sliceMapped } from '../../grammar/mappedText';
import { addressForSpec } from '../../grammar/ipAddress';
import { convertCsvPublish, readPublishSpec, SpecReading, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import {
  COMPOSE_GLOBAL_VALUE_FLAGS, COMPOSE_RUN, COMPOSE_TOOLS, CONTAINER_TOOLS, DOCKER_NETWORK_CREATE, DOCKER_RUN, DOCKER_SERVICE_CREATE, FlagGrammar,
  GLOBAL_VALUE_FLAGS, HOST_BINDING_IPV4, PODMAN_RUN, WRAPPERS,
} from './dockerFlags';
import { readK3d } from '../k3d/k3dCommand';
import { readKubectl } from './kubectlCommand';

export interface ShellWord {
  value: MappedText;
  /** The whole word in the document, quotes included. */
  span: Span;
}

type Tool = 'docker' | 'podman' | 'nerdctl';

/** Tools that publish ports for a local cluster, each with its own reader. */
const CLUSTER_TOOLS: Readonly<Record<string, (words: ShellWord[], anchor: number, facts: DocumentFacts) => void>> = {
  kubectl: readKubectl,
  k3d: readK3d,
};


function commandName(word: ShellWord): string {
  const name = word.value.text;
  return name.slice(name.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}

/** Finds a container command in `words` (a whole simple command) and adds what it publishes to `facts`. */
export function readCommandWords(words: ShellWord[], anchor: number, facts: DocumentFacts): void {
  let index = skipWrappers(words, 0);
  if (index >= words.length) return;
  const tool = commandName(words[index]);
  const clusterTool = CLUSTER_TOOLS[tool];
  if (clusterTool) return clusterTool(words.slice(index + 1), anchor, facts);
  if (COMPOSE_TOOLS.has(tool)) {
    readComposeCommand(words.slice(index + 1), anchor, facts);
    return;
  }
  if (!CONTAINER_TOOLS.has(tool)) return;
  index = skipGlobalOptions(words, index + 1, tool as Tool);
  const sub = words[index]?.value.text;
  const next = words[index + 1]?.value.text;
  if (sub === 'compose') {
    readComposeCommand(words.slice(index + 1), anchor, facts);
  } else if (sub === 'network' && next === 'create') {
    readNetworkCreate(words.slice(index + 2), facts);
  } else if (tool === 'podman' && sub === 'pod' && next === 'create') {
    readRunOptions(words.slice(index + 2), tool, anchor, facts, PODMAN_RUN, 'pod');
  } else if (sub === 'run' || sub === 'create') {
    readRunOptions(words.slice(index + 1), tool as Tool, anchor, facts);
  } else if (sub === 'container' && (next === 'run' || next === 'create')) {
    readRunOptions(words.slice(index + 2), tool as Tool, anchor, facts);
  } else if (tool === 'docker' && sub === 'service' && next === 'create') {
    readServiceCreate(words.slice(index + 2), anchor, facts);
  }
}

function skipWrappers(words: ShellWord[], start: number): number {
  let index = start;
  for (let guard = 0; guard < 16 && index < words.length; guard++) {
    const wrapper = WRAPPERS[commandName(words[index])];
    if (!wrapper) return index;
    index++;
    let positional = wrapper.positional ?? 0;
    while (index < words.length) {
      const text = words[index].value.text;
      if (text === '--') {
        index++;
        break;
      }
      if (text.startsWith('--')) {
        const name = text.slice(2).split('=')[0];
        index += wrapper.valueLong.has(name) && !text.includes('=') ? 2 : 1;
      } else if (text.startsWith('-') && text.length > 1) {
        const valueAt = [...text.slice(1)].findIndex((c) => wrapper.valueShort.includes(c));
        index += valueAt >= 0 && valueAt === text.length - 2 ? 2 : 1;
      } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) {
        index++; // sudo VAR=x / env VAR=x
      } else if (positional > 0) {
        positional--;
        index++;
      } else break;
    }
  }
  return index;
}

function skipGlobalOptions(words: ShellWord[], start: number, tool: Tool): number {
  const grammar = GLOBAL_VALUE_FLAGS[tool];
  let index = start;
  while (index < words.length) {
    const text = words[index].value.text;
    if (!text.startsWith('-') || text === '-' || text === '--') return text === '--' ? index + 1 : index;
    if (text.startsWith('--')) {
      index += grammar.long.has(text.slice(2)) ? 2 : 1;
    } else {
      const last = text[text.length - 1];
      index += grammar.short.includes(last) && ![...text.slice(1, -1)].some((c) => grammar.short.includes(c)) ? 2 : 1;
    }
  }
  return index;
}

interface FlagValue {
  name: string;
  /** The flag's own word (for markers such as -P). */
  flagWord: ShellWord;
  value?: MappedText;
}

/** pflag's reading of options up to the first non-flag word; returns the flags seen and the image word. */
function readFlags(words: ShellWord[], grammar: FlagGrammar): { flags: FlagValue[]; image?: ShellWord } {
  const flags: FlagValue[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    const text = word.value.text;
    if (text === '--') return { flags, image: words[index + 1] };
    if (text.startsWith(UNKNOWN_TEXT)) {
      // `docker run $OPTS -p …`: a word from a variable is most often a set of options, rarely the image.
      index++;
      continue;
    }
    if (!text.startsWith('-') || text === '-') return { flags, image: word };
    index++;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) flags.push({ name, flagWord: word, value: sliceMapped(word.value, eq + 1) });
      else if (grammar.valueFlags.has(name)) {
        flags.push({ name, flagWord: word, value: words[index]?.value });
        index++;
      } else flags.push({ name, flagWord: word });
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const c = text[k];
      const name = grammar.shorthands[c] ?? c;
      if (!grammar.valueShorthands.includes(c)) {
        flags.push({ name, flagWord: word });
        continue;
      }
      let from = k + 1;
      // pflag drops one '=' after a shorthand only when a value follows it: `-p=` means the value "=".
      if (text[from] === '=' && from + 1 < text.length) from++;
      if (from < text.length) flags.push({ name, flagWord: word, value: sliceMapped(word.value, from) });
      else {
        flags.push({ name, flagWord: word, value: words[index]?.value });
        index++;
      }
      break;
    }
  }
  return { flags };
}

function spanOf(text: MappedText): Span {
  return { start: text.offsets.length > 0 && text.start !== text.offsets[0] ? text.offsets[0] : text.start, end: text.end };
}

/**
 * `docker compose [global options] run [options] SERVICE`: the same `-p` as docker run, on a one-off
 * container of the service. The service's own `ports:` are read in the compose file itself.
 */
function readComposeCommand(words: ShellWord[], anchor: number, facts: DocumentFacts): void {
  let index = 0;
  while (index < words.length) {
    const text = words[index].value.text;
    if (!text.startsWith('-') || text === '-') break;
    const name = text.startsWith('--') ? text.slice(2) : text.slice(-1);
    const takesValue = text.startsWith('--') ? COMPOSE_GLOBAL_VALUE_FLAGS.long.has(name) : COMPOSE_GLOBAL_VALUE_FLAGS.short.includes(name) && text.length === 2;
    index += takesValue ? 2 : 1;
  }
  if (words[index]?.value.text !== 'run') return;
  readRunOptions(words.slice(index + 1), 'docker', anchor, facts, COMPOSE_RUN, 'compose-run');
}

/** `docker network create -o com.docker.network.bridge.host_binding_ipv4=127.0.0.1 NET`. */
function readNetworkCreate(words: ShellWord[], facts: DocumentFacts): void {
  const { flags, image: name } = readFlags(words, DOCKER_NETWORK_CREATE);
  if (!name || name.value.text.includes(UNKNOWN_TEXT)) return;
  for (const flag of flags) {
    if (flag.name !== 'opt' || !flag.value) continue;
    const [key, ...rest] = flag.value.text.split('=');
    if (key === HOST_BINDING_IPV4) facts.networks.push({ span: spanOf(flag.value), name: name.value.text, address: rest.join('=') });
  }
}

export function readRunOptions(
  words: ShellWord[],
  tool: Tool,
  anchor: number,
  facts: DocumentFacts,
  grammar: FlagGrammar = tool === 'docker' ? DOCKER_RUN : PODMAN_RUN,
  ownerKind: 'container' | 'pod' | 'compose-run' = 'container',
): void {
  const { flags, image } = readFlags(words, grammar);
  const owner: Owner | undefined = image ? ownerOf(ownerKind, imageText(image.value.text)) : undefined;
  const publishes: PublishedPort[] = [];
  const networks: MappedText[] = [];
  let networkMode: string | undefined;
  for (const flag of flags) {
    if (flag.name === 'publish' && flag.value) {
      const values = tool === 'docker' ? [flag.value] : splitOnCommas(flag.value);
      for (const value of values) {
        const publish = readRunPublish(value, tool, owner, anchor);
        if (publish) publishes.push(publish);
        else facts.explanations.push({ span: spanOf(value), markdown: '**Published port set by a variable**\n\nThe whole spec comes from a variable, so where it listens is only known when the command runs.' });
      }
    } else if (flag.name === 'publish-all' || flag.name === 'P') {
      if (!flag.value || flag.value.text === 'true') facts.publishAll.push({ span: flag.flagWord.span, notes: [], owner: image ? ownerOf(ownerKind, imageText(image.value.text)) : undefined, anchor });
    } else if ((flag.name === 'network' || flag.name === 'net') && flag.value) {
      networks.push(flag.value);
    }
  }
  const refused = tool === 'docker' ? conflictingNetwork(networks) : undefined;
  if (refused) {
    facts.refusals.push({ span: spanOf(refused), message: `Docker refuses this: conflicting options: cannot attach both user-defined and non-user-defined network-modes (${networks.map((n) => `--network ${n.text}`).join(', ')}).` });
    for (const publish of publishes) publish.discarded = true;
    facts.publishes.push(...publishes);
    return;
  }
  // The first --network is the container's network mode; later ones only add endpoints.
  networkMode = networks[0]?.text;
  if (networkMode === 'host') facts.hostNetworks.push({ span: spanOf(networks[0]), notes: [], owner, anchor });
  for (const publish of publishes) {
    if (networkMode && !networkMode.includes(UNKNOWN_TEXT)) publish.network = networkMode;
    if (networkMode === 'host') {
      publish.discarded = true;
      publish.notes.push('`--network host`: Docker discards published ports ("Published ports are discarded when using host network mode"); the container listens on the host directly.');
    } else if (networkMode?.startsWith('container:')) {
      publish.discarded = true;
      facts.refusals.push({
        span: publish.span,
        message: `Docker refuses this: conflicting options: port publishing and the container type network mode (--network ${networkMode}).`,
      });
    }
    facts.publishes.push(publish);
  }
}

/**
 * docker CLI 28.2.2 joins several `--network` values (one endpoint each) but refuses to mix a
 * user-defined network with host, none, bridge, default or container:X ("conflicting options:
 * cannot attach both user-defined and non-user-defined network-modes"; checked with the CLI as
 * ports.md §6 shows). The value where the mix starts, or undefined.
 */
function conflictingNetwork(networks: MappedText[]): MappedText | undefined {
  if (networks.length < 2 || networks.some((n) => n.text.includes(UNKNOWN_TEXT))) return undefined;
  const builtIn = (name: string) => ['host', 'none', 'bridge', 'default'].includes(name) || name.startsWith('container:');
  const first = builtIn(networks[0].text);
  return networks.find((n) => builtIn(n.text) !== first);
}

function splitOnCommas(value: MappedText): MappedText[] {
  const parts: MappedText[] = [];
  let from = 0;
  for (let i = 0; i <= value.text.length; i++) {
    if (i === value.text.length || value.text[i] === ',') {
      if (i > from) parts.push(sliceMapped(value, from, i));
      from = i + 1;
    }
  }
  return parts;
}

function readRunPublish(value: MappedText, tool: Tool, owner: Owner | undefined, anchor: number): PublishedPort | undefined {
  if (value.text === UNKNOWN_TEXT) return undefined;
  const span = spanOf(value);
  const written = value.text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '$…');
  if (tool === 'docker' && value.text.includes('=')) return readCsvPublish(value, span, written, owner, anchor);
  const reading = readPublishSpec(value.text);
  const publish: PublishedPort = { span, origin: 'run', written, reading, notes: [], owner, anchor };
  if (reading.ok) {
    const spec = reading.spec;
    if (spec.hostIp === undefined) publish.notes.push('The host address comes from a variable: where it listens is only known when the command runs.');
    const edits = (address: string) => rebindShortSpec(value, spec, address);
    if (edits('127.0.0.1')) publish.rebind = (address) => edits(address) ?? [];
  }
  return publish;
}

/** `-p published=8080,target=80,host_ip=127.0.0.1`: docker/cli keeps only published, target and protocol. */
function readCsvPublish(value: MappedText, span: Span, written: string, owner: Owner | undefined, anchor: number): PublishedPort {
  const converted = convertCsvPublish(value.text);
  const reading: SpecReading = converted.ok ? readPublishSpec(converted.shortForm) : converted;
  const publish: PublishedPort = { span, origin: 'run-csv', written, reading, notes: [], owner, anchor };
  if (converted.ok) {
    const dropped = Object.keys(converted.dropped);
    if (dropped.length > 0) publish.notes.push(`docker run ignores ${dropped.map((k) => `\`${k}\``).join(', ')} in this form.`);
  }
  if (converted.ok && reading.ok && !value.text.includes(UNKNOWN_TEXT) && isVerbatimWhole(value)) {
    const [hostPart, containerPart] = [converted.shortForm.slice(0, converted.shortForm.lastIndexOf(':')), converted.shortForm.slice(converted.shortForm.lastIndexOf(':') + 1)];
    const container = containerPart.replace(/\/tcp$/, '');
    publish.rebind = (address) => [{ start: span.start, end: span.end, newText: `${addressForSpec(address)}:${hostPart}:${container}` }];
  }
  return publish;
}

function isVerbatimWhole(value: MappedText): boolean {
  return value.offsets.every((offset, i) => offset === value.offsets[0] + i) && value.end === value.offsets[0] + value.text.length;
}

/** `docker compose run SERVICE` names a service where other commands name an image. */
function ownerOf(kind: 'container' | 'pod' | 'compose-run', imageOrService: string): Owner {
  return kind === 'compose-run' ? { kind, name: imageOrService } : { kind, image: imageOrService };
}

/** An image as messages show it: the parts only known where the command runs as `…`. */
function imageText(text: string): string {
  return text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '…');
}

/** `docker service create --publish`: Swarm's ingress publishes on every interface of every node. */
function readServiceCreate(words: ShellWord[], anchor: number, facts: DocumentFacts): void {
  const { flags, image } = readFlags(words, DOCKER_SERVICE_CREATE);
  for (const flag of flags) {
    if (flag.name !== 'publish' || !flag.value || flag.value.text === UNKNOWN_TEXT) continue;
    const span = spanOf(flag.value);
    facts.publishes.push({
      span,
      origin: 'swarm',
      written: flag.value.text,
      reading: readSwarmPublish(flag.value.text),
      notes: ['Swarm routes the port through its ingress network: every node listens on every interface.'],
      owner: image ? { kind: 'swarm-service', image: image.value.text } : undefined,
      anchor,
    });
  }
}

/** docker/cli `opts.PortOpt.Set`: the long form knows target, published, protocol and mode; the short form refuses an address. */
export function readSwarmPublish(text: string): SpecReading {
  if (!text.includes('=')) {
    const reading = readPublishSpec(text);
    if (reading.ok && reading.spec.hostIp) return { ok: false, error: 'hostip is not supported' };
    return reading;
  }
  const fields: Record<string, string> = {};
  for (const field of text.split(',')) {
    const eq = field.indexOf('=');
    if (eq < 0) return { ok: false, error: `invalid field ${field} must be a key=value pair` };
    const key = field.slice(0, eq).toLowerCase();
    if (!['target', 'published', 'protocol', 'mode'].includes(key)) return { ok: false, error: `invalid field key ${key}` };
    fields[key] = field.slice(eq + 1);
  }
  if (!fields.target) return { ok: false, error: 'missing mandatory field "target"' };
  return readPublishSpec(`${fields.published ?? ''}:${fields.target}/${fields.protocol ?? 'tcp'}`);
}
