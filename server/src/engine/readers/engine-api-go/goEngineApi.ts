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
import { LineIndex } from '../../positions';
import { insertFieldFirst, insideQuotes } from '../support/codeBinding';
import { engineBindingPublish } from '../support/engineBinding';
import { parseCode } from '../support/grammars';

const DOCS = { title: 'go-connections nat.PortBinding', url: 'https://pkg.go.dev/github.com/docker/go-connections/nat#PortBinding' };

type AddressType = 'string' | 'netip';

interface Reader {
  text: string;
  facts: DocumentFacts;
  /** Package name → how its PortBinding spells HostIP. */
  packages: Map<string, AddressType>;
  importsNetip: boolean;
  lines: LineIndex;
  /** Bindings already read with the key they are stored under. */
  read: Set<number>;
}

export function extractGoEngineApi(text: string): DocumentFacts {
  const facts = emptyFacts('engine-api-go');
  const tree = parseCode(text, 'go');
  if (!tree) return facts;
  try {
    const reader: Reader = { text, facts, packages: new Map(), importsNetip: false, lines: new LineIndex(text), read: new Set() };
    for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
      const path = spec?.childForFieldName('path')?.text.slice(1, -1) ?? '';
      const alias = spec?.childForFieldName('name')?.text ?? path.slice(path.lastIndexOf('/') + 1);
      if (path === 'net/netip') reader.importsNetip = true;
      if (path.endsWith('go-connections/nat')) reader.packages.set(alias, 'string');
      else if (/^github\.com\/(?:moby\/moby|docker\/docker)\/api\/types\/network$/.test(path)) reader.packages.set(alias, 'netip');
    }
    // Index assignments and map literals first: they know the key their bindings are stored under.
    for (const assignment of tree.rootNode.descendantsOfType('assignment_statement')) {
      const left = assignment?.childForFieldName('left')?.namedChildren[0];
      const right = assignment?.childForFieldName('right')?.namedChildren[0];
      if (left?.type === 'index_expression' && right?.type === 'composite_literal') readStored(right, left.childForFieldName('index') ?? undefined, reader);
    }
    for (const literal of tree.rootNode.descendantsOfType('composite_literal')) {
      const type = literal?.childForFieldName('type');
      const body = literal?.childForFieldName('body');
      if (!literal || !type || !body) continue;
      const kind = typeKind(type, reader);
      if (kind?.shape === 'map') {
        for (const entry of body.namedChildren) {
          if (entry?.type !== 'keyed_element') continue;
          const key = entry.childForFieldName('key');
          const value = entry.childForFieldName('value')?.namedChildren[0];
          if (!value) continue;
          const keyNode = key?.namedChildren[0] ?? key ?? undefined;
          if (value.type === 'literal_value') for (const element of elidedLiterals(value)) readBinding(element, kind.address, reader, keyNode);
          else readStored(value, keyNode, reader);
        }
      } else if (kind) readStored(literal, undefined, reader);
    }
    for (const pair of tree.rootNode.descendantsOfType('keyed_element')) {
      const key = pair?.childForFieldName('key')?.text;
      const value = pair?.childForFieldName('value')?.namedChildren[0];
      if (key === 'NetworkMode' && value && stringOf(value) === 'host') {
        facts.hostNetworks.push({ span: { start: value.startIndex, end: value.endIndex }, anchor: reader.lines.lineStart(pair!.startIndex), notes: ['`HostConfig.NetworkMode` "host" is host networking: published ports are discarded.'] });
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

/** A `[]PortBinding{…}` or `PortBinding{…}` literal stored under `key` (undefined: not written here). */
function readStored(literal: Node, key: Node | undefined, reader: Reader): void {
  const type = literal.childForFieldName('type');
  const body = literal.childForFieldName('body');
  const kind = type && typeKind(type, reader);
  if (!kind || !body || kind.shape === 'map') return;
  if (kind.shape === 'binding') {
    readBinding(body, kind.address, reader, key);
    return;
  }
  for (const element of body.namedChildren) {
    const inner = element?.type === 'literal_element' ? element.namedChildren[0] : undefined;
    if (inner?.type === 'literal_value') readBinding(inner, kind.address, reader, key);
    else if (inner?.type === 'composite_literal') readStored(inner, key, reader);
  }
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

function readBinding(body: Node, addressType: AddressType, reader: Reader, key: Node | undefined): void {
  // Met again as a literal of its own after its map or assignment read it with its key.
  if (reader.read.has(body.startIndex)) return;
  reader.read.add(body.startIndex);
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
  const hostIp = hostIpNode && addressOf(hostIpNode);
  const notes: string[] = [];
  if (!key) notes.push('The container port is the key this binding is stored under, not written here.');
  let rebind: ((address: string) => TextEdit[]) | undefined;
  if (hostIpNode) {
    // The address inside its quotes: a string, or moby's netip.MustParseAddr("…").
    const literal = hostIpNode.type === 'call_expression' ? hostIpNode.childForFieldName('arguments')?.namedChildren[0] : hostIpNode;
    if (literal && hostIp !== undefined && stringOf(literal) !== undefined) rebind = insideQuotes(literal);
  } else if (addressType === 'string') rebind = insertFieldFirst(body, reader.text, reader.lines, 'HostIP');
  else if (reader.importsNetip) rebind = insertFieldFirst(body, reader.text, reader.lines, 'HostIP', '"', (quoted) => `netip.MustParseAddr(${quoted})`);
  if (addressType === 'netip' && !rebind) notes.push('Fix by hand: `HostIP: netip.MustParseAddr("127.0.0.1")` (this file does not import net/netip).');
  reader.facts.publishes.push(engineBindingPublish(reader.text, {
    addressField: 'HostIP',
    hostIp: hostIpNode ? { node: hostIpNode, value: hostIp } : undefined,
    hostPort: hostPortNode ? { node: hostPortNode, value: stringOf(hostPortNode) } : undefined,
    ...portKey(key),
    unreadKey: key,
    literal: body,
    anchor: reader.lines.lineStart(body.startIndex),
    docs: DOCS,
    rebind,
    notes,
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

