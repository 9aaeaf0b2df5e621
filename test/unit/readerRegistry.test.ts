/**
 * Walks the reader registry: every reader has its folder, fixtures it recognises and reads, a file
 * in examples/ that `npm start` shows, a row in the README's "What it reads" table, and its entries
 * in the client's document selector and the manifest's activation events. Adding a surface without
 * them fails here.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { extractFacts } from '../../server/src/engine/analyze';
import { documentKind, documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { READERS } from '../../server/src/engine/readers/registry';
import { SOURCE_CODE_SURFACES } from '../../server/src/engine/readers/sourceCode';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { findFiles } from '../../server/src/workspace/files';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'readers');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The client's DOCUMENT_SELECTOR, read from its source (the client module needs VS Code to load). */
function clientSelector(): { language?: string; pattern?: string }[] {
  const source = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  const literal = /export const DOCUMENT_SELECTOR = (\[[\s\S]*?\n\]);/.exec(source);
  assert.ok(literal, 'client/src/extension.ts exports DOCUMENT_SELECTOR as an array literal');
  return new Function(`return ${literal[1]};`)();
}

const key = (filter: { language?: string; pattern?: string }) => JSON.stringify([filter.language ?? null, filter.pattern ?? null]);

/** What the walk finds under a folder: its files with the kind each was given. */
function walked(folder: string) {
  const { files, problems } = findFiles([folder]);
  assert.deepEqual(problems, []);
  return files;
}

function factCount(facts: ReturnType<typeof extractFacts>): number {
  return facts.publishes.length + facts.exposes.length + facts.publishAll.length + facts.hostNetworks.length;
}

describe('reader registry', () => {
  before(() => Promise.all([loadBashGrammar(), ...READERS.map((reader) => loadGrammarFor(reader.id))]));

  it('lists each reader once, each in a folder of its id', () => {
    const ids = READERS.map((reader) => reader.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(fs.existsSync(path.join(ROOT, 'server', 'src', 'engine', 'readers', id, 'index.ts')), `readers/${id}/index.ts`);
  });

  it('no language id belongs to two readers', () => {
    const languages = READERS.flatMap((reader) => reader.recognise.languages ?? []);
    assert.equal(new Set(languages).size, languages.length);
  });

  it("the client's document selector is exactly the readers' entries", () => {
    const fromReaders = new Set(READERS.flatMap((reader) => reader.editor.selector.map(key)));
    assert.deepEqual(new Set(clientSelector().map(key)), fromReaders);
  });

  it("the manifest's activation events are exactly the readers' (and the port map's view)", () => {
    const fromReaders = new Set(READERS.flatMap((reader) => reader.editor.activation));
    const events = (MANIFEST.activationEvents as string[]).filter((event) => !event.startsWith('onView:'));
    assert.equal(new Set(events).size, events.length, 'no activation event twice');
    assert.deepEqual(new Set(events), fromReaders);
  });

  it('the light list of source-code surfaces (the client decides with it) is exactly the readers with a cheap test, in order', () => {
    assert.deepEqual(
      SOURCE_CODE_SURFACES,
      READERS.flatMap((reader) => (reader.recognise.mayHold ? [reader.recognise] : [])),
    );
    for (const surface of SOURCE_CODE_SURFACES) assert.ok(READERS.some((reader) => reader.recognise === surface), 'the same object as the reader uses');
  });

  const examples = walked(path.join(ROOT, 'examples'));

  for (const reader of READERS) {
    describe(reader.id, () => {
      const dir = path.join(FIXTURES, reader.id);
      const fixtures = fs.existsSync(dir) ? walked(dir) : [];

      it('has fixtures the walk gives to it, each with facts', () => {
        assert.ok(fixtures.length > 0, `test/fixtures/readers/${reader.id}/ holds files of this kind`);
        for (const file of fixtures) {
          assert.equal(file.kind, reader.id, path.relative(dir, file.path));
          const facts = extractFacts(fs.readFileSync(file.path, 'utf8'), reader.id);
          assert.equal(facts.kind, reader.id);
          assert.ok(factCount(facts) > 0, `${path.relative(dir, file.path)}: no ports read`);
        }
      });

      it('every language it gives the editor opens its fixtures as this kind', () => {
        const languages = reader.editor.selector.flatMap((filter) => (filter.language ? [filter.language] : []));
        for (const language of languages) {
          const opened = fixtures.filter((file) => documentKindByContent(file.path, language, fs.readFileSync(file.path, 'utf8')) === reader.id);
          assert.ok(opened.length > 0, `a fixture opened as ${language} is read as ${reader.id}`);
        }
        for (const language of reader.recognise.languages ?? []) assert.equal(documentKind('any-name', language), reader.id, language);
      });

      it('has activation events for the languages of its selector entries', () => {
        for (const filter of reader.editor.selector) {
          if (filter.language) assert.ok(reader.editor.activation.includes(`onLanguage:${filter.language}`), filter.language);
          else {
            // A selector by path activates through the reader's own languages or the workspace holding such a file.
            const byLanguage = (reader.recognise.languages ?? []).some((language) => reader.editor.activation.includes(`onLanguage:${language}`));
            const byWorkspace = reader.editor.activation.some((event) => event.startsWith('workspaceContains:'));
            assert.ok(byLanguage || byWorkspace, `${filter.pattern}: an onLanguage event of its languages or a workspaceContains event`);
          }
        }
      });

      it('has a file in examples/ that npm start shows', () => {
        assert.ok(examples.some((file) => file.kind === reader.id), `examples/ holds no ${reader.id} file`);
      });

      it(`has a row in the README's "What it reads" table`, () => {
        const table = README.slice(README.indexOf('## What it reads'), README.indexOf('\n## ', README.indexOf('## What it reads') + 1));
        assert.match(table, new RegExp(`^\\| ${reader.title} \\|`, 'm'));
      });
    });
  }
});
