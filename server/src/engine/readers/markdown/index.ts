import type { Reader } from '../reader';
import { incrementalShell, readShell } from '../shell/readShell';
import { mergeFacts } from '../../incremental/shiftFacts';
import { heredocKubernetesFacts } from '../kubernetes/heredocs';
import { pageMayHoldKubernetes } from '../kubernetes/kubernetes';
import { markdownComposeFacts } from './composeBlocks';
import { markdownJsonFacts, mayShowJsonSettings } from './jsonBlocks';
import { markdownKubernetesFacts } from './kubernetesBlocks';
import { markdownShellView } from './shellView';

/** A fence tagged as YAML or Compose: only then are a page's blocks read as Compose. */
const COMPOSE_IN_MARKDOWN = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:`{3,}|~{3,})[ \t]*\{?\.?(?:ya?ml|compose|docker-?compose)\b/im;
/** ... or a fence with no info string, on a page that says services (it may hold a whole Compose file: see composeBlocks.ts). */
const UNTAGGED_FENCE = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:`{3,}|~{3,})[ \t]*\r?$/m;
const mayShowCompose = (text: string) => COMPOSE_IN_MARKDOWN.test(text) || (text.includes('services') && UNTAGGED_FENCE.test(text));

export const markdownReader: Reader<'markdown'> = {
  id: 'markdown',
  title: 'Markdown',
  recognise: {
    languages: ['markdown'],
    fileName: /\.(?:md|markdown|mdx)$/i,
  },
  editor: { selector: [{ language: 'markdown' }], activation: ['onLanguage:markdown'] },
  extract: (text) => readShell(text, 'markdown', markdownShellView),
  incremental: incrementalShell('markdown', markdownShellView),
  // A page also shows Compose files, Kubernetes objects and cluster configs (in YAML blocks and in
  // here-documents), dev container configurations and VS Code settings (in JSON blocks): their
  // facts join the commands' (never conflicting with each other).
  embedded: (text, { environment }) => {
    const parts = [];
    if (mayShowCompose(text)) parts.push(markdownComposeFacts(text, environment));
    if (mayShowJsonSettings(text)) parts.push(markdownJsonFacts(text));
    if (pageMayHoldKubernetes(text)) parts.push(markdownKubernetesFacts(text), heredocKubernetesFacts(markdownShellView(text), 'markdown', text));
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : mergeFacts('markdown', parts);
  },
  mayReadYaml: (text) => mayShowCompose(text) || pageMayHoldKubernetes(text),
  ignoreComment: 'hash',
  usesBashGrammar: true,
  showsExamples: true,
};
