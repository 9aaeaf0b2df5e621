/** Starts the language server over IPC and adds the "Check Workspace" command and the "Published Ports" view. */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { inlayHintsMiddleware } from './inlayHints';
import { bindToLoopback, PortMapView } from './portMapView';

let client: LanguageClient | undefined;

/**
 * Which documents the server sees; mirrored by its own reading of language ids, file names and
 * content. Every YAML document goes: Compose files are recognised by content whatever their name
 * (`stack.yml`, `production.yml`), and any other YAML costs the server one cheap look.
 */
export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml' },
  { language: 'ansible' },
  { language: 'github-actions-workflow' },
  { language: 'shellscript' },
  // Podman Quadlet units open under whatever language an extension gives them (ini, systemd, plain text).
  { pattern: '**/*.{container,pod,kube}' },
  { language: 'markdown' },
  { language: 'json', pattern: '**/{.devcontainer/devcontainer.json,.devcontainer.json,devcontainer.json}' },
  { language: 'jsonc', pattern: '**/{.devcontainer/devcontainer.json,.devcontainer.json,devcontainer.json}' },
];

/** What the extension hands to other extensions and to its own tests. */
export interface DockerPortSafetyApi {
  portMap: PortMapView;
}

export async function activate(context: vscode.ExtensionContext): Promise<DockerPortSafetyApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Docker Port Safety', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'dockerPortSafety' },
    outputChannel,
    middleware: inlayHintsMiddleware,
  };
  client = new LanguageClient('dockerPortSafety', 'Docker Port Safety', serverOptions, clientOptions);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('dockerPortSafety.checkWorkspace', async () => {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      if (!client || folders.length === 0) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Docker Port Safety: checking workspace' },
        () => client!.sendRequest<{ files: number; findings: number }>('dockerPortSafety/checkWorkspace', { folders }),
      );
      vscode.window.setStatusBarMessage(`Docker Port Safety: ${result.findings} findings in ${result.files} files`, 5000);
      return result;
    }),
  );
  await client.start();
  const portMap = new PortMapView(client);
  const sendFolders = () =>
    client?.sendNotification('dockerPortSafety/workspaceFolders', { folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) });
  await sendFolders();
  context.subscriptions.push(
    portMap,
    vscode.workspace.onDidChangeWorkspaceFolders(() => sendFolders()),
    vscode.commands.registerCommand('dockerPortSafety.portMap.refresh', () => portMap.refresh()),
    vscode.commands.registerCommand('dockerPortSafety.portMap.bindToLoopback', (node) => bindToLoopback(client!, node)),
  );
  return { portMap };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
