import type { Recognition } from '../reader';

/** How a Vagrantfile is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const vagrantRecognition: Recognition = {
  // A Vagrantfile is Ruby, and opens as `ruby`; other Ruby is never read.
  fileName: /^Vagrantfile$/,
  nameUnderLanguages: ['ruby'],
  // Forwarded ports, a bridged network, and the Docker provider's `d.ports` and `d.create_args`.
  mayHold: (text) => /forwarded_port|public_network|\.ports\b|\.create_args\b/.test(text),
  words: ['forwarded_port', 'public_network', '.ports', '.create_args'],
};
