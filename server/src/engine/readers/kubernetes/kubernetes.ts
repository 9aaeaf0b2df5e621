/**
 * YAML with `apiVersion` and `kind`: Kubernetes manifests (several documents a file), kind cluster
 * configs and k3d config files. Each document is read by what its `apiVersion` and `kind` say; the
 * three readers (kubernetes/, kind/, k3d/), a page's YAML blocks and scripts' here-documents share it.
 */
import { isMap, isScalar } from 'yaml';
import { DocumentFacts, DocumentKind, emptyFacts } from '../../model';
import { parseComposeDocuments } from '../compose/compose';
import { effectivePairs, resolveNode } from '../support/yamlSupport';
import { readK3dConfig } from '../k3d/k3dConfig';
import { readKindCluster } from '../kind/kindCluster';
import { readPodSpecs } from './podSpecs';
import { mergeFacts, MovableFacts } from '../../incremental/shiftFacts';

/** A top-level `apiVersion:` (at the start of a line, as every manifest writes it). */
const API_VERSION = /^apiVersion[ \t]*:/m;
/** Keys one of these readers acts on: a manifest without them costs this scan and no parse. */
const KUBERNETES_PORT_KEYS = /\b(?:hostPort|hostNetwork|extraPortMappings|apiServerAddress)\b|\bk3d\.io\//;

/** The cheap tests of the three surfaces, on a whole YAML file (the registry tries kind and k3d first). */
export const looksLikeKindCluster = (text: string) => text.includes('kind.x-k8s.io') && /^apiVersion[ \t]*:[ \t]*["']?kind\.x-k8s\.io\//m.test(text) && /^kind[ \t]*:[ \t]*["']?Cluster\b/m.test(text);
export const looksLikeK3dConfig = (text: string) => text.includes('k3d.io') && /^apiVersion[ \t]*:[ \t]*["']?k3d\.io\//m.test(text);
export const looksLikeManifest = (text: string) => text.includes('apiVersion') && API_VERSION.test(text) && /\bhost(?:Port|Network)\b/.test(text);

/** A page or a script that may show such objects (in code blocks, behind quote markers, in here-documents). */
export function pageMayHoldKubernetes(text: string): boolean {
  return text.includes('apiVersion') && KUBERNETES_PORT_KEYS.test(text);
}

/** The same test for one block or here-document, whose keys may be indented (inside a list item). */
export function mayHoldKubernetes(view: string): boolean {
  return /^[ \t]*apiVersion[ \t]*:/m.test(view) && KUBERNETES_PORT_KEYS.test(view);
}

/**
 * Every document of a Kubernetes-style YAML file, whichever of the three surfaces recognised it (a
 * file may hold a kind config and the manifests deployed on it): facts of kind `kind`.
 */
export function extractKubernetes(text: string, kind: DocumentKind = 'kubernetes'): DocumentFacts {
  if (!KUBERNETES_PORT_KEYS.test(text)) return emptyFacts(kind);
  const parts = documentParts(text);
  if (parts.length === 1) return readEveryDocument(text, kind);
  // A bundle of manifests (custom resource definitions, a chart's output): only the documents that
  // hold a key these readers act on are parsed, each on its own, its facts placed where it starts.
  const read = parts.filter((part) => KUBERNETES_PORT_KEYS.test(part.text)).map((part) => new MovableFacts(readEveryDocument(part.text, kind), part.start).facts);
  return mergeFacts(kind, read);
}

/** A `---` line: it starts a document wherever it stands (the yaml package ends the one before there too, even inside a quoted scalar). */
const DOCUMENT_START = /^---(?=[ \t]|\r?$)/gm;

/**
 * The documents of a YAML stream, each from its `---` line to the next. A stream with directives
 * (`%YAML`, which belong to the document after them) is one part, read whole.
 */
export function documentParts(text: string): { start: number; text: string }[] {
  if (/^%/m.test(text)) return [{ start: 0, text }];
  const starts = [0];
  for (const marker of text.matchAll(DOCUMENT_START)) if (marker.index > 0) starts.push(marker.index);
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

/** Every document of a text, parsed as one stream. */
export function readEveryDocument(text: string, kind: DocumentKind = 'kubernetes'): DocumentFacts {
  const facts = emptyFacts(kind);
  for (const doc of parseComposeDocuments(text)) {
    const root = resolveNode(doc.contents, doc);
    if (!isMap(root)) continue;
    const top = effectivePairs(root, doc);
    const scalarOf = (key: string) => {
      const node = resolveNode(top.get(key)?.value, doc);
      return isScalar(node) && node.value !== null ? String(node.value) : '';
    };
    const apiVersion = scalarOf('apiVersion');
    const objectKind = scalarOf('kind');
    if (apiVersion.startsWith('kind.x-k8s.io/') && objectKind === 'Cluster') readKindCluster(root, doc, text, facts);
    else if (apiVersion.startsWith('k3d.io/') && objectKind === 'Simple') readK3dConfig(root, doc, text, facts);
    else if (apiVersion !== '' && objectKind !== '') readPodSpecs(root, doc, text, facts, `${objectKind}/${scalarOfPath(root, doc, ['metadata', 'name']) || '(unnamed)'}`);
  }
  return facts;
}

/** The scalar at `path` under `map`, as text ('' when absent or not a scalar). */
export function scalarOfPath(map: unknown, doc: Parameters<typeof resolveNode>[1], path: string[]): string {
  let node = resolveNode(map, doc);
  for (const key of path) {
    if (!isMap(node)) return '';
    node = resolveNode(effectivePairs(node, doc).get(key)?.value, doc);
  }
  return isScalar(node) && node.value !== null ? String(node.value) : '';
}
