// `npm run test:editor`: the extension-host suite (test/suite) and a user's-eye test inside a real
// VS Code on this machine: the VS Code server on loopback, driven by headless Chromium, loading the
// extension from the packaged .vsix contents. Exits non-zero on any failure or time-out.
//   node scripts/editor-test.mjs [suite|ui|web|all]   (web: the web-only build in the web worker extension host)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { canRunEditorTests, CHROMIUM, ensureCodeServer, unpackVsix } from './editor/codeServer.mjs';
import { openSession, waitFor } from './editor/session.mjs';

const ROOT = resolve('.');
const VSIX = join(ROOT, 'docker-port-safety.vsix');
const EXTENSION = join(ROOT, '.vscode-test', 'extension-under-test');
/** The same package without its Node entry: VS Code runs it in the web worker extension host, as VS Code for the Web does. */
const WEB_EXTENSION = join(ROOT, '.vscode-test', 'web-extension-under-test');
const WORKSPACE = join(ROOT, 'test', 'editor', 'workspace');
const OUTPUT = join(ROOT, 'test', 'output');
const which = process.argv[2] ?? 'all';

function prepare() {
  if (!canRunEditorTests()) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  ensureCodeServer();
  if (!existsSync(VSIX)) execFileSync('npm', ['run', 'package'], { stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'out', 'test', 'suite', 'index.js'))) execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
  unpackVsix(VSIX, EXTENSION);
  unpackVsix(VSIX, WEB_EXTENSION);
  const manifest = JSON.parse(readFileSync(join(WEB_EXTENSION, 'package.json'), 'utf8'));
  delete manifest.main;
  writeFileSync(join(WEB_EXTENSION, 'package.json'), JSON.stringify(manifest, null, 2));
  mkdirSync(OUTPUT, { recursive: true });
}

async function runSuite() {
  const results = join(OUTPUT, 'extension-host-results.json');
  rmSync(results, { force: true });
  const session = await openSession({
    workspaceTemplate: WORKSPACE,
    extension: EXTENSION,
    testsPath: join(ROOT, 'out', 'test', 'suite', 'index.js'),
    env: { DPS_RESULTS: results },
  });
  try {
    await waitFor(() => existsSync(results), 'the extension-host suite to finish', 300000);
  } catch (error) {
    await session.page.screenshot({ path: join(OUTPUT, 'suite-timeout.png') }).catch(() => undefined);
    throw new Error(`${error.message}\n--- server log ---\n${session.serverLog().slice(-4000)}`);
  } finally {
    await session.close();
  }
  const { passes, failures } = JSON.parse(readFileSync(results, 'utf8'));
  for (const title of passes) console.log(`  ✔ ${title}`);
  for (const failure of failures) console.log(`  ✖ ${failure.title}\n${failure.error.replace(/^/gm, '      ')}`);
  console.log(`extension host (VS Code server, real extension host): ${passes.length} passing, ${failures.length} failing`);
  return failures.length === 0 && passes.length > 0;
}

/**
 * A `.gitignore` that hides a Compose file and a script without an extension known by its shebang,
 * written into the session's copy of the workspace: Check Workspace must count the files the CLI's
 * walk of the same folder finds (the script in, the ignored file out), on the web as on disk.
 */
function addIgnoredAndShebangFiles(workspace) {
  mkdirSync(join(workspace, 'generated'), { recursive: true });
  writeFileSync(join(workspace, '.gitignore'), 'generated/\n');
  writeFileSync(join(workspace, 'generated', 'compose.yaml'), 'services:\n  cache:\n    image: redis\n    ports: ["6380:6379"]\n');
  writeFileSync(join(workspace, 'scripts', 'start'), '#!/usr/bin/env bash\ndocker run -d -p 9000:9000 minio/minio server /data\n');
  const { findFiles } = createRequire(import.meta.url)(join(ROOT, 'out', 'server', 'src', 'workspace', 'files.js'));
  const found = findFiles([workspace]).files.map((f) => f.path.slice(workspace.length + 1));
  if (!found.includes('scripts/start') || found.some((f) => f.startsWith('generated/'))) throw new Error(`the walk itself found: ${found.join(', ')}`);
  return found.length;
}

/**
 * Opens compose.yaml through the UI, reads the squiggle and the hover, applies the quick fix, saves,
 * opens the port map. `web`: the web-only build, in the web worker extension host.
 */
async function runUserEyeTest(web = false) {
  const session = await openSession({ workspaceTemplate: WORKSPACE, extension: web ? WEB_EXTENSION : EXTENSION });
  const shot = (name) => join(OUTPUT, web ? `web-${name}` : name);
  const { page, workspace } = session;
  try {
    const expectedFiles = addIgnoredAndShebangFiles(workspace);
    await page.getByRole('treeitem', { name: 'compose.yaml' }).click({ timeout: 120000 });
    await page.locator('.view-overlays .squiggly-warning').first().waitFor({ timeout: 60000 });
    await page.screenshot({ path: shot('squiggle.png') });
    // The squiggle is drawn under the text; the hover comes from the text it underlines.
    const spec = page.locator('.view-line span span').filter({ hasText: '8080:80' }).first();
    await spec.hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'all network interfaces' }).first();
    await hover.waitFor({ timeout: 30000 });
    const hoverText = await hover.innerText();
    await page.screenshot({ path: shot('hover.png') });
    if (!/every interface/.test(hoverText) || !/port 8080/.test(hoverText)) throw new Error(`unexpected hover: ${hoverText}`);
    await spec.click();
    await page.keyboard.press('Escape');
    await page.mouse.move(900, 700);
    await page.keyboard.press('Control+.');
    // Choose the fix with the keyboard, as the menu is meant to be used: move to it, then Enter.
    const rows = page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout: 30000 });
    const titles = await rows.allInnerTexts();
    const wanted = titles.findIndex((t) => t.includes('Bind to 127.0.0.1 (this machine only)'));
    if (wanted < 0) throw new Error(`quick-fix menu lacks the fix: ${titles.join(' | ')}`);
    for (let i = 0; i < wanted; i++) await page.keyboard.press('ArrowDown');
    await page.locator('.action-widget .monaco-list-row.focused').filter({ hasText: 'Bind to 127.0.0.1 (this machine only)' }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: shot('quick-fix.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    const file = join(workspace, 'compose.yaml');
    await waitFor(() => readFileSync(file, 'utf8').includes('- "127.0.0.1:8080:80"'), 'the fixed file on disk', 30000);
    const expected = readFileSync(join(WORKSPACE, 'compose.yaml'), 'utf8').replace('- "8080:80"', '- "127.0.0.1:8080:80"');
    if (readFileSync(file, 'utf8') !== expected) throw new Error(`unexpected text after the fix:\n${readFileSync(file, 'utf8')}`);
    // The Published Ports view in the Explorer: give it the room of the folder tree, expand it and
    // wait for the bindings it shows.
    await page.locator('.pane-header').filter({ hasText: /^\s*workspace/i }).first().click({ timeout: 30000 });
    await page.locator('.pane-header').filter({ hasText: 'Published Ports' }).click({ timeout: 30000 });
    const view = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Published Ports' }) });
    await view.locator('.monaco-list-row').filter({ hasText: 'Public' }).first().waitFor({ timeout: 30000 });
    await view.locator('.monaco-list-row').filter({ hasText: '*:6379/tcp → 6379' }).first().click({ timeout: 30000 });
    await view.locator('.monaco-list-row').filter({ hasText: 'stack.yml:4' }).first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: shot('port-map.png') });
    // "Check Workspace" from the Command Palette: the status bar tells what it found.
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('Docker Port Safety: Check Workspace');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Check Workspace' }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
    const status = page.locator('.statusbar').getByText(/Docker Port Safety: \d+ findings in \d+ files/);
    await status.waitFor({ timeout: 60000 });
    const [, findings, files] = /(\d+) findings in (\d+) files/.exec(await status.innerText());
    if (Number(files) !== expectedFiles || Number(findings) === 0) throw new Error(`Check Workspace found ${findings} findings in ${files} files; the walk of the disk finds ${expectedFiles} files`);
    console.log(`  ✔ user's eye${web ? ' (web worker extension host)' : ''}: squiggle, hover, quick fix "Bind to 127.0.0.1", saved text, the Published Ports view, Check Workspace (${files} files: .gitignore read, a script found by its shebang; screenshots in test/output/)`);
    return true;
  } catch (error) {
    await page.screenshot({ path: shot('ui-failure.png') }).catch(() => undefined);
    console.log(`  ✖ user's eye${web ? ' (web worker extension host)' : ''}: ${error.message} (screenshot: test/output/${web ? 'web-' : ''}ui-failure.png)`);
    return false;
  } finally {
    await session.close();
  }
}

try {
  prepare();
  let ok = true;
  if (which === 'suite' || which === 'all') ok = (await runSuite()) && ok;
  if (which === 'ui' || which === 'all') ok = (await runUserEyeTest()) && ok;
  if (which === 'web' || which === 'all') ok = (await runUserEyeTest(true)) && ok;
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(`editor tests could not run: ${error.stack ?? error}`);
  process.exit(1);
}
