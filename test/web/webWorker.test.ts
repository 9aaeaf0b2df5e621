/**
 * The web-worker build of the language server (dist/web/server.js, what VS Code for the Web runs)
 * in a real browser's web worker, against the Node build on the same documents: every fixture of
 * the engine's tests gives the same diagnostics, hovers and inlay hints. Files beside a document
 * (`.env`, the other Compose files) reach the worker only as the editor's file system would give
 * them: the page answers the worker's `dockerPortSafety/readFiles` from the same files over HTTP.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { openRepositoryPage, RepositoryPage, needsChromium, ROOT } from '../support/browserPage';
import { LspClient } from '../support/lspClient';

/** The engine's fixtures, the examples and the editor tests' workspace. */
const FOLDERS = [path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'editor', 'workspace')];
/** Documents of a virtual workspace, as vscode.dev names a GitHub repository's files. */
const WEB_PREFIX = 'vscode-vfs://github/fixtures/';

const LANGUAGES: [RegExp, string][] = [
  [/\.ya?ml$/, 'yaml'],
  [/\.md$/, 'markdown'],
  [/\.sh$/, 'shellscript'],
  [/devcontainer\.json$/, 'jsonc'],
  [/Dockerfile$/, 'dockerfile'],
  [/\.(container|pod|kube)$/, 'ini'],
];

interface Document {
  /** Relative to the repository. */
  file: string;
  languageId: string;
  text: string;
}

function fixtureDocuments(dir: string): Document[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return fixtureDocuments(full);
    const languageId = LANGUAGES.find(([pattern]) => pattern.test(entry.name))?.[1];
    const text = fs.readFileSync(full, 'utf8');
    // Only what the server reads: other YAML (a CI file) gets no diagnostics at all, from either build.
    if (!languageId || !documentKindByContent(full, languageId, text)) return [];
    return [{ file: path.relative(ROOT, full).split(path.sep).join('/'), languageId, text }];
  });
}

/** What a server says about a document: its diagnostics, then the hover at each and the inlay hints of the whole text. */
interface Answers {
  diagnostics: unknown[];
  hovers: unknown[];
  hints: unknown[];
}

const wholeRange = (text: string) => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

async function nodeAnswers(client: LspClient, document: Document): Promise<Answers> {
  const uri = pathToFileURL(path.join(ROOT, document.file)).toString();
  await client.open(uri, document.languageId, document.text);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const hovers = [];
  for (const d of diagnostics) hovers.push(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start }));
  const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: wholeRange(document.text) })) as unknown[];
  return { diagnostics, hovers, hints };
}

/** The page's Worker (tests compile against Node's types, not the DOM library). */
declare const Worker: new (url: string) => { postMessage(message: unknown): void; onmessage: (event: { data: any }) => void; terminate(): void };

/** Runs in the page: one web worker server, a minimal LSP client, the same questions. */
async function webAnswers(page: Page, documents: Document[]): Promise<Answers[]> {
  return page.evaluate(
    async ({ documents, prefix }) => {
      const worker = new Worker('/dist/web/server.js');
      let nextId = 1;
      const waiting = new Map<number, (result: unknown) => void>();
      const published = new Map<string, unknown[]>();
      const wakeups: (() => void)[] = [];
      const reply = (id: number, result: unknown) => worker.postMessage({ jsonrpc: '2.0', id, result });
      worker.onmessage = async ({ data: message }) => {
        if (message.method === undefined) return waiting.get(message.id)?.(message.error ?? message.result);
        if (message.method === 'textDocument/publishDiagnostics') {
          published.set(message.params.uri, message.params.diagnostics);
          wakeups.splice(0).forEach((wake) => wake());
        } else if (message.method === 'workspace/configuration') reply(message.id, message.params.items.map(() => ({})));
        else if (message.method === 'dockerPortSafety/readFiles') {
          // The editor's file system: the repository's files, served over HTTP.
          const texts = await Promise.all((message.params.uris as string[]).map(async (uri) => {
            const response = await fetch(`/${uri.slice(prefix.length)}`);
            return response.ok ? response.text() : null;
          }));
          reply(message.id, texts);
        } else if (message.id !== undefined) reply(message.id, null);
      };
      const request = (method: string, params: unknown) =>
        new Promise<any>((resolve) => {
          const id = nextId++;
          waiting.set(id, resolve);
          worker.postMessage({ jsonrpc: '2.0', id, method, params });
        });
      const notify = (method: string, params: unknown) => worker.postMessage({ jsonrpc: '2.0', method, params });
      await request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
      notify('initialized', {});
      const answers = [];
      for (const document of documents) {
        const uri = prefix + document.file;
        notify('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text: document.text } });
        while (!published.has(uri)) await new Promise<void>((wake) => wakeups.push(wake));
        const diagnostics = published.get(uri)!;
        const hovers = [];
        for (const d of diagnostics as { range: { start: unknown } }[]) hovers.push(await request('textDocument/hover', { textDocument: { uri }, position: d.range.start }));
        const lines = document.text.split('\n');
        const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
        answers.push({ diagnostics, hovers, hints: await request('textDocument/inlayHint', { textDocument: { uri }, range }) });
      }
      worker.terminate();
      return answers;
    },
    { documents, prefix: WEB_PREFIX },
  );
}

describe('the web-worker build of the server', { skip: needsChromium }, () => {
  let repository: RepositoryPage;
  let page: Page;
  before(async () => {
    // The repository over HTTP on loopback: the worker script, the grammar beside it, the fixtures.
    repository = await openRepositoryPage();
    page = repository.page;
  });
  after(() => repository?.close());

  it('answers every fixture document exactly as the Node server does (diagnostics, hovers, inlay hints)', async () => {
    const documents = FOLDERS.flatMap((folder) => fixtureDocuments(folder));
    assert.ok(documents.length >= 50, `${documents.length} documents`);
    const client = await LspClient.start('stdio');
    const expected: Answers[] = [];
    try {
      for (const document of documents) expected.push(await nodeAnswers(client, document));
    } finally {
      await client.stop();
    }
    const actual = await webAnswers(page, documents);
    // The same documents under another URI: related information points into the same folder.
    const nodePrefix = pathToFileURL(ROOT).toString() + '/';
    const asWeb = (answers: Answers) => JSON.parse(JSON.stringify(answers).split(nodePrefix).join(WEB_PREFIX)) as Answers;
    documents.forEach((document, i) => assert.deepEqual(actual[i], asWeb(expected[i]), document.file));
    // Not a comparison of nothing: the fixtures hold findings of every rule, hovers and hints.
    const codes = new Set(actual.flatMap((a) => (a.diagnostics as { code: string }[]).map((d) => d.code)));
    assert.deepEqual([...codes].sort(), ['host-network', 'invalid-port', 'port-conflict', 'public-bind', 'publish-all', 'sensitive-port', 'unquoted-port']);
    assert.ok(actual.some((a) => a.hints.length > 0) && actual.some((a) => a.hovers.some((h) => h !== null)));
  });
});
