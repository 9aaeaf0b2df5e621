/** Diagnostics bytes from the checker thread are written into the LSP message as they are. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMessage, RawJson } from '../../server/src/lspRawJson';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('raw JSON in LSP messages', () => {
  it('puts the bytes in place, keeps the rest of the message, and cannot be fooled by text that looks like its marker', () => {
    const diagnostics = [{ message: 'Published on every interface: port 8080 (container port 80/tcp) — “quoted” ü' }];
    const forged = '\u0000docker-port-safety-raw-abc-0';
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///${forged}/ü.sh`, version: 3, diagnostics: new RawJson(bytes(diagnostics)) } };
    const decoded = JSON.parse(encodeMessage(message as never).toString('utf8'));
    assert.deepEqual(decoded, { ...message, params: { ...message.params, diagnostics } });
  });

  it('encodes messages without raw parts as JSON.stringify does', () => {
    const message = { jsonrpc: '2.0', id: 1, result: { contents: 'ä → b' } };
    assert.equal(encodeMessage(message as never).toString('utf8'), JSON.stringify(message));
  });
});
