import type { Reader } from '../reader';
import { extractDockerfile } from './dockerfile';
import { IncrementalDockerfileExtractor } from './incrementalDockerfile';

export const dockerfileReader: Reader<'dockerfile'> = {
  id: 'dockerfile',
  title: 'Dockerfile',
  recognise: {
    languages: ['dockerfile', 'containerfile'],
    fileName: /^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.(?:Dockerfile|Containerfile)$/i,
  },
  editor: { selector: [{ language: 'dockerfile' }], activation: ['onLanguage:dockerfile'] },
  extract: (text) => extractDockerfile(text),
  incremental: () => {
    const dockerfile = new IncrementalDockerfileExtractor();
    return {
      extract: (text) => dockerfile.extract(text),
      get lastUpdate() {
        return dockerfile.lastUpdate;
      },
    };
  },
  ignoreComment: 'hash',
};
