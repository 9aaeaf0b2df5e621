/** The engine's address hints, from facts alone: which publishes get one and what it says. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { addressHints, DAEMON_DEFAULT } from '../../server/src/engine/inlayHints';
import type { DocumentKind } from '../../server/src/engine/model';

const ALL = DAEMON_DEFAULT;

/** [what, kind, text, environment, [text after the hint, label][]] */
const CASES: [string, DocumentKind, string, Record<string, string>, [string, string][]][] = [
  ['a refused spec binds nothing', 'shell', 'docker run -p 99999:80 app\n', {}, []],
  ['an address from an unset shell variable is not known here', 'shell', 'docker run -p "$IP:80:80" app\n', {}, []],
  ['an IPv6 address is written: none', 'shell', 'docker run -p [::1]:80:80 app\n', {}, []],
  ['an address from .env', 'compose', 'services:\n  web:\n    ports:\n      - "${BIND}:8080:80"\n', { BIND: '0.0.0.0' }, [['${BIND}:8080:80"', '0.0.0.0 =']]],
  ['a port from .env, no address', 'compose', 'services:\n  web:\n    ports:\n      - "${PORT}:80"\n', { PORT: '8080' }, [['${PORT}:80"', `${ALL}:`]]],
  ['a whole spec from an unset variable: no publish to hint', 'compose', 'services:\n  web:\n    ports:\n      - "${SPEC}"\n', {}, []],
  ['a Swarm service without an address: every node', 'compose', 'services:\n  web:\n    ports:\n      - "8080:80"\n    deploy:\n      placement:\n        constraints: [node.role == worker]\n', {}, [['8080:80"', `${ALL} (every node):`]]],
  ['a random port in key=value form', 'shell', 'docker run -p target=80 app\n', {}, [['target=80 app', `${ALL}:random`]]],
  ['host networking discards the publish', 'compose', 'services:\n  web:\n    network_mode: host\n    ports:\n      - "8080:80"\n', {}, []],
];

describe('address hints', () => {
  before(() => loadBashGrammar());
  for (const [what, kind, text, environment, expected] of CASES) {
    it(what, () => {
      const hints = addressHints(extractFacts(text, kind, { environment }), { start: 0, end: text.length });
      assert.deepEqual(
        hints.map((h) => [text.slice(h.offset, h.offset + expected[0]?.[0].length), h.label]),
        expected,
      );
      for (const hint of hints) assert.match(hint.tooltip, /^\*\*Published port\*\* `/);
    });
  }

  it('only hints that start inside the half-open range', () => {
    const text = 'docker run -p 80:80 a\ndocker run -p 81:81 b\n';
    const facts = extractFacts(text, 'shell');
    const second = text.indexOf('81:81');
    assert.deepEqual(addressHints(facts, { start: 0, end: second }).map((h) => h.offset), [text.indexOf('80:80')]);
    assert.deepEqual(addressHints(facts, { start: second, end: second + 1 }).map((h) => h.offset), [second]);
    assert.deepEqual(addressHints(facts, { start: second + 1, end: text.length }), []);
  });
});
