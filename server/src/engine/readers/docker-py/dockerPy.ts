/**
 * The Docker SDK for Python (docker/docker-py): `client.containers.run(…, ports={…})` and
 * `containers.create`, `APIClient.create_host_config(port_bindings={…})` and `HostConfig(port_bindings=…)`.
 *
 * As docker-py reads them (read at afc6d1e): models/containers.py `_create_container_args` passes
 * `ports` on as `port_bindings`; utils/utils.py `convert_port_bindings` turns each key into
 * `PORT/tcp` unless it names a protocol, and `_convert_port_binding` makes each value a binding
 * with `HostIp` `''` (every interface) unless a tuple `(address, port)`, `(address,)` or a dict
 * with `HostIp` gives one; a number or string is the host port, `None` a random one, a list several
 * bindings. The low-level `create_container(ports=[…])` only declares ports (it publishes none).
 * types/containers.py refuses port bindings with `network_mode="host"`.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, emptyFacts, TextEdit } from '../../model';
import { codeReading, CodeReading } from '../support/assignments';
import { Binding, excerpt, explainUnread, publishOf } from '../support/codeBinding';
import { parseCode } from '../support/grammars';

const DOCS = { title: 'Docker SDK for Python: containers.run ports', url: 'https://docker-py.readthedocs.io/en/stable/containers.html#docker.models.containers.ContainerCollection.run' };

/** Keyword arguments that bind ports, by the called function's name. */
function bindingKeyword(call: Node): 'ports' | 'port_bindings' | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.type === 'identifier' ? callee.text : undefined;
  if (name === 'create_host_config' || name === 'HostConfig') return 'port_bindings';
  if ((name === 'run' || name === 'create') && callee.type === 'attribute') {
    const receiver = callee.childForFieldName('object');
    const last = receiver?.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : receiver?.text;
    if (last === 'containers') return 'ports';
  }
  return undefined;
}

/** What this reader keeps while it reads one file. */
type Reader = CodeReading;

export function extractDockerPy(text: string): DocumentFacts {
  const facts = emptyFacts('docker-py');
  const tree = parseCode(text, 'python');
  if (!tree) return facts;
  try {
    const reader: Reader = codeReading(text, facts);
    for (const assignment of tree.rootNode.descendantsOfType('assignment')) {
      const left = assignment?.childForFieldName('left');
      const right = assignment?.childForFieldName('right');
      if (!left || !right) continue;
      if (left.type === 'identifier' || left.type === 'attribute') reader.names.add(left.text, assignment!.startIndex, right);
      else if (left.type === 'subscript') {
        const mapping = left.childForFieldName('value');
        if (mapping) reader.items.add(mapping.text, assignment!.startIndex, assignment!);
      }
    }
    for (const call of tree.rootNode.descendantsOfType('call')) {
      const keyword = call && bindingKeyword(call);
      if (keyword) readCall(call!, keyword, reader);
    }
  } finally {
    tree.delete();
  }
  return facts;
}

function keywordArguments(call: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (name && value) found.set(name, value);
  }
  return found;
}

/** A Python string literal's content, when it is plain (no f-string, escapes or concatenation). */
function plainString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const start = node.namedChildren[0];
  if (start?.type !== 'string_start' || /[fFbB]/.test(start.text)) return undefined;
  let content = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'string_content') content += child.text;
    else if (child?.type !== 'string_start' && child?.type !== 'string_end') return undefined;
  }
  return content.includes('\\') ? undefined : content;
}

function quoteOf(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const start = node.namedChildren[0]?.text ?? '';
  return start.endsWith("'") ? "'" : start.endsWith('"') ? '"' : undefined;
}


function readCall(call: Node, keyword: 'ports' | 'port_bindings', reader: Reader): void {
  const { text, facts } = reader;
  const args = keywordArguments(call);
  // An ignore comment goes above the line the call starts on.
  const anchor = reader.lines.lineStart(call.startIndex);
  const mode = args.get('network_mode');
  const hostNetwork = plainString(mode) === 'host';
  if (mode && hostNetwork) {
    facts.hostNetworks.push({ span: { start: mode.startIndex, end: mode.endIndex }, anchor, notes: ['docker-py passes `network_mode` to Docker as the container\'s network mode.'] });
  }
  let mapping = args.get(keyword);
  if (!mapping) {
    const splat = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'dictionary_splat');
    if (splat) explainUnread(reader.facts, splat, `Keyword arguments passed with \`${excerpt(text, splat)}\` are not read here: any \`${keyword}\` in them is not checked.`);
    return;
  }
  const quote = quoteOf(mapping.descendantsOfType('string')[0]) ?? '"';
  const used = mapping;
  let extra: Node[] = [];
  if (mapping.type === 'identifier' || mapping.type === 'attribute') {
    const assigned = reader.names.before(mapping.text, call.startIndex);
    extra = reader.items.between(mapping.text, assigned?.at ?? 0, call.startIndex).map((a) => a.value);
    if (assigned?.value.type === 'dictionary') mapping = assigned.value;
    else if (extra.length === 0) {
      explainUnread(reader.facts, used, `\`${keyword}\` is \`${excerpt(text, used)}\`, which is not a mapping written in this file: its bindings are not checked.`);
      return;
    }
  }
  if (reader.read.has(mapping.startIndex)) return;
  reader.read.add(mapping.startIndex);
  const context = { reader, anchor, quote, hostNetwork };
  if (mapping.type === 'dictionary') {
    for (const entry of mapping.namedChildren) {
      if (entry?.type === 'pair') readEntry(entry.childForFieldName('key'), entry.childForFieldName('value'), entry, context);
      else if (entry?.type === 'dictionary_splat') explainUnread(reader.facts, entry, `Entries from \`${excerpt(text, entry)}\` are not read here.`);
    }
  } else if (extra.length === 0) {
    explainUnread(reader.facts, mapping, `\`${keyword}\` is \`${excerpt(text, mapping)}\`, which is not a mapping written in this file: its bindings are not checked.`);
  }
  for (const item of extra) {
    const left = item.childForFieldName('left');
    const key = left?.childForFieldName('subscript');
    readEntry(key, item.childForFieldName('right'), item, context);
  }
}

interface EntryContext {
  reader: Reader;
  anchor: number;
  quote: string;
  hostNetwork: boolean;
}

/** `key: value` of a port mapping: one binding, or one for each element of a list. */
function readEntry(key: Node | null | undefined, value: Node | null | undefined, entry: Node, context: EntryContext): void {
  if (!value) return;
  const quote = quoteOf(key) ?? context.quote;
  const { containerPort, protocol } = containerSide(key);
  const elements = value.type === 'list' ? value.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [value];
  for (const element of elements) {
    const host = hostSide(element, context.reader, quote);
    if (!host) {
      explainUnread(context.reader.facts, element, `The host side is \`${excerpt(context.reader.text, element)}\`, which this file does not show: whether it carries an address is not known here.`);
      continue;
    }
    const binding: Binding = { hostIp: host.hostIp, hostPort: host.hostPort, containerPort, protocol };
    const notes = [...host.notes];
    if (binding.hostIp === '') notes.push('No address is given: docker-py sends an empty HostIp, which Docker binds on every interface.');
    if (key && containerPort === undefined) notes.push(`The container port is \`${excerpt(context.reader.text, key)}\`, only known when the code runs.`);
    const publish = publishOf(binding, {
      span: host.addressSpan ?? { start: element.startIndex, end: element.endIndex },
      hoverSpan: { start: (value.type === 'list' ? element : entry).startIndex, end: (value.type === 'list' ? element : entry).endIndex },
      anchor: context.anchor,
      origin: 'docker-py',
      notes,
      docs: DOCS,
      rebind: host.rebind,
    });
    if (context.hostNetwork) {
      publish.discarded = true;
      publish.notes.push('With `network_mode="host"` docker-py refuses port bindings (docker/types/containers.py).');
    }
    context.reader.facts.publishes.push(publish);
  }
}

/** docker-py's `str(key)`, with `/tcp` added when no protocol is named. */
function containerSide(key: Node | null | undefined): { containerPort: string | undefined; protocol: string | undefined } {
  const written = key?.type === 'integer' ? key.text : plainString(key);
  if (written === undefined) {
    // An f-string like f"{port}/udp" still names its protocol.
    const protocol = key?.type === 'string' ? /\/(tcp|udp|sctp)["']$/.exec(key.text)?.[1] ?? 'tcp' : undefined;
    return { containerPort: undefined, protocol };
  }
  const slash = written.indexOf('/');
  return slash < 0 ? { containerPort: written, protocol: 'tcp' } : { containerPort: written.slice(0, slash), protocol: written.slice(slash + 1) };
}

interface HostSide {
  hostIp: string | undefined;
  /** The written address: where the squiggle goes when there is one. */
  addressSpan?: { start: number; end: number };
  hostPort: string | null | undefined;
  notes: string[];
  rebind?: (address: string) => TextEdit[];
}

/** The host side of one binding as `_convert_port_binding` reads it; undefined when its shape is unknown. */
function hostSide(value: Node, reader: Reader, quote: string, depth = 0): HostSide | undefined {
  const port = portValue(value, reader);
  const start = value.startIndex;
  const end = value.endIndex;
  const wrapped = value.text;
  if (port !== 'not a port') {
    // A port alone: the address form keeps the user's own text for the port.
    return { hostIp: '', hostPort: port, notes: [], rebind: (address) => [{ start, end, newText: `(${quote}${address}${quote}, ${wrapped})` }] };
  }
  if (value.type === 'tuple' || value.type === 'parenthesized_expression') {
    const parts = value.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    if (value.type === 'parenthesized_expression') return parts.length === 1 && depth < 4 ? hostSide(parts[0], reader, quote, depth + 1) : undefined;
    if (parts.length === 2) {
      const address = addressValue(parts[0], reader.text);
      const hostPort = portValue(parts[1], reader);
      return { ...address, hostIp: address.value, hostPort: hostPort === 'not a port' ? undefined : hostPort };
    }
    if (parts.length === 1) {
      if (parts[0].type === 'string') {
        const address = addressValue(parts[0], reader.text);
        return { ...address, hostIp: address.value, hostPort: null };
      }
      const hostPort = portValue(parts[0], reader);
      if (hostPort === 'not a port') return undefined;
      const inner = parts[0].text;
      return { hostIp: '', hostPort, notes: [], rebind: (address) => [{ start, end, newText: `(${quote}${address}${quote}, ${inner})` }] };
    }
    return undefined;
  }
  if (value.type === 'dictionary') return dictionaryBinding(value, reader, quote);
  if (value.type === 'identifier' && depth < 4) {
    const assigned = reader.names.before(value.text, value.startIndex);
    const followed = assigned && hostSide(assigned.value, reader, quote, depth + 1);
    // The fix goes where the value is written; the address is read from there.
    return followed && { ...followed, notes: [`\`${value.text}\` is set in this file to \`${excerpt(reader.text, assigned!.value)}\`.`, ...followed.notes] };
  }
  return undefined;
}

/** A host port: a number, a string of digits, None, `int(…)`/`str(…)`, or a name set to one of these in the file. */
function portValue(value: Node, reader: Reader, depth = 0): string | null | undefined | 'not a port' {
  if (value.type === 'integer') return value.text;
  if (value.type === 'none') return null;
  const plain = plainString(value);
  if (plain !== undefined) return plain;
  if (value.type === 'call') {
    const callee = value.childForFieldName('function')?.text;
    return callee === 'int' || callee === 'str' ? undefined : 'not a port';
  }
  if (value.type === 'identifier' && depth < 4) {
    const assigned = reader.names.before(value.text, value.startIndex);
    if (assigned) {
      const followed = portValue(assigned.value, reader, depth + 1);
      if (followed !== 'not a port') return followed;
    }
  }
  return 'not a port';
}

function addressValue(node: Node, text: string): Pick<HostSide, 'addressSpan' | 'notes' | 'rebind'> & { value: string | undefined } {
  const addressSpan = { start: node.startIndex, end: node.endIndex };
  const plain = plainString(node);
  if (plain === undefined) return { value: undefined, addressSpan, notes: [`The address is \`${excerpt(text, node)}\`, only known when the code runs.`] };
  const content = node.namedChildren.find((n) => n?.type === 'string_content');
  const start = content ? content.startIndex : node.endIndex - 1;
  const end = content ? content.endIndex : node.endIndex - 1;
  return { value: plain, addressSpan, notes: [], rebind: (address) => [{ start, end, newText: address }] };
}

/** `{"HostPort": …, "HostIp": …}`, as the Engine API spells a binding. */
function dictionaryBinding(value: Node, reader: Reader, quote: string): HostSide | undefined {
  const pairs = new Map<string, Node>();
  for (const pair of value.namedChildren) {
    const key = pair?.type === 'pair' ? plainString(pair.childForFieldName('key')) : undefined;
    if (key !== undefined) pairs.set(key, pair!);
  }
  const hostPortPair = pairs.get('HostPort');
  if (!hostPortPair) return undefined;
  const port = portValue(hostPortPair.childForFieldName('value')!, reader);
  const hostIpPair = pairs.get('HostIp');
  if (hostIpPair) {
    const address = addressValue(hostIpPair.childForFieldName('value')!, reader.text);
    return { ...address, hostIp: address.value, hostPort: port === 'not a port' ? undefined : port };
  }
  const keyQuote = quoteOf(hostPortPair.childForFieldName('key')) ?? quote;
  const at = hostPortPair.startIndex;
  return {
    hostIp: '',
    hostPort: port === 'not a port' ? undefined : port,
    notes: [],
    rebind: (address) => [{ start: at, end: at, newText: `${keyQuote}HostIp${keyQuote}: ${keyQuote}${address}${keyQuote}, ` }],
  };
}


