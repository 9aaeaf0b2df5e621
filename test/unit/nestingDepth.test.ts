/**
 * Documents nested deeper than a parser may recurse are never handed to it (see
 * server/src/extract/nestingDepth.ts): the estimate never falls below the real depth, and real
 * files stay far below the limit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { jsonNestingWithin, MAX_NESTING, yamlNestingWithin } from '../../server/src/engine/readers/support/nestingDepth';
import type { DocumentKind } from '../../server/src/engine/model';
import { interpolate } from '../../server/src/engine/grammar/interpolation';
import { literalText } from '../../server/src/engine/grammar/mappedText';
import { UNKNOWN_TEXT } from '../../server/src/engine/grammar/publishSpec';
import { DEEP_DOCUMENTS, HOSTILE_DOCUMENTS } from '../support/hostileDocuments';
import { settingsWith } from '../support/engine';

const flowSequences = (depth: number) => 'services: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
const flowMappings = (depth: number) => 'services: ' + '{a: '.repeat(depth) + '1' + '}'.repeat(depth) + '\n';
const blockMappings = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('');
const compactSequences = (depth: number) => 'services:\n' + '- '.repeat(depth) + 'x\n';
const mixed = (depth: number) => Array.from({ length: depth / 2 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('') + ' '.repeat(depth / 2) + '['.repeat(depth / 2) + ']'.repeat(depth / 2) + '\n';

describe('nesting depth', () => {
  const shapes: [string, (depth: number) => string][] = [
    ['flow sequences', flowSequences], ['flow mappings', flowMappings], ['block mappings', blockMappings], ['compact sequences', compactSequences], ['block and flow together', mixed],
  ];
  for (const [shape, make] of shapes) {
    it(`YAML ${shape}: read at half the limit, refused past it`, () => {
      assert.equal(yamlNestingWithin(make(MAX_NESTING / 2)), true);
      assert.equal(yamlNestingWithin(make(MAX_NESTING + 2)), false);
      assert.equal(yamlNestingWithin(make(5000)), false);
    });
  }

  it('YAML: brackets in comments and quoted strings closed on their line do not count; real files pass', () => {
    assert.equal(yamlNestingWithin(`a: '${'['.repeat(1000)}'\nb: "${'{'.repeat(1000)}"\n# ${'['.repeat(1000)}\n`), true);
    // A quote that does not close on its line is read through: over the real depth, never under it.
    assert.equal(yamlNestingWithin(`a: "x\n${'['.repeat(1000)}"\n`), false);
    for (const file of ['examples/compose.yaml', 'test/fixtures/examples/stack-compose.fixed.yaml']) assert.equal(yamlNestingWithin(readFileSync(file, 'utf8')), true, file);
  });

  it('JSON: arrays and objects, strings and comments skipped', () => {
    assert.equal(jsonNestingWithin('{"runArgs": ' + '['.repeat(MAX_NESTING - 1) + ']'.repeat(MAX_NESTING - 1) + '}'), true);
    assert.equal(jsonNestingWithin('{"runArgs": ' + '['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1) + '}'), false);
    assert.equal(jsonNestingWithin(`{"a": "${'['.repeat(1000)}", // ${'['.repeat(1000)}\n/* ${'{'.repeat(1000)} */ "b": 1}`), true);
  });

  it('defaults inside defaults are worked out 16 levels deep, and deeper ones are unknown', () => {
    const nested = (depth: number) => '${A:-'.repeat(depth) + '80' + '}'.repeat(depth);
    assert.equal(interpolate(literalText(nested(16), 0), {}).value.text, '80');
    assert.equal(interpolate(literalText(nested(17), 0), {}).value.text, UNKNOWN_TEXT);
    assert.equal(interpolate(literalText(nested(100000), 0), {}).value.text, UNKNOWN_TEXT);
    assert.equal(interpolate(literalText('${constructor:-80}', 0), {}).value.text, '80', 'only variables that are set count');
  });

  it('the YAML parser is never handed a document deeper than the limit, in any reader', () => {
    // The package's own exports object, which the compiled readers call through.
    const writable = require('yaml') as { parseAllDocuments: (text: string, options?: object) => unknown };
    const parse = writable.parseAllDocuments;
    let deepest = 0;
    writable.parseAllDocuments = (text: string, options?: object) => {
      // The deepest flow nesting of what the parser is given, counted exactly for these texts.
      let depth = 0;
      for (const c of text) {
        if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
        else if (c === ']' || c === '}') depth--;
      }
      return parse(text, options);
    };
    try {
      const kinds: DocumentKind[] = ['compose', 'workflow', 'markdown', 'ansible', 'devcontainer'];
      // (Braces of defaults inside a quoted port are not YAML's: that document is left out of this count.)
      const documents = [...HOSTILE_DOCUMENTS, ...DEEP_DOCUMENTS].filter(({ name }) => !name.includes('defaults'));
      for (const { make } of documents) for (const kind of kinds) analyze(make(), kind, { settings: settingsWith() });
      assert.ok(deepest > 0 && deepest <= MAX_NESTING, `deepest nesting handed to the parser: ${deepest}`);
    } finally {
      writable.parseAllDocuments = parse;
    }
  });
});
