/** `dockerPortSafety/portMap` and `dockerPortSafety/bindSources` over the real protocol. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { PortMapEntry } from '../../server/src/engine/portMap';
import { applyLspEdits, LspClient, SERVER } from '../support/lspClient';

const PROJECT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'portmap');

describe('the port map over LSP', () => {
  let client: LspClient;
  let folder: string;
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-lsp-map-'));
    fs.cpSync(PROJECT, folder, { recursive: true });
    client = await LspClient.start('stdio', {}, SERVER, [folder]);
  });
  after(() => client.stop());

  const portMap = async () => ((await client.connection.sendRequest('dockerPortSafety/portMap', {})) as { ports: PortMapEntry[] }).ports;
  const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();

  it('returns { ports } for the workspace folders with exactly the contract fields', async () => {
    const ports = await portMap();
    assert.equal(ports.length, 9);
    for (const entry of ports) {
      // publicClass: only on a binding whose sources public-bind judged (every interface).
      const fields = ['conflict', 'containerPort', 'hostAddress', 'hostPort', 'kind', 'protocol', 'reach', 'sources'];
      assert.deepEqual(Object.keys(entry).sort(), (entry.sources.some((s) => s.rule === 'public-bind') ? [...fields, 'publicClass'] : fields).sort());
      for (const source of entry.sources) {
        assert.deepEqual(Object.keys(source).slice(0, 2), ['uri', 'range']);
        assert.deepEqual(Object.keys(source).filter((k) => !['uri', 'range', 'container', 'rule', 'publicClass'].includes(k)), []);
      }
    }
    assert.deepEqual(ports.map((e) => e.publicClass ?? '-'), ['accidental', 'accidental', '-', 'accidental', '-', '-', '-', '-', '-']);
    assert.deepEqual(ports.map((e) => e.reach), ['public', 'public', 'public', 'public', 'public', 'specific', 'local', 'local', 'local']);
  });

  it('counts open documents with their unsaved text, and says when the map may have changed', async () => {
    const changed = new Promise<void>((resolve) => client.connection.onNotification('dockerPortSafety/portMapChanged', () => resolve()));
    const text = fs.readFileSync(path.join(folder, 'scripts', 'dev.sh'), 'utf8').replace('-p 8080:3000', '-p 127.0.0.1:8081:3000');
    await client.open(uriOf('scripts/dev.sh'), 'shellscript', text);
    await changed;
    const ports = await portMap();
    const dev = ports.filter((e) => e.sources.some((s) => s.uri === uriOf('scripts/dev.sh') && s.range.start.line === 1));
    assert.deepEqual(dev.map((e) => [e.reach, e.hostAddress, e.hostPort, e.conflict]), [['local', '127.0.0.1', '8081', false]]);
    assert.equal(ports.find((e) => e.hostPort === '8080' && e.reach === 'public')!.conflict, false, 'the conflict went with the edit');
  });

  it('bindSources returns the quick fix of every source of an entry as one workspace edit', async () => {
    const ports = await portMap();
    const entry = ports.find((e) => e.reach === 'public' && e.hostPort === '8080')!;
    const edit = (await client.connection.sendRequest('dockerPortSafety/bindSources', { sources: entry.sources })) as WorkspaceEdit;
    const compose = fs.readFileSync(path.join(folder, 'compose.yaml'), 'utf8');
    assert.equal(applyLspEdits(compose, edit.changes![uriOf('compose.yaml')]), compose.replace('"${WEB_PORT}:80"', '"127.0.0.1:${WEB_PORT}:80"'));
    const readme = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
    assert.equal(applyLspEdits(readme, edit.changes![uriOf('README.md')]), readme.replace('-p 8080:80 nginx', '-p 127.0.0.1:8080:80 nginx'));
    assert.ok(edit.changes![uriOf('compose.override.yaml')]);
  });
});
