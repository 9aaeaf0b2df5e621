import type { Reader } from '../reader';
import { dockerPyRecognition } from './recognition';
import { extractDockerPy } from './dockerPy';

export const dockerPyReader: Reader<'docker-py'> = {
  id: 'docker-py',
  title: 'docker-py',
  recognise: dockerPyRecognition,
  // By path; activated when a Python file opens, the server started only for one that passes the
  // cheap test (client/src/serverDemand.ts): nearly every Python workspace never mentions Docker.
  editor: { selector: [{ pattern: '**/*.py' }], activation: ['onLanguage:python'] },
  extract: (text) => extractDockerPy(text),
  ignoreComment: 'hash',
  grammars: ['python'],
};
