// The VS Code server from the npm package `code-server` (VS Code 1.100.3, the last line that runs
// on Node 20), installed once into an ignored cache folder. Its own postinstall downloads ripgrep
// from the internet, so scripts are skipped and only the native modules the server needs are rebuilt.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const cache = resolve('.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const vscodeDir = join(cache, 'node_modules', 'code-server', 'lib', 'vscode');
const marker = join(cache, '.installed');

const npm = (args, cwd, env = {}) =>
  execFileSync('npm', ['--no-audit', '--no-fund', ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });

export function ensureCodeServer(log = console.log) {
  if (existsSync(marker)) return vscodeDir;
  log(`installing the VS Code server (code-server ${CODE_SERVER_VERSION}) into ${cache} …`);
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'package.json'), '{ "private": true }\n');
  npm(['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], cache);
  npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  npm(['rebuild', 'node-pty', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog'], vscodeDir, { npm_config_yes: 'true' });
  if (!existsSync(join(vscodeDir, 'node_modules.asar'))) symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  writeFileSync(marker, new Date().toISOString());
  return vscodeDir;
}

export const CHROMIUM = '/usr/bin/chromium';

export function canRunEditorTests() {
  return existsSync(CHROMIUM);
}

export function unpackVsix(vsix, target) {
  // A .vsix is a zip whose extension/ folder is what VS Code installs; Python's zipfile is on every machine here.
  execFileSync('python3', ['-c', `
import sys, zipfile, os, shutil
vsix, target = sys.argv[1], sys.argv[2]
shutil.rmtree(target, ignore_errors=True)
with zipfile.ZipFile(vsix) as z:
    for name in z.namelist():
        if name.startswith('extension/') and not name.endswith('/'):
            dest = os.path.join(target, name[len('extension/'):])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, 'wb') as f:
                f.write(z.read(name))
`, vsix, target]);
  return target;
}
