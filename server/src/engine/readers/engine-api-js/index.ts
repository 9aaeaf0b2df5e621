import type { Reader } from '../reader';
import { engineApiJsRecognition } from './recognition';
import { extractEngineApiJs } from './engineApiJs';

const SCRIPTS = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

export const engineApiJsReader: Reader<'engine-api-js'> = {
  id: 'engine-api-js',
  title: 'Engine API from JavaScript and TypeScript',
  recognise: engineApiJsRecognition,
  // Activated when a script opens, the server started only for one that passes the cheap test (client/src/serverDemand.ts).
  editor: { selector: [{ pattern: SCRIPTS }], activation: engineApiJsRecognition.languages!.map((language) => `onLanguage:${language}`) },
  extract: (text) => extractEngineApiJs(text),
  ignoreComment: 'slash',
  grammars: ['typescript', 'tsx'],
};
