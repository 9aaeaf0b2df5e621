/** V8 flags for batch runs are set only on the V8 versions that have them (an unknown flag prints an error in every CI log). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { batchRunFlags } from '../../server/src/cli/batchTuning';

describe('V8 flags for a run over a tree', () => {
  const cases: [string, string, string[]][] = [
    ['Node 20', '11.3.244.8-node.38', ['--interrupt-budget=500000']],
    ['Node 22', '12.4.254.21-node.57', []],
    ['Node 24', '13.6.233.17-node.63', []],
    ['unreadable version', 'unknown', []],
  ];
  for (const [name, version, flags] of cases) {
    it(`${name} (V8 ${version}): ${flags.join(' ') || 'none'}`, () => assert.deepEqual(batchRunFlags(version), flags));
  }

  it('every flag chosen for this Node is one its V8 lists', () => {
    const listed = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of batchRunFlags()) {
      const name = flag.replace(/=.*/, '');
      assert.match(listed, new RegExp(`^\\s+${name}\\s`, 'm'), `${flag} is not a flag of V8 ${process.versions.v8}`);
    }
  });
});
