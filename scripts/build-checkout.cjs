// The install step of the package: in a source checkout (`npm install`, `npm ci`) it builds dist/;
// an installed package (`npm install -g docker-port-safety-*.tgz`) already carries dist/ and has no
// sources, so there is nothing to do. (A `prepare` script would also run on `npm pack` and print
// there, which pre-commit reads as the tarball's name.)
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (existsSync(join(root, 'esbuild.mjs'))) execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
