/**
 * `k3d cluster create [NAME] [flags]`, as k3d reads it (k3d-io/k3d `cmd/cluster/clusterCreate.go`):
 *
 * - `-p/--port [HOST:][HOSTPORT:]CONTAINERPORT[/PROTOCOL][@NODEFILTER]` (repeatable): the part
 *   before the first `@` not escaped by `\` (`cmd/util/filter.go`, `SplitFiltersFromFlag`) is
 *   Docker's own `-p` spec (`nat.ParsePortSpec` in `pkg/client/ports.go`), so no address is every
 *   interface.
 * - `--api-port [HOST:]HOSTPORT`: matched by `^((IPv4)|(\S+):)?(\d{1,5}|random)$`; no host is
 *   `DefaultAPIHost` = `0.0.0.0` (`cmd/util/ports.go`, `pkg/types/defaults.go`), and a host name
 *   is resolved to its IPv4 address when the command runs. Any address that is not loopback opens
 *   the Kubernetes API to every host that can reach it (as kind's, kind/kindCluster.ts): reported.
 * - Without `--api-port` (and without a config file that may say otherwise) the API server is
 *   published on `0.0.0.0` too, on a random port (`pkg/config/transform.go`).
 */
import type { DocumentFacts, PublishedPort } from '../../model';
import { isVerbatim, MappedText, rebindShortSpec, sliceMapped } from '../../grammar/mappedText';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { clusterOwner } from '../kubernetes/portFields';
import type { ShellWord } from '../shell/containerCommand';

const API_PORT = '6443';
const DEFAULT_API_HOST = '0.0.0.0';
/** k3d's own `apiPortRegexp`, with named groups as JavaScript writes them. */
const API_PORT_SPEC = /^(?:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})|(\S+):)?(\d{1,5}|random)$/;

interface Flag {
  name: string;
  word: ShellWord;
  value?: MappedText;
}

export function readK3d(words: ShellWord[], anchor: number, facts: DocumentFacts): void {
  if (words[0]?.value.text !== 'cluster' || words[1]?.value.text !== 'create') return;
  const create = words[1];
  const flags = readFlags(words.slice(2));
  const name = words.slice(2).find((w, i, all) => !w.value.text.startsWith('-') && !(i > 0 && takesValue(all[i - 1].value.text)));
  const cluster = name ? name.value.text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '…') : undefined;
  for (const flag of flags) {
    if (flag.name === 'port' && flag.value) readPort(flag.value, cluster, anchor, facts);
  }
  const apiPort = flags.filter((f) => f.name === 'api-port' && f.value).pop();
  if (apiPort) readApiPort(apiPort.value!, cluster, anchor, facts);
  else if (!flags.some((f) => f.name === 'config')) defaultApiPort(create, cluster, anchor, facts);
}

const VALUE_SHORTHANDS: Readonly<Record<string, string>> = { p: 'port', c: 'config', a: 'agents', s: 'servers', v: 'volume', e: 'env', i: 'image' };
/** k3d cluster create's flags that take a value (`k3d cluster create --help`): a value is never the cluster's name. */
const VALUE_FLAGS = new Set([
  'port', 'api-port', 'config', 'agents', 'servers', 'volume', 'env', 'image', 'network', 'subnet', 'token', 'timeout', 'k3s-arg',
  'k3s-node-label', 'runtime-label', 'runtime-ulimit', 'registry-create', 'registry-use', 'registry-config', 'host-alias',
  'agents-memory', 'servers-memory', 'gpus', 'lb-config-override', 'kubeconfig-update-default', 'host-pid-mode',
]);

function takesValue(text: string): boolean {
  if (text.startsWith('--')) return !text.includes('=') && VALUE_FLAGS.has(text.slice(2));
  return text.length === 2 && VALUE_SHORTHANDS[text[1]] !== undefined;
}

function readFlags(words: ShellWord[]): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const text = word.value.text;
    if (text === '--') break;
    if (!text.startsWith('-') || text === '-') continue;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) flags.push({ name, word, value: sliceMapped(word.value, eq + 1) });
      else if (VALUE_FLAGS.has(name)) flags.push({ name, word, value: words[++i]?.value });
      else flags.push({ name, word });
      continue;
    }
    const name = VALUE_SHORTHANDS[text[1]];
    if (!name) continue;
    if (text.length > 2) flags.push({ name, word, value: sliceMapped(word.value, text[2] === '=' ? 3 : 2) });
    else flags.push({ name, word, value: words[++i]?.value });
  }
  return flags;
}

/** The spec before the node filter; undefined when an escaped `@` makes the text differ from what k3d reads. */
function specOf(value: MappedText): MappedText | undefined {
  const at = value.text.indexOf('@');
  if (at < 0) return value;
  if (value.text[at - 1] === '\\') return undefined;
  return sliceMapped(value, 0, at);
}

function readPort(value: MappedText, cluster: string | undefined, anchor: number, facts: DocumentFacts): void {
  const spec = specOf(value);
  if (!spec || spec.text === UNKNOWN_TEXT || spec.text === '') return;
  const reading = readPublishSpec(spec.text);
  const filter = value.text.slice(spec.text.length + 1);
  const publish: PublishedPort = {
    span: { start: spec.offsets[0] ?? spec.start, end: spec.end },
    origin: 'k3d',
    written: value.text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '$…'),
    reading,
    notes: filter ? [`Node filter \`${filter}\`: k3d publishes the port on ${/loadbalancer/.test(filter) ? 'its load balancer container' : 'the nodes it names'}; the host side is Docker's.`] : [],
    owner: clusterOwner('k3d-cluster', cluster),
    anchor,
  };
  if (reading.ok) {
    const edits = (address: string) => rebindShortSpec(spec, reading.spec, address);
    if (edits('127.0.0.1')) publish.rebind = (address) => edits(address) ?? [];
  }
  facts.publishes.push(publish);
}

function readApiPort(value: MappedText, cluster: string | undefined, anchor: number, facts: DocumentFacts): void {
  const match = API_PORT_SPEC.exec(value.text);
  if (!match || value.text.includes(UNKNOWN_TEXT)) return;
  const [, ip, hostName, port] = match;
  const host = ip ?? hostName;
  // A host name is resolved where the command runs; `localhost` is this machine.
  const address = host === undefined ? DEFAULT_API_HOST : host === 'localhost' ? '127.0.0.1' : host;
  const reading = readPublishSpec(`${address}:${port === 'random' ? '' : port}:${API_PORT}`);
  if (!reading.ok) return;
  const hostEnd = host === undefined ? 0 : host.length;
  facts.publishes.push({
    span: { start: value.offsets[0] ?? value.start, end: value.end },
    origin: 'k3d',
    written: `--api-port ${value.text}`,
    reading,
    notes: host === undefined ? ['No host in `--api-port`: k3d publishes the API server on 0.0.0.0 (its `DefaultAPIHost`).'] : [],
    owner: clusterOwner('k3d-api-server', cluster),
    anchor,
    anyAddressIsPublic: true,
    // k3d resolves a host to an IPv4 address only: an IPv6 address is no fix.
    rebind: isVerbatim(value, 0, Math.max(hostEnd, 1))
      ? (bind) => bind.includes(':') ? [] : [host === undefined
        ? { start: value.offsets[0], end: value.offsets[0], newText: `${bind}:` }
        : { start: value.offsets[0], end: value.offsets[0] + hostEnd, newText: bind }]
      : undefined,
  });
}

function defaultApiPort(create: ShellWord, cluster: string | undefined, anchor: number, facts: DocumentFacts): void {
  const reading = readPublishSpec(`${DEFAULT_API_HOST}::${API_PORT}`);
  facts.publishes.push({
    span: { ...create.span },
    origin: 'k3d',
    written: 'k3d cluster create (no --api-port)',
    reading,
    notes: ['No `--api-port`: k3d publishes the API server on 0.0.0.0 (its `DefaultAPIHost`) on a random port.'],
    owner: clusterOwner('k3d-api-server', cluster),
    anchor,
    hostSide: "every IPv4 interface (0.0.0.0): k3d's default when `--api-port` gives no host",
    rebind: (bind) => (bind.includes(':') ? [] : [{ start: create.span.end, end: create.span.end, newText: ` --api-port ${bind}:random` }]),
  });
}
