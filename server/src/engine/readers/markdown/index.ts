import type { Reader } from '../reader';
import { incrementalShell, readShell } from '../shell/readShell';
import { markdownComposeFacts } from './composeBlocks';
import { markdownShellView } from './shellView';

/** A fence tagged as YAML or Compose: only then are a page's blocks read as Compose. */
const COMPOSE_IN_MARKDOWN = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:`{3,}|~{3,})[ \t]*\{?\.?(?:ya?ml|compose|docker-?compose)\b/im;

export const markdownReader: Reader<'markdown'> = {
  id: 'markdown',
  title: 'Markdown',
  recognise: {
    languages: ['markdown'],
    fileName: /\.(?:md|markdown|mdx)$/i,
  },
  editor: { selector: [{ language: 'markdown' }], activation: ['onLanguage:markdown'] },
  extract: (text) => readShell(text, 'markdown', markdownShellView),
  incremental: incrementalShell('markdown', markdownShellView),
  // A page also shows Compose files: their facts join the commands' (never conflicting with each other).
  embedded: (text, { environment }) => (COMPOSE_IN_MARKDOWN.test(text) ? markdownComposeFacts(text, environment) : undefined),
  ignoreComment: 'hash',
  usesBashGrammar: true,
  showsExamples: true,
};
