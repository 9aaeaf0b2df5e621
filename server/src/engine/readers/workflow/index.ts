import type { Reader } from '../reader';
import { heredocsOf } from '../kubernetes/heredocs';
import { incrementalShell, readShell } from '../shell/readShell';
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
  embedded: heredocsOf('workflow', workflowShellView),
  ignoreComment: 'hash',
  usesBashGrammar: true,
};
