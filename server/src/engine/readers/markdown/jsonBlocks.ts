/**
 * Dev container configurations and VS Code settings shown on a page: blocks tagged `json`, `jsonc`
 * or `json5` that name `appPort`, `runArgs` or `localPortHost`. READMEs and guides show
 * `"remote.localPortHost": "allInterfaces"` as advice, often as a lone line rather than a whole
 * file, so that setting is found wherever it is written in a block; a whole configuration (an
 * object) is also read as a `devcontainer.json`. Positions and fixes are the page's.
 */
import type { Node } from 'jsonc-parser';
import type { DocumentFacts } from '../../model';
import { mergeFacts, MovableFacts } from '../../incremental/shiftFacts';
import { extractDevcontainer, mayPublish } from '../devcontainer/devcontainer';
import { forwardingHost } from '../vscode-settings/vscodeSettings';
import { markdownCodeBlocks } from './codeBlocks';
import { blockView } from './composeBlocks';

const JSON_LANGUAGES = new Set(['json', 'jsonc', 'json5']);
const JSON_FENCE = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:`{3,}|~{3,})[ \t]*\{?\.?json/im;
/** The setting as a key and a string value, wherever it stands in a block (a lone line is enough). */
const FORWARDING_SETTING = /"remote\.localPortHost"[ \t]*:[ \t]*("(?:[^"\\\r\n]|\\.)*")/g;

/** The cheap test for a page: blocks of ours can only be there when a JSON fence and one of the names are. */
export function mayShowJsonSettings(text: string): boolean {
  return mayPublish(text) && JSON_FENCE.test(text);
}

export function markdownJsonFacts(text: string): DocumentFacts {
  const parts: DocumentFacts[] = [];
  for (const block of markdownCodeBlocks(text)) {
    if (!JSON_LANGUAGES.has(block.language) || block.lines.length === 0) continue;
    const { start, view } = blockView(text, block);
    if (!mayPublish(view)) continue;
    // A whole configuration's runArgs and appPort; its forwarding setting is found with the others below.
    const configuration = extractDevcontainer(view);
    configuration.publishes = configuration.publishes.filter((p) => p.origin !== 'vscode-forwarding');
    parts.push(new MovableFacts({ ...configuration, kind: 'markdown' }, start).facts);
    const settings = mergeFacts('markdown', []);
    for (const match of view.matchAll(FORWARDING_SETTING)) {
      const quoted = match[1];
      let value: unknown;
      try {
        value = JSON.parse(quoted);
      } catch {
        continue;
      }
      const offset = match.index + match[0].length - quoted.length;
      const publish = forwardingHost({ type: 'string', value, offset, length: quoted.length } as Node);
      if (publish) settings.publishes.push(publish);
    }
    parts.push(new MovableFacts(settings, start).facts);
  }
  return mergeFacts('markdown', parts);
}
