/**
 * tree-sitter grammars for the readers of source files and infrastructure code: Python,
 * TypeScript (and TSX, whose grammar also reads JavaScript with JSX), Go and Ruby from
 * @vscode/tree-sitter-wasm (the builds VS Code ships), and Terraform from
 * @tree-sitter-grammars/tree-sitter-hcl (its `tree-sitter-terraform.wasm`: the HCL grammar with
 * Terraform's dialect, loaded by the same web-tree-sitter runtime; see the README, "Terraform").
 *
 * A grammar is loaded when the first document that needs it arrives (a session of Compose files
 * never pays for a 2 MB Ruby grammar). Loading is asynchronous (WebAssembly); parsing is
 * synchronous once `loadGrammars` has finished.
 */
import { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';
import { initTreeSitter, readGrammarFile } from '../support/treeSitterRuntime';

export type GrammarName = 'python' | 'typescript' | 'tsx' | 'go' | 'ruby' | 'terraform';

/** The wasm file of each grammar and the package it comes from; esbuild.mjs copies them beside the bundles. */
export const GRAMMAR_FILES: Readonly<Record<GrammarName, { file: string; module: string }>> = {
  python: { file: 'tree-sitter-python.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  typescript: { file: 'tree-sitter-typescript.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  tsx: { file: 'tree-sitter-tsx.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  go: { file: 'tree-sitter-go.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  ruby: { file: 'tree-sitter-ruby.wasm', module: '@vscode/tree-sitter-wasm/wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl' },
};

const languages = new Map<GrammarName, Language>();
const loading = new Map<GrammarName, Promise<void>>();

function loadGrammar(name: GrammarName): Promise<void> {
  let promise = loading.get(name);
  if (!promise) {
    promise = (async () => {
      await initTreeSitter();
      const { file, module } = GRAMMAR_FILES[name];
      languages.set(name, await Language.load(readGrammarFile(file, module)));
    })();
    loading.set(name, promise);
  }
  return promise;
}

/** Resolves once every grammar named can parse. */
export function loadGrammars(names: readonly GrammarName[]): Promise<void> {
  return Promise.all(names.map(loadGrammar)).then(() => undefined);
}

export function grammarsLoaded(names: readonly GrammarName[]): boolean {
  return names.every((name) => languages.has(name));
}

/** Parses `text` with a loaded grammar; the caller deletes the tree. */
export function parseCode(text: string, name: GrammarName): Tree | undefined {
  const language = languages.get(name);
  if (!language) throw new Error(`the ${name} grammar must be loaded (loadGrammars) before parsing`);
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    return parser.parse(text) ?? undefined;
  } finally {
    parser.delete();
  }
}
