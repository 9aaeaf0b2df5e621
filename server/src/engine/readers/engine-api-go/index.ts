import type { Reader } from '../reader';
import { extractGoEngineApi } from './goEngineApi';

export const engineApiGoReader: Reader<'engine-api-go'> = {
  id: 'engine-api-go',
  title: 'Engine API from Go',
  recognise: {
    languages: ['go'],
    fileName: /\.go$/i,
    // Exactly the types and field the reader reads (nat's and moby's PortBinding and PortMap, NetworkMode).
    mayHold: (text) => text.includes('PortBinding') || text.includes('PortMap') || text.includes('NetworkMode'),
  },
  editor: { selector: [{ pattern: '**/*.go' }], activation: ['workspaceContains:**/*.go'] },
  extract: (text) => extractGoEngineApi(text),
  ignoreComment: 'slash',
  grammars: ['go'],
};
