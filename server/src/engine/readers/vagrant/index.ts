import type { Reader } from '../reader';
import { extractVagrant } from './vagrant';

export const vagrantReader: Reader<'vagrant'> = {
  id: 'vagrant',
  title: 'Vagrant',
  recognise: {
    // A Vagrantfile is Ruby, and opens as `ruby`; other Ruby is never read.
    fileName: /^Vagrantfile$/,
    nameUnderLanguages: ['ruby'],
    mayHold: (text) => /forwarded_port|public_network/.test(text),
  },
  editor: { selector: [{ pattern: '**/Vagrantfile' }], activation: ['workspaceContains:**/Vagrantfile'] },
  extract: (text) => extractVagrant(text),
  ignoreComment: 'hash',
  grammars: ['ruby'],
};
