import type { Reader } from '../reader';
import { YAML_NAME } from '../support/yamlSupport';
import { extractKubernetes, looksLikeManifest } from './kubernetes';

export const kubernetesReader: Reader<'kubernetes'> = {
  id: 'kubernetes',
  title: 'Kubernetes manifests',
  recognise: {
    // Manifests have no name of their own: `apiVersion:` and a key about host ports say it.
    content: { fileName: YAML_NAME, languages: ['yaml'], test: looksLikeManifest },
  },
  editor: { selector: [{ language: 'yaml' }], activation: ['onLanguage:yaml'] },
  extract: (text) => extractKubernetes(text, 'kubernetes'),
  ignoreComment: 'hash',
};
