/** The checker thread writes diagnostics JSON directly; it must be exactly what serializing the diagnostic objects gives. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { diagnosticsJsonBytes, roomForPublish, toDiagnostic } from '../../server/src/lsp/lspDiagnostics';
import { LineIndex } from '../../server/src/engine/positions';
import { settingsWith } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');

describe('diagnostics JSON', () => {
  before(() => loadBashGrammar());

  it('is JSON.stringify of the diagnostics for every rule fixture (severities, anchors, related locations, quotes in messages), as UTF-8 bytes', () => {
    let compared = 0;
    const related = new Set<boolean>();
    for (const rule of fs.readdirSync(FIXTURES)) {
      for (const file of fs.readdirSync(path.join(FIXTURES, rule)).filter((f) => f !== 'expected.json')) {
        const text = fs.readFileSync(path.join(FIXTURES, rule, file), 'utf8');
        const { findings } = analyze(text, kindFromFileName(file)!, { settings: settingsWith({ severity: { 'unquoted-port': 'hint' } }) });
        const index = new LineIndex(text);
        const uri = `file:///fixtures/${rule}/${file}`;
        const expected = JSON.stringify(findings.map((f) => toDiagnostic(f, index, uri, () => '')));
        assert.equal(Buffer.from(diagnosticsJsonBytes(findings, index, uri, () => '')).toString('utf8'), expected, `${rule}/${file} as bytes`);
        compared += findings.length;
        for (const f of findings) related.add(f.related !== undefined);
      }
    }
    assert.ok(compared > 50, `compared ${compared} diagnostics`);
    assert.deepEqual([...related].sort(), [false, true], 'fixtures include findings with and without related locations');
  });

  it('writes into a spare buffer that is large enough, leaving room around the bytes, and grows past one that is not', () => {
    // 300 runs of the same port: every finding points at the others, far more than a diagnostic's usual size.
    const text = Array.from({ length: 300 }, (_, i) => `docker run -p 8080:80 🐳-${i}\n`).join('');
    const { findings } = analyze(text, 'shell', { settings: settingsWith() });
    const index = new LineIndex(text);
    const expected = JSON.stringify(findings.map((f) => toDiagnostic(f, index, 'file:///ü.sh', () => '')));
    const room = roomForPublish('file:///ü.sh');
    // Writing checks room for the worst case (three bytes a character) before each diagnostic.
    const spare = new ArrayBuffer(room.before + room.after + 2 * Buffer.byteLength(expected));
    const inSpare = diagnosticsJsonBytes(findings, index, 'file:///ü.sh', () => '', room, spare);
    assert.equal(inSpare.buffer, spare, 'the spare buffer is written into');
    assert.equal(inSpare.byteOffset, room.before);
    assert.ok(inSpare.buffer.byteLength - inSpare.byteOffset - inSpare.byteLength >= room.after);
    assert.equal(Buffer.from(inSpare).toString('utf8'), expected);
    const grown = diagnosticsJsonBytes(findings, index, 'file:///ü.sh', () => '', room, new ArrayBuffer(1024));
    assert.ok(Buffer.byteLength(expected) > findings.length * 1024, 'the first estimate is too small: the buffer grows');
    assert.equal(grown.byteOffset, room.before);
    assert.ok(grown.buffer.byteLength - grown.byteOffset - grown.byteLength >= room.after);
    assert.equal(Buffer.from(grown).toString('utf8'), expected);
  });

  it('is exact for thousands of diagnostics and non-ASCII text, byte for byte', () => {
    const text = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `docker run -p ü${i}:80 x\n` : `docker run -p ${1000 + i}:80 🐳-${i}\n`)).join('');
    const { findings } = analyze(text, 'shell', { settings: settingsWith() });
    const index = new LineIndex(text);
    const expected = JSON.stringify(findings.map((f) => toDiagnostic(f, index, 'file:///ü.sh', () => '')));
    assert.ok(Buffer.byteLength(expected) > 64 * 1024 * 10 && /ü/.test(expected), 'large, with non-ASCII messages');
    assert.equal(Buffer.from(diagnosticsJsonBytes(findings, index, 'file:///ü.sh', () => '')).toString('utf8'), expected);
    assert.equal(Buffer.from(diagnosticsJsonBytes([], index, 'file:///ü.sh', () => '')).toString('utf8'), '[]');
  });
});
