/**
 * A measurement for `npm run bench` (scripts/editor/openCost.mjs), not a test: in a fresh editor
 * on a workspace of ordinary 1 MB Python files, the extension's activation (VS Code loading it and
 * calling activate(), as the first Python file would), then how long opening each file takes until
 * the extension host is idle again, the extension's own time deciding about it, and whether the
 * language server started. The runner does the same without the extension. Figures go to
 * DPS_BENCH_OUT as JSON.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, file } from './editorHelpers';

/** client/src/serverOnDemand.ts; absent from builds that start the server on activation (a baseline to compare with). */
interface ServerStartApi {
  languageServer?: { startedFor(): string | undefined; considered(uri: string): boolean; decidingMs(): number };
}

/** Resolves once the extension host has run everything queued before it (its event loop is free again). */
const hostIdle = () => new Promise<void>((resolve) => setTimeout(() => setImmediate(resolve), 0));

describe('opening an ordinary 1 MB Python file', function () {
  this.timeout(600000);
  it('is measured', async () => {
    const extension = vscode.extensions.getExtension<ServerStartApi>(EXTENSION_ID);
    const activeBefore = extension?.isActive ?? false;
    const activating = performance.now();
    await Promise.race([extension?.activate(), new Promise((resolve) => setTimeout(resolve, 120000))]);
    const activationMs = extension && !activeBefore ? performance.now() - activating : null;
    const names = fs.readdirSync(vscode.workspace.workspaceFolders![0].uri.fsPath).filter((n) => n.endsWith('.py')).sort();
    const opens: number[] = [];
    const cpu: number[] = [];
    const deciding: number[] = [];
    const decidingSoFar = () => extension?.exports?.languageServer?.decidingMs() ?? 0;
    for (const name of names) {
      const decidedBefore = decidingSoFar();
      const startCpu = process.cpuUsage();
      const started = performance.now();
      const document = await vscode.workspace.openTextDocument(file(name));
      await vscode.window.showTextDocument(document);
      // With the extension: until it has decided about the file.
      const uri = document.uri.toString();
      const decided = () => extension!.exports?.languageServer?.considered(uri) ?? true;
      const deadline = Date.now() + 60000;
      while (extension && !decided() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
      await hostIdle();
      opens.push(performance.now() - started);
      const used = process.cpuUsage(startCpu);
      cpu.push((used.user + used.system) / 1000);
      deciding.push(decidingSoFar() - decidedBefore);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    const result = {
      extension: extension !== undefined,
      activeBefore,
      activeAfter: extension?.isActive ?? false,
      activationMs,
      decidingMs: extension?.exports?.languageServer ? deciding : null,
      serverStartedFor: !extension?.isActive ? null : extension.exports?.languageServer ? extension.exports.languageServer.startedFor() ?? null : 'activation',
      opens,
      hostCpuMs: cpu,
    };
    fs.writeFileSync(process.env.DPS_BENCH_OUT!, JSON.stringify(result));
  });
});
