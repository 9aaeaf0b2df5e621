import type { Reader } from '../reader';
import { extractVscodeSettings } from './vscodeSettings';

const SETTINGS_FILES = '**/{.vscode/settings.json,*.code-workspace}';

export const vscodeSettingsReader: Reader<'vscode-settings'> = {
  id: 'vscode-settings',
  title: 'VS Code port forwarding',
  recognise: {
    // A folder's settings and a multi-root workspace's file; a dev container's settings are read by its own reader.
    fileName: /\.code-workspace$/i,
    path: /(?:^|\/)\.vscode\/settings\.json$/i,
    nameUnderLanguages: ['json', 'jsonc'],
  },
  editor: {
    selector: [
      { language: 'json', pattern: SETTINGS_FILES },
      { language: 'jsonc', pattern: SETTINGS_FILES },
    ],
    activation: ['onLanguage:json', 'onLanguage:jsonc'],
  },
  extract: (text) => extractVscodeSettings(text),
  ignoreComment: 'slash',
};
