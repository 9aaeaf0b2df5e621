/**
 * Dev containers, VS Code's forwarding, workflow service containers and the two real-file misses
 * (a backquoted comment in a continued command, an untagged Compose fence), over the real protocol:
 * the diagnostic's range, the hover, the preferred fix applied, and the fixed text clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyLspEdits, hoverAndPreferredFix, leftAfterFix, LspClient } from '../support/lspClient';

const lines = (...l: string[]) => l.join('\n') + '\n';

interface Surface {
  what: string;
  uri: string;
  languageId: string;
  text: string;
  /** The text the diagnostic underlines. */
  range: string;
  severity: number;
  hover: RegExp;
  title: RegExp;
  fixed: string;
}

const devcontainer = lines('{', '\t// the app', '\t"image": "node:20",', '\t"appPort": [3000, "8080:80"],', '}');
const folderSettings = lines('{', '    "editor.tabSize": 2,', '    "remote.localPortHost": "allInterfaces" // for the phone', '}');
const workspace = lines('{', '  "folders": [{ "path": "." }],', '  "settings": { "remote.localPortHost": "allInterfaces" }', '}');
const workflow = (runsOn: string) => lines('on: push', 'jobs:', '  test:', `    runs-on: ${runsOn}`, '    services:', '      db:', '        image: postgres:16', '        ports:', '          - 5432:5432', '    steps:', '      - run: npm test');
const withOptions = (publish: string) =>
  lines('on: push', 'jobs:', '  test:', '    runs-on: [self-hosted, linux]', '    services:', '      cache:', '        image: redis:7', '        options: >-', '          --health-cmd "redis-cli ping"', `          ${publish}`, '    steps:', '      - run: make test');
const onMatrix = lines(
  'on: push', 'jobs:', '  test:', '    runs-on: ${{ matrix.os }}', '    strategy:', '      matrix:', '        os: [ubuntu-latest, ubuntu-22.04]',
  '    services:', '      db:', '        image: postgres:16', '        ports:', '          - 5432:5432', '    steps:', '      - run: npm test',
);
const readme = lines('# Media server', '', '```bash', 'docker run -d \\', '  -e TZ=Etc/UTC `#optional` \\', '  -p 127.0.0.1:8096:8096 \\', '  -p 8920:8920 `#optional` \\', '  example/media', '```');
const composePage = lines('Save as `compose.yaml`:', '', '```', 'services:', '  app:', '    image: example/app', '    ports:', '      - "3000:3000"', '```');

const SURFACES: Surface[] = [
  { what: 'devcontainer.json appPort string', uri: 'file:///w/.devcontainer/devcontainer.json', languageId: 'jsonc', text: devcontainer, range: '8080:80', severity: 2, hover: /as written/, title: /Bind to 127\.0\.0\.1/, fixed: devcontainer.replace('"8080:80"', '"127.0.0.1:8080:80"') },
  { what: '.vscode/settings.json remote.localPortHost', uri: 'file:///w/.vscode/settings.json', languageId: 'jsonc', text: folderSettings, range: 'allInterfaces', severity: 2, hover: /VS Code port forwarding/, title: /localhost/, fixed: folderSettings.replace('"allInterfaces"', '"localhost"') },
  { what: '.code-workspace settings', uri: 'file:///w/team.code-workspace', languageId: 'jsonc', text: workspace, range: 'allInterfaces', severity: 2, hover: /0\.0\.0\.0/, title: /localhost/, fixed: workspace.replace('"allInterfaces"', '"localhost"') },
  { what: 'workflow service on a self-hosted runner', uri: 'file:///w/.github/workflows/ci.yml', languageId: 'yaml', text: workflow('self-hosted'), range: '5432:5432', severity: 1, hover: /service container "db"/, title: /Bind to 127\.0\.0\.1/, fixed: workflow('self-hosted').replace('- 5432:5432', '- "127.0.0.1:5432:5432"') },
  { what: 'workflow service on a GitHub-hosted runner (information)', uri: 'file:///w/.github/workflows/hosted.yml', languageId: 'github-actions-workflow', text: workflow('ubuntu-latest'), range: '5432:5432', severity: 3, hover: /GitHub-hosted/, title: /Bind to 127\.0\.0\.1/, fixed: workflow('ubuntu-latest').replace('- 5432:5432', '- "127.0.0.1:5432:5432"') },
  { what: 'workflow service publishing in its options: block', uri: 'file:///w/.github/workflows/options.yml', languageId: 'github-actions-workflow', text: withOptions('--publish 16379:6379'), range: '16379:6379', severity: 1, hover: /Written in `options:`/, title: /Bind to 127\.0\.0\.1/, fixed: withOptions('--publish 127.0.0.1:16379:6379') },
  { what: 'workflow service on runs-on from a matrix of GitHub-hosted labels (information)', uri: 'file:///w/.github/workflows/matrix.yml', languageId: 'yaml', text: onMatrix, range: '5432:5432', severity: 3, hover: /every value of `matrix\.os`/, title: /Bind to 127\.0\.0\.1/, fixed: onMatrix.replace('- 5432:5432', '- "127.0.0.1:5432:5432"') },
  { what: 'a -p after a backquoted comment in a README', uri: 'file:///w/README.md', languageId: 'markdown', text: readme, range: '8920:8920', severity: 2, hover: /8920/, title: /Bind to 127\.0\.0\.1/, fixed: readme.replace('-p 8920:8920', '-p 127.0.0.1:8920:8920') },
  { what: 'an untagged Compose fence', uri: 'file:///w/docs/install.md', languageId: 'markdown', text: composePage, range: '3000:3000', severity: 2, hover: /3000/, title: /Bind to 127\.0\.0\.1/, fixed: composePage.replace('"3000:3000"', '"127.0.0.1:3000:3000"') },
];

function offsetOf(text: string, position: { line: number; character: number }): number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts[position.line] + position.character;
}

describe('language server: dev containers, VS Code forwarding, workflow containers, real-file misses', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  for (const surface of SURFACES) {
    it(surface.what, async () => {
      await client.open(surface.uri, surface.languageId, surface.text);
      const published = await client.waitForDiagnostics(surface.uri, (p) => p.version === 1);
      const diagnostics = published.filter((d: Diagnostic) => d.code === 'public-bind');
      assert.equal(diagnostics.length, 1, JSON.stringify(published));
      const [diagnostic] = diagnostics;
      assert.equal(surface.text.slice(offsetOf(surface.text, diagnostic.range.start), offsetOf(surface.text, diagnostic.range.end)), surface.range);
      assert.equal(diagnostic.severity, surface.severity);
      assert.equal(diagnostic.source, 'docker-port-safety');

      const { hover, preferred } = await hoverAndPreferredFix(client, surface.uri, diagnostic);
      assert.match(hover, surface.hover);
      assert.match(preferred!.title, surface.title);
      const fixed = applyLspEdits(surface.text, preferred!.edit!.changes![surface.uri]);
      assert.equal(fixed, surface.fixed);

      // The fixed text has nothing left to fix: no public-bind, and fix-all offers no edit.
      const left = await leftAfterFix(client, surface.uri, fixed);
      assert.deepEqual(left.publicBind, []);
      assert.deepEqual(left.fixAll, []);
    });
  }
});
