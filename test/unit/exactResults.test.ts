/** The exact results the product promises for the common forms of all three file kinds. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { extractFacts } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { ruleContext } from '../../server/src/engine/analyze';
import { applyPreferredFix, check, settingsWith, spans } from '../support/engine';

describe('exact results', () => {
  before(() => loadBashGrammar());

  const shell: [string, string, string | undefined, ('error' | 'warning')?][] = [
    ['docker run -p 3456:3000 app', '3456:3000', 'docker run -p 127.0.0.1:3456:3000 app'],
    ['docker run -p 4567 app', '4567', 'docker run -p 127.0.0.1::4567 app'],
    ['docker run -p 0.0.0.0:3456:3000 app', '0.0.0.0:3456:3000', 'docker run -p 127.0.0.1:3456:3000 app'],
    ['docker run -p [::]:8080:80 x', '[::]:8080:80', 'docker run -p [::1]:8080:80 x'],
    ['docker run -p "$HOST_PORT:3000" app', '$HOST_PORT:3000', 'docker run -p "127.0.0.1:$HOST_PORT:3000" app'],
    ['docker run -p 5432:5432 postgres', '5432:5432', 'docker run -p 127.0.0.1:5432:5432 postgres', 'error'],
  ];
  for (const [line, span, fixed, severity] of shell) {
    it(`run.sh: ${line}`, () => {
      const findings = check(line, 'shell');
      assert.equal(findings.length, 1);
      assert.equal(findings[0].rule, 'public-bind');
      assert.deepEqual(spans(line, findings), [span]);
      assert.equal(findings[0].severity, severity ?? 'warning');
      assert.equal(findings[0].fixes[0].title, `Bind to ${line.includes('[::]') ? '::1' : '127.0.0.1'} (this machine only)`);
      assert.equal(applyPreferredFix(line, findings[0]), fixed);
    });
  }

  it('run.sh: the PostgreSQL error names the service', () => {
    assert.match(check('docker run -p 5432:5432 postgres', 'shell')[0].message, /PostgreSQL/);
  });

  it('run.sh: flags after the image are the container command, not ours', () => {
    assert.deepEqual(check('docker run img server -p 8080:80', 'shell'), []);
  });

  const compose: [string, string][] = [
    ['- "8080:80"', '- "127.0.0.1:8080:80"'],
    ['- 5432:5432', '- "127.0.0.1:5432:5432"'],
    ['- "3000"', '- "127.0.0.1::3000"'],
  ];
  for (const [item, fixed] of compose) {
    it(`compose: ${item}`, () => {
      const text = `services:\n  s:\n    ports:\n      ${item}\n`;
      const finding = check(text, 'compose').find((f) => f.rule === 'public-bind')!;
      assert.equal(applyPreferredFix(text, finding), `services:\n  s:\n    ports:\n      ${fixed}\n`);
    });
  }

  it('compose: long syntax without host_ip gets it aligned with target', () => {
    const text = 'services:\n  s:\n    ports:\n      - target: 80\n        published: 8080\n';
    const finding = check(text, 'compose').find((f) => f.rule === 'public-bind')!;
    assert.equal(applyPreferredFix(text, finding), 'services:\n  s:\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n');
  });

  it('Dockerfile: EXPOSE 22 is sensitive-port', () => {
    assert.deepEqual(check('FROM x\nEXPOSE 22\n', 'dockerfile').map((f) => f.rule), ['sensitive-port']);
  });

  it('Dockerfile: EXPOSE 70000 and EXPOSE 80/xyz are invalid-port', () => {
    const findings = check('FROM x\nEXPOSE 70000\nEXPOSE 80/xyz\n', 'dockerfile');
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.message]), [
      ['invalid-port', 'error', 'Docker refuses this: invalid containerPort: 70000'],
      ['invalid-port', 'error', 'Docker refuses this: invalid proto: xyz'],
    ]);
  });

  it('Dockerfile: ARG PORT=3000 then EXPOSE ${PORT} hovers as 3000/tcp, documented, not published', () => {
    const text = 'FROM x\nARG PORT=3000\nEXPOSE ${PORT}\n';
    const facts = extractFacts(text, 'dockerfile');
    const hover = hoverAt(facts, text.indexOf('${PORT}') + 2, ruleContext({ settings: settingsWith() }));
    assert.ok(hover);
    assert.match(hover.markdown, /3000\/tcp/);
    assert.match(hover.markdown, /\*\*documents\*\* the port; it does \*\*not publish\*\* it/);
    assert.match(hover.markdown, /Value after ARG\/ENV expansion: `3000`/);
  });
});
