import type { Reader } from '../reader';
import { extractEngineApiJs } from './engineApiJs';

const SCRIPTS = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

export const engineApiJsReader: Reader<'engine-api-js'> = {
  id: 'engine-api-js',
  title: 'Engine API from JavaScript and TypeScript',
  recognise: {
    languages: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
    fileName: /\.(?:[cm]?[jt]s|[jt]sx)$/i,
    // Exactly the Engine API fields the reader reads (dockerode's options and raw bodies alike);
    // narrower than `docker`, which many files say in a comment or a socket path. (Plain searches:
    // an alternation regex takes ten times as long on a large bundle.)
    mayHold: (text) => text.includes('PortBindings') || text.includes('NetworkMode'),
  },
  editor: { selector: [{ pattern: SCRIPTS }], activation: [`workspaceContains:${SCRIPTS}`] },
  extract: (text) => extractEngineApiJs(text),
  ignoreComment: 'slash',
  grammars: ['typescript', 'tsx'],
};
