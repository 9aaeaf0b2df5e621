/** Diagnostics bytes from the checker thread are written into the LSP message as they are. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMessage, RawJson } from '../../server/src/lsp/lspRawJson';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('raw JSON in LSP messages', () => {
  it('puts the bytes in place, keeps the rest of the message, and cannot be fooled by text that looks like its marker', () => {
    const diagnostics = [{ message: 'Published on every interface: port 8080 (container port 80/tcp) — “quoted” ü' }];
    const forged = '\u0000docker-port-safety-raw-abc-0';
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///${forged}/ü.sh`, version: 3, diagnostics: new RawJson(bytes(diagnostics)) } };
    const decoded = JSON.parse(encodeMessage(message as never).toString('utf8'));
    assert.deepEqual(decoded, { ...message, params: { ...message.params, diagnostics } });
  });

  it('writes the message around the bytes in their own buffer when it has room, and copies them when it has not', () => {
    const diagnostics = [{ message: 'port 8080 (container port 80/tcp) ü' }];
    const json = bytes(diagnostics);
    const message = (raw: Uint8Array) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///ü/a "b".sh', version: 7, diagnostics: new RawJson(raw) } });
    const expected = JSON.stringify({ ...message(json), params: { ...message(json).params, diagnostics } });
    const roomy = new Uint8Array(new ArrayBuffer(json.length + 400), 200, json.length);
    roomy.set(json);
    const inPlace = encodeMessage(message(roomy) as never);
    assert.equal(inPlace.buffer, roomy.buffer, 'written in the bytes\' own buffer');
    assert.equal(inPlace.toString('utf8'), expected);
    for (const [before, after] of [[3, 200], [200, 1], [0, 0]]) {
      const tight = new Uint8Array(new ArrayBuffer(json.length + before + after), before, json.length);
      tight.set(json);
      const copied = encodeMessage(message(tight) as never);
      assert.notEqual(copied.buffer, tight.buffer, `${before} bytes before and ${after} after are too few`);
      assert.equal(copied.toString('utf8'), expected);
    }
  });

  it('encodes messages without raw parts as JSON.stringify does', () => {
    const message = { jsonrpc: '2.0', id: 1, result: { contents: 'ä → b' } };
    assert.equal(encodeMessage(message as never).toString('utf8'), JSON.stringify(message));
  });
});
