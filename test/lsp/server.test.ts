/** The built server over the real protocol: open, change, hover, code actions, settings, close. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { applyLspEdits, LspClient } from '../support/lspClient';

const COMPOSE_URI = 'file:///work/project/compose.yaml';
const COMPOSE = 'services:\n  db:\n    image: postgres\n    ports:\n      - 5432:5432\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n';

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  it('publishes diagnostics for an opened compose file with source, code, link and exact range', async () => {
    await client.open(COMPOSE_URI, 'yaml', COMPOSE);
    const diagnostics = await client.waitForDiagnostics(COMPOSE_URI, (p) => p.version === 1);
    const publicBinds = diagnostics.filter((d) => d.code === 'public-bind');
    assert.equal(publicBinds.length, 2);
    const [db] = publicBinds;
    assert.equal(db.source, 'docker-port-safety');
    assert.equal(db.severity, 1, 'PostgreSQL is an error');
    assert.match(String(db.message), /PostgreSQL/);
    assert.match(db.codeDescription!.href, /#public-bind$/);
    assert.deepEqual(db.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 17 } });
    assert.deepEqual(publicBinds[1].range, { start: { line: 8, character: 9 }, end: { line: 8, character: 16 } });
  });

  it('re-checks on incremental changes, for the new version', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: COMPOSE_URI, version: 2 },
      contentChanges: [{ range: { start: { line: 8, character: 9 }, end: { line: 8, character: 9 } }, text: '127.0.0.1:' }],
    });
    const diagnostics = await client.waitForDiagnostics(COMPOSE_URI, (p) => p.version === 2);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'public-bind').map((d) => d.range.start.line), [4]);
  });

  it('answers hovers in plain words', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: COMPOSE_URI },
      position: { line: 4, character: 10 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /all network interfaces, IPv4 and IPv6/);
    assert.match(value, /PostgreSQL/);
    assert.match(value, /docs\.docker\.com/);
  });

  it('offers the preferred fix, an ignore action and fix-all; applying them gives the exact text', async () => {
    const text = COMPOSE.replace('"8080:80"', '"127.0.0.1:8080:80"');
    const diagnostics = client.diagnostics.get(COMPOSE_URI)!.diagnostics;
    const range = diagnostics.find((d) => d.code === 'public-bind')!.range;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: COMPOSE_URI },
      range,
      context: { diagnostics: diagnostics.filter((d) => d.range.start.line === range.start.line) },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, 'Bind to 127.0.0.1 (this machine only)');
    assert.equal(applyLspEdits(text, preferred.edit!.changes![COMPOSE_URI]), text.replace('- 5432:5432', '- "127.0.0.1:5432:5432"'));
    const ignore = actions.find((a) => a.title === 'Ignore public-bind on this line')!;
    assert.equal(applyLspEdits(text, ignore.edit!.changes![COMPOSE_URI]), text.replace('      - 5432:5432', '      # docker-port-safety ignore public-bind\n      - 5432:5432'));
    assert.ok(actions.find((a) => a.title === 'Quote port mapping'));

    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: COMPOSE_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.dockerPortSafety'] },
    })) as CodeAction[];
    assert.deepEqual(fixAll.map((a) => [a.title, a.kind]), [['Fix all port bindings in this file', 'source.fixAll.dockerPortSafety']]);
    assert.equal(applyLspEdits(text, fixAll[0].edit!.changes![COMPOSE_URI]), text.replace('- 5432:5432', '- "127.0.0.1:5432:5432"'));
  });

  it('reads settings through workspace/configuration and re-checks when they change', async () => {
    const before_ = client.configurationRequests;
    client.settings = { bindAddress: '10.8.0.1', severity: { 'unquoted-port': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.waitForDiagnostics(COMPOSE_URI, (p) => !p.diagnostics.some((d) => d.code === 'unquoted-port'));
    assert.ok(client.configurationRequests > before_);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: COMPOSE_URI },
      range: diagnostics[0].range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    assert.equal(actions.find((a) => a.isPreferred)!.title, 'Bind to 10.8.0.1');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(COMPOSE_URI, (p) => p.diagnostics.some((d) => d.code === 'unquoted-port'));
  });

  it('clears diagnostics on close', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: COMPOSE_URI } });
    await client.waitForDiagnostics(COMPOSE_URI, (p) => p.diagnostics.length === 0);
  });

  const byLanguage: [string, string, string][] = [
    ['file:///w/run.sh', 'sh', 'docker run -p 80:80 x\n'],
    ['file:///w/start', 'bash', 'docker run -p 80:80 x\n'],
    ['file:///w/start.zsh', 'zsh', 'docker run -p 80:80 x\n'],
    ['file:///w/script.sh', 'shellscript', 'docker run -p 80:80 x\n'],
    ['file:///w/stack.yml', 'yaml.docker-compose', 'services:\n  a:\n    ports: ["80:80"]\n'],
    ['file:///w/stack.yml', 'dockercompose', 'services:\n  a:\n    ports: ["80:80"]\n'],
    ['file:///w/docker-compose.override.yml', 'yaml', 'services:\n  a:\n    ports: ["80:80"]\n'],
    ['file:///w/compose.yaml', 'plaintext', 'services:\n  a:\n    ports: ["80:80"]\n'],
    ['file:///w/Dockerfile.dev', 'plaintext', 'FROM x\nEXPOSE 80:80\n'],
    ['file:///w/README.md', 'markdown', '```sh\ndocker run -p 80:80 x\n```\n'],
    ['file:///w/guide.md', 'markdown', '```yaml\nservices:\n  a:\n    image: x\n    ports: ["80:80"]\n```\n'],
    ['file:///w/web.container', 'ini', '[Container]\nPublishPort=80:80\n'],
    ['file:///w/app.pod', 'plaintext', '[Pod]\nPublishPort=80:80\n'],
    ['file:///w/site.yml', 'ansible', '- docker_container:\n    published_ports: ["80:80"]\n'],
    ['file:///w/roles/web/tasks/main.yml', 'yaml', '- podman_container:\n    publish: ["80:80"]\n'],
  ];
  for (const [uri, languageId, text] of byLanguage) {
    it(`checks ${uri} opened as ${languageId}`, async () => {
      const unique = `${uri}?${languageId}`;
      await client.open(unique.replace('?', '#'), languageId, text);
      const diagnostics = await client.waitForDiagnostics(unique.replace('?', '#'), (p) => p.diagnostics.length > 0);
      assert.ok(diagnostics.some((d) => d.code === 'public-bind' || d.code === 'invalid-port'));
    });
  }

  it('reads YAML by content (stack.yml as yaml) and Markdown as written (emoji, untagged PowerShell), with exact ranges', async () => {
    const stack = 'file:///w/deploy/stack.yml';
    await client.open(stack, 'yaml', 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n');
    const stackDiagnostics = await client.waitForDiagnostics(stack, (p) => p.diagnostics.length > 0);
    assert.deepEqual(stackDiagnostics.map((d) => [d.code, d.range]), [['public-bind', { start: { line: 5, character: 9 }, end: { line: 5, character: 16 } }]]);
    const readme = 'file:///w/docs/README.md';
    await client.open(readme, 'markdown', '# 🐳 Run it 😀 🚀\n\n```\ndocker run -d `\n  -p 8080:80 `\n  nginx\n```\n');
    const readmeDiagnostics = await client.waitForDiagnostics(readme, (p) => p.diagnostics.length > 0);
    assert.deepEqual(readmeDiagnostics.map((d) => [d.code, d.range]), [["public-bind", { start: { line: 4, character: 5 }, end: { line: 4, character: 12 } }]]);
  });

  it('ignores other YAML and other languages', async () => {
    await client.open('file:///w/config.yaml', 'yaml', 'ports: ["80:80"]\n');
    // Ruby is read only in a Vagrantfile.
    await client.open('file:///w/main.rb', 'ruby', 'system("docker run -p 80:80 x") # forwarded_port\n');
    // The marker document is opened after them; once its diagnostics arrive the earlier ones were handled too.
    await client.open('file:///w/marker.sh', 'sh', 'docker run -p 1:1 x\n');
    await client.waitForDiagnostics('file:///w/marker.sh', (p) => p.diagnostics.length === 1);
    assert.equal(client.diagnostics.has('file:///w/config.yaml'), false);
    assert.equal(client.diagnostics.has('file:///w/main.rb'), false);
  });

  it('answers hovers, fixes and the port map for a document with thousands of findings (its analysis stays on the checker thread until asked for)', async () => {
    const uri = 'file:///w/many/compose.yaml';
    const services = (first: string) => `services:\n${Array.from({ length: 1500 }, (_, i) => `  s${i}:\n    image: ${i === 0 ? first : 'x'}\n    ports:\n      - "${10000 + i}:80"\n`).join('')}`;
    await client.open(uri, 'yaml', services('x'));
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 1500);
    // Typing moves every later offset by two: hovers and fixes must come from this version's analysis.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 11 } }, text: 'yz' }],
    });
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    const last = diagnostics[diagnostics.length - 1];
    assert.deepEqual(last.range, { start: { line: 6000, character: 9 }, end: { line: 6000, character: 17 } });
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6000, character: 12 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /11499/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: last.range, context: { diagnostics: [last] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.deepEqual(preferred.edit!.changes![uri], [{ range: { start: { line: 6000, character: 9 }, end: { line: 6000, character: 9 } }, newText: '127.0.0.1:' }]);
    const { ports } = (await client.connection.sendRequest('dockerPortSafety/portMap', { folders: [] })) as { ports: { hostPort: string }[] };
    assert.ok(ports.some((p) => p.hostPort === '11499'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('diagnostics stay exact check after check while their buffer goes back and forth between the threads', async () => {
    const uri = 'file:///w/buffers.sh';
    const lines = Array.from({ length: 400 }, (_, i) => `docker run -p ${10000 + i}:80 app${i}`);
    await client.open(uri, 'shellscript', lines.join('\n') + '\n');
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    for (let version = 2; version <= 13; version++) {
      // Binds line 200 to loopback and back: every other check has one diagnostic fewer.
      const bound = version % 2 === 0;
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: bound
          ? [{ range: { start: { line: 200, character: 14 }, end: { line: 200, character: 14 } }, text: '127.0.0.1:' }]
          : [{ range: { start: { line: 200, character: 14 }, end: { line: 200, character: 24 } }, text: '' }],
      });
      const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === version);
      const publicBinds = diagnostics.filter((d) => d.code === 'public-bind');
      assert.equal(publicBinds.length, bound ? 399 : 400, `version ${version}`);
      for (const d of publicBinds) {
        assert.match(String(d.message), new RegExp(`port ${10000 + d.range.start.line} \\(container port 80/tcp\\)`), `version ${version}, line ${d.range.start.line}`);
        assert.deepEqual(d.range.start.character, 14);
      }
      assert.equal(publicBinds.some((d) => d.range.start.line === 200), !bound);
    }
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('during rapid typing, the newest version always gets its diagnostics', async () => {
    const uri = 'file:///w/typing.sh';
    await client.open(uri, 'shellscript', '');
    let text = '';
    const line = 'docker run -p 8080:80 app\n';
    for (let version = 2; version <= line.length + 1; version++) {
      const ch = line[version - 2];
      const lines = text.split('\n');
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: lines.length - 1, character: lines[lines.length - 1].length }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, text: ch }],
      });
      text += ch;
    }
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === line.length + 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['public-bind']);
  });
});

describe('language server over node IPC', () => {
  it('serves the same diagnostics', async () => {
    const client = await LspClient.start('node-ipc');
    try {
      await client.open('file:///w/run.sh', 'shellscript', 'docker run -p 3456:3000 app-in-port\n');
      const diagnostics = await client.waitForDiagnostics('file:///w/run.sh', (p) => p.diagnostics.length > 0);
      assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 14 }, end: { line: 0, character: 23 } });
    } finally {
      await client.stop();
    }
  });
});

describe('language server: files over dockerPortSafety.maxFileSize', () => {
  it('get one information diagnostic saying they were not checked', async () => {
    const client = await LspClient.start('stdio', { maxFileSize: 1000 });
    try {
      const uri = 'file:///w/big.sh';
      await client.open(uri, 'shellscript', 'docker run -p 80:80 x\n'.repeat(100));
      const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
      assert.equal(diagnostics[0].severity, 3);
      assert.match(String(diagnostics[0].message), /Not checked: the file is larger than dockerPortSafety\.maxFileSize \(1000 bytes\)/);
    } finally {
      await client.stop();
    }
  });
});
