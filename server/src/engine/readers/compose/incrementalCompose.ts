/**
 * Compose analysis that stays fast while typing in large files. After a full parse, a file whose
 * services are plain block mappings (one document, no errors, anchors, aliases or merge keys) is
 * kept as one part per service; an edit re-parses only the services it touches (pasted or deleted
 * services included). Anything else — an edit outside the services, a change of shape, YAML
 * errors — parses the whole file.
 *
 * A large file of that shape is also read a few services at a time when it is opened: a YAML
 * document of the whole file (its syntax tree and nodes) is many times the file's size, and
 * parsing it whole set the server's peak memory.
 */
import { Document, isMap, isScalar } from 'yaml';
import { minimalEdit } from '../../edits';
import type { DocumentFacts, TextEdit } from '../../model';
import { editedLines } from '../../incremental/editedLines';
import { extractCompose, parseComposeDocuments } from './compose';
import { mergeFacts, MovableFacts, splitFacts } from '../../incremental/shiftFacts';
import { lineStartOf } from '../../positions';
import { ServiceLines, serviceLines } from './composeServiceLines';

interface ServicePart {
  start: number;
  end: number;
  /** The service's facts, moved along with it as edits before it move it. */
  facts: MovableFacts;
}

const PREFIX = 'services:\n';
/** Files at least this long are read a few services at a time when they have the plain shape. */
export const READ_IN_PARTS_FROM = 64 * 1024;
/** About how much of the file one of those parts holds. */
const PART_LENGTH = 16 * 1024;

export class IncrementalComposeExtractor {
  private text: string | undefined;
  private environmentKey = '';
  /** One part per service, or undefined when the file does not have the plain shape. */
  private parts: ServicePart[] | undefined;
  private wholeFacts: DocumentFacts | undefined;
  private serviceIndent = -1;
  /** How the last update was done, for tests and the benchmark. */
  lastUpdate: 'full' | 'service' | 'unchanged' = 'full';
  /** How the last full read was done: the whole file at once, or a few services at a time. */
  lastFullRead: 'whole' | 'in parts' = 'whole';

  /** `readInPartsFrom`: the length from which a file is read a few services at a time (tests lower it). */
  constructor(private readonly readInPartsFrom = READ_IN_PARTS_FROM) {}

  extract(text: string, environment: Readonly<Record<string, string>>): DocumentFacts {
    const environmentKey = JSON.stringify(environment);
    const sameEnvironment = environmentKey === this.environmentKey;
    if (text === this.text && sameEnvironment) this.lastUpdate = 'unchanged';
    else if (!(this.text !== undefined && sameEnvironment && this.updateService(text, environment))) this.parseAll(text, environment);
    this.text = text;
    this.environmentKey = environmentKey;
    return this.parts ? mergeFacts('compose', this.parts.map((p) => p.facts.facts)) : this.wholeFacts!;
  }

  private parseAll(text: string, environment: Readonly<Record<string, string>>): void {
    this.lastUpdate = 'full';
    this.lastFullRead = 'in parts';
    if (text.length >= this.readInPartsFrom && this.readInParts(text, environment)) return;
    this.lastFullRead = 'whole';
    const documents = parseComposeDocuments(text);
    const facts = extractCompose(text, environment, documents);
    const shape = plainServices(text, documents);
    this.parts = undefined;
    this.wholeFacts = facts;
    if (!shape) return;
    this.serviceIndent = shape.indent;
    const split = splitFacts(facts, shape.starts.map((s, i) => (i === 0 ? 0 : s)));
    // The first part holds the comment and blank lines before the first service, so an edit there is an edit of a part.
    this.parts = shape.starts.map((start, i) => ({ start: i === 0 ? shape.bodyStart : start, end: shape.starts[i + 1] ?? shape.end, facts: new MovableFacts(split[i]) }));
  }

  /**
   * Reads a file of the plain shape a few services at a time; false (and nothing changed) when the
   * file is not of that shape, or when any part does not read as the plain services its lines
   * promised: the file is then parsed whole.
   */
  private readInParts(text: string, environment: Readonly<Record<string, string>>): boolean {
    if (TIED.test(text) || WHOLE_FILE_SETTINGS.test(text)) return false;
    const lines = serviceLines(text);
    if (!lines || !plainOutsideServices(text, lines)) return false;
    const { indent } = lines;
    const starts = [lines.bodyStart, ...lines.starts.slice(1)];
    const parts: ServicePart[] = [];
    for (let first = 0; first < starts.length; ) {
      let next = first + 1;
      while (next < starts.length && starts[next] - starts[first] < PART_LENGTH) next++;
      const read = readServices(text, starts[first], starts[next] ?? lines.end, indent, environment);
      if (!read || read.length !== next - first || read.some((part, i) => part.start !== starts[first + i])) return false;
      parts.push(...read);
      first = next;
    }
    this.parts = parts;
    this.wholeFacts = undefined;
    this.serviceIndent = indent;
    return true;
  }

  /**
   * Re-parses the services an edit touches: typing inside one, a service pasted or inserted
   * before another, services deleted. The re-read text must again be whole plain services at the
   * same indentation; false when it is not, or when the edit reaches outside the services.
   */
  private updateService(text: string, environment: Readonly<Record<string, string>>): boolean {
    const parts = this.parts;
    if (!parts) return false;
    const edit = minimalEdit(this.text!, text)!;
    const delta = edit.newText.length - (edit.end - edit.start);
    let first = parts.findIndex((p) => edit.start >= p.start && edit.start < p.end);
    // Lines added right after the last service belong to it.
    if (first < 0 && edit.start === parts[parts.length - 1].end) first = parts.length - 1;
    if (first < 0) return this.shiftAboveServices(text, edit, delta);
    // Lines added right before a service may belong to the one before it (a trailing blank line of
    // its `|+` block scalar, say): both are read again.
    if (edit.start === parts[first].start && first > 0) first--;
    let last = first;
    while (last < parts.length - 1 && edit.end > parts[last].end) last++;
    if (edit.end > parts[last].end) return false;
    const regionStart = parts[first].start;
    const regionEnd = parts[last].end + delta;
    const regionText = text.slice(regionStart, regionEnd);
    if (last < parts.length - 1 && regionText !== '' && !regionText.endsWith('\n')) return false;
    let replacement: ServicePart[] = [];
    if (regionText !== '') {
      const read = readServices(text, regionStart, regionEnd, this.serviceIndent, environment);
      if (!read) return false;
      replacement = read;
    } else if (parts.length - (last - first + 1) === 0) {
      return false;
    }
    for (let i = last + 1; i < parts.length; i++) {
      parts[i].start += delta;
      parts[i].end += delta;
      parts[i].facts.move(delta);
    }
    parts.splice(first, last - first + 1, ...replacement);
    this.lastUpdate = 'service';
    return true;
  }

  /**
   * An edit above the services' lines that adds or removes only comments and blank lines, and
   * leaves what the lines above the services hold as it was: the services only move.
   */
  private shiftAboveServices(text: string, edit: TextEdit, delta: number): boolean {
    const parts = this.parts!;
    const before = this.text!;
    const bodyStart = parts[0].start;
    if (edit.end >= bodyStart) return false;
    const lines = editedLines(before, text, edit);
    if (!onlyCommentsAndBlankLines(lines.before) || !onlyCommentsAndBlankLines(lines.after)) return false;
    const above = (source: string, end: number) => JSON.stringify(parseComposeDocuments(source.slice(0, end)).map((d) => [d.errors.length, d.toJS()]));
    if (above(before, bodyStart) !== above(text, bodyStart + delta)) return false;
    for (const part of parts) {
      part.start += delta;
      part.end += delta;
      part.facts.move(delta);
    }
    this.lastUpdate = 'service';
    return true;
  }
}

function onlyCommentsAndBlankLines(lines: string): boolean {
  return lines.split('\n').every((line) => /^\s*(?:#[^\n]*)?$/.test(line));
}

/**
 * The services in text[regionStart, regionEnd), parsed on their own: undefined unless that text is
 * whole plain services at `indent` (what makes its facts the same as in a parse of the whole file).
 */
function readServices(text: string, regionStart: number, regionEnd: number, indent: number, environment: Readonly<Record<string, string>>): ServicePart[] | undefined {
  const snippet = PREFIX + text.slice(regionStart, regionEnd);
  const documents = parseComposeDocuments(snippet);
  const shape = plainServices(snippet, documents);
  if (!shape || shape.indent !== indent || shape.end !== snippet.length) return undefined;
  // Comment and blank lines may come before the first service: they join its part.
  if (!onlyCommentsAndBlankLines(snippet.slice(PREFIX.length, shape.starts[0]).replace(/\n$/, ''))) return undefined;
  const facts = extractCompose(snippet, environment, documents);
  const split = splitFacts(facts, shape.starts.map((s, i) => (i === 0 ? 0 : s)));
  const shift = regionStart - PREFIX.length;
  return shape.starts.map((start, i) => ({ start: (i === 0 ? PREFIX.length : start) + shift, end: (shape.starts[i + 1] ?? snippet.length) + shift, facts: new MovableFacts(split[i], shift) }));
}

/**
 * The file without its services' lines is one YAML document without errors: a block mapping with
 * a single, empty `services` key. Then nothing around the services can change how they read.
 */
function plainOutsideServices(text: string, lines: ServiceLines): boolean {
  const outside = text.slice(0, lines.starts[0]) + text.slice(lines.end);
  const documents = parseComposeDocuments(outside);
  if (documents.length !== 1 || documents[0].errors.length > 0) return false;
  const root = documents[0].contents;
  if (!isMap(root) || root.flow) return false;
  const services = root.items.filter((p) => isScalar(p.key) && p.key.value === 'services');
  return services.length === 1 && (services[0].value === null || (isScalar(services[0].value) && services[0].value.value === null));
}

/** Anchors, aliases and merge keys tie services together; tags and directives change how YAML reads them. */
const TIED = /(^|[\s[{,:-])[&*!%]|<<\s*:/;
/** Network defaults and Swarm stack settings (keys quoted or not) are read from the whole file. */
const WHOLE_FILE_SETTINGS = /host_binding_ipv4|(?:placement|update_config|rollback_config|endpoint_mode)["']?\s*:|mode["']?\s*:\s*["']?global|driver["']?\s*:\s*["']?overlay/;

/**
 * Where each service starts (its key's line), when the file has the plain shape that can be
 * re-parsed one service at a time; `end` is where the services mapping's lines end.
 */
function plainServices(text: string, documents: Document[]): { bodyStart: number; starts: number[]; end: number; indent: number } | undefined {
  if (TIED.test(text)) return undefined;
  if (WHOLE_FILE_SETTINGS.test(text)) return undefined;
  if (documents.length !== 1 || documents[0].errors.length > 0) return undefined;
  const root = documents[0].contents;
  if (!isMap(root) || root.flow) return undefined;
  const index = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'services');
  // A repeated `services:` key: Compose reads the last one, the parts would follow the first.
  if (root.items.filter((p) => isScalar(p.key) && p.key.value === 'services').length !== 1) return undefined;
  const services = root.items[index]?.value;
  if (!isMap(services) || services.flow || services.items.length === 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (const pair of services.items) {
    if (!isScalar(pair.key) || !pair.key.range || isScalar(pair.key) && pair.key.type !== 'PLAIN') return undefined;
    const lineStart = lineStartOf(text, pair.key.range[0]);
    const column = pair.key.range[0] - lineStart;
    if (text.slice(lineStart, pair.key.range[0]).trim() !== '' || (indent >= 0 && column !== indent)) return undefined;
    indent = column;
    starts.push(lineStart);
  }
  const next = root.items[index + 1];
  const end = next && isScalar(next.key) && next.key.range ? lineStartOf(text, next.key.range[0]) : text.length;
  const servicesKey = root.items[index].key;
  const keyLineEnd = isScalar(servicesKey) && servicesKey.range ? text.indexOf('\n', servicesKey.range[0]) : -1;
  if (keyLineEnd < 0 || keyLineEnd >= starts[0]) return undefined;
  return { bodyStart: keyLineEnd + 1, starts, end, indent };
}
