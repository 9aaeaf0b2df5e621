/** V8 flags for batch runs are set only on the V8 versions that have them (an unknown flag prints an error in every CI log). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { batchRunFlags } from '../../server/src/cli/batchTuning';
import { nodeVersions } from '../support/nodeVersions';

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

  // Each Node the bundles run on (this machine's and Node 24 from the npm registry): the flags
  // chosen for its V8 version are flags its V8 lists.
  for (const { name, binary } of nodeVersions()) {
    it(`every flag chosen for ${name}'s V8 is one that V8 lists`, () => {
      const v8Version = spawnSync(binary, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).stdout.trim();
      assert.match(v8Version, /^\d+\./);
      const listed = spawnSync(binary, ['--v8-options'], { encoding: 'utf8' }).stdout;
      assert.match(listed, /^\s+--max-old-space-size\s/m, 'the list is read as V8 prints it');
      for (const flag of batchRunFlags(v8Version)) {
        const name = flag.replace(/=.*/, '');
        assert.match(listed, new RegExp(`^\\s+${name}\\s`, 'm'), `${flag} is not a flag of V8 ${v8Version}`);
      }
    });
  }
});
