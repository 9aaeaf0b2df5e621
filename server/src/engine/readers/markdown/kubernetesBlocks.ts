/**
 * Kubernetes manifests, kind cluster configs and k3d config files shown on a Markdown page: YAML
 * blocks (tagged `yaml`/`yml`, or with no info string) holding `apiVersion:` and a key these
 * readers act on. Each block is read on its own, as composeBlocks reads Compose blocks, so
 * positions are the page's and a fix keeps the block's indentation and quote markers.
 */
import type { DocumentFacts } from '../../model';
import { extractKubernetes, mayHoldKubernetes } from '../kubernetes/kubernetes';
import { mergeFacts, MovableFacts } from '../../incremental/shiftFacts';
import { markdownCodeBlocks } from './codeBlocks';
import { blockView, withQuotedLineBreaks } from './composeBlocks';

const KUBERNETES_LANGUAGES = new Set(['yaml', 'yml', '', 'kubernetes', 'k8s']);

export function markdownKubernetesFacts(text: string): DocumentFacts {
  const parts: DocumentFacts[] = [];
  for (const block of markdownCodeBlocks(text)) {
    if (!KUBERNETES_LANGUAGES.has(block.language) || block.lines.length === 0) continue;
    const { start, view } = blockView(text, block);
    if (!mayHoldKubernetes(view)) continue;
    const { facts } = new MovableFacts(extractKubernetes(view), start);
    parts.push({ ...facts, publishes: facts.publishes.map((p) => withQuotedLineBreaks(p, text)) });
  }
  return mergeFacts('markdown', parts);
}
