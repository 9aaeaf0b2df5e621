// One VS Code server on loopback and one headless Chromium page on it; everything started here is
// stopped by close(), including the server's whole process group.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, vscodeDir } from './codeServer.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(probe, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export { waitFor };

/**
 * Starts the server with `env` (the extension host inherits it) on a fresh copy of
 * `workspaceTemplate`, loading `extension` from its folder and installing the `installed` .vsix files.
 */
export async function openSession({ workspaceTemplate, extension, installed = [], testsPath, env = {} }) {
  const root = mkdtempSync(join(tmpdir(), 'dps-editor-'));
  const workspace = join(root, 'workspace');
  cpSync(workspaceTemplate, workspace, { recursive: true });
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'workbench.tips.enabled': false, 'editor.stickyScroll.enabled': false }),
  );
  const extensionsDir = join(root, 'extensions');
  // Extensions other than the one under development (VS Code takes one development path from the URL) are installed.
  for (const vsix of installed) {
    execFileSync(process.execPath, [join(vscodeDir, 'out', 'server-main.js'), '--install-extension', vsix, '--extensions-dir', extensionsDir, '--accept-server-license-terms'], { stdio: 'ignore' });
  }
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [join(vscodeDir, 'out', 'server-main.js'), '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
      '--accept-server-license-terms', '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--server-data-dir', join(root, 'server-data')],
    { cwd: vscodeDir, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const base = `http://127.0.0.1:${port}`;
  let browser;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor(async () => (await fetch(`${base}/version`).then((r) => r.ok, () => false)) || (await fetch(base).then((r) => r.ok, () => false)), 'the VS Code server', 60000);
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extension}`],
      ...(testsPath ? [['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${testsPath}`]] : []),
    ];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return { page, workspace, close, serverLog: () => serverLog };
  } catch (error) {
    await close();
    throw new Error(`${error.message}\n--- server log ---\n${serverLog}`);
  }
}
