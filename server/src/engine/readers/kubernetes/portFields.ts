/** Reading the numeric port fields of Kubernetes-style objects (`containerPort`, `hostPort`, kind's mappings). */
import { Document, isScalar, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Owner, PublishedPort, Span } from '../../model';
import { readPublishSpec, UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { contentSpan, effectivePairs, resolveNode } from '../support/yamlSupport';

export interface Fields {
  pairs: Map<string, Pair>;
  /** The scalar under `key`, when there is one. */
  scalar(key: string): Scalar | undefined;
}

export function fieldsOf(map: YAMLMap, doc: Document): Fields {
  const pairs = effectivePairs(map, doc);
  return {
    pairs,
    scalar(key) {
      const node = resolveNode(pairs.get(key)?.value, doc);
      return isScalar(node) && node.range && node.value !== null ? node : undefined;
    },
  };
}

/**
 * A port number as the API reads it (an integer; `0` or absent means "not set"): its digits, `''`
 * when not set, UNKNOWN_TEXT when a template (`{{ .Values.port }}`, `${PORT}`) decides it, and
 * undefined when the API would refuse it (the object is invalid; that is not this checker's to say).
 */
export function portNumberText(scalar: Scalar | undefined): string | undefined {
  if (!scalar) return '';
  const value = String(scalar.value).trim();
  if (/^[0-9]+$/.test(value)) return Number(value) === 0 ? '' : String(Number(value));
  // kind: -1 leaves the port to the container backend, a random one too.
  if (value === '-1') return '';
  if (/\{\{|\$\{?\w/.test(value)) return UNKNOWN_TEXT;
  return undefined;
}

/** An address field: '' when absent, UNKNOWN_TEXT when templated, the address otherwise. */
export function addressText(scalar: Scalar | undefined): string {
  if (!scalar) return '';
  const value = String(scalar.value).trim();
  return /\{\{|\$\{?\w/.test(value) ? UNKNOWN_TEXT : value;
}

/** `TCP`, `UDP`, `SCTP` as Docker's lower-case protocol; anything else is left to the API to refuse. */
export function protocolText(scalar: Scalar | undefined): string | undefined {
  if (!scalar) return 'tcp';
  const value = String(scalar.value).toLowerCase();
  return ['tcp', 'udp', 'sctp'].includes(value) ? value : undefined;
}

/**
 * A publish as Docker's `IP:HOST:CONTAINER/PROTO` spec, which every rule and the port map read.
 * Undefined when the spec does not read (an address the tool would refuse, say).
 */
export function toolPublish(
  fields: { address: string; hostPort: string; containerPort: string; protocol: string },
  details: Omit<PublishedPort, 'reading' | 'written' | 'notes'> & { written: string; notes?: string[] },
): PublishedPort | undefined {
  const container = fields.containerPort === '' ? UNKNOWN_TEXT : fields.containerPort;
  const reading = readPublishSpec(`${fields.address}:${fields.hostPort}:${container}/${fields.protocol}`);
  if (!reading.ok) return undefined;
  return { ...details, reading, notes: details.notes ?? [] };
}

export function spanOfNode(node: Node | Scalar): Span {
  return isScalar(node) ? contentSpan(node) : { start: node.range![0], end: node.range![1] };
}

/** A cluster's owner: its name only when the file gives one. */
export function clusterOwner(kind: 'kind-cluster' | 'kind-api-server' | 'k3d-cluster' | 'k3d-api-server', name: string | undefined): Owner {
  return name === undefined ? { kind } : { kind, name };
}
