import type { Reader } from '../reader';
import { incrementalShell, readShell } from '../shell/readShell';
import { mayStartContainers, workflowContainerFacts } from './workflowContainers';
import { workflowShellView } from './workflowShellView';

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
  // Service and job containers publish ports beside the steps' commands (read whole, also when the steps are read incrementally).
  embedded: (text) => (mayStartContainers(text) ? workflowContainerFacts(text) : undefined),
  ignoreComment: 'hash',
  usesBashGrammar: true,
};
