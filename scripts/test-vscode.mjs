// `npm run test:vscode`: the same extension-host suite in desktop VS Code, downloaded by
// @vscode/test-electron. Needs internet access; `npm run test:editor` runs the suite without it.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Each suite in a fresh editor on its own workspace (test/suite/index.ts).
for (const [suite, template] of [['extension', 'test/editor/workspace'], ['serverStart', 'test/editor/workspace-sources']]) {
  const workspace = join(mkdtempSync(join(tmpdir(), 'dps-vscode-')), 'workspace');
  cpSync(resolve(template), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: resolve('.'),
      extensionTestsPath: resolve('out/test/suite/index.js'),
      extensionTestsEnv: { DPS_SUITE: suite },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    console.error(`extension-host tests (${suite}) failed: ${error}`);
    process.exit(1);
  }
}
