/**
 * Runs `npm run test:editor` (scripts/editor-test.mjs) as part of `npm test` when this machine can:
 * the extension-host suite and the user's-eye tests in a real VS Code (the Node extension host, and
 * the web worker extension host that VS Code for the Web runs). Its summary is echoed here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');
const CHROMIUM = '/usr/bin/chromium';

describe('real VS Code', { skip: fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium); run npm run test:vscode where VS Code can be downloaded` }, () => {
  it('passes the extension-host suite and the user\'s-eye tests, Node and web (npm run test:editor)', (t) => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'editor-test.mjs'), 'all'], { cwd: ROOT, encoding: 'utf8', timeout: 900000 });
    for (const line of `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() !== '')) t.diagnostic(line);
    assert.equal(result.status, 0, 'editor tests failed; see the lines above');
    assert.match(result.stdout, /extension host \(VS Code server, real extension host\): \d+ passing, 0 failing/);
    assert.match(result.stdout, /server start \(VS Code server, a fresh editor on ordinary source files\): [1-9]\d* passing, 0 failing/);
    assert.match(result.stdout, /✔ user's eye: /);
    assert.match(result.stdout, /✔ user's eye \(web worker extension host\): /);
  });
});
