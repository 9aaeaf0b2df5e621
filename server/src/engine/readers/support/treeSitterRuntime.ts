/**
 * The web-tree-sitter runtime of @vscode/tree-sitter-wasm, started once for every grammar (bash,
 * and the code readers'), and the grammars' WebAssembly files: found beside the bundle in dist/,
 * or in node_modules when running from source. The parsers' own files, never a workspace file.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { Parser } from '@vscode/tree-sitter-wasm';

let started: Promise<void> | undefined;
/** Where the runtime finds its files when it has no disk (a web worker): a URL for each file name. */
let locatedBy: ((file: string) => string) | undefined;

/** `file` beside the bundle, else in `module`'s folder under the nearest node_modules. */
function locate(file: string, module: string): string {
  if (fs.existsSync(path.join(__dirname, file))) return path.join(__dirname, file);
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...module.split('/'), file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(__dirname, file);
}

export function initTreeSitter(): Promise<void> {
  if (locatedBy) return initTreeSitterFrom(locatedBy);
  // V8 compiles WebAssembly twice: fast baseline code (Liftoff), then optimised code in the
  // background. For a 1.4 MB grammar the second pass costs ~400 ms of CPU and ~60 MB of memory and
  // holds up process exit, while incremental parses of edited text are short: baseline code is
  // the better trade for both the server and the CLI.
  started ??= (async () => {
    v8.setFlagsFromString('--liftoff-only');
    const runtime = locate('tree-sitter.wasm', '@vscode/tree-sitter-wasm/wasm');
    await Parser.init({ locateFile: (file: string) => path.join(path.dirname(runtime), file) });
  })();
  return started;
}

/**
 * The runtime started from files found by `locateFile` (URLs in VS Code for the Web, whose
 * bundle copies every grammar beside the runtime), and the grammars then read from there too.
 */
export function initTreeSitterFrom(locateFile: (file: string) => string): Promise<void> {
  locatedBy ??= locateFile;
  started ??= Parser.init({ locateFile });
  return started;
}

/** A grammar's WebAssembly, from `module` (an npm package's folder) or beside the bundle; its URL without a disk. */
export function readGrammarFile(file: string, module: string): Uint8Array | string {
  if (locatedBy) return locatedBy(file);
  return fs.readFileSync(locate(file, module));
}
