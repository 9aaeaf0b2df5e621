/**
 * `devcontainer.json` (`.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
 * `.devcontainer.json`): what the Dev Containers CLI hands to `docker run`, and VS Code's forwarding.
 *
 * - `runArgs` are `docker run` options, read by the same flag grammar.
 * - `appPort` (a number, a string, or an array of either): devcontainers/cli
 *   src/spec-node/singleContainer.ts (`spawnDevContainer`) turns each entry into `-p`: a number N
 *   into `127.0.0.1:N:N` (this machine only), a string as written (`"8080:80"` is every interface).
 *   Only a container from an image or a Dockerfile has it (`DevContainerFromImageConfig`,
 *   `DevContainerFromDockerfileConfig` in src/spec-configuration/configuration.ts); a configuration
 *   with `dockerComposeFile` and neither is started by Compose, which never reads `appPort`
 *   (src/spec-node/configContainer.ts chooses by `'image' in config` / `isDockerFileConfig`).
 * - `forwardPorts` are forwarded by the editor on localhost unless `remote.localPortHost` says
 *   otherwise, which `customizations.vscode.settings` can (see vscodeSettings.ts).
 */
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import { DocumentFacts, emptyFacts, Owner, PublishedPort } from '../../model';
import { literalText, MappedText, rebindShortSpec } from '../../grammar/mappedText';
import { readPublishSpec } from '../../grammar/publishSpec';
import { jsonNestingWithin } from '../support/nestingDepth';
import { readRunOptions, ShellWord } from '../shell/containerCommand';
import { forwardingHost, LOCAL_PORT_HOST } from '../vscode-settings/vscodeSettings';

/** The cheap test: a configuration that names none of these publishes nothing. */
export function mayPublish(text: string): boolean {
  return text.includes('runArgs') || text.includes('appPort') || text.includes('localPortHost');
}

export function extractDevcontainer(text: string): DocumentFacts {
  const facts = emptyFacts('devcontainer');
  if (!mayPublish(text)) return facts;
  // Deeper than the parser may recurse: nothing is read (see nestingDepth.ts).
  if (!jsonNestingWithin(text)) return facts;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return facts;
  readRunArgs(root, text, facts);
  readAppPort(root, text, facts);
  const forwarding = forwardingHost(findNodeAtLocation(root, ['customizations', 'vscode', 'settings', LOCAL_PORT_HOST]));
  if (forwarding) facts.publishes.push(forwarding);
  return facts;
}

function readRunArgs(root: Node, text: string, facts: DocumentFacts): void {
  const runArgs = findNodeAtLocation(root, ['runArgs']);
  if (!runArgs || runArgs.type !== 'array' || !runArgs.children) return;
  const words: ShellWord[] = [];
  for (const item of runArgs.children) {
    if (item.type !== 'string') continue;
    words.push({ value: stringValue(item, text), span: { start: item.offset, end: item.offset + item.length } });
  }
  // runArgs holds only options: a sentinel image word ends them as `docker run … IMAGE` would (the
  // configuration's image when it names one, so runArgs and appPort publish for the same container).
  const image: ShellWord = { value: literalText(imageOf(root)?.image ?? '(devcontainer image)', text.length), span: { start: text.length, end: text.length } };
  readRunOptions([...words, image], 'docker', runArgs.offset, facts);
}

/** A JSON string's value mapped to the document. Escapes change offsets: such a value is mapped to its opening quote (no edits inside). */
function stringValue(item: Node, text: string): MappedText {
  const raw = text.slice(item.offset + 1, item.offset + item.length - 1);
  return raw === item.value
    ? literalText(raw, item.offset + 1)
    : { text: String(item.value), offsets: Array.from(String(item.value), () => item.offset), start: item.offset + 1, end: item.offset + item.length - 1 };
}

function readAppPort(root: Node, text: string, facts: DocumentFacts): void {
  const appPort = findNodeAtLocation(root, ['appPort']);
  if (!appPort) return;
  const startedByCompose = findNodeAtLocation(root, ['dockerComposeFile']) && !['image', 'dockerFile', 'build'].some((key) => findNodeAtLocation(root, [key]));
  if (startedByCompose) {
    facts.explanations.push({
      span: { start: appPort.offset, end: appPort.offset + appPort.length },
      markdown: '**appPort** is not used: this dev container is started from `dockerComposeFile`, and the Compose file publishes its ports.',
    });
    return;
  }
  const owner = imageOf(root);
  for (const entry of appPort.type === 'array' ? appPort.children ?? [] : [appPort]) {
    const publish = entry.type === 'number' ? numberEntry(entry) : entry.type === 'string' ? stringEntry(entry, text) : undefined;
    if (!publish) continue;
    if (owner) publish.owner = owner;
    facts.publishes.push(publish);
  }
}

/** A number N is published as `-p 127.0.0.1:N:N`: nothing to fix, but it is in the port map and can conflict. */
function numberEntry(entry: Node): PublishedPort {
  const written = String(entry.value);
  const resolved = `127.0.0.1:${written}:${written}`;
  return {
    span: { start: entry.offset, end: entry.offset + entry.length },
    origin: 'run',
    written,
    resolved,
    reading: readPublishSpec(resolved),
    notes: [`The Dev Containers CLI publishes a number as \`-p ${resolved}\`: this machine only.`],
  };
}

/** A string is passed to `docker run -p` as written. */
function stringEntry(entry: Node, text: string): PublishedPort {
  const value = stringValue(entry, text);
  const reading = readPublishSpec(value.text);
  const publish: PublishedPort = {
    span: { start: value.start, end: value.end },
    origin: 'run',
    written: value.text,
    reading,
    notes: ['The Dev Containers CLI passes a string to `docker run -p` as written; a number would be published on 127.0.0.1.'],
  };
  if (reading.ok) {
    const spec = reading.spec;
    publish.rebind = (address) => rebindShortSpec(value, spec, address) ?? [];
  }
  return publish;
}

function imageOf(root: Node): Owner | undefined {
  const image = findNodeAtLocation(root, ['image']);
  return image?.type === 'string' ? { kind: 'container', image: String(image.value) } : undefined;
}
