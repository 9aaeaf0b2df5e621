/** Inside a real VS Code, through the public vscode API only. */
import * as assert from 'assert';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);

/** Polls a condition (no fixed sleeps); fails with `what` after `timeoutMs`. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The part of the view the extension hands to its tests (see client/src/portMapView.ts). */
interface PortMapViewApi {
  refresh(): Promise<void>;
  currentEntries(): Promise<{ reach: string; hostPort: string }[]>;
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-port-safety');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function open(name: string, language?: string): Promise<vscode.TextDocument> {
  let document = await vscode.workspace.openTextDocument(file(name));
  if (language && document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  await vscode.window.showTextDocument(document);
  return document;
}

async function diagnosticsFor(uri: vscode.Uri, predicate: (list: vscode.Diagnostic[]) => boolean, what: string) {
  return waitFor(() => {
    const list = ours(uri);
    return predicate(list) ? list : undefined;
  }, what);
}

async function setSetting(key: string, value: unknown) {
  await vscode.workspace.getConfiguration('dockerPortSafety').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('Docker Port Safety in VS Code', function () {
  before(async () => {
    const extension = vscode.extensions.getExtension('docker-port-safety.docker-port-safety');
    assert.ok(extension, `the extension is installed; found ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  });

  afterEach(async () => {
    await setSetting('bindAddress', undefined);
    await setSetting('severity', undefined);
  });

  it('runs in a VS Code that the manifest accepts (^1.91.0)', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major === 1 && minor >= 91, vscode.version);
  });

  it('shows diagnostics for a Dockerfile', async () => {
    const document = await open('Dockerfile');
    assert.strictEqual(document.languageId, 'dockerfile');
    const list = await diagnosticsFor(document.uri, (l) => l.length > 0, 'Dockerfile diagnostics');
    assert.deepStrictEqual(list.map(codeOf), ['sensitive-port']);
    assert.strictEqual(list[0].range.start.line, 3);
  });

  // One file of each kind read by content or by name, opened with the language VS Code gives it.
  const kinds: [string, string, string, number][] = [
    ['production.yml (Compose by content)', 'production.yml', 'public-bind', 4],
    ['site.yml (an Ansible playbook)', 'site.yml', 'public-bind', 6],
    ['wiki.container (a Quadlet unit)', 'wiki.container', 'public-bind', 2],
    ['wiki.md (Compose in Markdown)', 'wiki.md', 'public-bind', 6],
    ['wiki.md (an untagged PowerShell command)', 'wiki.md', 'public-bind', 11],
  ];
  for (const [what, name, code, line] of kinds) {
    it(`shows diagnostics for ${what}`, async () => {
      const document = await open(name);
      const list = await diagnosticsFor(document.uri, (l) => l.some((d) => d.range.start.line === line), `${name} diagnostics on line ${line + 1}`);
      assert.strictEqual(codeOf(list.find((d) => d.range.start.line === line)!), code);
    });
  }

  it('shows diagnostics for compose.yaml under the yaml language', async () => {
    const document = await open('compose.yaml', 'yaml');
    assert.strictEqual(document.languageId, 'yaml');
    const list = await diagnosticsFor(document.uri, (l) => l.filter((d) => codeOf(d) === 'public-bind').length === 2, 'compose diagnostics');
    const db = list.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    assert.match(db.message, /PostgreSQL/);
    assert.strictEqual((db.code as { target: vscode.Uri }).target.fragment, 'public-bind');
  });

  it('shows diagnostics for a compose file under the dockercompose language', async () => {
    const document = await open('stack.yml', 'dockercompose');
    assert.strictEqual(document.languageId, 'dockercompose');
    const list = await diagnosticsFor(document.uri, (l) => l.length > 0, 'dockercompose diagnostics');
    assert.deepStrictEqual(list.map(codeOf), ['public-bind']);
  });

  it('shows diagnostics for a shell script and a Markdown file', async () => {
    const script = await open('run.sh');
    assert.strictEqual(script.languageId, 'shellscript');
    const scriptList = await diagnosticsFor(script.uri, (l) => l.length > 0, 'shell diagnostics');
    assert.deepStrictEqual(scriptList.map((d) => [codeOf(d), d.range.start.line, d.range.start.character]), [['public-bind', 1, 17]]);
    const guide = await open('guide.md');
    const guideList = await diagnosticsFor(guide.uri, (l) => l.length > 0, 'markdown diagnostics');
    assert.deepStrictEqual(guideList.map((d) => [codeOf(d), d.range.start.line, d.range.start.character]), [['public-bind', 3, 16]]);
  });

  it('explains a mapping in the hover', async () => {
    const document = await open('compose.yaml');
    await diagnosticsFor(document.uri, (l) => l.length > 0, 'compose diagnostics');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(4, 12));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /all network interfaces, IPv4 and IPv6/);
    assert.match(text, /port 8080/);
  });

  it('shows the address Docker binds as inlay hints, and none when editor.inlayHints.enabled is off', async () => {
    const document = await open('compose.yaml');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const hintsNow = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
    const hints = await waitFor(async () => ((await hintsNow()).length === 2 ? hintsNow() : undefined), 'two inlay hints');
    assert.deepStrictEqual(
      hints.map((h) => [h.position.line, h.position.character, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]),
      [[4, 9, '0.0.0.0 + [::]:'], [8, 8, '0.0.0.0 + [::]:']],
    );
    assert.match((hints[0].tooltip as vscode.MarkdownString).value, /^\*\*Published port\*\* `8080:80`/);
    const editorSettings = vscode.workspace.getConfiguration('editor');
    await editorSettings.update('inlayHints.enabled', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepStrictEqual(await waitFor(async () => ((await hintsNow()).length === 0 ? [] : undefined), 'no hints with the editor setting off'), []);
    } finally {
      await editorSettings.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await setSetting('inlayHints', false);
    try {
      await waitFor(async () => ((await hintsNow()).length === 0 ? true : undefined), 'no hints with dockerPortSafety.inlayHints false');
    } finally {
      await setSetting('inlayHints', undefined);
    }
    await waitFor(async () => ((await hintsNow()).length === 2 ? true : undefined), 'the hints back');
  });

  it('offers the preferred fix and applying it gives the exact text', async () => {
    const document = await open('compose.yaml');
    const list = await diagnosticsFor(document.uri, (l) => l.length > 0, 'compose diagnostics');
    const target = list.find((d) => d.range.start.line === 4)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.strictEqual(preferred.title, 'Bind to 127.0.0.1 (this machine only)');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.strictEqual(document.lineAt(4).text, '      - "127.0.0.1:8080:80"');
    await diagnosticsFor(document.uri, (l) => !l.some((d) => d.range.start.line === 4), 'the fixed line to be clean');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('runs source.fixAll on save with editor.codeActionsOnSave', async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'shellscript' }).update('codeActionsOnSave', { 'source.fixAll.dockerPortSafety': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const document = await open('save.sh');
      await diagnosticsFor(document.uri, (l) => l.length > 0, 'save.sh diagnostics');
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '# started by hand\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(() => !document.isDirty, 'the save');
      assert.strictEqual(document.getText(), 'docker run -p 127.0.0.1:9000:9000 minio/minio server /data\n# started by hand\n');
    } finally {
      await vscode.workspace.getConfiguration('editor', { languageId: 'shellscript' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  it('applies a settings change without reload: bindAddress and severity', async () => {
    const document = await open('run.sh');
    const [diagnostic] = await diagnosticsFor(document.uri, (l) => l.length > 0, 'run.sh diagnostics');
    await setSetting('bindAddress', '10.8.0.1');
    await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return actions.some((a) => a.isPreferred && a.title === 'Bind to 10.8.0.1') || undefined;
    }, 'the new bind address in the fix');
    await setSetting('severity', { 'public-bind': 'off' });
    await diagnosticsFor(document.uri, (l) => l.length === 0, 'public-bind to be off');
    await setSetting('severity', { 'public-bind': 'error' });
    const list = await diagnosticsFor(document.uri, (l) => l.length === 1 && l[0].severity === vscode.DiagnosticSeverity.Error, 'public-bind as an error');
    assert.strictEqual(codeOf(list[0]), 'public-bind');
  });

  it('clears diagnostics when a document is closed', async () => {
    // Opened through the workbench, as a user opens a file: no extension keeps the document alive,
    // so closing its editor closes the document and the server receives didClose.
    const uri = file('closing.sh');
    await vscode.commands.executeCommand('vscode.open', uri);
    await diagnosticsFor(uri, (l) => l.length > 0, 'closing.sh diagnostics');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await diagnosticsFor(uri, (l) => l.length === 0, 'diagnostics to clear after closing');
  });

  it('the Published Ports view: tree items by reach, a source opens at its spec, "Bind to 127.0.0.1" fixes it, the view follows', async () => {
    const api = vscode.extensions.getExtension<{ portMap: PortMapViewApi }>('docker-port-safety.docker-port-safety')!.exports;
    const view = api.portMap;
    await view.refresh();
    const groups = await view.getChildren();
    assert.strictEqual(view.getTreeItem(groups[0]).label, 'Public', 'public bindings come first');
    const entries = await view.getChildren(groups[0]);
    const labels = entries.map((e) => String(view.getTreeItem(e).label));
    const entry = entries[labels.indexOf('*:8081/tcp → 80')];
    assert.ok(entry, labels.join(', '));
    assert.strictEqual(view.getTreeItem(entry).contextValue, 'fixableEntry');
    const [source] = await view.getChildren(entry);
    const sourceItem = view.getTreeItem(source);
    assert.strictEqual(sourceItem.label, 'production.yml:5');
    await vscode.commands.executeCommand(sourceItem.command!.command, ...sourceItem.command!.arguments!);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/production.yml') ? vscode.window.activeTextEditor : undefined), 'production.yml to open');
    assert.strictEqual(editor.document.getText(editor.selection), '8081:80');
    const postgres = entries.find((e) => String(view.getTreeItem(e).label) === '*:5432/tcp → 5432')!;
    assert.match(String(view.getTreeItem(postgres).description), /PostgreSQL/, 'a sensitive service stands out');
    assert.ok(await vscode.commands.executeCommand('dockerPortSafety.portMap.bindToLoopback', source));
    assert.strictEqual(editor.document.lineAt(4).text, '      - "127.0.0.1:8081:80"');
    // The view follows the unsaved edit: the binding is now on this machine only.
    await waitFor(async () => {
      const now = await view.currentEntries();
      return now.some((e) => e.reach === 'local' && e.hostPort === '8081') || undefined;
    }, 'the view to show 8081 as local');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the Published Ports view names each public binding\'s class: must never, public by design, declared, accidental', async () => {
    // A small edge stack: a Traefik-like proxy on 80/443 and its dashboard, a demo page declared
    // public, an app and a database, each published on every interface.
    const stack = file('edge/compose.yaml');
    await vscode.workspace.fs.writeFile(stack, new TextEncoder().encode([
      'services:',
      '  proxy:',
      '    image: traefik:v3.1',
      '    ports:',
      '      - "80:80"',
      '      - "443:443"',
      '      - "8088:8080"',
      '  whoami:',
      '    image: traefik/whoami',
      '    ports:',
      '      - "8001:80" # docker-port-safety public: the demo page, on purpose',
      '  app:',
      '    image: example/app',
      '    ports:',
      '      - "3001:3000"',
      '  db:',
      '    image: postgres:16',
      '    ports:',
      '      - "5433:5432"',
      '',
    ].join('\n')));
    try {
      const view = vscode.extensions.getExtension<{ portMap: PortMapViewApi }>('docker-port-safety.docker-port-safety')!.exports.portMap;
      await view.refresh();
      const [publicGroup] = await view.getChildren();
      assert.strictEqual(view.getTreeItem(publicGroup).label, 'Public');
      const rows = new Map<string, vscode.TreeItem>();
      const sources = new Map<string, vscode.TreeItem>();
      for (const entry of await view.getChildren(publicGroup)) {
        const item = view.getTreeItem(entry);
        rows.set(String(item.label), item);
        for (const source of await view.getChildren(entry)) sources.set(String(item.label), view.getTreeItem(source));
      }
      const expected: [string, string, string][] = [
        ['*:5433/tcp → 5432', 'must never be public', 'edge/compose.yaml:19'],
        ['*:80/tcp → 80', 'public by design', 'edge/compose.yaml:5'],
        ['*:443/tcp → 443', 'public by design', 'edge/compose.yaml:6'],
        ['*:8001/tcp → 80', 'declared public', 'edge/compose.yaml:11'],
        ['*:3001/tcp → 3000', 'accidental', 'edge/compose.yaml:15'],
        ['*:8088/tcp → 8080', 'accidental', 'edge/compose.yaml:7'],
      ];
      for (const [label, publicClass, where] of expected) {
        const row = rows.get(label);
        assert.ok(row, `${label} not among ${[...rows.keys()].join(', ')}`);
        // The row says the class beside its count of sources; the source under it says it again.
        assert.ok(String(row.description).split(' · ').includes(publicClass), `${label}: ${row.description}`);
        const source = sources.get(label)!;
        assert.strictEqual(source.label, where);
        assert.ok(String(source.description).split(' · ').includes(publicClass), `${label} source: ${source.description}`);
      }
      // Fix-all's classes: "Bind to 127.0.0.1" is offered on what must never or need not be public, not on what is meant to be.
      assert.strictEqual(rows.get('*:5433/tcp → 5432')!.contextValue, 'fixableEntry');
      assert.strictEqual(rows.get('*:3001/tcp → 3000')!.contextValue, 'fixableEntry');
      assert.notStrictEqual(rows.get('*:80/tcp → 80')!.contextValue, 'fixableEntry');
      assert.notStrictEqual(rows.get('*:8001/tcp → 80')!.contextValue, 'fixableEntry');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'edge'), { recursive: true });
    }
  });

  // Last: after a workspace check, closed files keep their findings, as in the Problems view of other linters.
  it('"Check Workspace" fills the Problems view for files that are not open', async () => {
    const unopened = file('scripts/deploy.sh');
    assert.strictEqual(ours(unopened).length, 0);
    const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('dockerPortSafety.checkWorkspace');
    assert.ok(result.files >= 7 && result.findings > 0, JSON.stringify(result));
    const list = await diagnosticsFor(unopened, (l) => l.length > 0, 'diagnostics of an unopened file');
    assert.deepStrictEqual(list.map(codeOf), ['publish-all']);
  });
});
