import type { Reader } from '../reader';
import { extractGoEngineApi } from './goEngineApi';

export const engineApiGoReader: Reader<'engine-api-go'> = {
  id: 'engine-api-go',
  title: 'Engine API from Go',
  recognise: {
    languages: ['go'],
    fileName: /\.go$/i,
    // github.com/docker/go-connections/nat, github.com/docker/docker or github.com/moby/moby imports.
    mayHold: (text) => /docker|moby/.test(text),
  },
  editor: { selector: [{ pattern: '**/*.go' }], activation: ['workspaceContains:**/*.go'] },
  extract: (text) => extractGoEngineApi(text),
  ignoreComment: 'slash',
  grammars: ['go'],
};
