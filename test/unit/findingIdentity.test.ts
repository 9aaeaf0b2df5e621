/**
 * A finding's identity across runs (baselines, SARIF fingerprints): what keeps it and what changes
 * it, per surface; and the baseline file written from identities reads back as the same set.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import type { DocumentKind } from '../../server/src/engine/model';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { formatBaseline, readBaseline } from '../../server/src/cli/baseline';
import { FindingIdentity, identitiesOf, identityKey } from '../../server/src/cli/findingIdentity';
import { securitySeverity } from '../../server/src/cli/securitySeverity';
import { RULES } from '../../server/src/engine/rules/registry';
import { settingsWith } from '../support/engine';

function identities(text: string, kind: DocumentKind, display = 'dir/file'): FindingIdentity[] {
  const analysis = analyze(text, kind, { settings: settingsWith() });
  return identitiesOf(display, text, analysis.findings, analysis.facts);
}

const keys = (list: FindingIdentity[]) => list.map(identityKey).sort();

/** [name, kind, before, after, same identities?] */
const CASES: [string, DocumentKind, string, string, boolean][] = [
  ['lines inserted above (Compose)', 'compose', 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n', '# a\n# b\n\nservices:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n', true],
  ['quotes added around the spec', 'compose', 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n', "services:\n  web:\n    image: nginx\n    ports:\n      - '8080:80'\n", true],
  ['another service added before it', 'compose', 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n', 'services:\n  cache:\n    image: redis\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n', true],
  ['the image tag bumped (docker run)', 'shell', 'docker run -d -p 3000:3000 api:1.4\n', 'docker run -d -p 3000:3000 api:1.5\n', true],
  ['flags added around the spec', 'shell', 'docker run -p 3000:3000 api\n', 'docker run -d --rm -p 3000:3000 --name x api\n', true],
  ['a comment line inserted inside a Dockerfile', 'dockerfile', 'FROM alpine\nEXPOSE 22\n', 'FROM alpine\n# ssh\nRUN true\nEXPOSE 22\n', true],
  ['the spec changed', 'shell', 'docker run -p 3000:3000 api\n', 'docker run -p 3001:3000 api\n', false],
  ['the service renamed', 'compose', 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n', 'services:\n  site:\n    image: nginx\n    ports:\n      - "8080:80"\n', false],
  ['another image', 'shell', 'docker run -p 3000:3000 api\n', 'docker run -p 3000:3000 other\n', false],
];

describe('finding identity', () => {
  before(() => loadBashGrammar());

  for (const [name, kind, first, second, same] of CASES) {
    it(`${name}: ${same ? 'the same' : 'a new'} identity`, () => {
      const a = identities(first, kind);
      const b = identities(second, kind);
      assert.ok(a.length > 0);
      if (same) assert.deepEqual(keys(b), keys(a));
      else assert.equal(keys(b).filter((k) => keys(a).includes(k)).length, 0);
    });
  }

  it('equal specs of one owner are told apart by their order; the file is written with /', () => {
    const list = identities('docker run -p 80:80 web\ndocker run -p 80:80 web\n', 'shell', path.join('deploy', 'run.sh'));
    assert.deepEqual(list.filter((i) => i.rule === 'public-bind'), [
      { rule: 'public-bind', file: 'deploy/run.sh', owner: 'web', spec: '80:80', occurrence: 0 },
      { rule: 'public-bind', file: 'deploy/run.sh', owner: 'web', spec: '80:80', occurrence: 1 },
    ]);
  });

  it('a baseline file reads back as the identities it was written from', () => {
    const list = [...identities('docker run -p 80:80 web\ndocker run -P --network host x\n', 'shell', 'b.sh'), ...identities('FROM a\nEXPOSE 22 5432\n', 'dockerfile', 'a/Dockerfile')];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dps-identity-')), 'baseline.json');
    fs.writeFileSync(file, formatBaseline(list));
    assert.deepEqual([...readBaseline(file)].sort(), keys(list));
    assert.equal(formatBaseline([...list].reverse()), formatBaseline(list), 'sorted: the order found does not matter');
    assert.equal(formatBaseline([]), '{\n  "docker-port-safety-baseline": 1,\n  "findings": []\n}\n');
  });

  it('security severity: every rule scores in GitHub\'s range; a public-bind class moves it between critical and low', () => {
    for (const rule of RULES) assert.ok(Number(securitySeverity(rule.id)) >= 0.1 && Number(securitySeverity(rule.id)) <= 10, rule.id);
    assert.ok(Number(securitySeverity('public-bind', 'must-never')) >= 9.0, 'critical');
    assert.ok(Number(securitySeverity('public-bind', 'accidental')) >= 7.0, 'high');
    assert.ok(Number(securitySeverity('public-bind', 'by-design')) < 4.0, 'low');
    assert.ok(Number(securitySeverity('public-bind', 'declared')) < 4.0, 'low');
  });
});
