/**
 * Ansible tasks that run containers: `community.docker.docker_container` (`docker_container`) and
 * `containers.podman.podman_container` (`podman_container`), in playbooks, roles, handlers and
 * blocks at any depth. Option names and aliases are the collections' own (their argument specs):
 *
 * - docker: `published_ports` (alias `ports`; the item `all` publishes every exposed port),
 *   `publish_all_ports`, `network_mode: host`, a `networks:` entry named `host`;
 * - podman: `publish` (aliases `ports`, `published`, `published_ports`), `publish_all`,
 *   `network` (aliases `net`, `network_mode`) holding `host`.
 *
 * Items are the same `-p` specs docker run takes. Jinja2 (`"{{ web_port }}:80"`) is rendered where
 * the playbook runs, so its value is unknown here; the address around it is still judged.
 */
import { Document, isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { DocumentFacts, emptyFacts, Owner, PublishedPort } from '../../model';
import { MappedText } from '../../grammar/mappedText';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { parseComposeDocuments } from '../compose/compose';
import { effectivePairs, resolveNode, scalarSpan, scalarText, walkMappings, yamlShortSpec } from '../support/yamlSupport';

type Tool = 'docker' | 'podman';

const MODULES: Readonly<Record<string, Tool>> = {
  'community.docker.docker_container': 'docker',
  'community.general.docker_container': 'docker',
  docker_container: 'docker',
  'containers.podman.podman_container': 'podman',
  podman_container: 'podman',
};

const OPTIONS: Readonly<Record<Tool, { ports: string[]; publishAll: string[]; network: string[] }>> = {
  docker: { ports: ['published_ports', 'ports'], publishAll: ['publish_all_ports'], network: ['network_mode'] },
  podman: { ports: ['publish', 'ports', 'published', 'published_ports'], publishAll: ['publish_all'], network: ['network', 'net', 'network_mode'] },
};

/** A cheap look: does this YAML hold a container task at all? */
export const ANSIBLE_CONTAINER_TASK = /^[ \t]*(?:-[ \t]+)?(?:community\.(?:docker|general)\.docker_container|docker_container|containers\.podman\.podman_container|podman_container)[ \t]*:/m;

export function extractAnsible(text: string): DocumentFacts {
  const facts = emptyFacts('ansible');
  for (const doc of parseComposeDocuments(text)) {
    // A task is a mapping with a module key: its options are read, every other value walked into.
    walkMappings(doc.contents, doc, (map) =>
      map.items.flatMap((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const options = resolveNode(pair.value, doc);
        if (!MODULES[key] || !isMap(options)) return [pair.value];
        readTask(MODULES[key], options, doc, text, facts);
        return [];
      }),
    );
  }
  return facts;
}

function readTask(tool: Tool, options: YAMLMap, doc: Document, text: string, facts: DocumentFacts): void {
  const fields = effectivePairs(options, doc);
  const value = (names: string[]) => {
    for (const name of names) if (fields.has(name)) return resolveNode(fields.get(name)!.value, doc);
    return undefined;
  };
  const nameNode = value(['name']);
  const imageNode = value(['image']);
  const image = isScalar(imageNode) ? String(imageNode.value) : undefined;
  // -P's words are about the image whose exposed ports are published.
  const imageOwner: Owner | undefined = image !== undefined ? { kind: 'container', image } : undefined;
  // Without a container `name:` the image still names what publishes, and decides a server role.
  const owner: Owner | undefined = isScalar(nameNode) && nameNode.value !== null ? { kind: 'container', name: String(nameNode.value), ...(image !== undefined ? { image } : {}) } : imageOwner;
  const hostNetwork = hostNetworkNode(tool, value(OPTIONS[tool].network), value(['networks']), doc);
  if (hostNetwork) facts.hostNetworks.push({ span: scalarSpan(hostNetwork), notes: [], owner });

  const publishAll = value(OPTIONS[tool].publishAll);
  if (isScalar(publishAll) && publishAll.value === true) facts.publishAll.push({ span: scalarSpan(publishAll), notes: [], owner: imageOwner });

  const ports = value(OPTIONS[tool].ports);
  const items = isSeq(ports) ? ports.items.map((item) => resolveNode(item, doc)) : isScalar(ports) ? [ports] : [];
  for (const item of items) {
    if (!isScalar(item) || !item.range || item.value === null) continue;
    if (String(item.value) === 'all') {
      facts.publishAll.push({ span: scalarSpan(item), notes: [], owner: imageOwner });
      continue;
    }
    const publish = readPortItem(item, text, owner);
    if (hostNetwork) {
      publish.discarded = true;
      publish.notes.push('Host networking: Docker discards published ports; the container listens on the host directly.');
    }
    facts.publishes.push(publish);
  }
}

function hostNetworkNode(tool: Tool, mode: Node | undefined, networks: Node | undefined, doc: Document): Scalar | undefined {
  const candidates: Node[] = [];
  if (mode) candidates.push(...(isSeq(mode) ? mode.items.map((i) => resolveNode(i, doc)).filter((n): n is Node => !!n) : [mode]));
  if (tool === 'docker' && isSeq(networks)) {
    for (const item of networks.items) {
      const entry = resolveNode(item, doc);
      const name = isMap(entry) ? resolveNode(effectivePairs(entry, doc).get('name')?.value, doc) : entry;
      if (name) candidates.push(name);
    }
  }
  return candidates.find((n): n is Scalar => isScalar(n) && n.value === 'host' && !!n.range);
}

function readPortItem(item: Scalar, text: string, owner: Owner | undefined): PublishedPort {
  const written = scalarText(item, text);
  const { value, variables, notes } = renderJinja(written);
  return yamlShortSpec(item, text, written, value, { notes, unknownVariables: variables, owner });
}

/** `{{ … }}` becomes one unknown character mapped to its `{`; the variables it names are kept for messages. */
function renderJinja(source: MappedText): { value: MappedText; variables: string[]; notes: string[] } {
  if (!source.text.includes('{{')) return { value: source, variables: [], notes: [] };
  let text = '';
  const offsets: number[] = [];
  const variables: string[] = [];
  let i = 0;
  while (i < source.text.length) {
    const open = source.text.indexOf('{{', i);
    const close = open < 0 ? -1 : source.text.indexOf('}}', open + 2);
    const end = close < 0 ? source.text.length : open;
    for (let k = i; k < end; k++) {
      text += source.text[k];
      offsets.push(source.offsets[k]);
    }
    if (close < 0) break;
    text += UNKNOWN_TEXT;
    offsets.push(source.offsets[open]);
    const name = /[A-Za-z_][\w.]*/.exec(source.text.slice(open + 2, close))?.[0];
    if (name) variables.push(name);
    i = close + 2;
  }
  const notes = variables.map((v) => `\`${v}\` is an Ansible variable: it is set where the playbook runs, so its value is unknown here.`);
  return { value: { text, offsets, start: source.start, end: source.end }, variables, notes };
}
