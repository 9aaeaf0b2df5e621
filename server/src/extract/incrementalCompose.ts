/**
 * Compose analysis that stays fast while typing in large files. After a full parse, a file whose
 * services are plain block mappings (one document, no errors, anchors, aliases or merge keys) is
 * kept as one part per service; an edit re-parses only the services it touches (pasted or deleted
 * services included). Anything else — an edit outside the services, a change of shape, YAML
 * errors — parses the whole file.
 */
import { Document, isMap, isScalar } from 'yaml';
import { minimalEdit } from '../edits';
import type { DocumentFacts } from '../model';
import { extractCompose, parseComposeDocuments } from './compose';
import { mergeFacts, MovableFacts, splitFacts } from './shiftFacts';
import { lineStartOf } from '../positions';

interface ServicePart {
  start: number;
  end: number;
  /** The service's facts, moved along with it as edits before it move it. */
  facts: MovableFacts;
}

const PREFIX = 'services:\n';

export class IncrementalComposeExtractor {
  private text: string | undefined;
  private environmentKey = '';
  /** One part per service, or undefined when the file does not have the plain shape. */
  private parts: ServicePart[] | undefined;
  private wholeFacts: DocumentFacts | undefined;
  private serviceIndent = -1;
  /** How the last update was done, for tests and the benchmark. */
  lastUpdate: 'full' | 'service' | 'unchanged' = 'full';

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
    const documents = parseComposeDocuments(text);
    const facts = extractCompose(text, environment, documents);
    const shape = plainServices(text, documents);
    this.parts = undefined;
    this.wholeFacts = facts;
    if (!shape) return;
    this.serviceIndent = shape.indent;
    const split = splitFacts(facts, shape.starts.map((s, i) => (i === 0 ? 0 : s)));
    this.parts = shape.starts.map((start, i) => ({ start, end: shape.starts[i + 1] ?? shape.end, facts: new MovableFacts(split[i]) }));
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
    const first = parts.findIndex((p) => edit.start >= p.start && edit.start < p.end);
    if (first < 0) return false;
    let last = first;
    while (last < parts.length - 1 && edit.end > parts[last].end) last++;
    if (edit.end > parts[last].end) return false;
    const regionStart = parts[first].start;
    const regionEnd = parts[last].end + delta;
    const regionText = text.slice(regionStart, regionEnd);
    if (last < parts.length - 1 && regionText !== '' && !regionText.endsWith('\n')) return false;
    let replacement: ServicePart[] = [];
    if (regionText !== '') {
      const snippet = PREFIX + regionText;
      const documents = parseComposeDocuments(snippet);
      const shape = plainServices(snippet, documents);
      if (!shape || shape.indent !== this.serviceIndent || shape.end !== snippet.length || shape.starts[0] !== PREFIX.length) return false;
      const facts = extractCompose(snippet, environment, documents);
      const split = splitFacts(facts, shape.starts.map((s, i) => (i === 0 ? 0 : s)));
      const shift = regionStart - PREFIX.length;
      replacement = shape.starts.map((start, i) => ({ start: start + shift, end: (shape.starts[i + 1] ?? snippet.length) + shift, facts: new MovableFacts(split[i], shift) }));
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
}

/**
 * Where each service starts (its key's line), when the file has the plain shape that can be
 * re-parsed one service at a time; `end` is where the services mapping's lines end.
 */
function plainServices(text: string, documents: Document[]): { starts: number[]; end: number; indent: number } | undefined {
  // Anchors, aliases and merge keys tie services together; tags and directives change how YAML reads them.
  if (/(^|[\s[{,:-])[&*!%]|<<\s*:/.test(text)) return undefined;
  // Network defaults and Swarm stack files are read from the whole file, so they are read whole.
  if (/host_binding_ipv4|placement:|update_config:|rollback_config:|endpoint_mode:|mode:\s*["']?global|driver:\s*["']?overlay/.test(text)) return undefined;
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
  return { starts, end, indent };
}
