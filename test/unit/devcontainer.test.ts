/**
 * Dev containers and VS Code's own forwarding. The fixtures follow configurations as repositories
 * write them: the tab-indented template with its comments, `appPort` as a number, a string and a
 * list with a trailing comma, a Compose-based configuration, and `"remote.localPortHost"` in a
 * folder's settings, a workspace file and a dev container's customizations.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind } from '../../server/src/engine/readers/documentKind';
import { hoverAt } from '../../server/src/engine/hover';
import type { DocumentKind } from '../../server/src/engine/model';
import { buildPortMap } from '../../server/src/engine/portMap';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { check, fixEverything, settingsWith, findingsInWords } from '../support/engine';

const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string, kind: DocumentKind) => findingsInWords(text, kind);
const hover = (text: string, kind: DocumentKind, at: string) => hoverAt(extractFacts(text, kind), text.indexOf(at) + 1, ruleContext({ settings: settingsWith() }))?.markdown ?? '';

/** The template's shape: tabs, comments, an image, and `appPort` as written. */
const template = (appPort: string) =>
  lines(
    '// For format details, see https://aka.ms/devcontainer.json.',
    '{',
    '\t"name": "Node.js",',
    '\t"image": "mcr.microsoft.com/devcontainers/javascript-node:1-20-bookworm",',
    "\t// Use 'forwardPorts' to make a list of ports inside the container available locally.",
    '\t"forwardPorts": [3000],',
    `\t"appPort": ${appPort}`,
    '}',
  );

describe('dev containers: appPort as the Dev Containers CLI reads it', () => {
  // [what, appPort as written, findings [rule, severity, range text], appPort after the fix]
  const cases: [string, string, string[][], string][] = [
    ['a number is published on 127.0.0.1: nothing to report', '3000', [], '3000'],
    ['a list of numbers, trailing comma', '[\n\t\t9080,\n\t\t9090,\n\t]', [], '[\n\t\t9080,\n\t\t9090,\n\t]'],
    ['a string is passed to docker run -p as written', '"3001:3000"', [['public-bind', 'warning', '3001:3000']], '"127.0.0.1:3001:3000"'],
    ['a string with the container port alone: a random port on every interface', '"8080"', [['public-bind', 'warning', '8080']], '"127.0.0.1::8080"'],
    ['an explicit wildcard', '"0.0.0.0:5432:5432"', [['public-bind', 'error', '0.0.0.0:5432:5432']], '"127.0.0.1:5432:5432"'],
    ['an IPv6 wildcard is fixed to IPv6 loopback', '"[::]:8080:80"', [['public-bind', 'warning', '[::]:8080:80']], '"[::1]:8080:80"'],
    ['a list of numbers and strings, a comment inside', '[3000, "5000:5001" /* api */, "127.0.0.1:2222:2222"]', [['public-bind', 'warning', '5000:5001']], '[3000, "127.0.0.1:5000:5001" /* api */, "127.0.0.1:2222:2222"]'],
    ['a private address is not reported', '["192.168.1.20:8080:80"]', [], '["192.168.1.20:8080:80"]'],
    ['Docker refuses a host name', '"localhost:8080:80"', [['invalid-port', 'error', 'localhost:8080:80']], '"localhost:8080:80"'],
  ];
  for (const [what, appPort, expected, fixedAppPort] of cases) {
    it(what, () => {
      const text = template(appPort);
      assert.deepEqual(findings(text, 'devcontainer'), expected);
      const fixed = template(fixedAppPort);
      assert.equal(fixEverything(text, 'devcontainer'), fixed);
      assert.equal(fixEverything(fixed, 'devcontainer'), fixed);
    });
  }

  it('hover says what the CLI does with a number and with a string', () => {
    assert.match(hover(template('[3000, "8080:80"]'), 'devcontainer', '3000, '), /127\.0\.0\.1:3000:3000.*this machine only/);
    assert.match(hover(template('[3000, "8080:80"]'), 'devcontainer', '8080:80'), /as written/);
  });

  it('a configuration started from a Compose file never uses appPort', () => {
    const text = lines('{', '  "name": "api",', '  "dockerComposeFile": ["../compose.yaml"],', '  "service": "api",', '  "appPort": ["8000:8000"]', '}');
    assert.deepEqual(findings(text, 'devcontainer'), []);
    assert.match(hover(text, 'devcontainer', '8000:8000'), /not used/);
    // With an image or a Dockerfile beside it, the CLI starts the container itself and appPort counts.
    assert.deepEqual(findings(text.replace('"service": "api",', '"build": { "dockerfile": "Dockerfile" },'), 'devcontainer'), [['public-bind', 'warning', '8000:8000']]);
  });

  it('the port map lists numbers as local and strings as written, with the image', () => {
    const text = template('[3000, "8080:80"]');
    const map = buildPortMap([{ uri: 'file:///w/.devcontainer/devcontainer.json', text, facts: extractFacts(text, 'devcontainer'), findings: check(text, 'devcontainer') }]);
    assert.deepEqual(
      map.map((e) => [e.reach, e.hostAddress, e.hostPort, e.containerPort, e.sources[0].container, e.sources[0].rule ?? '']),
      [['public', null, '8080', '80', 'mcr.microsoft.com/devcontainers/javascript-node:1-20-bookworm', 'public-bind'], ['local', '127.0.0.1', '3000', '3000', 'mcr.microsoft.com/devcontainers/javascript-node:1-20-bookworm', '']],
    );
  });

  it('runArgs are still read, and an ignore comment silences an entry', () => {
    const text = lines('{', '  "image": "x",', '  "runArgs": ["-p", "7000:7000"],', '  // docker-port-safety ignore public-bind', '  "appPort": "8080:80"', '}');
    assert.deepEqual(findings(text, 'devcontainer'), [['public-bind', 'warning', '7000:7000']]);
  });
});

describe("VS Code's forwarding: remote.localPortHost", () => {
  // [what, kind, text, findings, text after the fix]
  const customizations = (value: string) =>
    lines('{', '\t"image": "mcr.microsoft.com/devcontainers/python:3",', '\t"customizations": {', '\t\t"vscode": {', '\t\t\t"settings": {', `\t\t\t\t"remote.localPortHost": ${value}`, '\t\t\t}', '\t\t}', '\t}', '}');
  const folderSettings = (value: string) => lines('{', '    "editor.formatOnSave": true,', `    "remote.localPortHost": ${value}, // so the phone can reach the dev server`, '}');
  const workspace = (value: string) => lines('{', '  "folders": [{ "path": "api" }, { "path": "web" }],', '  "settings": {', `    "remote.localPortHost": ${value}`, '  }', '}');
  const cases: [string, DocumentKind, (value: string) => string, string, string[][]][] = [
    ["a dev container's customizations", 'devcontainer', customizations, '"allInterfaces"', [['public-bind', 'warning', 'allInterfaces']]],
    ["a folder's .vscode/settings.json, a comment after the value", 'vscode-settings', folderSettings, '"allInterfaces"', [['public-bind', 'warning', 'allInterfaces']]],
    ['a .code-workspace file', 'vscode-settings', workspace, '"allInterfaces"', [['public-bind', 'warning', 'allInterfaces']]],
    ['any value but localhost is every interface to VS Code', 'vscode-settings', folderSettings, '"0.0.0.0"', [['public-bind', 'warning', '0.0.0.0']]],
    ['localhost is the default: nothing to report', 'vscode-settings', folderSettings, '"localhost"', []],
    ['a value of another type is not read', 'vscode-settings', workspace, 'true', []],
  ];
  for (const [what, kind, file, value, expected] of cases) {
    it(what, () => {
      const text = file(value);
      assert.deepEqual(findings(text, kind), expected);
      const fixed = expected.length > 0 ? file('"localhost"') : text;
      assert.equal(fixEverything(text, kind), fixed);
      assert.equal(fixEverything(fixed, kind), fixed);
    });
  }

  it('the fix is titled for the setting, the hover explains it, the port map lists it once per file', () => {
    const text = folderSettings('"allInterfaces"');
    const [finding] = check(text, 'vscode-settings');
    assert.match(finding.message, /VS Code forwards every port on all interfaces/);
    assert.match(finding.fixes[0].title, /localhost/);
    assert.match(hover(text, 'vscode-settings', 'allInterfaces'), /127\.0\.0\.1 only/);
    const [entry] = buildPortMap([{ uri: 'file:///w/.vscode/settings.json', text, facts: extractFacts(text, 'vscode-settings'), findings: [finding] }]);
    assert.deepEqual([entry.reach, entry.hostAddress, entry.hostPort, entry.sources[0].container], ['public', null, 'forwarded', 'VS Code port forwarding']);
  });

  it('recognised by path: a folder settings file and workspace files, not any settings.json', () => {
    assert.equal(documentKind('/w/.vscode/settings.json', 'jsonc'), 'vscode-settings');
    assert.equal(documentKind('C:\\w\\.vscode\\settings.json', 'jsonc'), 'vscode-settings');
    assert.equal(documentKind('/w/team.code-workspace', 'jsonc'), 'vscode-settings');
    assert.equal(documentKind('/w/config/settings.json', 'jsonc'), undefined);
    assert.equal(documentKind('/w/.devcontainer/python/devcontainer.json', 'jsonc'), 'devcontainer');
  });
});

describe('pages: dev container configurations and VS Code settings in JSON blocks', () => {
  before(() => loadBashGrammar());
  // [what, page, findings [rule, severity, range text], page after the fix]
  const cases: [string, string, string[][], string][] = [
    ['a lone settings line, as guides show it', lines('Add to `.vscode/settings.json`:', '', '```json', '"remote.localPortHost": "allInterfaces"', '```'),
      [['public-bind', 'warning', 'allInterfaces']], lines('Add to `.vscode/settings.json`:', '', '```json', '"remote.localPortHost": "localhost"', '```')],
    ['a whole configuration in a list item, jsonc', lines('1. Create `.devcontainer/devcontainer.json`:', '', '   ```jsonc', '   {', '     "image": "node:20", // the base', '     "appPort": [3000, "8080:80"],', '     "runArgs": ["-p", "9229:9229"]', '   }', '   ```'),
      [['public-bind', 'warning', '8080:80'], ['public-bind', 'warning', '9229:9229']],
      lines('1. Create `.devcontainer/devcontainer.json`:', '', '   ```jsonc', '   {', '     "image": "node:20", // the base', '     "appPort": [3000, "127.0.0.1:8080:80"],', '     "runArgs": ["-p", "127.0.0.1:9229:9229"]', '   }', '   ```')],
    ["a configuration's customizations, in a blockquote", lines('> ```json', '> { "customizations": { "vscode": { "settings": { "remote.localPortHost": "allInterfaces" } } } }', '> ```'),
      [['public-bind', 'warning', 'allInterfaces']], lines('> ```json', '> { "customizations": { "vscode": { "settings": { "remote.localPortHost": "localhost" } } } }', '> ```')],
    ['localhost, numbers and other JSON stay unread', lines('```json', '{ "remote.localPortHost": "localhost", "appPort": 3000 }', '```', '', '```js', 'const s = { "remote.localPortHost": "allInterfaces" };', '```'), [], ''],
  ];
  for (const [what, page, expected, fixedPage] of cases) {
    it(what, () => {
      assert.deepEqual(findings(page, 'markdown'), expected);
      const fixed = expected.length > 0 ? fixedPage : page;
      assert.equal(fixEverything(page, 'markdown'), fixed);
      assert.equal(fixEverything(fixed, 'markdown'), fixed);
    });
  }
});

