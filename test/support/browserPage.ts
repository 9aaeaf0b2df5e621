/**
 * A page of the machine's Chromium on the repository, served over HTTP on loopback: the web
 * worker tests start their workers there. `listFolders`: a folder's URL answers its entries as
 * JSON with the header `x-directory: 1` (what the engine tests' `fs` in a worker reads).
 */
import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.join(__dirname, '..', '..', '..');
/** The `skip` option of a suite that needs the machine's Chromium. */
export const needsChromium = fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium)`;

const TYPES: [RegExp, string][] = [
  [/\.wasm$/, 'application/wasm'],
  [/\.m?js$/, 'text/javascript'],
];

export interface RepositoryPage {
  page: Page;
  close(): Promise<void>;
}

export async function openRepositoryPage({ listFolders = false } = {}): Promise<RepositoryPage> {
  const server: Server = createServer((request, response) => {
    const file = path.join(ROOT, decodeURIComponent(new URL(request.url!, 'http://x').pathname));
    const stat = file.startsWith(ROOT) ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (stat?.isDirectory() && listFolders) {
      response.setHeader('x-directory', '1');
      response.setHeader('content-type', 'application/json');
      const entries = fs.readdirSync(file, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() }));
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(entries));
      return;
    }
    if (!stat?.isFile()) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', TYPES.find(([pattern]) => pattern.test(file))?.[1] ?? 'text/plain');
    response.end(request.method === 'HEAD' ? undefined : fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    server.close();
  };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/package.json`);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
