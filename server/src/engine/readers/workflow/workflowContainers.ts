/**
 * GitHub Actions service containers and job containers: `jobs.<id>.services.<name>.ports` and
 * `jobs.<id>.container.ports`. The runner passes each entry to `docker create` as `-p ENTRY`, as
 * written (actions/runner: ContainerInfo copies `container.Ports` into UserPortMappings, and
 * DockerCommandManager.DockerCreate adds `-p {port.Value}` for each), so an entry is a docker `-p`
 * spec: `5432:5432` is every interface of the runner.
 *
 * Where the runner is: a GitHub-hosted label (`ubuntu-latest`, `ubuntu-24.04`, …) is a fresh virtual
 * machine deleted when the job ends (docs.github.com, "GitHub-hosted runners"), so what such a port
 * reaches lives as long as the job; a `self-hosted` runner, a runner group or a label we do not
 * know is a machine that stays, judged like any other publish.
 */
import { Document, isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { DocumentFacts, emptyFacts, Owner, PublishedPort } from '../../model';
import { MappedText, MappedTextBuilder } from '../../grammar/mappedText';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { workflowJobs } from './workflowShellView';
import { resolveNode, scalarText, yamlShortSpec } from '../support/yamlSupport';

/** The cheap test: a workflow without these words starts no container of its own. */
export function mayStartContainers(text: string): boolean {
  return text.includes('services:') || text.includes('container:');
}

export function workflowContainerFacts(text: string): DocumentFacts {
  const facts = emptyFacts('workflow');
  if (!mayStartContainers(text)) return facts;
  for (const { name, job, doc } of workflowJobs(text)) {
    const runner = runnerOf(resolveNode(job.get('runs-on', true), doc), doc);
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
  if (!isSeq(ports)) return;
  const image = resolveNode(definition.get('image', true), doc);
  const imageName = isScalar(image) && image.value !== null ? String(image.value) : undefined;
  if (imageName) owner.image = imageName;
  const notes = [`Started by the Actions runner with \`docker create -p\`${imageName ? ` (image \`${imageName}\`)` : ''}.`];
  if (runner.throwAway) notes.push(`Runs on \`${runner.throwAway}\`, a GitHub-hosted runner: a fresh virtual machine deleted when the job ends.`);
  for (const item of ports.items) {
    const entry = resolveNode(item, doc);
    if (!isScalar(entry) || !entry.range || entry.value === null || typeof entry.value === 'object') continue;
    const publish = portEntry(entry as Scalar, text, owner, notes);
    if (runner.throwAway) publish.throwAwayHost = runner.throwAway;
    facts.publishes.push(publish);
  }
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
  /** The GitHub-hosted label the job runs on, when it surely runs on one. */
  throwAway?: string;
}

/**
 * GitHub-hosted labels: `ubuntu-`, `windows-` and `macos-` followed by `latest`, `slim` or a version,
 * optionally an architecture or size (the list GitHub documents and actionlint's rule_runner_label.go
 * keeps). Service containers need a Linux runner, but any hosted label is a throw-away machine.
 */
const HOSTED_LABEL = /^(?:ubuntu|windows|macos)-(?:latest|slim|\d+(?:\.\d+)?)(?:-(?:arm|arm64|intel|large|xlarge|xl|\d+-cores))?$/i;

/**
 * `runs-on` as one label, a list of labels (a runner must have them all) or a runner group. An
 * expression (`${{ matrix.os }}`), `self-hosted` or a group is not known to be GitHub-hosted.
 */
function runnerOf(node: Node | undefined, doc: Document): Runner {
  const labels: string[] = [];
  if (isScalar(node)) labels.push(String(node.value));
  else if (isSeq(node)) {
    for (const item of node.items) {
      const label = resolveNode(item, doc);
      if (!isScalar(label)) return {};
      labels.push(String(label.value));
    }
  } else return {};
  if (labels.length === 0 || labels.some((label) => /self-hosted/i.test(label) || label.includes('${{'))) return {};
  const hosted = labels.find((label) => HOSTED_LABEL.test(label));
  return hosted ? { throwAway: hosted } : {};
}
