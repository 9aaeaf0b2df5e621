import type { Recognition } from '../reader';

/** How a Go file that may use the Engine API's types is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const engineApiGoRecognition: Recognition = {
  languages: ['go'],
  fileName: /\.go$/i,
  // Exactly the types and field the reader reads (nat's and moby's PortBinding and PortMap, NetworkMode).
  mayHold: (text) => text.includes('PortBinding') || text.includes('PortMap') || text.includes('NetworkMode'),
  words: ['PortBinding', 'PortMap', 'NetworkMode'],
};
