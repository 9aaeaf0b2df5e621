import type { Reader } from '../reader';
import { mergeFacts } from '../../incremental/shiftFacts';
import { heredocsOf } from '../kubernetes/heredocs';
import { incrementalShell, mayHoldShellFacts, readShell } from '../shell/readShell';
import { pageMayHoldKubernetes } from '../kubernetes/kubernetes';
import { mayStartContainers, workflowContainerFacts } from './workflowContainers';
import { workflowShellView } from './workflowShellView';

/** Kubernetes manifests in the steps' here-documents. */
const heredocKubernetes = heredocsOf('workflow', workflowShellView);

export const workflowReader: Reader<'workflow'> = {
  id: 'workflow',
  title: 'GitHub Actions',
  recognise: {
    languages: ['github-actions-workflow'],
    path: /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i,
    nameUnderLanguages: ['yaml'],
  },
  editor: { selector: [{ language: 'github-actions-workflow' }, { language: 'yaml' }], activation: ['onLanguage:github-actions-workflow', 'onLanguage:yaml'] },
  extract: (text) => readShell(text, 'workflow', workflowShellView),
  incremental: incrementalShell('workflow', workflowShellView),
  // Service and job containers publish ports beside the steps' commands (read whole, also when the
  // steps are read incrementally), as do manifests in the steps' here-documents.
  embedded: (text) => {
    const heredocs = heredocKubernetes(text);
    if (!mayStartContainers(text)) return heredocs;
    const containers = workflowContainerFacts(text);
    return heredocs ? mergeFacts('workflow', [heredocs, containers]) : containers;
  },
  // Steps are found in the parsed YAML once a command may publish; containers and manifests are YAML too.
  mayReadYaml: (text) => mayHoldShellFacts(text) || mayStartContainers(text) || pageMayHoldKubernetes(text),
  ignoreComment: 'hash',
  usesBashGrammar: true,
};
