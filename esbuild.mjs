// Bundles the client, the server and the CLI into dist/, with the bash grammar beside them.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ES module entry does not.
  mainFields: ['module', 'main'],
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // The server's checker thread (lsp/checks/checkerThread.ts), loaded beside dist/server.js.
  { ...common, entryPoints: ['server/src/lsp/checks/checkerThread.ts'], outfile: 'dist/checker.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

/**
 * The GitHub Action runs from the repository itself, with no install step: its bundle and the
 * grammar beside it are committed under action/ (`npm run build:action`; a test checks they are
 * what the sources build).
 */
export const actionBuild = { ...common, entryPoints: ['server/src/action/main.ts'], outfile: 'action/index.js', minify: true, sourcemap: false };

const wasmDir = dirname(require.resolve('@vscode/tree-sitter-wasm'));
function copyGrammar(folder) {
  mkdirSync(folder, { recursive: true });
  for (const file of ['tree-sitter.wasm', 'tree-sitter-bash.wasm']) copyFileSync(join(wasmDir, file), join(folder, file));
}

if (process.argv.includes('--action')) {
  const outdir = process.argv[process.argv.indexOf('--action') + 1] ?? 'action';
  copyGrammar(outdir);
  await esbuild.build({ ...actionBuild, outfile: join(outdir, 'index.js') });
  process.exit(0);
}
copyGrammar('dist');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
