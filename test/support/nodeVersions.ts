/**
 * Other Node versions for the tests: GitHub's runners run the Action on Node 24 while this machine
 * has Node 20, so the tests run the bundles on both. Node's own binary comes from the npm registry
 * (the package `node-<platform>-<arch>`, version 24 like any other package) into `.node-versions/`
 * at the repository's root, ignored by git and by both packages, and is installed once: later runs
 * find it there. `npm test` installs it before any test starts (scripts/test.mjs), so the test
 * files that run at the same time never install it twice.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
export const NODE_VERSIONS_DIR = path.join(ROOT, '.node-versions');

function binaryPath(major: number): string {
  const prefix = path.join(NODE_VERSIONS_DIR, String(major));
  const bin = process.platform === 'win32' ? 'node.exe' : path.join('bin', 'node');
  return path.join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`, bin);
}

/** The major version the binary at `binary` reports, or undefined when it does not run. */
function majorOf(binary: string): number | undefined {
  if (!fs.existsSync(binary)) return undefined;
  const result = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return result.status === 0 ? Number.parseInt(result.stdout, 10) : undefined;
}

/**
 * The path of a Node `major` binary, installed from the npm registry the first time. Throws when it
 * cannot be installed: a test that needs it fails rather than passing without it.
 */
export function nodeBinary(major: number): string {
  const binary = binaryPath(major);
  if (majorOf(binary) === major) return binary;
  const prefix = path.join(NODE_VERSIONS_DIR, String(major));
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own, so that npm installs here and not into the project above.
  fs.writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', `node-${process.platform}-${process.arch}@${major}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const installed = majorOf(binary);
  if (installed !== major) throw new Error(`node-${process.platform}-${process.arch}@${major} installed into ${prefix} does not run as Node ${major} (${binary})`);
  return binary;
}

/** The Node versions the bundles must run on: 20 and 24 (GitHub's runners); this machine's Node where it is one of them. */
export const SUPPORTED_MAJORS = [20, 24];

export function nodeVersions(): { name: string; binary: string }[] {
  const own = Number.parseInt(process.versions.node, 10);
  return SUPPORTED_MAJORS.map((major) => ({ name: `Node ${major}`, binary: major === own ? process.execPath : nodeBinary(major) }));
}

if (require.main === module) {
  // `node out/test/support/nodeVersions.js`: install what the tests need before they start.
  for (const { name, binary } of nodeVersions()) console.log(`${name}: ${binary}`);
}
