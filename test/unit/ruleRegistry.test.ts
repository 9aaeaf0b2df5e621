/**
 * Walks the rule registry: every rule has docs, fixtures whose findings match exactly, a README
 * section and a severity setting in the manifest. Adding a rule without them fails here.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { LineIndex } from '../../server/src/engine/positions';
import { RULES } from '../../server/src/engine/rules/registry';
import { ruleDocsUrl } from '../../server/src/engine/rules/rule';
import { settingsWith } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('rule registry', () => {
  before(() => loadBashGrammar());

  it('lists the seven contract rule ids once each', () => {
    assert.deepEqual(
      RULES.map((r) => r.id).sort(),
      ['host-network', 'invalid-port', 'port-conflict', 'public-bind', 'publish-all', 'sensitive-port', 'unquoted-port'],
    );
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has docs: summary, what it catches, why, how to fix or silence', () => {
        for (const field of ['summary', 'catches', 'why', 'fix'] as const) assert.ok(rule.docs[field].length > 20, `${field} is missing`);
        assert.match(rule.docs.fix, /docker-port-safety ignore|Correct the spec/);
      });

      it('has a README section that the diagnostic links to', () => {
        assert.match(README, new RegExp(`^### \`?${rule.id}\`?$`, 'm'));
        assert.ok(ruleDocsUrl(rule.id).endsWith(`#${rule.id}`));
      });

      it('has a severity setting in the manifest', () => {
        const severity = MANIFEST.contributes.configuration.properties['dockerPortSafety.severity'];
        assert.ok(severity.properties[rule.id], `dockerPortSafety.severity.${rule.id} is not contributed`);
      });

      it('finds exactly what its fixtures expect', () => {
        const dir = path.join(FIXTURES, rule.id);
        const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
        const files = fs.readdirSync(dir).filter((f) => f !== 'expected.json');
        assert.ok(files.length > 0);
        assert.deepEqual(Object.keys(expected).sort(), files.sort(), 'expected.json covers every fixture');
        let total = 0;
        for (const file of files) {
          const text = fs.readFileSync(path.join(dir, file), 'utf8');
          const index = new LineIndex(text);
          const findings = analyze(text, kindFromFileName(file)!, { settings: settingsWith() }).findings.filter((f) => f.rule === rule.id);
          // One non-ASCII character turns a large document's diagnostics into two-byte strings: twice the memory, a third slower.
          for (const f of findings) assert.match(f.message, /^[\x20-\x7e]*$/, `${rule.id}/${file}: message is not plain ASCII: ${f.message}`);
          const found = findings
            .map((f) => {
              const p = index.position(f.span.start);
              return `${p.line + 1}:${p.character + 1} ${f.severity} ${text.slice(f.span.start, f.span.end)}`;
            });
          assert.deepEqual(found, expected[file], `${rule.id}/${file}`);
          total += found.length;
        }
        assert.ok(total > 0, 'fixtures must show the rule firing');
      });
    });
  }
});
