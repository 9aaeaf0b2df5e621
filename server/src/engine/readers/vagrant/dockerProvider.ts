/**
 * Vagrant's Docker provider: `config.vm.provider "docker" do |d| … end`, whose `d.ports` and
 * `d.create_args` end up on `docker run`'s command line.
 *
 * As Vagrant does it (hashicorp/vagrant, read at 35f3160): plugins/providers/docker/config.rb
 * declares `ports` (strings) and `create_args` (an Array of extra `docker run` arguments);
 * action/forwarded_ports.rb turns each `ports` entry `[host_ip:]host:guest[/protocol]` into a
 * forwarded port; action/create.rb's `forwarded_ports` writes those back as
 * `"#{host_ip}:#{host}:#{guest}"` (no `host_ip`: `host:guest`), and driver.rb's `create` runs
 * `docker run … -p <each> … <create_args> image`. So an entry reads as a `docker run -p` spec
 * (without an address: every interface, through Docker's own packet rules), and `create_args`
 * as `docker run` options: `-p`, `--network host`.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, PublishedPort } from '../../model';
import { LineIndex } from '../../positions';
import { literalText, MappedText, rebindShortSpec } from '../../grammar/mappedText';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { readRunOptions, ShellWord } from '../shell/containerCommand';
import { literal } from './rubyLiterals';

const PROVIDER_NOTE = "Vagrant's Docker provider passes each entry of `ports` to `docker run -p`; without an address first, Docker publishes it on every interface.";

/** `config.vm.provider "docker" do |d| … end` (or `:docker`): its `d.ports = […]` and `d.create_args = […]`. */
export function readDockerProvider(call: Node, lines: LineIndex, facts: DocumentFacts): void {
  const [name] = call.childForFieldName('arguments')?.namedChildren ?? [];
  if (!name || literal(name) !== 'docker') return;
  const block = call.childForFieldName('block');
  const parameter = block?.childForFieldName('parameters')?.namedChildren[0];
  if (!block || parameter?.type !== 'identifier') return;
  for (const assignment of block.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (left?.type !== 'call' || left.childForFieldName('receiver')?.text !== parameter.text || right?.type !== 'array') continue;
    const option = left.childForFieldName('method')?.text;
    const entries = right.namedChildren.filter((n): n is Node => n !== null);
    const anchor = lines.lineStart(assignment!.startIndex);
    if (option === 'ports') for (const entry of entries) readPortsEntry(entry, anchor, facts);
    else if (option === 'create_args') readCreateArgs(entries, anchor, facts);
  }
}

/** A string's content mapped to the document, or undefined for anything but a plain string (interpolation, a variable). */
function stringContent(node: Node): MappedText | undefined {
  const content = node.type === 'string' ? literal(node) : undefined;
  return content === undefined ? undefined : literalText(content, node.startIndex + 1);
}

function readPortsEntry(entry: Node, anchor: number, facts: DocumentFacts): void {
  const value = stringContent(entry);
  if (!value) {
    facts.explanations.push({ span: { start: entry.startIndex, end: entry.endIndex }, markdown: '**Docker provider port set in Ruby**\n\nThis entry of `ports` is computed when Vagrant runs, so where it listens is only known then.' });
    return;
  }
  const reading = readPublishSpec(value.text);
  const publish: PublishedPort = {
    span: { start: value.start, end: value.end },
    hoverSpan: { start: entry.startIndex, end: entry.endIndex },
    origin: 'run',
    written: value.text,
    reading,
    notes: [PROVIDER_NOTE],
    owner: { kind: 'container' },
    anchor,
  };
  // The address goes inside the string's own quotes, whichever they are.
  if (reading.ok) {
    const spec = reading.spec;
    publish.rebind = (address) => rebindShortSpec(value, spec, address) ?? [];
  }
  facts.publishes.push(publish);
}

/** `create_args` are `docker run` options, one word each; an element computed in Ruby is a value known only then. */
function readCreateArgs(entries: Node[], anchor: number, facts: DocumentFacts): void {
  const words: ShellWord[] = entries.map((entry) => ({
    value: stringContent(entry) ?? literalText(UNKNOWN_TEXT, entry.startIndex),
    span: { start: entry.startIndex, end: entry.endIndex },
  }));
  if (words.length === 0) return;
  // The image follows the options on Vagrant's command line: a sentinel word ends them.
  const end = entries[entries.length - 1].endIndex;
  readRunOptions([...words, { value: literalText('(the provider\'s image)', end), span: { start: end, end } }], 'docker', anchor, facts);
}
