import type { Recognition } from '../reader';

/** How a docker-py file is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const dockerPyRecognition: Recognition = {
  languages: ['python'],
  fileName: /\.py$/i,
  // Exactly the keyword arguments the reader reads: a file without them holds nothing for it
  // (narrower than `docker`, which many files say in a comment or a socket path).
  mayHold: (text) => /\b(?:ports|port_bindings|network_mode)[ \t]*=/.test(text),
  words: ['ports', 'port_bindings', 'network_mode'],
};
