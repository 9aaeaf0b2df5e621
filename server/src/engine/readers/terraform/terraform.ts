/**
 * Terraform's Docker provider (kreuzwerker/terraform-provider-docker): `resource "docker_container"`
 * with `ports { internal external ip protocol }` blocks and `network_mode`.
 *
 * As the provider reads them (internal/provider/resource_docker_container.go, the "ports" schema,
 * and resource_docker_container_structures.go `portSetToDockerPorts`, read at 83c00e0):
 * `internal` is required; `external` is optional, and without it Docker picks a free port; `ip`
 * defaults to "0.0.0.0" (every IPv4 interface), and whatever is written is passed as the binding's
 * HostIP (`ip = ""` is an empty HostIP: the daemon's default, every interface); `protocol`
 * defaults to "tcp"; `network_mode` is the container's HostConfig.NetworkMode ("host": host networking).
 * A `dynamic "ports"` block's `content` is read the same way (its values are usually unknown here).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, emptyFacts, Owner, TextEdit } from '../../model';
import { LineIndex } from '../../positions';
import { Binding, excerpt, indentAt, lineBreakIn, publishOf } from '../support/codeBinding';
import { parseCode } from '../support/grammars';

const DOCS = { title: 'Terraform Docker provider: docker_container ports', url: 'https://registry.terraform.io/providers/kreuzwerker/docker/latest/docs/resources/container#ports' };
/** The provider's default `ip`. */
const DEFAULT_IP = '0.0.0.0';

type Value = { kind: 'string' | 'number'; value: string; node: Node } | { kind: 'unknown'; written: string; node: Node; variableDefault?: string };

/** What the file knows of names a value may use: `locals` (fixed) and `variable` defaults (which a run may override). */
interface Names {
  locals: Map<string, Value>;
  variableDefaults: Map<string, string>;
}

/** The document, with its lines indexed once (facts on one long line stay linear). */
interface Source {
  text: string;
  lines: LineIndex;
}

export function extractTerraform(text: string): DocumentFacts {
  const facts = emptyFacts('terraform');
  const tree = parseCode(text, 'terraform');
  if (!tree) return facts;
  try {
    const body = tree.rootNode.namedChildren.find((n) => n?.type === 'body');
    if (!body) return facts;
    const blocks = body.namedChildren.filter((n): n is Node => n?.type === 'block');
    const source: Source = { text, lines: new LineIndex(text) };
    const names: Names = { locals: readLocals(blocks, text), variableDefaults: readVariableDefaults(blocks, text) };
    for (const block of blocks) {
      if (blockName(block) === 'resource' && labels(block)[0] === 'docker_container') readContainer(block, source, facts, names);
    }
  } finally {
    tree.delete();
  }
  return facts;
}

function blockName(block: Node): string | undefined {
  const first = block.namedChildren[0];
  return first?.type === 'identifier' ? first.text : undefined;
}

function labels(block: Node): string[] {
  return block.namedChildren.filter((n): n is Node => n?.type === 'string_lit').map((n) => stringContent(n) ?? '');
}

function blockBody(block: Node): Node | undefined {
  return block.namedChildren.find((n): n is Node => n?.type === 'body');
}

function attributes(body: Node | undefined): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const child of body?.namedChildren ?? []) {
    if (child?.type !== 'attribute') continue;
    const name = child.namedChildren[0];
    if (name?.type === 'identifier') found.set(name.text, child);
  }
  return found;
}

function innerBlocks(body: Node | undefined): Node[] {
  return (body?.namedChildren ?? []).filter((n): n is Node => n?.type === 'block');
}

/** A string literal's text, when it has no interpolation or escapes. */
function stringContent(node: Node): string | undefined {
  let content = '';
  for (const child of node.namedChildren) {
    if (!child || child.type === 'quoted_template_start' || child.type === 'quoted_template_end') continue;
    if (child.type !== 'template_literal' || child.text.includes('\\')) return undefined;
    content += child.text;
  }
  return content;
}

/** `locals { name = literal }`: fixed for the module, so followed where a port or address names them. */
function readLocals(blocks: Node[], text: string): Map<string, Value> {
  const locals = new Map<string, Value>();
  const none: Names = { locals: new Map(), variableDefaults: new Map() };
  for (const block of blocks) {
    if (blockName(block) !== 'locals') continue;
    for (const [name, attribute] of attributes(blockBody(block))) locals.set(name, valueOf(attribute, none, text));
  }
  return locals;
}

/** `variable "NAME" { default = literal }`: only said in the hover, since a .tfvars file or `-var` may set another value. */
function readVariableDefaults(blocks: Node[], text: string): Map<string, string> {
  const defaults = new Map<string, string>();
  const none: Names = { locals: new Map(), variableDefaults: new Map() };
  for (const block of blocks) {
    if (blockName(block) !== 'variable') continue;
    const value = attributes(blockBody(block)).get('default');
    const read = value && valueOf(value, none, text);
    if (read && read.kind !== 'unknown') defaults.set(labels(block)[0] ?? '', read.value);
  }
  return defaults;
}

function valueOf(attribute: Node, names: Names, text: string): Value {
  const expression = attribute.namedChildren[1] ?? attribute;
  const literal = expression.type === 'expression' && expression.namedChildCount === 1 ? expression.namedChildren[0] : undefined;
  const value = literal?.type === 'literal_value' ? literal.namedChildren[0] : undefined;
  if (value?.type === 'numeric_lit') return { kind: 'number', value: value.text, node: value };
  if (value?.type === 'string_lit') {
    const content = stringContent(value);
    if (content !== undefined) return { kind: 'string', value: content, node: value };
  }
  // `local.NAME` is the value of a local of this file; `var.NAME` is known only when Terraform runs.
  const parts = expression.namedChildren;
  const reference = parts.length === 2 && parts[0]?.type === 'variable_expr' && parts[1]?.type === 'get_attr' ? parts[1].text.replace(/^\./, '').trim() : undefined;
  if (reference !== undefined && parts[0]!.text === 'local') {
    const local = names.locals.get(reference);
    if (local && local.kind !== 'unknown') return { ...local, node: expression };
  }
  const variableDefault = reference !== undefined && parts[0]!.text === 'var' ? names.variableDefaults.get(reference) : undefined;
  return { kind: 'unknown', written: excerpt(text, expression), node: expression, variableDefault };
}

function readContainer(resource: Node, source: Source, facts: DocumentFacts, names: Names): void {
  const { text, lines } = source;
  const body = blockBody(resource);
  const own = attributes(body);
  const name = own.get('name');
  const nameValue = name && valueOf(name, names, text);
  const owner: Owner = { kind: 'container', name: nameValue && nameValue.kind === 'string' ? nameValue.value : labels(resource)[1] };
  const networkMode = own.get('network_mode');
  const mode = networkMode && valueOf(networkMode, names, text);
  const hostNetwork = mode?.kind === 'string' && mode.value === 'host';
  if (mode && hostNetwork) {
    facts.hostNetworks.push({ span: span(mode.node), owner, anchor: lines.lineStart(networkMode!.startIndex), notes: ['Terraform\'s Docker provider passes `network_mode` to Docker as the container\'s network mode.'] });
  }
  for (const inner of innerBlocks(body)) {
    if (blockName(inner) === 'ports') readPorts(inner, undefined, resource, source, facts, names, owner, hostNetwork);
    else if (blockName(inner) === 'dynamic' && labels(inner)[0] === 'ports') {
      const content = innerBlocks(blockBody(inner)).find((b) => blockName(b) === 'content');
      if (content) readPorts(content, inner, inner, source, facts, names, owner, hostNetwork);
    }
  }
}

function span(node: Node) {
  return { start: node.startIndex, end: node.endIndex };
}

/** `dynamic`: the `dynamic "ports"` block whose `content` this is; `outer`: the block holding this one (for its indentation). */
function readPorts(block: Node, dynamic: Node | undefined, outer: Node, source: Source, facts: DocumentFacts, names: Names, owner: Owner, hostNetwork: boolean): void {
  const own = attributes(blockBody(block));
  const value = (key: string) => {
    const attribute = own.get(key);
    return attribute && valueOf(attribute, names, source.text);
  };
  const [internal, external, ip, protocol] = ['internal', 'external', 'ip', 'protocol'].map(value);
  const known = (v: Value | undefined) => (v && v.kind !== 'unknown' ? v.value : undefined);
  const binding: Binding = {
    hostIp: ip ? known(ip) : DEFAULT_IP,
    hostPort: external ? known(external) : null,
    containerPort: known(internal),
    protocol: protocol ? known(protocol) : 'tcp',
  };
  const notes: string[] = [];
  if (!ip) notes.push('No `ip` is written: the provider\'s default `0.0.0.0` applies (every IPv4 interface).');
  if (!external) notes.push('No `external` port: Docker picks a free port.');
  for (const [key, v] of [['internal', internal], ['external', external], ['ip', ip], ['protocol', protocol]] as const) {
    if (v?.kind !== 'unknown') continue;
    const written = v.written;
    const fallback = v.variableDefault !== undefined ? ` (its default here is \`${v.variableDefault}\`; a .tfvars file or \`-var\` may set another)` : '';
    notes.push(`\`${key}\` is \`${written}\`: its value is only known when Terraform runs${fallback}.`);
  }
  if (dynamic) notes.push('Written in a `dynamic "ports"` block: one binding for each element of its `for_each`.');
  const keyword = block.namedChildren[0]!;
  const publish = publishOf(binding, {
    span: ip && ip.kind === 'string' ? span(ip.node) : span(keyword),
    hoverSpan: span(dynamic ?? block),
    anchor: source.lines.lineStart(block.startIndex),
    origin: 'terraform',
    owner,
    notes,
    docs: DOCS,
    rebind: rebindPorts(block, outer, ip, source),
  });
  if (hostNetwork) {
    publish.discarded = true;
    publish.notes.push('The container uses host networking (`network_mode = "host"`): Docker discards published ports.');
  }
  facts.publishes.push(publish);
}

/** The fix: the address in `ip`'s quotes, or a new `ip` line in the block's own indentation and alignment. */
function rebindPorts(block: Node, outer: Node, ip: Value | undefined, { text, lines }: Source): ((address: string) => TextEdit[]) | undefined {
  if (ip) {
    if (ip.kind !== 'string') return undefined;
    const start = ip.node.startIndex + 1;
    const end = ip.node.endIndex - 1;
    return (address) => [{ start, end, newText: address }];
  }
  const body = blockBody(block);
  const open = block.namedChildren.find((n) => n?.type === 'block_start');
  const close = block.namedChildren.find((n) => n?.type === 'block_end');
  if (!open || !close) return undefined;
  const eol = lineBreakIn(text);
  const members = (body?.namedChildren ?? []).filter((n): n is Node => n !== null);
  const blockIndent = indentAt(text, lines.lineStart(block.startIndex));
  const singleLine = lines.position(open.endIndex).line === lines.position(close.startIndex).line;
  if (singleLine || members.length === 0) {
    // HCL allows one argument in a single-line block: the block is opened onto lines.
    const inner = blockIndent + indentUnit(indentAt(text, lines.lineStart(outer.startIndex)), blockIndent);
    const memberLines = members.map((m) => `${inner}${m.text}`);
    const names = members.filter((m) => m.type === 'attribute').map((m) => m.namedChildren[0]?.text ?? '');
    const width = Math.max(2, ...names.map((n) => n.length));
    const aligned = memberLines.map((line, i) => (members[i].type === 'attribute' ? alignLine(line, inner, names[i], width) : line));
    const openEnd = open.endIndex;
    const closeStart = close.startIndex;
    return (address) => [{ start: openEnd, end: closeStart, newText: `${eol}${[...aligned, `${inner}ip${' '.repeat(width - 2)} = "${address}"`].join(eol)}${eol}${blockIndent}` }];
  }
  const last = members[members.length - 1];
  const at = lines.lineEnd(last.endIndex);
  if (at > close.startIndex) return undefined;
  const first = members[0];
  const indent = indentAt(text, lines.lineStart(first.startIndex));
  const equalsColumn = sharedEqualsColumn(members, text, lines);
  const pad = equalsColumn !== undefined && equalsColumn > indent.length + 2 ? ' '.repeat(equalsColumn - indent.length - 2) : ' ';
  return (address) => [{ start: at, end: at, newText: `${eol}${indent}ip${pad}= "${address}"` }];
}

/** `name = value` with the `=` moved to where `width` puts it, as terraform fmt aligns. */
function alignLine(line: string, inner: string, name: string, width: number): string {
  const rest = line.slice(inner.length + name.length).replace(/^[ \t]*/, '');
  return `${inner}${name}${' '.repeat(width - name.length + 1)}${rest}`;
}

/** The column every attribute's `=` is at, when they share one (terraform fmt aligns them). */
function sharedEqualsColumn(members: Node[], text: string, lines: LineIndex): number | undefined {
  let column: number | undefined;
  for (const member of members) {
    if (member.type !== 'attribute') continue;
    const name = member.namedChildren[0];
    if (!name) return undefined;
    const equals = text.indexOf('=', name.endIndex);
    if (equals < 0) return undefined;
    const at = equals - lines.lineStart(equals);
    if (column !== undefined && column !== at) return undefined;
    column = at;
  }
  return column;
}

/** One level of indentation as the file writes it: the block's own against the block holding it, else two spaces. */
function indentUnit(outerIndent: string, blockIndent: string): string {
  return blockIndent.startsWith(outerIndent) && blockIndent.length > outerIndent.length ? blockIndent.slice(outerIndent.length) : '  ';
}
