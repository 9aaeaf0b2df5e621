/**
 * The project's own tools over the protocol: `npm run fuzz` and `npm run fuzz -- soak` start the
 * built server and edit documents; run briefly here so that a script that no longer starts is
 * found by `npm test`, not by the next person who needs it (the fuzzer once failed on its first
 * line with a name it never imported).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('npm run fuzz, briefly', () => {
  for (const [name, args, summary] of [
    ['the fuzzer', ['40'], /^fuzz: 40 edits over \d+ fixtures, \d+ hover\/code-action requests, .* 0 failures$/m],
    ['the soak', ['soak', '40'], /^soak: 40 edits over \d+ fixtures, .* 0 failures$/m],
  ] as const) {
    it(`${name}: ${args.join(' ')} edits, every answer equal to a fresh check`, () => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'fuzz.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, summary);
    });
  }
});
