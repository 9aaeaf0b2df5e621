/**
 * What the extension does wherever the server runs (a Node process: nodeExtension.ts; a web
 * worker: browserExtension.ts): the documents the server sees, when it starts (serverOnDemand.ts),
 * the "Check Workspace" command, the "Published Ports" view, the workspace folders it covers.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { inlayHintsMiddleware } from './inlayHints';
import { bindToLoopback, PortMapView } from './portMapView';
import { ServerOnDemand, ServerStartState } from './serverOnDemand';

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
  // Terraform, Vagrantfiles and source files that may call the Docker SDKs or the Engine API, by
  // path: the server reads only those that pass the cheap test (one scan each), and none of them
  // starts the server unless it does (serverDemand.ts).
  { pattern: '**/*.tf' },
  { pattern: '**/*.py' },
  { pattern: '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}' },
  { pattern: '**/*.go' },
  { pattern: '**/Vagrantfile' },
  { language: 'json', pattern: '**/{.vscode/settings.json,*.code-workspace}' },
  { language: 'jsonc', pattern: '**/{.vscode/settings.json,*.code-workspace}' },
];

/** What the extension hands to other extensions and to its own tests. */
export interface DockerPortSafetyApi {
  portMap: PortMapView;
  languageServer: ServerStartState;
}

export function clientOptions(outputChannel: vscode.LogOutputChannel, initializationOptions?: object): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'dockerPortSafety' },
    outputChannel,
    middleware: inlayHintsMiddleware,
    initializationOptions,
  };
}

/** The folders the server covers: paths on disk, or the URIs of a virtual workspace's folders (the server reads those through the editor). */
function workspaceFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => (f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString()));
}

/**
 * Registers the command and the view, and watches documents; `createClient` builds the language
 * client (loading its library) the first time something needs the server.
 */
export function activateExtension(context: vscode.ExtensionContext, createClient: () => Promise<BaseLanguageClient>): DockerPortSafetyApi {
  const server: ServerOnDemand = new ServerOnDemand(createClient, (client) => connected(client), DOCUMENT_SELECTOR);
  const portMap = new PortMapView(() => server.client('the Published Ports view'));
  const connected = async (client: BaseLanguageClient) => {
    portMap.connect(client);
    const sendFolders = () => client.sendNotification('dockerPortSafety/workspaceFolders', { folders: workspaceFolders() });
    await sendFolders();
    context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => sendFolders()));
  };
  context.subscriptions.push(
    server,
    portMap,
    vscode.commands.registerCommand('dockerPortSafety.checkWorkspace', async () => {
      const folders = workspaceFolders();
      if (folders.length === 0) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Docker Port Safety: checking workspace' },
        async () => (await server.client('Check Workspace')).sendRequest<{ files: number; findings: number }>('dockerPortSafety/checkWorkspace', { folders }),
      );
      vscode.window.setStatusBarMessage(`Docker Port Safety: ${result.findings} findings in ${result.files} files`, 5000);
      return result;
    }),
    vscode.commands.registerCommand('dockerPortSafety.portMap.refresh', () => portMap.refresh()),
    vscode.commands.registerCommand('dockerPortSafety.portMap.bindToLoopback', async (node) => bindToLoopback(await server.client('Bind to 127.0.0.1'), node)),
  );
  server.watch();
  return { portMap, languageServer: server };
}
