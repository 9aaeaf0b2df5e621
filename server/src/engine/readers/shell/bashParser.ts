/**
 * tree-sitter's bash grammar from @vscode/tree-sitter-wasm, the build VS Code ships.
 * Loading is asynchronous (WebAssembly); everything after `loadBashGrammar()` is synchronous.
 *
 * Trees are never re-used through `tree.edit()`: fuzzing found edits near heredoc markers after
 * which tree-sitter's re-used tree differed from a fresh parse of the same text. Incremental work
 * is done one level up instead (see incrementalShell.ts), re-parsing only the touched statements.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';
import type { DocumentKind } from '../../model';
import { shellViewRanges } from './shellView';
import { initTreeSitter, initTreeSitterFrom } from '../support/treeSitterRuntime';

let language: Language | undefined;

/** Where the two wasm files are: beside the bundle in dist/, or in node_modules when running from source. */
function wasmDirectory(): string {
  if (fs.existsSync(path.join(__dirname, 'tree-sitter-bash.wasm'))) return __dirname;
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (fs.existsSync(path.join(candidate, 'tree-sitter-bash.wasm'))) return candidate;
  }
  return __dirname;
}

export async function loadBashGrammar(): Promise<void> {
  if (language) return;
  await initTreeSitter();
  const dir = wasmDirectory();
  language = await Language.load(fs.readFileSync(path.join(dir, 'tree-sitter-bash.wasm')));
}

/**
 * The grammar from wherever the runtime finds its files: `locate` names tree-sitter's own wasm (a
 * path under Node, a URL in a web worker), `bash` is the grammar's bytes or URL. The code readers'
 * grammars are then found through `locate` as well (treeSitterRuntime.ts).
 */
export async function loadBashGrammarFrom(locate: (file: string) => string, bash: string | Uint8Array): Promise<void> {
  if (language) return;
  await initTreeSitterFrom(locate);
  language = await Language.load(bash);
}

/** A parser for one-off texts; the caller deletes it. */
export function newBashParser(): Parser {
  if (!language) throw new Error('loadBashGrammar() must finish before parsing shell');
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Parses a whole text with a parser made for it (see parseWith); the caller deletes the tree. */
export function parseBash(text: string, kind: DocumentKind = 'shell'): Tree | undefined {
  const parser = newBashParser();
  try {
    return parseWith(parser, text, kind);
  } finally {
    parser.delete();
  }
}

/** Parses a script as it is, and the shell view of a page or workflow without its long blank runs (see shellViewRanges). */
export function parseWith(parser: Parser, text: string, kind: DocumentKind): Tree | undefined {
  const ranges = kind === 'shell' ? undefined : shellViewRanges(text);
  return parser.parse(text, null, ranges ? { includedRanges: ranges } : undefined) ?? undefined;
}
