/**
 * tree-sitter's bash grammar from @vscode/tree-sitter-wasm, the build VS Code ships.
 * Loading is asynchronous (WebAssembly); everything after `loadBashGrammar()` is synchronous.
 * A `BashDocumentParser` keeps the last tree of one document and reparses incrementally.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';
import { minimalEdit } from '../../edits';

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
  // V8 compiles WebAssembly twice: fast baseline code (Liftoff), then optimised code in the
  // background. For a 1.4 MB grammar the second pass costs ~400 ms of CPU and ~60 MB of memory and
  // holds up process exit, while incremental parses of edited text are short: baseline code is
  // the better trade for both the server and the CLI.
  v8.setFlagsFromString('--liftoff-only');
  const dir = wasmDirectory();
  await Parser.init({ locateFile: (file: string) => path.join(dir, file) });
  language = await Language.load(fs.readFileSync(path.join(dir, 'tree-sitter-bash.wasm')));
}

export function isBashGrammarLoaded(): boolean {
  return language !== undefined;
}

/** A parser for one-off texts; the caller deletes it. */
export function newBashParser(): Parser {
  if (!language) throw new Error('loadBashGrammar() must finish before parsing shell');
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export class BashDocumentParser {
  private readonly parser: Parser;
  private tree: Tree | undefined;
  private text = '';

  constructor() {
    this.parser = newBashParser();
  }

  /** Parses `text`, reusing the previous tree for the part that did not change. */
  parse(text: string): Tree | undefined {
    const previous = this.tree;
    if (previous && text !== this.text) {
      const edit = minimalEdit(this.text, text);
      if (edit) {
        const newEnd = edit.start + edit.newText.length;
        previous.edit({
          startIndex: edit.start,
          oldEndIndex: edit.end,
          newEndIndex: newEnd,
          startPosition: pointAt(this.text, edit.start),
          oldEndPosition: pointAt(this.text, edit.end),
          newEndPosition: pointAt(text, newEnd),
        });
      }
    } else if (previous && text === this.text) {
      return previous;
    }
    const tree = this.parser.parse(text, previous) ?? undefined;
    previous?.delete();
    this.tree = tree;
    this.text = text;
    return tree;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.parser.delete();
  }
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
