/**
 * Fix-all, `--fix` and the CLI's `fixable` ask a finding for its preferred fix alone, which a rule
 * may work out without its other fixes (Stop publishing looks at every other service of the file).
 * That shortcut must answer what the whole list would: the first fix, or none for a port that is
 * public by design or declared public. Checked on every reader's fixtures and the examples.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { isIntendedPublic } from '../../server/src/engine/intent/publicClass';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { READERS } from '../../server/src/engine/readers/registry';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { preferredFix } from '../../server/src/engine/rules/rule';
import { settingsWith } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

describe('the preferred fix, asked for alone, is the first of all fixes', () => {
  before(async () => {
    await loadBashGrammar();
    await Promise.all(READERS.map((reader) => loadGrammarFor(reader.id)));
  });
  const documents = [...files(path.join(ROOT, 'test', 'fixtures', 'readers')), ...files(path.join(ROOT, 'examples'))];
  it(`on ${documents.length} fixtures and examples`, () => {
    let compared = 0;
    let shortcuts = 0;
    for (const file of documents) {
      const text = fs.readFileSync(file, 'utf8');
      const kind = documentKindByContent(file, undefined, text);
      if (!kind) continue;
      const options = { settings: settingsWith(), environment: {} };
      // Two analyses of the same text: one asked for the preferred fix first, one for every fix.
      const alone = analyze(text, kind, options).findings;
      const whole = analyze(text, kind, options).findings;
      assert.equal(alone.length, whole.length);
      alone.forEach((finding, i) => {
        const expected = isIntendedPublic(whole[i].publicClass) ? undefined : whole[i].fixes[0];
        const preferred = preferredFix(finding);
        assert.deepEqual(preferred, expected, `${path.relative(ROOT, file)}: ${finding.rule} at ${finding.span.start}`);
        compared++;
        if (preferred && (finding as { first?: unknown }).first) shortcuts++;
      });
    }
    assert.ok(compared > 100, `${compared} findings compared`);
    assert.ok(shortcuts > 50, `${shortcuts} preferred fixes came from the shortcut`);
  });
});
