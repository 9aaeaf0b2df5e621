/**
 * SARIF for code scanning: checked by Microsoft's SARIF Multitool (the validator for SARIF 2.1.0,
 * with its GitHub rules), and fingerprints that follow a finding when lines are inserted above it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules/registry';
import { SARIF_FINGERPRINT } from '../../server/src/cli/report';
import { writeTree } from '../support/trees';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
// The npm package resolves its platform's binary: a self-contained .NET program, no runtime to install.
const MULTITOOL: string = require('@microsoft/sarif-multitool');

/**
 * What the Multitool advises and this output does not do, and why; anything else it reports, and
 * every error or warning, fails the test.
 */
const ACCEPTED_NOTES: Record<string, string> = {
  // GitHub shows message.text; ids and arguments would need a message table to show anything.
  SARIF2002: 'ProvideMessageArguments',
  // The CLI reads files, not git; github/codeql-action/upload-sarif adds the commit and ref.
  SARIF2003: 'ProvideVersionControlProvenance',
  // An HTTP GET of the $schema and helpUri addresses: tests run without network.
  SARIF2006: 'UrisShouldBeReachable',
  // Rule ids are the product's codes (public-bind, …), the same in the editor, the CLI and the docs.
  SARIF2009: 'ConsiderConventionalIdentifierValues',
};

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text?: string; id?: string; arguments?: string[] };
  partialFingerprints?: Record<string, string>;
  locations: { physicalLocation: { region: { startLine: number } } }[];
}

function validate(sarifText: string): SarifResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-sarif-'));
  const input = path.join(dir, 'input.sarif');
  const output = path.join(dir, 'validation.sarif');
  fs.writeFileSync(input, sarifText);
  const run = spawnSync(MULTITOOL, ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--rule-kind', 'Sarif;Gh'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  // The Multitool writes a byte-order mark before the JSON.
  const log = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, ''));
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  return log.runs[0].results;
}

function sarifOf(dir: string): { text: string; results: SarifResult[] } {
  const run = spawnSync(process.execPath, [CLI, '--format', 'sarif', '--fail-on', 'none', '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { text: run.stdout, results: JSON.parse(run.stdout).runs[0].results };
}

const TREE: Record<string, string> = {
  'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - 8080:80\n      - 8080:80\n    network_mode: host\n  web:\n    image: nginx\n    ports:\n      - "70000:80"\n',
  'Dockerfile': 'FROM alpine\nEXPOSE 22\n',
  'deploy.sh': 'docker run -d -P -p 3000:3000 api\ndocker run -d -p 3000:3000 api\n',
  'docs/guide.md': '# Guide\n\n```console\n$ docker run -p 6379:6379 redis\n```\n',
};

/** Three lines on top of every file, in its own comment syntax. */
function withLinesAbove(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, `${name.endsWith('.md') ? 'Intro.\n\nMore.\n' : '# one\n# two\n# three\n'}${text}`]));
}

describe('SARIF for code scanning', () => {
  it('the SARIF Multitool validates it, before and after lines are inserted above: no error or warning, only the advice listed here with its reason', { timeout: 120000 }, () => {
    for (const tree of [TREE, withLinesAbove(TREE)]) {
      const { text, results } = sarifOf(writeTree(tree, 'dps-sarif-tree-'));
      assert.deepEqual([...new Set(results.map((r) => r.ruleId))].sort(), ['host-network', 'invalid-port', 'port-conflict', 'public-bind', 'publish-all', 'sensitive-port', 'unquoted-port']);
      const reported = validate(text);
      const problems = reported.filter((r) => r.level !== 'note' || !(r.ruleId in ACCEPTED_NOTES));
      assert.deepEqual(problems.map((r) => `${r.ruleId} ${r.level}: ${JSON.stringify(r.message)}`), []);
      assert.ok(reported.length > 0, 'the Multitool ran its rules (it always advises something)');
    }
  });

  it('the Multitool fails a broken log: this test would see a problem', { timeout: 120000 }, () => {
    const broken = JSON.parse(sarifOf(writeTree(TREE, 'dps-sarif-broken-')).text);
    delete broken.runs[0].tool.driver.name;
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const levels = validate(JSON.stringify(broken)).filter((r) => r.level === 'error').map((r) => r.ruleId);
    assert.ok(levels.length >= 2, `errors: ${levels.join(', ')}`);
  });

  it('every result has a fingerprint, and inserting lines above the findings keeps the set; changing a spec changes its one', () => {
    const before = sarifOf(writeTree(TREE, 'dps-sarif-before-')).results;
    const after = sarifOf(writeTree(withLinesAbove(TREE), 'dps-sarif-after-')).results;
    const prints = (results: SarifResult[]) => results.map((r) => r.partialFingerprints?.[SARIF_FINGERPRINT]);
    assert.ok(prints(before).every((p) => typeof p === 'string' && /^[0-9a-f]{32}$/.test(p)));
    assert.equal(new Set(prints(before)).size, before.length, 'equal specs of one owner are told apart by their occurrence');
    assert.deepEqual(new Set(prints(after)), new Set(prints(before)));
    assert.notDeepEqual(after.map((r) => r.locations[0].physicalLocation.region.startLine), before.map((r) => r.locations[0].physicalLocation.region.startLine));
    const changed = sarifOf(writeTree({ ...TREE, 'Dockerfile': 'FROM alpine\nEXPOSE 2222\nEXPOSE 22\n' }, 'dps-sarif-changed-')).results;
    const added = prints(changed).filter((p) => !prints(before).includes(p));
    assert.equal(added.length, 0, 'EXPOSE 22 keeps its identity on another line');
    const respecced = sarifOf(writeTree({ ...TREE, 'deploy.sh': 'docker run -d -P -p 3001:3000 api\ndocker run -d -p 3000:3000 api\n' }, 'dps-sarif-respec-')).results;
    assert.equal(prints(respecced).filter((p) => !prints(before).includes(p)).length, 1, 'a changed spec is a new finding');
  });

  it('every rule has a security-severity GitHub can rank and the security tag', () => {
    const rules = JSON.parse(sarifOf(writeTree(TREE, 'dps-sarif-rules-')).text).runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r: { id: string }) => r.id), RULES.map((r) => r.id));
    for (const rule of rules) {
      const score = rule.properties['security-severity'];
      assert.match(score, /^\d+\.\d$/, rule.id);
      assert.ok(Number(score) > 0 && Number(score) <= 10, rule.id);
      assert.ok(rule.properties.tags.includes('security'), rule.id);
    }
  });

  it('GitLab Code Quality fingerprints are the same identities', () => {
    const dir = writeTree(TREE, 'dps-sarif-cq-');
    const sarif = sarifOf(dir).results.map((r) => r.partialFingerprints![SARIF_FINGERPRINT]);
    const run = spawnSync(process.execPath, [CLI, '--format', 'codequality', '--fail-on', 'none', '.'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(run.stdout).map((issue: { fingerprint: string }) => issue.fingerprint), sarif);
  });
});
