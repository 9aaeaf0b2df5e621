/**
 * Go clients of the Engine API: `nat.PortMap{"80/tcp": []nat.PortBinding{{HostPort: "8080"}}}`
 * (github.com/docker/go-connections/nat, used by github.com/docker/docker's API types) and moby's
 * newer `network.PortMap` / `network.PortBinding` (github.com/moby/moby/api/types/network).
 *
 * go-connections nat/nat.go (read at 9c9e2db): `PortBinding{HostIP string; HostPort string}` is
 * sent as `{"HostIp", "HostPort"}`; an empty HostIP is no address, every interface, an empty
 * HostPort a random port. moby's `network.PortBinding` has `HostIP netip.Addr`, whose zero value is
 * likewise no address. Every PortBinding literal is read wherever it is written, with its
 * container port from the map key or index it is written under.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, emptyFacts, TextEdit } from '../../model';
import { lineStartOf } from '../../positions';
import { Binding, publishOf } from '../code/binding';
import { parseCode } from '../code/grammars';
import { rebindObject } from './engineApiJs';

const DOCS = { title: 'go-connections nat.PortBinding', url: 'https://pkg.go.dev/github.com/docker/go-connections/nat#PortBinding' };

type AddressType = 'string' | 'netip';

interface Reader {
  text: string;
  facts: DocumentFacts;
  /** Package name → how its PortBinding spells HostIP. */
  packages: Map<string, AddressType>;
  importsNetip: boolean;
}

export function extractGoEngineApi(text: string): DocumentFacts {
  const facts = emptyFacts('go');
  const tree = parseCode(text, 'go');
  if (!tree) return facts;
  try {
    const reader: Reader = { text, facts, packages: new Map(), importsNetip: false };
    for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
      const path = spec?.childForFieldName('path')?.text.slice(1, -1) ?? '';
      const alias = spec?.childForFieldName('name')?.text ?? path.slice(path.lastIndexOf('/') + 1);
      if (path === 'net/netip') reader.importsNetip = true;
      if (path.endsWith('go-connections/nat')) reader.packages.set(alias, 'string');
      else if (/^github\.com\/(?:moby\/moby|docker\/docker)\/api\/types\/network$/.test(path)) reader.packages.set(alias, 'netip');
    }
    for (const literal of tree.rootNode.descendantsOfType('composite_literal')) {
      const type = literal?.childForFieldName('type');
      const body = literal?.childForFieldName('body');
      if (!literal || !type || !body) continue;
      const kind = typeKind(type, reader);
      if (!kind) continue;
      if (kind.shape === 'binding') readBinding(body, kind.address, reader);
      else if (kind.shape === 'slice') for (const element of elidedLiterals(body)) readBinding(element, kind.address, reader);
      else {
        for (const entry of body.namedChildren) {
          const value = entry?.type === 'keyed_element' ? entry.childForFieldName('value') : undefined;
          const inner = value?.namedChildren[0];
          if (inner?.type === 'literal_value') for (const element of elidedLiterals(inner)) readBinding(element, kind.address, reader);
        }
      }
    }
    for (const pair of tree.rootNode.descendantsOfType('keyed_element')) {
      const key = pair?.childForFieldName('key')?.text;
      const value = pair?.childForFieldName('value')?.namedChildren[0];
      if (key === 'NetworkMode' && value && stringOf(value) === 'host') {
        facts.hostNetworks.push({ span: { start: value.startIndex, end: value.endIndex }, anchor: lineStartOf(text, pair!.startIndex), notes: ['`HostConfig.NetworkMode` "host" is host networking: published ports are discarded.'] });
      }
    }
  } finally {
    tree.delete();
  }
  // Map literals are met before the slices inside them: facts go in file order.
  facts.publishes.sort((a, b) => a.span.start - b.span.start);
  return facts;
}

/** `nat.PortBinding`, `[]nat.PortBinding`, `nat.PortMap` / `map[nat.Port][]nat.PortBinding`, by a package this file imports. */
function typeKind(type: Node, reader: Reader): { shape: 'binding' | 'slice' | 'map'; address: AddressType } | undefined {
  const named = (node: Node | null | undefined, name: string) => {
    if (node?.type !== 'qualified_type' || node.childForFieldName('name')?.text !== name) return undefined;
    return reader.packages.get(node.childForFieldName('package')?.text ?? '');
  };
  let address = named(type, 'PortBinding');
  if (address) return { shape: 'binding', address };
  if (type.type === 'slice_type' && (address = named(type.childForFieldName('element'), 'PortBinding'))) return { shape: 'slice', address };
  if ((address = named(type, 'PortMap'))) return { shape: 'map', address };
  if (type.type === 'map_type') {
    const value = type.childForFieldName('value');
    if (value?.type === 'slice_type' && (address = named(value.childForFieldName('element'), 'PortBinding'))) return { shape: 'map', address };
  }
  return undefined;
}

/** The `{…}` elements of a slice literal whose element type is left out. */
function elidedLiterals(body: Node): Node[] {
  const found: Node[] = [];
  for (const element of body.namedChildren) {
    const inner = element?.type === 'literal_element' ? element.namedChildren[0] : undefined;
    if (inner?.type === 'literal_value') found.push(inner);
  }
  return found;
}

function stringOf(node: Node): string | undefined {
  if (node.type !== 'interpreted_string_literal' && node.type !== 'raw_string_literal') return undefined;
  const parts = node.namedChildren;
  if (parts.some((p) => p?.type !== 'interpreted_string_literal_content' && p?.type !== 'raw_string_literal_content')) return undefined;
  return parts.map((p) => p!.text).join('');
}

/** The map key or index the binding is written under: `"80/tcp"`, `nat.Port("80/tcp")`. */
function containerKey(binding: Node): Node | undefined {
  let node: Node | null = binding;
  for (let depth = 0; node && depth < 8; depth++, node = node.parent) {
    if (node.type === 'keyed_element' && node.parent?.parent?.type === 'composite_literal') {
      const key = node.childForFieldName('key');
      if (key && key.text !== 'PortBindings') return key.namedChildren[0] ?? key;
    }
    if (node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren[0];
      return left?.type === 'index_expression' ? left.childForFieldName('index') ?? undefined : undefined;
    }
  }
  return undefined;
}

function portKey(key: Node | undefined): { containerPort: string | undefined; protocol: string | undefined } {
  let written = key && stringOf(key);
  if (key?.type === 'call_expression') {
    const argument = key.childForFieldName('arguments')?.namedChildren[0];
    if (/\.(?:Port|MustParsePort)$/.test(key.childForFieldName('function')?.text ?? '') && argument) written = stringOf(argument);
  }
  if (written === undefined) return { containerPort: undefined, protocol: /\/(tcp|udp|sctp)\W*$/.exec(key?.text ?? '')?.[1] ?? 'tcp' };
  const slash = written.indexOf('/');
  return slash < 0 ? { containerPort: written, protocol: 'tcp' } : { containerPort: written.slice(0, slash), protocol: written.slice(slash + 1) };
}

function readBinding(body: Node, addressType: AddressType, reader: Reader): void {
  const fields = new Map<string, Node>();
  const positional: Node[] = [];
  for (const element of body.namedChildren) {
    if (element?.type === 'keyed_element') {
      const name = element.childForFieldName('key')?.text;
      const value = element.childForFieldName('value')?.namedChildren[0];
      if (name && value) fields.set(name, value);
    } else if (element?.type === 'literal_element' && element.namedChildren[0]) positional.push(element.namedChildren[0]);
  }
  if (positional.length === 2) {
    fields.set('HostIP', positional[0]);
    fields.set('HostPort', positional[1]);
  }
  const hostIpNode = fields.get('HostIP');
  const hostPortNode = fields.get('HostPort');
  const notes: string[] = [];
  let hostIp: string | undefined = '';
  if (hostIpNode) {
    hostIp = addressOf(hostIpNode);
    if (hostIp === undefined) notes.push(`\`HostIP\` is \`${short(hostIpNode.text)}\`, only known when the code runs.`);
  }
  if (hostIp === '') notes.push('No `HostIP`: Docker binds the port on every interface.');
  let hostPort: string | null | undefined = null;
  if (hostPortNode) {
    hostPort = stringOf(hostPortNode);
    if (hostPort === '') hostPort = null;
    if (hostPort === undefined) notes.push(`\`HostPort\` is \`${short(hostPortNode.text)}\`, only known when the code runs.`);
  }
  if (hostPort === null) notes.push('No `HostPort`: Docker picks a free port.');
  const key = containerKey(body);
  const binding: Binding = { hostIp, hostPort, ...portKey(key) };
  if (key && binding.containerPort === undefined) notes.push(`The container port is \`${short(key.text)}\`, only known when the code runs.`);
  if (!key) notes.push('The container port is the key this binding is stored under, not written here.');
  let rebind: ((address: string) => TextEdit[]) | undefined;
  if (addressType === 'string') rebind = rebindObject(body, hostIpNode, reader.text, 'HostIP');
  else if (!hostIpNode && reader.importsNetip) rebind = rebindObject(body, undefined, reader.text, 'HostIP', (quoted) => `netip.MustParseAddr(${quoted})`);
  else if (hostIpNode?.type === 'call_expression' && addressOf(hostIpNode) !== undefined) {
    const literal = hostIpNode.childForFieldName('arguments')!.namedChildren[0]!;
    rebind = (address) => [{ start: literal.startIndex + 1, end: literal.endIndex - 1, newText: address }];
  }
  if (addressType === 'netip' && !rebind) notes.push('Fix by hand: `HostIP: netip.MustParseAddr("127.0.0.1")` (this file does not import net/netip).');
  const at = hostIpNode ?? body;
  reader.facts.publishes.push(publishOf(binding, {
    span: { start: at.startIndex, end: at.endIndex },
    hoverSpan: { start: body.startIndex, end: body.endIndex },
    anchor: lineStartOf(reader.text, body.startIndex),
    origin: 'engine-api',
    notes,
    docs: DOCS,
    rebind,
  }));
}

/** A string address, or moby's `netip.MustParseAddr("…")` / zero `netip.Addr{}`. */
function addressOf(node: Node): string | undefined {
  const plain = stringOf(node);
  if (plain !== undefined) return plain;
  if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'netip.MustParseAddr') {
    const argument = node.childForFieldName('arguments')?.namedChildren[0];
    return argument ? stringOf(argument) : undefined;
  }
  if (node.type === 'composite_literal' && node.childForFieldName('type')?.text === 'netip.Addr' && node.childForFieldName('body')?.namedChildCount === 0) return '';
  return undefined;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
