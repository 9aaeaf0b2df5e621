/**
 * `textDocument/inlayHint` over the real protocol: on every surface, the address Docker binds
 * stands exactly before each spec written without one, never where an address is written, and
 * only within the range asked for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InlayHint, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const ALL = '0.0.0.0 + [::]';

interface Surface {
  name: string;
  uri: string;
  languageId: string;
  text: string;
  /** [line, character, label] of each hint, in order. */
  hints: [number, number, string][];
}

const SURFACES: Surface[] = [
  {
    name: 'Compose, short syntax (plain, quoted, with an address, an empty address slot, a random port, a variable)',
    uri: 'file:///hints/compose.yaml',
    languageId: 'dockercompose',
    text: [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports:',
      '      - 8080:80',
      '      - "8443:443"',
      '      - "127.0.0.1:9000:9000"',
      '      - ":7000:7000"',
      '      - "6000"',
      '      - "${BIND:-127.0.0.1}:5000:5000"',
      '      - "${WEB_PORT:-3000}:3000"',
      '',
    ].join('\n'),
    hints: [
      [4, 8, `${ALL}:`],
      [5, 9, `${ALL}:`],
      [7, 9, ALL],
      [8, 9, `${ALL}:random→`],
      [9, 9, '127.0.0.1 ='],
      [10, 9, `${ALL}:`],
    ],
  },
  {
    name: 'Compose, long syntax (published, target only, host_ip written)',
    uri: 'file:///hints/long/compose.yaml',
    languageId: 'yaml',
    text: [
      'services:',
      '  api:',
      '    image: api',
      '    ports:',
      '      - target: 80',
      '        published: 8080',
      '      - target: 81',
      '      - target: 82',
      '        published: 8082',
      '        host_ip: 127.0.0.1',
      '',
    ].join('\n'),
    hints: [
      [5, 19, `${ALL}:`],
      [6, 16, `${ALL}:random→`],
    ],
  },
  {
    name: "Compose, a network's host_binding_ipv4",
    uri: 'file:///hints/net/compose.yaml',
    languageId: 'dockercompose',
    text: [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports:',
      '      - "8080:80"',
      'networks:',
      '  default:',
      '    driver_opts:',
      '      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"',
      '',
    ].join('\n'),
    hints: [[4, 9, '127.0.0.1:']],
  },
  {
    name: 'docker run -p in a script (forms, an address, key=value, a created network, host networking)',
    uri: 'file:///hints/run.sh',
    languageId: 'shellscript',
    text: [
      '#!/bin/sh',
      'docker run -p 3456:3000 -p 4567 app',
      'docker run -p 127.0.0.1:3456:3000 -p [::1]:80:80 app',
      'docker run -p published=8080,target=80,host_ip=127.0.0.1 app',
      'docker network create -o com.docker.network.bridge.host_binding_ipv4=127.0.0.2 local',
      'docker run --network local -p "9090:90" app',
      'docker run --network host -p 7070:70 app',
      'docker service create --publish 8000:80 web',
      '',
    ].join('\n'),
    hints: [
      [1, 14, `${ALL}:`],
      [1, 27, `${ALL}:random→`],
      [3, 14, ALL],
      [5, 31, '127.0.0.2:'],
      [7, 32, `${ALL} (every node):`],
    ],
  },
  {
    name: 'Markdown: a command and a Compose block',
    uri: 'file:///hints/guide.md',
    languageId: 'markdown',
    text: ['# Guide', '', '```sh', 'docker run -p 8080:80 nginx', '```', '', '```yaml', 'services:', '  db:', '    image: postgres', '    ports:', '      - "5432:5432"', '```', ''].join('\n'),
    hints: [
      [3, 14, `${ALL}:`],
      [11, 9, `${ALL}:`],
    ],
  },
  {
    name: 'a GitHub workflow step',
    uri: 'file:///hints/.github/workflows/ci.yml',
    languageId: 'github-actions-workflow',
    text: ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - run: docker run -d -p 6379:6379 redis', ''].join('\n'),
    hints: [[5, 30, `${ALL}:`]],
  },
  {
    name: 'a Quadlet unit',
    uri: 'file:///hints/wiki.container',
    languageId: 'ini',
    text: ['[Container]', 'Image=nginx', 'PublishPort=8080:80', 'PublishPort=127.0.0.1:8443:443', ''].join('\n'),
    hints: [[2, 12, `${ALL}:`]],
  },
  {
    name: 'an Ansible task',
    uri: 'file:///hints/site.yml',
    languageId: 'ansible',
    text: ['- hosts: all', '  tasks:', '    - community.docker.docker_container:', '        name: db', '        image: postgres', '        published_ports:', '          - "5432:5432"', '          - "127.0.0.1:8080:80"', ''].join('\n'),
    hints: [[6, 13, `${ALL}:`]],
  },
  {
    name: 'a dev container',
    uri: 'file:///hints/.devcontainer/devcontainer.json',
    languageId: 'jsonc',
    text: ['{', '  "image": "node",', '  "runArgs": ["-p", "3000:3000", "--publish=127.0.0.1:9229:9229"]', '}', ''].join('\n'),
    hints: [[2, 21, `${ALL}:`]],
  },
];

describe('inlay hints over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  const hintsIn = (uri: string, start: Position, end: Position) =>
    client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start, end } }) as Promise<InlayHint[]>;
  const wholeDocument = (text: string) => {
    const lines = text.split('\n');
    return [{ line: 0, character: 0 }, { line: lines.length - 1, character: lines[lines.length - 1].length }] as const;
  };

  for (const surface of SURFACES) {
    it(`${surface.name}: one hint before each spec without an address`, async () => {
      await client.open(surface.uri, surface.languageId, surface.text);
      const hints = await hintsIn(surface.uri, ...wholeDocument(surface.text));
      assert.deepEqual(
        hints.map((h) => [h.position.line, h.position.character, h.label]),
        surface.hints,
      );
      for (const hint of hints) {
        // The tooltip is the hover's first line at the same place; a hint is never an edit.
        const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: surface.uri }, position: hint.position })) as { contents: MarkupContent };
        assert.equal((hint.tooltip as MarkupContent).value, hover.contents.value.split('\n')[0]);
        assert.equal(hint.textEdits, undefined);
      }
    });
  }

  it('answers only for the range asked for (a hint on the range end is outside it)', async () => {
    const surface = SURFACES.find((s) => s.uri.endsWith('run.sh'))!;
    const firstLine = await hintsIn(surface.uri, { line: 1, character: 0 }, { line: 2, character: 0 });
    assert.deepEqual(firstLine.map((h) => [h.position.line, h.position.character]), [[1, 14], [1, 27]]);
    const between = await hintsIn(surface.uri, { line: 1, character: 15 }, { line: 1, character: 27 });
    assert.deepEqual(between, []);
    const fromSecond = await hintsIn(surface.uri, { line: 1, character: 27 }, { line: 5, character: 31 });
    assert.deepEqual(fromSecond.map((h) => [h.position.line, h.position.character]), [[1, 27], [3, 14]]);
  });

  it('follows edits: writing the address removes the hint', async () => {
    const surface = SURFACES.find((s) => s.uri.endsWith('wiki.container'))!;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: surface.uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 12 } }, text: '127.0.0.1:' }],
    });
    assert.deepEqual(await hintsIn(surface.uri, ...wholeDocument(surface.text)), []);
  });

  it('none when dockerPortSafety.inlayHints is false, and back when it is true', async () => {
    const surface = SURFACES[0];
    const count = () => hintsIn(surface.uri, ...wholeDocument(surface.text)).then((h) => h.length);
    /** Asks until the server's answer has `wanted` hints (it reads settings back after the notice); the last answer otherwise. */
    const countOnceSettled = async (wanted: number) => {
      const deadline = Date.now() + 10000;
      let last = await count();
      while (last !== wanted && Date.now() < deadline) last = await count();
      return last;
    };
    client.settings = { inlayHints: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await countOnceSettled(0), 0);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await countOnceSettled(surface.hints.length), surface.hints.length);
  });
});
