/**
 * The extension-host suite: the `run()` contract of @vscode/test-electron, so the same code runs
 * under `npm run test:vscode` (desktop VS Code) and `npm run test:editor` (the VS Code server here).
 * Results go to DPS_RESULTS as JSON for runners that cannot read the extension host's console.
 * DPS_SUITE picks the suite (default: extension).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  // Each suite expects its own workspace and a fresh editor (DPS_SUITE names it): the main one
  // (test/editor/workspace), or serverStart (test/editor/workspace-sources), which must find the
  // language server not yet started.
  mocha.addFile(path.join(__dirname, `${process.env.DPS_SUITE ?? 'extension'}.suite.js`));
  return new Promise((resolve, reject) => {
    const results = { passes: [] as string[], failures: [] as { title: string; error: string }[], total: 0 };
    const runner = mocha.run((failures) => {
      const out = process.env.DPS_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passes.push(test.fullTitle()));
    runner.on('fail', (test, error) => results.failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }));
    runner.on('end', () => (results.total = results.passes.length + results.failures.length));
  });
}
