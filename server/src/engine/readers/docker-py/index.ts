import type { Reader } from '../reader';
import { extractDockerPy } from './dockerPy';

export const dockerPyReader: Reader<'docker-py'> = {
  id: 'docker-py',
  title: 'docker-py',
  recognise: {
    languages: ['python'],
    fileName: /\.py$/i,
    // Exactly the keyword arguments the reader reads: a file without them holds nothing for it
    // (narrower than `docker`, which many files say in a comment or a socket path).
    mayHold: (text) => /\b(?:ports|port_bindings|network_mode)[ \t]*=/.test(text),
  },
  // By path, with activation when the workspace holds Python: opening a Python file elsewhere does not start the extension.
  editor: { selector: [{ pattern: '**/*.py' }], activation: ['workspaceContains:**/*.py'] },
  extract: (text) => extractDockerPy(text),
  ignoreComment: 'hash',
  grammars: ['python'],
};
