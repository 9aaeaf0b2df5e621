/** Small helpers over the `yaml` package's nodes: resolving aliases and merge keys, reading source text. */
import { Alias, Document, DocumentOptions, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseAllDocuments, ParseOptions, Scalar, SchemaOptions, visit, YAMLMap } from 'yaml';
import type { Owner, PublishedPort, TextEdit } from '../../model';
import { applyEdits } from '../../edits';
import { literalText, MappedText, MappedTextBuilder, rebindShortSpec } from '../../grammar/mappedText';
import { PublishSpec, readPublishSpec } from '../../grammar/publishSpec';
import { yamlNestingWithin } from './nestingDepth';

/** YAML files by name: candidates for the readers that recognise YAML by content. */
export const YAML_NAME = /\.ya?ml$/i;

/**
 * Every YAML document of a text; none when the text nests deeper than the parser may recurse
 * (see nestingDepth.ts) or the parser throws. The one way readers parse YAML.
 */
export function parseYamlDocuments(text: string, options?: ParseOptions & DocumentOptions & SchemaOptions): Document[] {
  if (!yamlNestingWithin(text)) return [];
  try {
    const documents = parseAllDocuments(text, options);
    return Array.isArray(documents) ? (documents as Document[]) : [];
  } catch {
    return [];
  }
}

/** Bounds a walk of a whole document so a hostile one costs nothing more than its size. */
const MAX_WALKED_NODES = 200_000;

/**
 * Every mapping and sequence under `root`, each once (aliases resolved, at most MAX_WALKED_NODES):
 * `onMap` reads a mapping and returns the values to walk into (none when it read the mapping
 * whole). Readers that find their objects at any depth (Ansible tasks, Kubernetes pod specs) use it.
 */
export function walkMappings(root: unknown, doc: Document, onMap: (map: YAMLMap) => readonly unknown[]): void {
  const stack: unknown[] = [root];
  const visited = new Set<Node>();
  while (stack.length > 0 && visited.size < MAX_WALKED_NODES) {
    const node = resolveNode(stack.pop(), doc);
    if (!node || visited.has(node)) continue;
    visited.add(node);
    if (isSeq(node)) stack.push(...node.items);
    else if (isMap(node)) stack.push(...onMap(node));
  }
}

/** Bounds alias chains and merge depth so alias bombs cost nothing. */
const MAX_DEPTH = 16;

export function resolveNode(node: unknown, doc: Document, depth = 0): Node | undefined {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < MAX_DEPTH; hops++) current = anchorsOf(doc).target(current);
  return isAlias(current) || depth > MAX_DEPTH ? undefined : (current as Node | undefined);
}

/**
 * Where each alias of a document points: the last node before it with its anchor, as YAML reads it.
 * The yaml package's Alias.resolve walks the whole document for every alias it resolves, which
 * made a file with many aliases quadratic; this walks it once per document.
 */
class Anchors {
  /** Each alias and anchored node's place in document order. */
  private readonly order = new Map<Node, number>();
  /** For each anchor name, the places of the nodes that carry it, in document order. */
  private readonly places = new Map<string, { place: number; node: Node }[]>();

  constructor(doc: Document) {
    let place = 0;
    visit(doc, {
      Node: (_key, node) => {
        if (!isAlias(node) && !node.anchor) return;
        this.order.set(node, place);
        if (node.anchor) {
          const list = this.places.get(node.anchor) ?? [];
          list.push({ place, node });
          this.places.set(node.anchor, list);
        }
        place++;
      },
    });
  }

  target(alias: Alias): Node | undefined {
    const place = this.order.get(alias);
    const list = this.places.get(alias.source);
    if (place === undefined || !list) return undefined;
    // The last anchored node before the alias (binary search: the list is in document order).
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle].place < place) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? list[low - 1].node : undefined;
  }
}

const anchorsByDocument = new WeakMap<Document, Anchors>();

function anchorsOf(doc: Document): Anchors {
  let anchors = anchorsByDocument.get(doc);
  if (!anchors) {
    anchors = new Anchors(doc);
    anchorsByDocument.set(doc, anchors);
  }
  return anchors;
}

/** A mapping's effective pairs by key: its own pairs win over those merged in with `<<`. */
export function effectivePairs(map: YAMLMap, doc: Document, depth = 0): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  const merged: Map<string, Pair>[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key === 'symbol' || key === '<<') {
      if (depth >= MAX_DEPTH) continue;
      const sources = resolveNode(pair.value, doc);
      const list = isSeq(sources) ? sources.items.map((item) => resolveNode(item, doc)) : [sources];
      for (const source of list) if (isMap(source)) merged.push(effectivePairs(source, doc, depth + 1));
    } else if (typeof key === 'string' || typeof key === 'number') {
      pairs.set(String(key), pair as Pair);
    }
  }
  for (const inherited of merged) for (const [key, pair] of inherited) if (!pairs.has(key)) pairs.set(key, pair);
  return pairs;
}

export function scalarSpan(scalar: Scalar): { start: number; end: number } {
  return { start: scalar.range![0], end: scalar.range![1] };
}

/** The value's text without its quotes: what a diagnostic underlines. */
export function contentSpan(scalar: Scalar): { start: number; end: number } {
  const [start, end] = scalar.range!;
  return isQuoted(scalar) ? { start: start + 1, end: Math.max(start + 1, end - 1) } : { start, end };
}

export function isQuoted(scalar: Scalar): boolean {
  return scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
}

/**
 * A scalar's value mapped to its characters in the document. Quoted scalars whose value was
 * written with escapes map every character to the opening quote, which disables edits inside them.
 */
export function scalarText(scalar: Scalar, text: string): MappedText {
  const [start, end] = scalar.range!;
  const value = String(scalar.value);
  if (!isQuoted(scalar)) {
    const source = text.slice(start, end);
    return source === value ? literalText(value, start) : { text: value, offsets: value.split('').map(() => start), start, end };
  }
  const inner = text.slice(start + 1, end - 1);
  if (inner === value) return literalText(value, start + 1);
  return { text: value, offsets: value.split('').map(() => start), start: start + 1, end: end - 1 };
}

/**
 * A scalar's value mapped character by character also when the file writes it across lines (a
 * plain or quoted scalar folded over lines, a `>` or `|` block scalar): where the value and the
 * file differ only in whitespace, every other character maps to its own place, so words read
 * from the value keep exact ranges. Otherwise (an escape, say) scalarText's mapping.
 */
export function foldedScalarText(scalar: Scalar, text: string): MappedText {
  const direct = scalarText(scalar, text);
  const value = direct.text;
  if (!scalar.range || isVerbatimRun(direct)) return direct;
  let [from, to] = scalar.range;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const header = text.indexOf('\n', from);
    if (header < 0 || header >= to) return direct;
    from = header + 1;
  } else if (isQuoted(scalar)) {
    from++;
    to--;
  }
  const builder = new MappedTextBuilder(text);
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (isBlank(c)) {
      // A blank of the value stands where the file has one (a line break and indentation fold to one space).
      if (j >= to || !isBlank(text[j])) return direct;
      builder.pushChar(c, j);
      j++;
      continue;
    }
    while (j < to && isBlank(text[j])) j++;
    if (text[j] !== c) return direct;
    builder.markStart(j);
    builder.pushSource(j, j + 1);
    j++;
  }
  for (; j < to; j++) if (!isBlank(text[j])) return direct;
  builder.end = to;
  return builder.build(from, to);
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

/** scalarText read the value as written, one character after another (its other answer maps all to the start). */
function isVerbatimRun(mapped: MappedText): boolean {
  const last = mapped.text.length - 1;
  return last <= 0 || mapped.offsets[last] === mapped.offsets[0] + last;
}

/** The offset just before the line break of the line holding `offset`. */
export function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

export function lineBreakOf(text: string, offset: number): string {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.includes('\r\n') ? '\r\n' : '\n';
  return text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The fix for a short-syntax spec written as a YAML scalar (Compose `ports`, Ansible `published_ports`).
 * It is computed later from plain values only, so facts never keep the YAML tree alive.
 */
export function rebindYamlScalar(scalar: Scalar, text: string, value: MappedText, spec: PublishSpec): (address: string) => TextEdit[] {
  const span = scalarSpan(scalar);
  const quoted = isQuoted(scalar);
  const source = text.slice(span.start, span.end);
  return (address) => {
    const edits = rebindShortSpec(value, spec, address);
    if (!edits || quoted) return edits ?? [];
    // An unquoted value gains an address and with it colons: quote it so every YAML parser reads a string.
    return [{ start: span.start, end: span.end, newText: `"${applyEdits(source, edits, span.start)}"` }];
  };
}

/** A short-syntax spec written as a YAML scalar, read after its variables were resolved into `value`. */
export function yamlShortSpec(
  scalar: Scalar,
  text: string,
  written: MappedText,
  value: MappedText,
  details: { notes: string[]; unknownVariables: string[]; owner?: Owner },
): PublishedPort {
  const reading = readPublishSpec(value.text);
  const publish: PublishedPort = {
    span: contentSpan(scalar),
    origin: 'compose-short',
    written: written.text,
    resolved: value.text !== written.text ? value.text : undefined,
    reading,
    notes: details.notes,
    owner: details.owner,
    unknownVariables: details.unknownVariables.length > 0 ? details.unknownVariables : undefined,
  };
  if (reading.ok) publish.rebind = rebindYamlScalar(scalar, text, value, reading.spec);
  return publish;
}
