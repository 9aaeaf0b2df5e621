/**
 * tree-sitter grammars for the readers of source files and infrastructure code: Python, JavaScript,
 * TypeScript (and TSX), Go and Ruby from @vscode/tree-sitter-wasm (the builds VS Code ships), and
 * Terraform from @tree-sitter-grammars/tree-sitter-hcl (its `tree-sitter-terraform.wasm`, the HCL
 * grammar with Terraform's dialect; the same web-tree-sitter runtime loads it, see README "Terraform").
 *
 * Each grammar is loaded the first time a document of its kind arrives: a session of Compose files
 * never pays for a 2 MB Ruby grammar. Loading is asynchronous (WebAssembly); parsing is synchronous
 * once `loadGrammarFor(kind)` has finished.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';
import type { DocumentKind } from '../../model';
import { initTreeSitter } from '../shell/treeSitterRuntime';

export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'go' | 'ruby' | 'terraform';

/** The wasm file of each grammar, as esbuild.mjs copies it beside the bundles. */
export const GRAMMAR_FILES: Readonly<Record<GrammarName, { file: string; module: string }>> = {
  python: { file: 'tree-sitter-python.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  javascript: { file: 'tree-sitter-javascript.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  typescript: { file: 'tree-sitter-typescript.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  tsx: { file: 'tree-sitter-tsx.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  go: { file: 'tree-sitter-go.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  ruby: { file: 'tree-sitter-ruby.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl' },
};

/** The grammar each kind of document is parsed with. */
export const GRAMMAR_OF_KIND: Partial<Readonly<Record<DocumentKind, GrammarName>>> = {
  terraform: 'terraform',
  python: 'python',
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'tsx',
  go: 'go',
  vagrant: 'ruby',
};

const languages = new Map<GrammarName, Language>();
const loading = new Map<GrammarName, Promise<void>>();

/** Beside the bundle in dist/, or in node_modules when running from source. */
function wasmPath(name: GrammarName): string {
  const { file, module } = GRAMMAR_FILES[name];
  if (fs.existsSync(path.join(__dirname, file))) return path.join(__dirname, file);
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...module.split('/'), file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(__dirname, file);
}

function loadGrammar(name: GrammarName): Promise<void> {
  let promise = loading.get(name);
  if (!promise) {
    promise = (async () => {
      await initTreeSitter();
      languages.set(name, await Language.load(fs.readFileSync(wasmPath(name))));
    })();
    loading.set(name, promise);
  }
  return promise;
}

/** Resolves once the grammar of `kind` can parse (at once for kinds without one). */
export function loadGrammarFor(kind: DocumentKind): Promise<void> {
  const name = GRAMMAR_OF_KIND[kind];
  return name ? loadGrammar(name) : Promise.resolve();
}

/** Whether `kind` still waits for its grammar: callers that run synchronously await `loadGrammarFor` first. */
export function needsGrammarLoad(kind: DocumentKind): boolean {
  const name = GRAMMAR_OF_KIND[kind];
  return name !== undefined && !languages.has(name);
}

/** Parses `text` with the grammar of `kind`; the caller deletes the tree. */
export function parseCode(text: string, name: GrammarName): Tree | undefined {
  const language = languages.get(name);
  if (!language) throw new Error(`the ${name} grammar must be loaded (loadGrammarFor) before parsing`);
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    return parser.parse(text) ?? undefined;
  } finally {
    parser.delete();
  }
}
