/**
 * "Stop publishing" (Compose): when another service of the same Compose project reaches this one
 * by name over the Compose network, the published port may not be needed at all. The project is
 * this file and the files Compose reads with it (compose.yaml and compose.override.yaml, …:
 * project.ts), so a consumer may be written in any of them; a service of the same name in another
 * file is this service itself (Compose merges them), never its own consumer. The fix removes the
 * entry (and the `ports:` key when the list becomes empty) from this file only, keeping every other
 * byte, comments included. Never the preferred fix: people publish a database to use a GUI from the host.
 */
import { Document, isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { PublishedPort, TextEdit } from '../model';
import { lineStartOf } from '../positions';
import type { Fix, ProjectFile } from '../rules/rule';
import { formatRange } from '../grammar/publishSpec';
import { parseComposeDocuments } from '../readers/compose/compose';
import { effectivePairs, resolveNode } from '../readers/support/yamlSupport';
import { baseName } from '../readers/documentKind';

interface ServiceNode {
  name: string;
  map: YAMLMap;
  doc: Document;
}

/** The files last parsed (a project is a few files), so that the fixes of one check's findings parse each once. */
const parsed: { text: string; services: ServiceNode[] }[] = [];
const PARSED_KEPT = 4;

function servicesOf(text: string): ServiceNode[] {
  const known = parsed.find((entry) => entry.text === text);
  if (known) return known.services;
  const services: ServiceNode[] = [];
  for (const doc of parseComposeDocuments(text)) {
    if (!isMap(doc.contents)) continue;
    const list = resolveNode(effectivePairs(doc.contents, doc).get('services')?.value, doc);
    if (!isMap(list)) continue;
    for (const pair of list.items) {
      const service = resolveNode(pair.value, doc);
      if (isScalar(pair.key) && isMap(service)) services.push({ name: String(pair.key.value), map: service, doc });
    }
  }
  parsed.push({ text, services });
  if (parsed.length > PARSED_KEPT) parsed.shift();
  return services;
}

export function stopPublishingFix(publish: PublishedPort, service: string | undefined, text: string, projectFiles: readonly ProjectFile[] = []): Fix | undefined {
  if (!service || !publish.reading.ok || publish.reading.spec.containerPorts === 'unknown') return undefined;
  const services = servicesOf(text);
  const own = services.find((s) => s.name === service);
  if (!own) return undefined;
  const containerPort = publish.reading.spec.containerPorts;
  // This file's services first, then each other file's: a consumer is named once, where it is first found.
  const files = [{ file: undefined as string | undefined, services }, ...projectFiles.flatMap((p) => (p.text === undefined ? [] : [{ file: p.file, services: servicesOf(p.text) }]))];
  const consumers: { name: string; file?: string }[] = [];
  const named = new Set([service]);
  for (const { file, services: inFile } of files) {
    for (const other of inFile) {
      if (named.has(other.name)) continue;
      if (reaches(other, service, containerPort)) {
        consumers.push({ name: other.name, file });
        named.add(other.name);
      }
    }
  }
  if (consumers.length === 0) return undefined;
  const edits = removalEdits(own, publish, text);
  if (!edits) return undefined;
  const shown = consumers.slice(0, 3);
  // All in this file: no file named. All in one other file: that file once. Else each says where it is.
  const oneFile = shown.every((c) => c.file === shown[0].file);
  const where = (file: string | undefined) => (file === undefined ? 'in this file' : `in ${baseName(file)}`);
  const who = oneFile
    ? shown.map(({ name }) => `\`${name}\``).join(' and ') + (shown[0].file === undefined ? '' : ` ${where(shown[0].file)}`)
    : shown.map(({ name, file }) => `\`${name}\` ${where(file)}`).join(' and ');
  const verb = consumers.length === 1 ? 'reaches' : 'reach';
  return { title: `Stop publishing: ${who} ${verb} \`${service}:${formatRange(containerPort)}\` over the Compose network`, edits };
}


/**
 * Whether `consumer` reaches `service` by name: it lists it in `depends_on` or `links`, or an
 * environment value, command or entrypoint names `service:port`, `//service`, or is the name alone
 * (`DB_HOST: db`).
 */
export function reaches(consumer: ServiceNode, service: string, port: { start: number; end: number }): boolean {
  const pairs = effectivePairs(consumer.map, consumer.doc);
  const value = (key: string) => resolveNode(pairs.get(key)?.value, consumer.doc);
  const names = (node: Node | undefined): string[] => {
    if (isSeq(node)) return node.items.map((item) => resolveNode(item, consumer.doc)).flatMap((n) => (isScalar(n) ? [String(n.value)] : []));
    if (isMap(node)) return node.items.flatMap((pair) => (isPair(pair) && isScalar(pair.key) ? [String(pair.key.value)] : []));
    return [];
  };
  if (names(value('depends_on')).includes(service)) return true;
  if (names(value('links')).some((link) => link === service || link.startsWith(`${service}:`))) return true;
  const byPort = new RegExp(`(?<![\\w.-])${escape(service)}:(\\d+)(?!\\d)`, 'g');
  const byUrl = new RegExp(`//(?:[^@/\\s]*@)?${escape(service)}(?![\\w.-])`);
  const mentions = (words: string): boolean => {
    if (byUrl.test(words)) return true;
    for (const match of words.matchAll(byPort)) {
      const number = Number(match[1]);
      if (number >= port.start && number <= port.end) return true;
    }
    return false;
  };
  const environment = value('environment');
  const envValues = isMap(environment)
    ? environment.items.map((pair) => resolveNode((pair as Pair).value, consumer.doc)).flatMap((n) => (isScalar(n) && n.value !== null ? [String(n.value)] : []))
    : names(environment).map((entry) => entry.slice(entry.indexOf('=') + 1));
  if (envValues.some((v) => v === service || mentions(v))) return true;
  for (const key of ['command', 'entrypoint']) {
    const node = value(key);
    const words = isScalar(node) ? [String(node.value)] : names(node);
    if (words.some(mentions)) return true;
  }
  return false;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The edits that remove the publish's entry from the service's own `ports:` list. Nothing when
 * the list or entry comes from an anchor or a merge key (others share it).
 */
function removalEdits(own: ServiceNode, publish: PublishedPort, text: string): TextEdit[] | undefined {
  const pair = own.map.items.find((p): p is Pair<Node, Node> => isPair(p) && isScalar(p.key) && p.key.value === 'ports');
  if (!pair || !isSeq(pair.value) || !isScalar(pair.key) || !pair.key.range) return undefined;
  const seq = pair.value as YAMLSeq<Node>;
  const at = publish.span.start;
  const index = seq.items.findIndex((item) => isNodeWithRange(item) && item.range[0] <= at && at <= item.range[1]);
  if (index < 0) return undefined;
  const item = seq.items[index] as Node & { range: [number, number, number] };
  const flow = seq.flow === true;
  if (seq.items.length === 1) {
    // The key and its only entry go; comment lines between them stay.
    if (flow) return [wholeLines(text, pair.key.range[0], seq.range![1])];
    return [wholeLines(text, pair.key.range[0], pair.key.range[1]), wholeLines(text, item.range[0], item.range[1])];
  }
  if (flow) {
    const next = seq.items[index + 1];
    if (isNodeWithRange(next)) return [{ start: item.range[0], end: next.range[0], newText: '' }];
    const previous = seq.items[index - 1];
    return isNodeWithRange(previous) ? [{ start: previous.range[1], end: item.range[1], newText: '' }] : undefined;
  }
  return [wholeLines(text, item.range[0], item.range[1])];
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return !!node && typeof node === 'object' && Array.isArray((node as Node).range);
}

/** The lines from the one holding `start` to the one holding `end - 1`, with their line break and trailing comment. */
function wholeLines(text: string, start: number, end: number): TextEdit {
  const from = lineStartOf(text, start);
  const newline = text.indexOf('\n', Math.max(start, end - 1));
  return { start: from, end: newline < 0 ? text.length : newline + 1, newText: '' };
}
