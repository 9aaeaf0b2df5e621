/** The checker thread writes diagnostics JSON directly; it must be exactly what serializing the diagnostic objects gives. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/analyze';
import { kindFromFileName } from '../../server/src/documentKind';
import { loadBashGrammar } from '../../server/src/extract/shell/bashParser';
import { diagnosticsJson, toDiagnostic } from '../../server/src/lspDiagnostics';
import { LineIndex } from '../../server/src/positions';
import { settingsWith } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');

describe('diagnostics JSON', () => {
  before(() => loadBashGrammar());

  it('is JSON.stringify of the diagnostics for every rule fixture (severities, anchors, related locations, quotes in messages)', () => {
    let compared = 0;
    const related = new Set<boolean>();
    for (const rule of fs.readdirSync(FIXTURES)) {
      for (const file of fs.readdirSync(path.join(FIXTURES, rule)).filter((f) => f !== 'expected.json')) {
        const text = fs.readFileSync(path.join(FIXTURES, rule, file), 'utf8');
        const { findings } = analyze(text, kindFromFileName(file)!, { settings: settingsWith({ severity: { 'unquoted-port': 'hint' } }) });
        const index = new LineIndex(text);
        const uri = `file:///fixtures/${rule}/${file}`;
        assert.equal(diagnosticsJson(findings, index, uri, () => ''), JSON.stringify(findings.map((f) => toDiagnostic(f, index, uri, () => ''))), `${rule}/${file}`);
        compared += findings.length;
        for (const f of findings) related.add(f.related !== undefined);
      }
    }
    assert.ok(compared > 50, `compared ${compared} diagnostics`);
    assert.deepEqual([...related].sort(), [false, true], 'fixtures include findings with and without related locations');
  });
});
