import type { Reader } from '../reader';
import { YAML_NAME } from '../support/yamlSupport';
import { ANSIBLE_CONTAINER_TASK, extractAnsible } from './ansible';

export const ansibleReader: Reader<'ansible'> = {
  id: 'ansible',
  title: 'Ansible',
  recognise: {
    languages: ['ansible'],
    // Playbooks, roles' tasks and handlers have no name of their own: a container task says it.
    content: { fileName: YAML_NAME, languages: ['yaml'], test: (text) => text.includes('_container') && ANSIBLE_CONTAINER_TASK.test(text) },
  },
  editor: { selector: [{ language: 'ansible' }, { language: 'yaml' }], activation: ['onLanguage:ansible', 'onLanguage:yaml'] },
  extract: (text) => extractAnsible(text),
  ignoreComment: 'hash',
};
