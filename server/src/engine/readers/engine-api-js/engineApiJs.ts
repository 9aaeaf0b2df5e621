/**
 * The Engine API from JavaScript and TypeScript: dockerode's `createContainer(opts)` and
 * `run(image, cmd, stream, createOptions)`, and raw `POST /containers/create` bodies sent with any
 * HTTP client, all carry `HostConfig.PortBindings: { "80/tcp": [{ HostIp, HostPort }] }`.
 *
 * dockerode sends the options object as the request body unchanged (apocas/dockerode lib/docker.js
 * `createContainer`, read at 3624bc0), so what counts is the Engine API's reading (moby
 * api/swagger.yaml `PortBinding`, and go-connections nat.PortBinding): a binding without `HostIp`,
 * or with an empty one, listens on every interface; an empty or missing `HostPort` is a random
 * port; a key without a protocol is TCP. The binding is found wherever `PortBindings` is written:
 * inline, as a shorthand property, assigned to `….PortBindings`, or a name set before in the file.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, emptyFacts } from '../../model';
import { codeReading, CodeReading } from '../support/assignments';
import { excerpt, explainUnread, insertFieldFirst, insideQuotes } from '../support/codeBinding';
import { engineBindingPublish } from '../support/engineBinding';
import { parseCode } from '../support/grammars';

const DOCS = { title: 'Docker Engine API: create a container (HostConfig.PortBindings)', url: 'https://docs.docker.com/reference/api/engine/latest/#tag/Container/operation/ContainerCreate' };

/** What this reader keeps while it reads one file. */
type Reader = CodeReading;

/**
 * TypeScript's grammar reads JavaScript too; a file it cannot read without errors (JSX, in .jsx
 * and .tsx files) is read again with the TSX grammar, and the reading without errors is kept.
 */
function parseScript(text: string) {
  const tree = parseCode(text, 'typescript');
  if (!tree?.rootNode.hasError) return tree;
  const jsx = parseCode(text, 'tsx');
  if (jsx && !jsx.rootNode.hasError) {
    tree.delete();
    return jsx;
  }
  jsx?.delete();
  return tree;
}

export function extractEngineApiJs(text: string): DocumentFacts {
  const facts = emptyFacts('engine-api-js');
  const tree = parseScript(text);
  if (!tree) return facts;
  try {
    const reader: Reader = codeReading(text, facts);
    const root = tree.rootNode;
    for (const node of root.descendantsOfType(['variable_declarator', 'assignment_expression'])) {
      if (!node) continue;
      const left = node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left');
      const right = node.childForFieldName(node.type === 'variable_declarator' ? 'value' : 'right');
      if (!left || !right) continue;
      if (left.type === 'identifier' || (left.type === 'member_expression' && propertyName(left) !== 'PortBindings')) reader.names.add(left.text, node.startIndex, right);
      if (left.type === 'subscript_expression') {
        const object = left.childForFieldName('object');
        if (object) reader.items.add(object.text, node.startIndex, node);
      }
    }
    for (const node of root.descendantsOfType(['pair', 'shorthand_property_identifier', 'assignment_expression'])) {
      if (!node) continue;
      if (node.type === 'pair') {
        const key = keyName(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        if (key === 'PortBindings' && value) readPortBindings(value, node, reader);
        else if (key === 'NetworkMode' && value && stringValue(value) === 'host') hostNetwork(value, reader);
      } else if (node.type === 'shorthand_property_identifier' && node.text === 'PortBindings') {
        readPortBindings(node, node, reader);
      } else if (node.type === 'assignment_expression') {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'member_expression' && propertyName(left) === 'PortBindings' && right) readPortBindings(right, node, reader);
      }
    }
  } finally {
    tree.delete();
  }
  return facts;
}

function propertyName(member: Node): string | undefined {
  return member.childForFieldName('property')?.text;
}

/** A property key as written: `HostIp`, `"HostIp"`, `'80/tcp'`, `80`. */
function keyName(key: Node | null | undefined): string | undefined {
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'number') return key.text;
  return stringValue(key);
}

/** A string or template literal without substitutions or escapes. */
function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' && node?.type !== 'template_string') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child?.type !== 'string_fragment') return undefined;
    value += child.text;
  }
  return value;
}

function hostNetwork(value: Node, reader: Reader): void {
  reader.facts.hostNetworks.push({
    span: { start: value.startIndex, end: value.endIndex },
    anchor: reader.lines.lineStart(value.startIndex),
    notes: ['`HostConfig.NetworkMode` "host" is host networking: published ports are discarded.'],
  });
}



/** The mapping `value` stands for: an object literal, or what a name was set to in the file (with items added later). */
function readPortBindings(value: Node, where: Node, reader: Reader): void {
  let mapping: Node | undefined = value;
  let items: Node[] = [];
  if (value.type === 'identifier' || value.type === 'shorthand_property_identifier' || value.type === 'member_expression') {
    const assigned = reader.names.before(value.text, where.startIndex);
    items = reader.items.between(value.text, assigned?.at ?? 0, where.startIndex).map((a) => a.value);
    mapping = assigned?.value;
  }
  if (mapping && reader.read.has(mapping.startIndex)) return;
  if (mapping) reader.read.add(mapping.startIndex);
  if (mapping?.type === 'object') {
    for (const entry of mapping.namedChildren) {
      if (entry?.type === 'pair') readEntry(entry.childForFieldName('key'), entry.childForFieldName('value'), entry, reader);
      else if (entry?.type === 'spread_element') explainUnread(reader.facts, entry, `Entries from \`${excerpt(reader.text, entry)}\` are not read here.`);
    }
  } else if (items.length === 0) {
    explainUnread(reader.facts, value, `\`PortBindings\` is \`${excerpt(reader.text, value)}\`, which is not an object written in this file: its bindings are not checked.`);
  }
  for (const item of items) {
    const key = item.childForFieldName('left')?.childForFieldName('index');
    readEntry(key, item.childForFieldName('right'), item, reader);
  }
}

/** `"80/tcp": [binding, …]`. */
function readEntry(key: Node | null | undefined, value: Node | null | undefined, entry: Node, reader: Reader): void {
  if (!value) return;
  const written = keyName(key?.type === 'computed_property_name' ? key.namedChildren[0] : key);
  let containerPort: string | undefined;
  let protocol: string | undefined = 'tcp';
  if (written !== undefined) {
    const slash = written.indexOf('/');
    containerPort = slash < 0 ? written : written.slice(0, slash);
    if (slash >= 0) protocol = written.slice(slash + 1);
  } else if (key) {
    protocol = /\/(tcp|udp|sctp)[`'"]?\]?$/.exec(key.text)?.[1] ?? 'tcp';
  }
  let list: Node | undefined = value;
  if (value.type === 'identifier') list = reader.names.before(value.text, value.startIndex)?.value;
  if (list?.type !== 'array') {
    explainUnread(reader.facts, value, `The bindings of this port are \`${excerpt(reader.text, value)}\`, not a list written in this file: they are not checked.`);
    return;
  }
  for (const element of list.namedChildren) {
    if (!element || element.type === 'comment') continue;
    let binding: Node | undefined = element;
    if (element.type === 'identifier') binding = reader.names.before(element.text, element.startIndex)?.value;
    if (binding?.type !== 'object') {
      explainUnread(reader.facts, element, `The binding \`${excerpt(reader.text, element)}\` is not an object written in this file: it is not checked.`);
      continue;
    }
    readBinding(binding, { containerPort, protocol, key: key ?? undefined, quote: key?.type === 'string' ? key.text[0] : undefined }, entry, reader);
  }
}

function readBinding(object: Node, container: { containerPort: string | undefined; protocol: string | undefined; key?: Node; quote?: string }, entry: Node, reader: Reader): void {
  const pairs = new Map<string, Node>();
  for (const child of object.namedChildren) {
    if (child?.type === 'spread_element') {
      explainUnread(reader.facts, object, `Fields from \`${excerpt(reader.text, child)}\` are not read here: this binding is not checked.`);
      return;
    }
    const name = child?.type === 'pair' ? keyName(child.childForFieldName('key')) : child?.type === 'shorthand_property_identifier' ? child.text : undefined;
    if (name !== undefined) pairs.set(name, child!);
  }
  const hostIpPair = pairs.get('HostIp');
  const hostPortPair = pairs.get('HostPort');
  const hostIpNode = hostIpPair?.type === 'pair' ? hostIpPair.childForFieldName('value') : undefined;
  const hostPortNode = hostPortPair?.type === 'pair' ? hostPortPair.childForFieldName('value') : undefined;
  if (hostIpPair && !hostIpNode) {
    explainUnread(reader.facts, object, `\`HostIp\` comes from a variable of the same name: this binding is not checked.`);
    return;
  }
  reader.facts.publishes.push(engineBindingPublish(reader.text, {
    addressField: 'HostIp',
    hostIp: hostIpNode ? { node: hostIpNode, value: stringValue(hostIpNode) } : undefined,
    hostPort: hostPortNode ? { node: hostPortNode, value: hostPortNode.type === 'number' ? hostPortNode.text : stringValue(hostPortNode) } : hostPortPair ? { node: hostPortPair, value: undefined } : undefined,
    containerPort: container.containerPort,
    protocol: container.protocol,
    unreadKey: container.key,
    literal: object,
    anchor: reader.lines.lineStart(entry.startIndex),
    docs: DOCS,
    rebind: hostIpNode ? (stringValue(hostIpNode) !== undefined ? insideQuotes(hostIpNode) : undefined) : insertFieldFirst(object, reader.text, reader.lines, 'HostIp', container.quote),
  }));
}
