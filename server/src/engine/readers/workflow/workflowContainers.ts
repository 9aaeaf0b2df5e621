/**
 * GitHub Actions service containers and job containers: `jobs.<id>.services.<name>.ports` and
 * `jobs.<id>.container.ports`. The runner passes each entry to `docker create` as `-p ENTRY`, as
 * written (actions/runner: ContainerInfo copies `container.Ports` into UserPortMappings, and
 * DockerCommandManager.DockerCreate adds `-p {port.Value}` for each), so an entry is a docker `-p`
 * spec: `5432:5432` is every interface of the runner.
 *
 * `options:` is appended, as written, to the same `docker create` arguments string after the
 * runner's own `--network github_network_…` and the `-p` of each port (DockerCommandManager.DockerCreate;
 * ContainerOperationProvider joins every container of the job to that network), and .NET's Process
 * splits the string into words (ProcessInvoker sets `StartInfo.Arguments`). So `-p`/`--publish`,
 * `-P`/`--publish-all` there publish like `docker create`'s own, read by the same flag reading; and
 * `--network host` beside the job's network is refused by the docker CLI ("conflicting options:
 * cannot attach both user-defined and non-user-defined network-modes"): the container is not created.
 *
 * Where the runner is: a GitHub-hosted label (`ubuntu-latest`, `ubuntu-24.04`, …) is a fresh virtual
 * machine deleted when the job ends (docs.github.com, "GitHub-hosted runners"), so what such a port
 * reaches lives as long as the job; a `self-hosted` runner, a runner group or a label we do not
 * know is a machine that stays, judged like any other publish. `runs-on: ${{ matrix.KEY }}` is
 * each value `strategy.matrix.KEY` lists and each `include` entry adds: a throw-away machine only
 * when every one of them is a GitHub-hosted label.
 */
import { Document, isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { DocumentFacts, emptyFacts, Owner, PublishedPort } from '../../model';
import { literalText, MappedText, MappedTextBuilder } from '../../grammar/mappedText';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { workflowJobs } from './workflowShellView';
import { foldedScalarText, resolveNode, scalarText, yamlShortSpec } from '../support/yamlSupport';
import { splitArguments } from '../support/argumentString';
import { readRunOptions, ShellWord } from '../shell/containerCommand';

/** The cheap test: a workflow without these words starts no container of its own. */
export function mayStartContainers(text: string): boolean {
  return text.includes('services:') || text.includes('container:');
}

export function workflowContainerFacts(text: string): DocumentFacts {
  const facts = emptyFacts('workflow');
  if (!mayStartContainers(text)) return facts;
  for (const { name, job, doc } of workflowJobs(text)) {
    const runner = runnerOf(resolveNode(job.get('runs-on', true), doc), job, doc);
    const container = resolveNode(job.get('container', true), doc);
    if (isMap(container)) readContainer(container, doc, text, { kind: 'actions-job-container', name }, runner, facts);
    const services = resolveNode(job.get('services', true), doc);
    if (!isMap(services)) continue;
    for (const service of services.items) {
      const definition = resolveNode(service.value, doc);
      const serviceName = isScalar(service.key) ? String(service.key.value) : 'service';
      if (isMap(definition)) readContainer(definition, doc, text, { kind: 'actions-service', name: serviceName }, runner, facts);
    }
  }
  return facts;
}

function readContainer(definition: YAMLMap, doc: Document, text: string, owner: Owner, runner: Runner, facts: DocumentFacts): void {
  const ports = resolveNode(definition.get('ports', true), doc);
  const optionsPair = definition.items.find((pair) => isScalar(pair.key) && pair.key.value === 'options');
  const options = resolveNode(optionsPair?.value, doc);
  if (!isSeq(ports) && !isScalar(options)) return;
  const image = resolveNode(definition.get('image', true), doc);
  const imageName = isScalar(image) && image.value !== null ? String(image.value) : undefined;
  if (imageName) owner.image = imageName;
  const notes = [`Started by the Actions runner with \`docker create -p\`${imageName ? ` (image \`${imageName}\`)` : ''}.`];
  if (runner.inWords) notes.push(`Runs on ${runner.inWords}: a fresh virtual machine deleted when the job ends.`);
  const found: PublishedPort[] = [];
  let refused = false;
  if (isScalar(options) && options.range && typeof options.value === 'string') {
    const anchor = isScalar(optionsPair!.key) && optionsPair!.key.range ? optionsPair!.key.range[0] : options.range[0];
    refused = readOptions(options as Scalar<string>, text, anchor, owner, notes, found, facts);
  }
  for (const item of isSeq(ports) ? ports.items : []) {
    const entry = resolveNode(item, doc);
    if (!isScalar(entry) || !entry.range || entry.value === null || typeof entry.value === 'object') continue;
    found.push(portEntry(entry as Scalar, text, owner, notes));
  }
  for (const publish of found) {
    if (runner.throwAway) publish.throwAwayHost = runner.throwAway;
    if (refused) {
      publish.discarded = true;
      publish.notes = [...publish.notes, REFUSED_NETWORK];
    }
    facts.publishes.push(publish);
  }
}

const REFUSED_NETWORK = 'The runner attaches the container to the job\'s network (`--network github_network_…`) before `options:`, and docker create refuses another network mode beside it: the container is not created.';

/**
 * `options:` read as `docker create` reads the runner's arguments: the runner's own network first,
 * then the words of the string, then the image. Its publishes go to `found`; the rest to `facts`.
 * True when Docker refuses the network options (nothing of the container runs).
 */
function readOptions(options: Scalar<string>, text: string, anchor: number, owner: Owner, notes: string[], found: PublishedPort[], facts: DocumentFacts): boolean {
  const written = foldedScalarText(options, text);
  const value = written.text.includes('${{') ? withUnknownExpressions(written) : written;
  const at = options.range![0];
  const standIn = (word: string): ShellWord => ({ value: { text: word, offsets: [], start: at, end: at }, span: { start: at, end: at } });
  const runnerNetwork = [standIn('--network'), standIn('github_network_…')];
  const image: ShellWord = { value: literalText(owner.image ?? '(container image)', text.length), span: { start: text.length, end: text.length } };
  const read = emptyFacts('workflow');
  readRunOptions([...runnerNetwork, ...splitArguments(value), image], 'docker', anchor, read);
  for (const publish of read.publishes) {
    found.push({ ...publish, owner, notes: [...notes, 'Written in `options:`, which the runner passes to `docker create` as written.', ...publish.notes] });
  }
  for (const marker of read.publishAll) facts.publishAll.push({ ...marker, owner: { ...owner } });
  facts.refusals.push(...read.refusals.map((refusal) => ({ ...refusal, message: `${refusal.message} ${REFUSED_NETWORK}` })));
  facts.explanations.push(...read.explanations);
  return read.refusals.length > 0;
}

function portEntry(entry: Scalar, text: string, owner: Owner, notes: string[]): PublishedPort {
  const written = scalarText(entry, text);
  const expressions = [...written.text.matchAll(EXPRESSION)].map((m) => m[0]);
  const value = expressions.length > 0 ? withUnknownExpressions(written) : written;
  const publish = yamlShortSpec(entry, text, written, value, { notes, unknownVariables: expressions, owner });
  publish.origin = 'run';
  return publish;
}

/** `${{ … }}` is known only when the workflow runs: it stands for one unknown character, at its `$`. */
const EXPRESSION = /\$\{\{[^}]*\}\}/g;

function withUnknownExpressions(written: MappedText): MappedText {
  const builder = new MappedTextBuilder(written.text);
  const offsets = written.offsets;
  let from = 0;
  const pushWritten = (start: number, end: number) => {
    for (let i = start; i < end; i++) builder.pushChar(written.text[i], offsets[i]);
  };
  for (const match of written.text.matchAll(EXPRESSION)) {
    pushWritten(from, match.index);
    builder.pushChar(UNKNOWN_TEXT, offsets[match.index] ?? written.start);
    from = match.index + match[0].length;
  }
  pushWritten(from, written.text.length);
  builder.markStart(written.start);
  builder.end = written.end;
  return builder.build(written.start, written.end);
}

interface Runner {
  /** The GitHub-hosted label the job runs on, when it surely runs on one (its labels, for a matrix). */
  throwAway?: string;
  /** The same for the hover's note, with the matrix key when there is one. */
  inWords?: string;
}

/**
 * GitHub-hosted labels: `ubuntu-`, `windows-` and `macos-` followed by `latest`, `slim` or a version,
 * optionally an architecture or size (the list GitHub documents and actionlint's rule_runner_label.go
 * keeps). Service containers need a Linux runner, but any hosted label is a throw-away machine.
 */
const HOSTED_LABEL = /^(?:ubuntu|windows|macos)-(?:latest|slim|\d+(?:\.\d+)?)(?:-(?:arm|arm64|intel|large|xlarge|xl|\d+-cores))?$/i;

/**
 * `runs-on` as one label, a list of labels (a runner must have them all) or a runner group.
 * `${{ matrix.KEY }}` is each of the matrix's values for KEY (matrixValues). Any other expression,
 * `self-hosted` or a group is not known to be GitHub-hosted.
 */
function runnerOf(node: Node | undefined, job: YAMLMap, doc: Document): Runner {
  const written = labelsOf(node, doc);
  if (!written) return {};
  const key = written.map((label) => MATRIX_LABEL.exec(label)?.[1]).find((k) => k !== undefined);
  if (key === undefined) {
    const hosted = hostedLabel(written);
    return hosted ? { throwAway: hosted, inWords: `\`${hosted}\`, a GitHub-hosted runner` } : {};
  }
  const values = matrixValues(job, key, doc);
  if (!values || values.length === 0) return {};
  const hosted: string[] = [];
  for (const value of values) {
    // Each value stands in for the expression: one runner's labels per value of the matrix.
    const labels = written.flatMap((label) => (MATRIX_LABEL.exec(label)?.[1] === key ? value : [label]));
    const label = hostedLabel(labels);
    if (!label) return {};
    if (!hosted.includes(label)) hosted.push(label);
  }
  const labels = hosted.map((label) => `\`${label}\``).join(' or ');
  return { throwAway: `${hosted.join(' or ')} (matrix.${key})`, inWords: `${labels} (every value of \`matrix.${key}\`), ${hosted.length > 1 ? 'each a GitHub-hosted runner' : 'a GitHub-hosted runner'}` };
}

/** `${{ matrix.os }}`, `${{matrix.runner}}`: the whole label is one matrix value. */
const MATRIX_LABEL = /^\$\{\{\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

/** A label or a list of labels, as text; undefined when it is neither (a group mapping, say). */
function labelsOf(node: Node | undefined, doc: Document): string[] | undefined {
  if (isScalar(node)) return node.value === null ? undefined : [String(node.value)];
  if (!isSeq(node)) return undefined;
  const labels: string[] = [];
  for (const item of node.items) {
    const label = resolveNode(item, doc);
    if (!isScalar(label) || label.value === null) return undefined;
    labels.push(String(label.value));
  }
  return labels;
}

/** The GitHub-hosted label of a runner's labels, when it surely is one. */
function hostedLabel(labels: string[]): string | undefined {
  if (labels.length === 0 || labels.some((label) => /self-hosted/i.test(label) || label.includes('${{'))) return undefined;
  return labels.find((label) => HOSTED_LABEL.test(label));
}

/**
 * Every value `matrix.KEY` takes in the job: the list under `strategy.matrix.KEY` and the KEY of
 * each `include` entry (an include adds a combination or extends one; either way the job may run
 * with that value). Each value is a runner's labels. Undefined when the matrix or one of the
 * values is only known when the workflow runs (an expression).
 */
function matrixValues(job: YAMLMap, key: string, doc: Document): string[][] | undefined {
  const strategy = resolveNode(job.get('strategy', true), doc);
  const matrix = isMap(strategy) ? resolveNode(strategy.get('matrix', true), doc) : undefined;
  if (!isMap(matrix)) return undefined;
  const values: string[][] = [];
  const listed = resolveNode(matrix.get(key, true), doc);
  if (listed !== undefined) {
    if (!isSeq(listed)) return undefined;
    for (const item of listed.items) {
      const labels = labelsOf(resolveNode(item, doc), doc);
      if (!labels) return undefined;
      values.push(labels);
    }
  }
  const include = resolveNode(matrix.get('include', true), doc);
  if (include !== undefined && !isSeq(include)) return undefined;
  for (const item of isSeq(include) ? include.items : []) {
    const entry = resolveNode(item, doc);
    if (!isMap(entry)) return undefined;
    const value = entry.get(key, true);
    if (value === undefined) continue;
    const labels = labelsOf(resolveNode(value, doc), doc);
    if (!labels) return undefined;
    values.push(labels);
  }
  return values;
}
