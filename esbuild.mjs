// Bundles the client, the server and the CLI into dist/, with the bash grammar beside them.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';

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
  { ...common, entryPoints: ['client/src/nodeExtension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // The server's checker thread (lsp/checks/checkerThread.ts), loaded beside dist/server.js.
  { ...common, entryPoints: ['server/src/lsp/checks/checkerThread.ts'], outfile: 'dist/checker.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

/**
 * VS Code for the Web (the manifest's `browser` entry): the same client and server built for a
 * browser, the server as a web worker script. Node's own modules resolve to what they answer
 * there (lsp/web/withoutNode.ts), `path` and `Buffer` to the packages made to stand in for them.
 */
const NODE_MODULES_IN_A_BROWSER = ['fs', 'fs/promises', 'url', 'v8', 'vm', 'module', 'worker_threads'];
const webPlugin = {
  name: 'web',
  setup(build) {
    const withoutNode = resolvePath('server/src/lsp/web/withoutNode.ts');
    build.onResolve({ filter: new RegExp(`^(node:)?(${NODE_MODULES_IN_A_BROWSER.join('|')})$`) }, () => ({ path: withoutNode }));
    build.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: require.resolve('path-browserify') }));
    // tree-sitter.js asks for its own URL when it loads (document.currentScript, or __filename):
    // a worker has neither. The grammar's files are located by URL anyway (loadBashGrammarFrom).
    build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const missing = "throw new Error('Unable to determine script URL');";
      if (!source.includes(missing)) throw new Error(`${args.path} changed: its script URL lookup is not where the web build expects it`);
      return { contents: source.replace(missing, 'return self.location.href;'), loader: 'js' };
    });
  },
};
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  plugins: [webPlugin],
  inject: ['server/src/lsp/web/buffer.ts'],
};
builds.push(
  { ...web, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  { ...web, entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js', format: 'iife' },
);

/**
 * The GitHub Action runs from the repository itself, with no install step: its bundle and the
 * grammar beside it are committed under action/ (`npm run build:action`; a test checks they are
 * what the sources build).
 */
export const actionBuild = { ...common, entryPoints: ['server/src/action/main.ts'], outfile: 'action/index.js', minify: true, sourcemap: false };

const wasmDir = dirname(require.resolve('@vscode/tree-sitter-wasm'));
/** The grammars of the code readers (server/src/engine/readers/support/grammars.ts loads them on first use). */
export const CODE_GRAMMARS = [
  ...['python', 'typescript', 'tsx', 'go', 'ruby'].map((name) => join(wasmDir, `tree-sitter-${name}.wasm`)),
  join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm'),
];
function copyGrammar(folder) {
  mkdirSync(folder, { recursive: true });
  for (const file of ['tree-sitter.wasm', 'tree-sitter-bash.wasm']) copyFileSync(join(wasmDir, file), join(folder, file));
  for (const file of CODE_GRAMMARS) copyFileSync(file, join(folder, basename(file)));
}

/**
 * The engine's unit tests for a web worker (test/web/engineInWorker.test.ts runs them in Chromium):
 * test/unit's files and tests, but those test/web/worker/nodeOnly.json keeps under Node, with the web build's
 * stand-ins for Node, `node:test` and `node:assert` from test/web/worker, and `fs` reading the
 * repository over the page's HTTP server. `__dirname` is where tsc puts the tests under Node.
 */
function engineTestsBuild(outdir) {
  // `files`: test files left to Node, `tests`: single tests (`file › suite › test`), each with the reason.
  const root = process.cwd();
  const nodeOnly = JSON.parse(readFileSync('test/web/worker/nodeOnly.json', 'utf8'));
  const files = readdirSync('test/unit').filter((name) => name.endsWith('.test.ts') && !(name in nodeOnly.files)).sort();
  const worker = (file) => resolvePath('test/web/worker', file);
  const standIns = {
    name: 'engine-tests',
    setup(build) {
      build.onResolve({ filter: /^engine-test-files$/ }, () => ({ path: 'engine-test-files', namespace: 'engine-tests' }));
      build.onLoad({ filter: /.*/, namespace: 'engine-tests' }, () => ({
        resolveDir: root,
        loader: 'js',
        contents: `export const NODE_ONLY_TESTS = ${JSON.stringify(Object.keys(nodeOnly.tests))};\nexport const TEST_FILES = [${files.map((f) => `[${JSON.stringify(f)}, () => require(${JSON.stringify(`./test/unit/${f}`)})]`).join(',\n')}];`,
      }));
      build.onResolve({ filter: /^node:test$/ }, () => ({ path: worker('nodeTest.ts') }));
      build.onResolve({ filter: /^(node:)?assert\/strict$/ }, () => ({ path: worker('assertStrict.ts') }));
      build.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: worker('diskOverHttp.ts') }));
      build.onResolve({ filter: /^(node:)?url$/ }, () => ({ path: worker('urlInWorker.ts') }));
      build.onResolve({ filter: /^(node:)?os$/ }, () => ({ path: worker('osInWorker.ts') }));
    },
  };
  const processStandIn = `self.process = { env: {}, cwd: () => ${JSON.stringify(root)}, platform: 'linux', version: '', versions: {}, emitWarning() {}, nextTick: (f, ...a) => queueMicrotask(() => f(...a)) };`;
  return {
    ...web,
    entryPoints: ['test/web/worker/main.ts'],
    outfile: join(outdir, 'engineTests.js'),
    format: 'iife',
    sourcemap: 'inline',
    minify: false,
    plugins: [standIns, webPlugin],
    banner: { js: processStandIn },
    define: { ...web.define, __dirname: JSON.stringify(join(root, 'out', 'test', 'unit')), REPOSITORY: JSON.stringify(root) },
  };
}

if (process.argv.includes('--engine-tests')) {
  await esbuild.build(engineTestsBuild(process.argv[process.argv.indexOf('--engine-tests') + 1]));
  process.exit(0);
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
