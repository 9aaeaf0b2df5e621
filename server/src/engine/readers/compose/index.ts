import type { Reader } from '../reader';
import { extractCompose } from './compose';
import { COMPOSE_NAME, looksLikeCompose } from './composeFiles';
import { IncrementalComposeExtractor } from './incrementalCompose';
import { YAML_NAME } from '../support/yamlSupport';

export const composeReader: Reader<'compose'> = {
  id: 'compose',
  title: 'Compose',
  recognise: {
    languages: ['dockercompose', 'yaml.docker-compose'],
    fileName: COMPOSE_NAME,
    nameUnderLanguages: ['yaml'],
    // `stack.yml`, `production.yml`: Compose by what it holds, whatever its name.
    content: { fileName: YAML_NAME, languages: ['yaml'], test: looksLikeCompose },
  },
  editor: { selector: [{ language: 'dockercompose' }, { language: 'yaml' }], activation: ['onLanguage:dockercompose', 'onLanguage:yaml'] },
  extract: (text, { environment }) => extractCompose(text, environment),
  incremental: (options) => {
    const compose = new IncrementalComposeExtractor(options.composeReadInPartsFrom);
    return {
      extract: (text, { environment }) => compose.extract(text, environment),
      get lastUpdate() {
        return compose.lastUpdate;
      },
    };
  },
  ignoreComment: 'hash',
};
