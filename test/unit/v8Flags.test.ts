/** V8 flags are set only on the V8 versions that have them (an unknown flag prints an error in every CI log and output channel). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { batchRunFlags, processFlags } from '../../server/src/runtime/v8Flags';
import { nodeVersions } from '../support/nodeVersions';

const NO_BASH_LEXER_TIER_UP = '--wasm-tier-up-filter=2147483647';

describe('V8 flags of our Node processes', () => {
  const cases: [string, string, string[], string[]][] = [
    // [name, V8 version, every process (the server too), a batch run (CLI, Action)]
    ['Node 20', '11.3.244.8-node.38', [], ['--interrupt-budget=500000']],
    ['Node 22', '12.4.254.21-node.57', [], []],
    ['Node 24', '13.6.233.17-node.63', [NO_BASH_LEXER_TIER_UP], [NO_BASH_LEXER_TIER_UP]],
    ['Node 25', '14.1.146.11-node.25', [NO_BASH_LEXER_TIER_UP], [NO_BASH_LEXER_TIER_UP]],
    ['a V8 newer than any checked', '15.0.1', [], []],
    ['unreadable version', 'unknown', [], []],
  ];
  for (const [name, version, server, batch] of cases) {
    it(`${name} (V8 ${version}): server ${server.join(' ') || 'none'}; batch run ${batch.join(' ') || 'none'}`, () => {
      assert.deepEqual(processFlags(version), server);
      assert.deepEqual(batchRunFlags(version), batch);
    });
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

  // What the flag is for, counted rather than timed: V8 says which functions it compiled with which
  // compiler. Over a Markdown page with one shell command, the bash grammar's lexer (the one
  // function of more than 100 KB) stays with the baseline compiler on every Node the bundles run on.
  for (const { name, binary } of nodeVersions()) {
    it(`${name}: a CLI run over a page never sends the bash lexer to the optimising compiler`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-v8-'));
      const page = path.join(dir, 'README.md');
      fs.writeFileSync(page, '# Run it\n\n```sh\ndocker run -p 8080:80 nginx\n```\n');
      const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
      const run = spawnSync(binary, ['--trace-wasm-compilation-times', cli, '--fail-on', 'none', page], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /README\.md:4:15: warning public-bind/, 'the page was read');
      const compiled = [...run.stdout.matchAll(/^Compiled function \S+ using (\w+),.* bodysize (\d+)/gm)].map((m) => ({ compiler: m[1], size: Number(m[2]) }));
      assert.ok(compiled.some((f) => f.size > 100_000), 'the trace names the lexer (compiled once by the baseline compiler)');
      assert.deepEqual(compiled.filter((f) => f.size > 100_000 && f.compiler !== 'Liftoff'), []);
    });
  }
});
