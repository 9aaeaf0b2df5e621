/** The server's checker thread: a thread that dies fails the requests it held, and the next request gets a fresh one. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Checker } from '../../server/src/lsp/checks/checker';
import { settingsWith } from '../support/engine';

// A stand-in thread speaking the same protocol: it dies on the text "crash", else answers.
const THREAD = `
const { parentPort } = require('worker_threads');
parentPort.on('message', ({ id, request }) => {
  if (request.text === 'crash') process.exit(3);
  parentPort.postMessage({ id, result: JSON.stringify({ text: request.text }) });
});
`;

describe('checker thread', () => {
  it('fails the request a dying thread held, then starts a new thread for the next one', async () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dps-checker-')), 'thread.js');
    fs.writeFileSync(script, THREAD);
    const checker = new Checker(script);
    const input = (text: string) => ({ type: 'analyze' as const, kind: 'shell' as const, text, settings: settingsWith(), openTexts: {} });
    await assert.rejects(checker.analyze(input('crash')), /the checker thread stopped \(exit code 3\)/);
    const answer = (await checker.analyze(input('docker run -p 1:1 x'))) as unknown as { text: string };
    assert.equal(answer.text, 'docker run -p 1:1 x');
  });
});
