import type { Reader } from '../reader';
import { engineApiGoRecognition } from './recognition';
import { extractGoEngineApi } from './goEngineApi';

export const engineApiGoReader: Reader<'engine-api-go'> = {
  id: 'engine-api-go',
  title: 'Engine API from Go',
  recognise: engineApiGoRecognition,
  editor: { selector: [{ pattern: '**/*.go' }], activation: ['onLanguage:go'] },
  extract: (text) => extractGoEngineApi(text),
  ignoreComment: 'slash',
  grammars: ['go'],
};
