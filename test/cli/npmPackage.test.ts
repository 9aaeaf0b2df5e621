/** `npm pack` gives a package whose commands work after `npm install -g` into a clean prefix, offline. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('npm package', () => {
  it('holds only what runs, and its bins work after a global install into a clean prefix', { timeout: 120000 }, () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-pack-'));
    // dist/ is already built by the test run; packing must not need the build tools.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }));
    assert.deepEqual(packed[0].files.map((f: { path: string }) => f.path).sort(), [
      'LICENSE', 'README.md', 'dist/checker.js', 'dist/cli.js', 'dist/server.js', 'dist/tree-sitter-bash.wasm', 'dist/tree-sitter-go.wasm', 'dist/tree-sitter-python.wasm', 'dist/tree-sitter-ruby.wasm', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter-tsx.wasm', 'dist/tree-sitter-typescript.wasm', 'dist/tree-sitter.wasm', 'package.json',
      'schemas/docker-port-safety.schema.json', 'scripts/build-checkout.cjs',
    ]);
    const prefix = path.join(work, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(work, packed[0].filename)], { encoding: 'utf8' });
    const bin = path.join(prefix, 'bin');
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'run.sh'), 'docker run -p 3456:3000 app-in-port\n');
    const check = spawnSync(path.join(bin, 'docker-port-safety'), ['--no-color', '.'], { cwd: project, encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^run\.sh:1:15: warning public-bind /m);
    const server = spawnSync(path.join(bin, 'docker-port-safety-language-server'), ['--stdio'], { input: '', encoding: 'utf8', timeout: 10000 });
    assert.equal(server.error, undefined);
    assert.equal(server.status, 1, 'the server starts and ends when its input ends without exit');
  });
});
