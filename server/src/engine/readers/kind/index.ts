import type { Reader } from '../reader';
import { extractKubernetes, looksLikeKindCluster } from '../kubernetes/kubernetes';
import { YAML_NAME } from '../support/yamlSupport';

export const kindReader: Reader<'kind'> = {
  id: 'kind',
  title: 'kind',
  recognise: {
    // `kind create cluster --config FILE`: any name; `kind: Cluster` with kind's apiVersion says it.
    content: { fileName: YAML_NAME, languages: ['yaml'], test: looksLikeKindCluster },
  },
  editor: { selector: [{ language: 'yaml' }], activation: ['onLanguage:yaml'] },
  extract: (text) => extractKubernetes(text, 'kind'),
  ignoreComment: 'hash',
};
