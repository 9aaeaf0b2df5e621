import type { Reader } from '../reader';
import { vagrantRecognition } from './recognition';
import { extractVagrant } from './vagrant';

export const vagrantReader: Reader<'vagrant'> = {
  id: 'vagrant',
  title: 'Vagrant',
  recognise: vagrantRecognition,
  // By the workspace holding one: a Vagrantfile opens as `ruby`, and every Ruby file would activate on that.
  editor: { selector: [{ pattern: '**/Vagrantfile' }], activation: ['workspaceContains:**/Vagrantfile'] },
  extract: (text) => extractVagrant(text),
  ignoreComment: 'hash',
  grammars: ['ruby'],
};
