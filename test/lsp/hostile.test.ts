/**
 * The server lives through anything a user can open: the hostile documents sent in turn to every
 * kind of open document, none closed in between (this once killed the process: see
 * server/src/extract/nestingDepth.ts), and a checker thread that dies anyway is replaced, with the
 * open documents checked again and one line in the log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { DEEP_DOCUMENTS, HOSTILE_DOCUMENTS, OPEN_DOCUMENTS } from '../support/hostileDocuments';

const STOPPED = /checker thread stopped/;

/** Sends `text` as the whole of each document and waits until each has diagnostics for that version. */
async function sendToAll(client: LspClient, versions: Map<string, number>, text: string): Promise<void> {
  for (const { uri } of OPEN_DOCUMENTS) {
    const version = versions.get(uri)! + 1;
    versions.set(uri, version);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  for (const { uri } of OPEN_DOCUMENTS) await client.waitForDiagnostics(uri, (p) => p.version === versions.get(uri), 240000);
}

describe('a server that never dies', () => {
  it('lives through every hostile document sent to every open document, and still answers', { timeout: 900000 }, async () => {
    const client = await LspClient.start('stdio');
    try {
      const versions = new Map<string, number>();
      for (const { uri, languageId } of OPEN_DOCUMENTS) {
        await client.open(uri, languageId, '', 1);
        versions.set(uri, 1);
      }
      for (const { name, make } of [...HOSTILE_DOCUMENTS, ...DEEP_DOCUMENTS]) {
        await sendToAll(client, versions, make());
        assert.ok(client.alive, `the server died on ${name}`);
      }
      assert.deepEqual(client.logs.filter((line) => STOPPED.test(line)), [], 'the checker thread never stopped');
      // Still a working server: ordinary text gets its findings, a hover and the port map answer.
      await sendToAll(client, versions, 'docker run -p 8080:80 nginx\n');
      const shell = client.diagnostics.get('file:///hostile/run.sh')!.diagnostics;
      assert.deepEqual(shell.map((d) => d.code), ['public-bind']);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///hostile/run.sh' }, position: { line: 0, character: 16 } });
      assert.ok(hover, 'a hover on the published port');
      const map = await client.connection.sendRequest<{ ports: unknown[] }>('dockerPortSafety/portMap', { folders: [] });
      assert.ok(map.ports.length >= 1);
    } finally {
      await client.stop();
    }
  });

  it('replaces a checker thread that died, checks the open documents again and says so once', { timeout: 300000 }, async () => {
    // A heap small enough that one large document exhausts it: the thread dies as it would on a far larger one.
    const client = await LspClient.start('stdio', {}, undefined, [], { DPS_CHECKER_HEAP_MB: '24' });
    try {
      const small = 'file:///stopped/run.sh';
      const large = 'file:///stopped/big.sh';
      await client.open(small, 'shellscript', 'docker run -p 8080:80 nginx\n', 1);
      await client.waitForDiagnostics(small, (p) => p.version === 1 && p.diagnostics.length === 1, 60000);
      const publishedBefore = client.diagnostics.get(small);
      await client.open(large, 'shellscript', HOSTILE_DOCUMENTS[0].make(), 1);
      const [notChecked] = await client.waitForDiagnostics(large, (p) => p.version === 1, 120000);
      assert.match(String(notChecked.message), /^Not checked: checking this version stopped the checker thread/);
      // The other document was checked again on the new thread.
      await client.waitForDiagnostics(small, (p) => p !== publishedBefore && p.diagnostics.length === 1, 60000);
      assert.equal(client.logs.filter((line) => STOPPED.test(line)).length, 1, client.logs.join('\n'));
      assert.match(client.logs.find((line) => STOPPED.test(line))!, /while checking file:\/\/\/stopped\/big\.sh/);
      assert.ok(client.alive);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 16 } });
      assert.ok(hover, 'the new thread answers');
      // Once it changes, the document is checked again.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: large, version: 2 }, contentChanges: [{ text: 'docker run -p 9090:80 nginx\n' }] });
      const after = await client.waitForDiagnostics(large, (p) => p.version === 2, 60000);
      assert.deepEqual(after.map((d) => d.code), ['public-bind']);
    } finally {
      await client.stop();
    }
  });
});
