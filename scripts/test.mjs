// Runs every test that can run on this machine: compiles the TypeScript tests, builds the
// bundles they exercise, then hands every *.test.js to Node's test runner.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
// The shipped bundles and the .vsix: the LSP, CLI and editor tests all exercise what users get.
run('npm', ['run', '--silent', 'package']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
// Node 24 (GitHub's runners) from the npm registry, once, before the tests that run the bundles on it start.
run(process.execPath, ['out/test/support/nodeVersions.js']);

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.test.js') ? [full] : [];
  });
}

const files = testFiles('out/test').sort();
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
