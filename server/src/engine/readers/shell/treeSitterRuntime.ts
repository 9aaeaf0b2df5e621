/** The web-tree-sitter runtime of @vscode/tree-sitter-wasm, started once for every grammar (bash, and the code readers'). */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { Parser } from '@vscode/tree-sitter-wasm';

let started: Promise<void> | undefined;

/** Where tree-sitter.wasm is: beside the bundle in dist/, or in node_modules when running from source. */
export function runtimeDirectory(): string {
  if (fs.existsSync(path.join(__dirname, 'tree-sitter.wasm'))) return __dirname;
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (fs.existsSync(path.join(candidate, 'tree-sitter.wasm'))) return candidate;
  }
  return __dirname;
}

export function initTreeSitter(): Promise<void> {
  // V8 compiles WebAssembly twice: fast baseline code (Liftoff), then optimised code in the
  // background. For a 1.4 MB grammar the second pass costs ~400 ms of CPU and ~60 MB of memory and
  // holds up process exit, while incremental parses of edited text are short: baseline code is
  // the better trade for both the server and the CLI.
  started ??= (async () => {
    v8.setFlagsFromString('--liftoff-only');
    const dir = runtimeDirectory();
    await Parser.init({ locateFile: (file: string) => path.join(dir, file) });
  })();
  return started;
}
