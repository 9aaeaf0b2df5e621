/**
 * In a fresh VS Code on test/editor/workspace-sources (ordinary Python and JavaScript beside one
 * docker-py file): opening an ordinary source file activates the extension and starts no language
 * server; opening the docker-py file starts it, and its diagnostics appear.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, open, waitFor } from './editorHelpers';

/** What the extension tells its tests about the start (client/src/serverOnDemand.ts). */
interface ServerStartApi {
  languageServer: { startedFor(): string | undefined; considered(uri: string): boolean };
}

describe('the language server starts only for a file it would read', function () {
  const extension = () => vscode.extensions.getExtension<ServerStartApi>(EXTENSION_ID)!;

  /** Opens a file and waits until the extension, activated by it if need be, has decided about it. */
  async function openAndDecide(name: string): Promise<vscode.TextDocument> {
    const document = await open(name);
    await waitFor(() => extension().isActive && extension().exports.languageServer.considered(document.uri.toString()), `a decision about ${name}`);
    return document;
  }

  it('opening ordinary Python and JavaScript files activates the extension and starts no server', async () => {
    assert.ok(extension(), 'the extension is installed');
    assert.ok(!extension().isActive, 'nothing activated the extension before a file opened');
    const python = await openAndDecide('plain.py');
    assert.strictEqual(python.languageId, 'python');
    const script = await openAndDecide('app.js');
    assert.strictEqual(script.languageId, 'javascript');
    assert.strictEqual(extension().exports.languageServer.startedFor(), undefined);
  });

  it('opening a docker-py file starts the server, and its diagnostics appear', async () => {
    const document = await open('harness.py');
    const list = await diagnosticsFor(document.uri, (l) => l.length > 0, 'harness.py diagnostics');
    assert.deepStrictEqual(list.map((d) => [codeOf(d), d.range.start.line, document.getText(d.range)]), [['public-bind', 3, '8080']]);
    assert.strictEqual(extension().exports.languageServer.startedFor(), document.uri.toString());
  });

});
