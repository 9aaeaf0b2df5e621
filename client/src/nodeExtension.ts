/** The extension where VS Code runs on Node (dist/extension.js): starts the language server as a Node process over IPC. */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { clientOptions, DockerPortSafetyApi, startExtension } from './extension';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DockerPortSafetyApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Docker Port Safety', { log: true });
  context.subscriptions.push(outputChannel);
  client = new LanguageClient('dockerPortSafety', 'Docker Port Safety', serverOptions, clientOptions(outputChannel));
  return startExtension(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
