/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT …`, as kubectl reads it
 * (kubernetes/kubectl `pkg/cmd/portforward/portforward.go`): `--address` is a string slice
 * (comma-separated, repeatable) defaulting to `localhost`, and "only accepts IP addresses or
 * localhost"; localhost binds 127.0.0.1 and ::1. `LOCAL:REMOTE` forwards LOCAL, `:REMOTE` a random
 * local port, `PORT` the same number; REMOTE may be a port name (`8443:https`).
 * Every address in the list is listened on: its own example, `--address localhost,10.19.21.23`,
 * "Listen on port 8888 on localhost and selected IP". So any address that is not loopback opens
 * the forward to every host that can reach that address, not only `0.0.0.0`.
 * Cobra reads flags anywhere among the arguments, so every word that is not a flag or a flag's
 * value is an argument: `port-forward`, then the resource, then the ports.
 */
import type { DocumentFacts, Span, TextEdit } from '../../model';
import { isLoopback, isUnspecified, parseIpAddress } from '../../grammar/ipAddress';
import { isVerbatim, MappedText, sliceMapped } from '../../grammar/mappedText';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import type { ShellWord } from './containerCommand';

/** kubectl's global options that take a value (`kubectl options`), and port-forward's own. */
const VALUE_FLAGS = new Set([
  'as', 'as-group', 'as-uid', 'cache-dir', 'certificate-authority', 'client-certificate', 'client-key', 'cluster', 'context',
  'kubeconfig', 'log-file', 'log-file-max-size', 'log-flush-frequency', 'namespace', 'password', 'profile', 'profile-output',
  'request-timeout', 'server', 'tls-server-name', 'token', 'user', 'username', 'v', 'vmodule', 'log-backtrace-at', 'log-dir',
  'stderrthreshold', 'address', 'pod-running-timeout',
]);
const VALUE_SHORTHANDS: Readonly<Record<string, string>> = { n: 'namespace', s: 'server', v: 'v' };

interface AddressEntry {
  /** One address of the comma-separated list, mapped to the document. */
  value: MappedText;
  text: string;
}

export function readKubectl(words: ShellWord[], anchor: number, facts: DocumentFacts): void {
  const positionals: ShellWord[] = [];
  const addresses: AddressEntry[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index++];
    const text = word.value.text;
    if (text === '--') {
      positionals.push(...words.slice(index));
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      positionals.push(word);
      continue;
    }
    const long = text.startsWith('--');
    const eq = text.indexOf('=');
    const name = long ? text.slice(2, eq < 0 ? undefined : eq) : VALUE_SHORTHANDS[text[1]];
    if (!name || !VALUE_FLAGS.has(name)) continue;
    let value: MappedText | undefined;
    if (long && eq >= 0) value = sliceMapped(word.value, eq + 1);
    else if (!long && text.length > 2) value = sliceMapped(word.value, text[2] === '=' ? 3 : 2);
    else value = words[index++]?.value;
    if (name === 'address' && value) addresses.push(...splitAddresses(value));
  }
  if (positionals[0]?.value.text !== 'port-forward' || positionals.length < 3) return;
  // Every interface decides first, then any other address that is not loopback; fixing it shows the next one.
  const ips = addresses.map((a) => ({ entry: a, ip: parseIpAddress(a.text) }));
  const open = (ips.find(({ ip }) => ip !== undefined && isUnspecified(ip)) ?? ips.find(({ ip }) => ip !== undefined && !isLoopback(ip)))?.entry;
  const resource = positionals[1].value.text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '…');
  for (const port of positionals.slice(2)) readForward(port, open, addresses, resource, anchor, facts);
}

function splitAddresses(value: MappedText): AddressEntry[] {
  const entries: AddressEntry[] = [];
  let from = 0;
  for (let i = 0; i <= value.text.length; i++) {
    if (i < value.text.length && value.text[i] !== ',') continue;
    if (i > from) entries.push({ value: sliceMapped(value, from, i), text: value.text.slice(from, i) });
    from = i + 1;
  }
  return entries;
}

function readForward(port: ShellWord, open: AddressEntry | undefined, addresses: AddressEntry[], resource: string, anchor: number, facts: DocumentFacts): void {
  const text = port.value.text;
  const colon = text.indexOf(':');
  const local = colon < 0 ? text : text.slice(0, colon);
  const remote = colon < 0 ? text : text.slice(colon + 1);
  if (!/^[0-9]*$/.test(local.replace(new RegExp(UNKNOWN_TEXT, 'g'), '')) || remote === '') return;
  // A named remote port (`https`) is the pod's: which number it is is known in the cluster.
  const remotePort = /^[0-9]+$/.test(remote) ? remote : UNKNOWN_TEXT;
  const address = open ? open.text : addresses.length === 0 ? '127.0.0.1' : addresses.every((a) => isLocal(a.text)) ? '127.0.0.1' : UNKNOWN_TEXT;
  const reading = readPublishSpec(`${address.includes(':') ? `[${address}]` : address}:${local}:${remotePort}`);
  if (!reading.ok) return;
  const span: Span = { start: port.span.start, end: port.span.end };
  facts.publishes.push({
    span,
    origin: 'kubectl',
    written: `${open ? `--address ${open.text} ` : ''}${text.replace(new RegExp(UNKNOWN_TEXT, 'g'), '$…')}`,
    reading,
    notes: [
      open
        ? `\`--address ${open.text}\`: kubectl listens on ${onEvery(open) ? 'every interface' : open.text} and forwards whoever connects to ${resource}${onEvery(open) ? '' : `: every host that can reach ${open.text}`}.`
        : addresses.length === 0
          ? 'No `--address`: kubectl listens on localhost only (127.0.0.1 and ::1).'
          : `\`--address\` ${addresses.map((a) => a.text).join(',')}`,
    ],
    owner: { kind: 'kubectl-forward', name: resource },
    anchor,
    anyAddressIsPublic: true,
    hostSide: addresses.length === 0 ? 'this machine only (localhost: 127.0.0.1 and ::1, kubectl\'s default)' : undefined,
    rebind: open && isVerbatim(open.value, 0, open.text.length) ? (bind) => replaceAddress(open, bind) : undefined,
  });
}

function onEvery(entry: AddressEntry): boolean {
  const ip = parseIpAddress(entry.text);
  return ip !== undefined && isUnspecified(ip);
}

/** `localhost` or a loopback address. */
function isLocal(text: string): boolean {
  if (text === 'localhost') return true;
  const ip = parseIpAddress(text);
  return ip !== undefined && isLoopback(ip);
}

/** The open address in the list becomes the bind address; the rest of the list is kept. */
function replaceAddress(open: AddressEntry, bind: string): TextEdit[] {
  const start = open.value.offsets[0];
  return [{ start, end: start + open.text.length, newText: bind }];
}
