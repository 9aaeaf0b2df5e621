/** The .vsix holds only what runs: the bundles (Node, with the language client apart, and web), the bash grammar, the settings file schema, README, LICENSE, CHANGELOG, icon. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('package', () => {
  it('lists exactly the files the extension needs at run time', () => {
    const listing = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(listing.trim().split('\n').sort(), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/checker.js', 'dist/extension.js', 'dist/languageClient.js', 'dist/server.js', 'dist/tree-sitter-bash.wasm', 'dist/tree-sitter-go.wasm', 'dist/tree-sitter-python.wasm', 'dist/tree-sitter-ruby.wasm', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter-tsx.wasm', 'dist/tree-sitter-typescript.wasm', 'dist/tree-sitter.wasm', 'dist/web/extension.js', 'dist/web/server.js', 'images/icon.png', 'package.json',
      'schemas/docker-port-safety.schema.json',
    ]);
  });
});
