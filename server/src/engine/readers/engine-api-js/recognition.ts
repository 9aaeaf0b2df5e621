import type { Recognition } from '../reader';

/** How a script that may call the Engine API is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const engineApiJsRecognition: Recognition = {
  languages: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  fileName: /\.(?:[cm]?[jt]s|[jt]sx)$/i,
  // Exactly the Engine API fields the reader reads (dockerode's options and raw bodies alike);
  // narrower than `docker`, which many files say in a comment or a socket path. (Plain searches:
  // an alternation regex takes ten times as long on a large bundle.)
  mayHold: (text) => text.includes('PortBindings') || text.includes('NetworkMode'),
  words: ['PortBindings', 'NetworkMode'],
};
