/**
 * Podman Quadlet units (`*.container`, `*.pod`, `*.kube`): systemd unit files that Podman's
 * generator turns into `podman run` / `podman pod create` / `podman kube play` services.
 *
 * Read as podman-systemd.unit(5) and Quadlet's source describe them: `[Container]`, `[Pod]` and
 * `[Kube]` sections; `PublishPort=` (repeatable, passed to podman as one `--publish` value each, so
 * podman's `-p` grammar applies), `Network=host` (host networking, repeatable), `ExposeHostPort=`
 * (`--expose`, documentation like EXPOSE), and `PodmanArgs=` (extra podman options, which may
 * publish too). systemd syntax: `#` and `;` comment lines, a trailing `\` continues a value on the
 * next line (the line break reads as a space), keys repeat, a value may be in double quotes.
 */
import type { DocumentFacts, Owner, Span } from '../../model';
import { emptyFacts } from '../../model';
import type { MappedText } from '../../grammar/mappedText';
import { readPublishSpec } from '../../grammar/publishSpec';
import { readRunOptions, ShellWord } from '../shell/containerCommand';
import { splitArguments } from '../support/argumentString';

const SECTIONS = new Set(['Container', 'Pod', 'Kube']);

interface Entry {
  key: string;
  value: MappedText;
  /** Where the key's line starts: an ignore comment goes on the line above. */
  lineStart: number;
}

export function extractQuadlet(text: string): DocumentFacts {
  const facts = emptyFacts('quadlet');
  for (const section of readSections(text)) {
    if (!SECTIONS.has(section.name)) continue;
    const words: ShellWord[] = [];
    const flag = (name: string, at: number): ShellWord => ({ value: { text: name, offsets: [], start: at, end: at }, span: { start: at, end: at } });
    for (const entry of section.entries) {
      const word: ShellWord = { value: entry.value, span: { start: entry.value.start, end: entry.value.end } };
      if (entry.key === 'PublishPort') words.push(flag('--publish', entry.lineStart), word);
      else if (entry.key === 'Network') words.push(flag('--network', entry.lineStart), word);
      else if (entry.key === 'PodmanArgs') words.push(...splitArguments(entry.value));
      else if (entry.key === 'ExposeHostPort') {
        facts.exposes.push({ span: spanOf(entry.value), origin: 'quadlet', written: entry.value.text, expanded: entry.value.text, reading: readPublishSpec(entry.value.text) });
      }
    }
    if (words.length === 0) continue;
    const found = emptyFacts('quadlet');
    const end = text.length;
    const unit: ShellWord = { value: { text: `(${section.name.toLowerCase()} unit)`, offsets: [], start: end, end }, span: { start: end, end } };
    readRunOptions([...words, unit], 'podman', section.start, found, undefined, section.name === 'Pod' ? 'pod' : 'container');
    // Each key is its own statement: an ignore comment above the key's line silences it.
    const anchorOf = (span: Span) => entryAt(section.entries, span.start)?.lineStart ?? section.start;
    // The unit's `Image=` is the image (the stand-in word above only ends the options): it decides a server role.
    const image = section.entries.find((entry) => entry.key === 'Image')?.value.text;
    const owner: Owner | undefined = image ? { kind: 'container', image } : undefined;
    for (const publish of found.publishes) facts.publishes.push({ ...publish, anchor: anchorOf(publish.span), owner });
    for (const marker of found.hostNetworks) facts.hostNetworks.push({ ...marker, anchor: anchorOf(marker.span), owner: undefined });
    for (const marker of found.publishAll) facts.publishAll.push({ ...marker, anchor: anchorOf(marker.span) });
    facts.refusals.push(...found.refusals);
    facts.explanations.push(...found.explanations);
  }
  return facts;
}

/** The entry whose value holds `offset` (entries are in file order): a binary search, so many keys stay cheap. */
function entryAt(entries: Entry[], offset: number): Entry | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (entries[mid].value.start <= offset) low = mid;
    else high = mid - 1;
  }
  const entry = entries[low];
  return entry && entry.value.start <= offset && offset <= entry.value.end ? entry : undefined;
}

function spanOf(value: MappedText): Span {
  return { start: value.start, end: value.end };
}

interface Section {
  name: string;
  start: number;
  entries: Entry[];
}

/** systemd's unit file syntax, with every value character mapped to its place in the file. */
function readSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = endOfLine(text, offset);
    const line = text.slice(offset, lineEnd);
    const header = /^[ \t]*\[([^\]]*)\][ \t]*\r?$/.exec(line);
    const assignment = /^([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*=[ \t]*/.exec(line);
    if (header) {
      current = { name: header[1], start: offset, entries: [] };
      sections.push(current);
    } else if (assignment && current && !/^[ \t]*[#;]/.test(line)) {
      const { value, next } = readValue(text, offset + assignment[0].length);
      current.entries.push({ key: assignment[1], value, lineStart: offset });
      offset = next;
      continue;
    }
    offset = lineEnd + 1;
  }
  return sections;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** A value up to the end of its line, joined with the lines a trailing `\` continues; quotes around it removed. */
function readValue(text: string, from: number): { value: MappedText; next: number } {
  let chars = '';
  const offsets: number[] = [];
  let offset = from;
  for (;;) {
    const lineEnd = endOfLine(text, offset);
    let end = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const continued = text[end - 1] === '\\';
    if (continued) end--;
    for (let i = offset; i < end; i++) {
      chars += text[i];
      offsets.push(i);
    }
    offset = lineEnd + 1;
    if (!continued || offset > text.length) break;
    // systemd reads the line break as a space; comment lines inside a continued value are skipped.
    chars += ' ';
    offsets.push(end);
    while (offset < text.length && /^[ \t]*[#;]/.test(text.slice(offset, endOfLine(text, offset)))) offset = endOfLine(text, offset) + 1;
  }
  // systemd strips whitespace around the whole value, continuations included.
  let first = 0;
  let last = chars.length;
  while (first < last && /\s/.test(chars[first])) first++;
  while (last > first && /\s/.test(chars[last - 1])) last--;
  if (last - first >= 2 && chars[first] === '"' && chars[last - 1] === '"') {
    first++;
    last--;
  }
  const start = offsets[first] ?? from;
  const end = last > first ? offsets[last - 1] + 1 : start;
  return { value: { text: chars.slice(first, last), offsets: offsets.slice(first, last), start, end }, next: Math.min(offset, text.length + 1) };
}
