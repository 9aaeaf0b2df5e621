/**
 * The extension where VS Code runs on Node (dist/extension.js): starts the language server as a
 * Node process over IPC, when something needs it (extension.ts). The client library is loaded
 * then too, so activating costs little more than registering the command and the view.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, ServerOptions } from 'vscode-languageclient/node';
import { activateExtension, clientOptions, DockerPortSafetyApi } from './extension';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerPortSafetyApi {
  return activateExtension(context, async () => {
    // A plain require, which esbuild points at dist/languageClient.js (esbuild.mjs): loaded on the first start only.
    const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const outputChannel = vscode.window.createOutputChannel('Docker Port Safety', { log: true });
    context.subscriptions.push(outputChannel);
    client = new LanguageClient('dockerPortSafety', 'Docker Port Safety', serverOptions, clientOptions(outputChannel));
    return client;
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
