/** What the extension-host suites share: waiting on conditions, and this extension's diagnostics. */
import * as vscode from 'vscode';

/** Polls a condition (no fixed sleeps); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-port-safety');
export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

export async function diagnosticsFor(uri: vscode.Uri, predicate: (list: vscode.Diagnostic[]) => boolean, what: string) {
  return waitFor(() => {
    const list = ours(uri);
    return predicate(list) ? list : undefined;
  }, what);
}

export const folder = () => vscode.workspace.workspaceFolders![0].uri;
export const file = (name: string) => vscode.Uri.joinPath(folder(), name);

export async function open(name: string, language?: string): Promise<vscode.TextDocument> {
  let document = await vscode.workspace.openTextDocument(file(name));
  if (language && document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  await vscode.window.showTextDocument(document);
  return document;
}

export const EXTENSION_ID = 'docker-port-safety.docker-port-safety';
