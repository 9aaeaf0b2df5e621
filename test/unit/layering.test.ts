/**
 * Imports flow one way: the entry points (lsp/, cli/, action/) use workspace/ and engine/ (and
 * runtime/, how their Node process is tuned);
 * workspace/ uses engine/; the engine uses neither, reads no files and takes only types from the
 * LSP packages, so the same analysis runs in the server, the CLI, the Action and the tests.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.join(__dirname, '..', '..', '..', 'server', 'src');

/** Layers by top folder, and the folders each may import from. */
const MAY_IMPORT: Record<string, string[]> = {
  engine: ['engine'],
  workspace: ['workspace', 'engine'],
  runtime: ['runtime'],
  lsp: ['lsp', 'workspace', 'engine', 'runtime'],
  cli: ['cli', 'workspace', 'engine', 'runtime'],
  // The Action is the CLI's run with GitHub's annotations around it.
  action: ['action', 'cli', 'workspace', 'engine', 'runtime'],
};

/**
 * The file-system access in the engine: the grammars' WebAssembly (bash, and the code readers'
 * through the tree-sitter runtime), found beside the bundle or in node_modules and loaded once
 * (the parsers' own code, never a workspace file).
 */
const ENGINE_READS_FILES = new Set(['engine/readers/shell/bashParser.ts', 'engine/readers/support/treeSitterRuntime.ts']);
const FILE_SYSTEM = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'worker_threads', 'node:worker_threads', 'child_process', 'node:child_process']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
    found.push({ specifier: match[2] ?? match[3], typeOnly: match[1] !== undefined });
  }
  for (const match of text.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g)) found.push({ specifier: match[1], typeOnly: false });
  return found;
}

describe('layers', () => {
  const files = sources(SRC).map((file) => path.relative(SRC, file).split(path.sep).join('/'));

  it('every source file sits in a layer', () => {
    for (const file of files) assert.ok(MAY_IMPORT[file.split('/')[0]], `${file} is outside engine/, workspace/, runtime/, lsp/, cli/ and action/`);
  });

  for (const file of files) {
    const layer = file.split('/')[0];
    const imports = importsOf(fs.readFileSync(path.join(SRC, file), 'utf8'));
    it(`${file} imports only from ${MAY_IMPORT[layer].join(', ')}`, () => {
      for (const { specifier, typeOnly } of imports) {
        if (specifier.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
          assert.ok(MAY_IMPORT[layer].includes(target.split('/')[0]), `${file} imports ${target}`);
        } else if (layer === 'engine') {
          assert.ok(!/^vscode-languageserver(?:\/|$)|^vscode-languageserver-protocol/.test(specifier) || typeOnly, `${file} imports ${specifier} at run time`);
          assert.ok(!FILE_SYSTEM.has(specifier) || ENGINE_READS_FILES.has(file), `${file} imports ${specifier}`);
        }
      }
    });
  }
});
