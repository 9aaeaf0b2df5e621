/**
 * YAML with `apiVersion` and `kind`: Kubernetes manifests (several documents a file), kind cluster
 * configs and k3d config files. Each document is read by what its `apiVersion` and `kind` say.
 */
import { isMap, isScalar } from 'yaml';
import { DocumentFacts, emptyFacts } from '../../model';
import { parseComposeDocuments } from '../compose/compose';
import { effectivePairs, resolveNode } from '../support/yamlSupport';
import { readK3dConfig } from './k3dConfig';
import { readKindCluster } from './kindCluster';
import { readPodSpecs } from './podSpecs';

/** A top-level `apiVersion:` (at the start of a line, as every manifest writes it). */
const API_VERSION = /^apiVersion[ \t]*:/m;
/** Keys one of these readers acts on: a manifest without them costs this scan and no parse. */
const KUBERNETES_PORT_KEYS = /\b(?:hostPort|hostNetwork|extraPortMappings|apiServerAddress)\b|\bk3d\.io\//;

/** The cheap test: YAML that is a Kubernetes-style object and says something about host ports. */
export function looksLikeKubernetes(text: string): boolean {
  return text.includes('apiVersion') && API_VERSION.test(text) && KUBERNETES_PORT_KEYS.test(text);
}

/** A page that may show such objects in its code blocks (behind quote markers, in list items). */
export function pageMayHoldKubernetes(text: string): boolean {
  return text.includes('apiVersion') && KUBERNETES_PORT_KEYS.test(text);
}

/** The same test for a block of a page, whose keys may be indented (inside a list item). */
export function mayHoldKubernetes(view: string): boolean {
  return /^[ \t]*apiVersion[ \t]*:/m.test(view) && KUBERNETES_PORT_KEYS.test(view);
}

export function extractKubernetes(text: string): DocumentFacts {
  const facts = emptyFacts('kubernetes');
  if (!KUBERNETES_PORT_KEYS.test(text)) return facts;
  for (const doc of parseComposeDocuments(text)) {
    const root = resolveNode(doc.contents, doc);
    if (!isMap(root)) continue;
    const top = effectivePairs(root, doc);
    const scalarOf = (key: string) => {
      const node = resolveNode(top.get(key)?.value, doc);
      return isScalar(node) && node.value !== null ? String(node.value) : '';
    };
    const apiVersion = scalarOf('apiVersion');
    const kind = scalarOf('kind');
    if (apiVersion.startsWith('kind.x-k8s.io/') && kind === 'Cluster') readKindCluster(root, doc, text, facts);
    else if (apiVersion.startsWith('k3d.io/') && kind === 'Simple') readK3dConfig(root, doc, text, facts);
    else if (apiVersion !== '' && kind !== '') readPodSpecs(root, doc, text, facts, `${kind} ${scalarOfPath(root, doc, ['metadata', 'name']) || '(unnamed)'}`);
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
