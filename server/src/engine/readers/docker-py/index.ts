import type { Reader } from '../reader';
import { extractDockerPy } from './dockerPy';

export const dockerPyReader: Reader<'docker-py'> = {
  id: 'docker-py',
  title: 'docker-py',
  recognise: {
    languages: ['python'],
    fileName: /\.py$/i,
    // `import docker`, `docker.from_env()`: a file that never says docker never calls the SDK.
    mayHold: (text) => text.includes('docker'),
  },
  // By path, with activation when the workspace holds Python: opening a Python file elsewhere does not start the extension.
  editor: { selector: [{ pattern: '**/*.py' }], activation: ['workspaceContains:**/*.py'] },
  extract: (text) => extractDockerPy(text),
  ignoreComment: 'hash',
  grammars: ['python'],
};
