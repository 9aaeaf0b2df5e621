import type { Reader } from '../reader';
import { extractDevcontainer } from './devcontainer';

const DEVCONTAINER_FILES = '**/{.devcontainer/devcontainer.json,.devcontainer.json,devcontainer.json}';

export const devcontainerReader: Reader<'devcontainer'> = {
  id: 'devcontainer',
  title: 'Dev container',
  recognise: {
    fileName: /^\.?devcontainer\.json$/i,
    nameUnderLanguages: ['json', 'jsonc'],
  },
  editor: {
    selector: [
      { language: 'json', pattern: DEVCONTAINER_FILES },
      { language: 'jsonc', pattern: DEVCONTAINER_FILES },
    ],
    activation: ['onLanguage:json', 'onLanguage:jsonc'],
  },
  extract: (text) => extractDevcontainer(text),
  ignoreComment: 'slash',
};
