import type { Recognition } from '../reader';

/** How a Vagrantfile is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const vagrantRecognition: Recognition = {
  // A Vagrantfile is Ruby, and opens as `ruby`; other Ruby is never read.
  fileName: /^Vagrantfile$/,
  nameUnderLanguages: ['ruby'],
  mayHold: (text) => /forwarded_port|public_network/.test(text),
  words: ['forwarded_port', 'public_network'],
};
