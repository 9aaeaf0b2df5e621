// `npm run test:vscode`: the same extension-host suite in desktop VS Code, downloaded by
// @vscode/test-electron. Needs internet access; `npm run test:editor` runs the suite without it.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspace = join(mkdtempSync(join(tmpdir(), 'dps-vscode-')), 'workspace');
cpSync(resolve('test/editor/workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('out/test/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`extension-host tests failed: ${error}`);
  process.exit(1);
}
