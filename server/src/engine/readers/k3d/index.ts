import type { Reader } from '../reader';
import { extractKubernetes, looksLikeK3dConfig } from '../kubernetes/kubernetes';
import { YAML_NAME } from '../support/yamlSupport';

/** k3d config files; `k3d cluster create` in scripts and pages is read by the shell reader (k3dCommand.ts). */
export const k3dReader: Reader<'k3d'> = {
  id: 'k3d',
  title: 'k3d',
  recognise: {
    // `k3d cluster create --config FILE`: any name; `apiVersion: k3d.io/…` says it.
    content: { fileName: YAML_NAME, languages: ['yaml'], test: looksLikeK3dConfig },
  },
  editor: { selector: [{ language: 'yaml' }], activation: ['onLanguage:yaml'] },
  extract: (text) => extractKubernetes(text, 'k3d'),
  ignoreComment: 'hash',
};
