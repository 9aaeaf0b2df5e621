/**
 * Node's `fs`, read-only, for the engine's tests in a web worker (the worker bundle resolves `fs`
 * here): the repository's files (the tests' fixtures) come from the page's HTTP server with
 * synchronous requests, which a worker may make. The server answers a folder with its entries as
 * JSON and the header `x-directory` (test/web/engineInWorker.test.ts). Paths are the machine's
 * own, under the repository (REPOSITORY, given at bundle time), so messages read as under Node.
 * What the tests write (their temporary trees, under os.tmpdir(), which is `/tmp` here) is kept in
 * the worker's memory and read back from there first.
 */
import { Buffer } from 'buffer';
import * as path from 'path';

declare const REPOSITORY: string;
/** The worker's synchronous request (the project compiles against Node's types, not the WebWorker library). */
declare const XMLHttpRequest: new () => {
  open(method: string, url: string, async: false): void;
  send(): void;
  responseType: string;
  status: number;
  response: ArrayBuffer;
  getResponseHeader(name: string): string | null;
};
declare const self: { location: { origin: string } };

interface Answer {
  bytes: Buffer;
  directory: boolean;
}

function notFound(file: string, call: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${call} '${file}'`), { code: 'ENOENT', errno: -2, syscall: call, path: file });
}

/** Written files (their bytes) and made folders (`'folder'`), by absolute path. */
const written = new Map<string, Buffer | 'folder'>();

function childrenWritten(folder: string): { name: string; directory: boolean }[] {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return [...written].filter(([file]) => file.startsWith(prefix) && !file.slice(prefix.length).includes('/')).map(([file, value]) => ({ name: file.slice(prefix.length), directory: value === 'folder' }));
}

function request(file: string, method: 'GET' | 'HEAD', call: string): Answer {
  const absolute = path.resolve(REPOSITORY, String(file));
  const mine = written.get(absolute);
  if (mine === 'folder') return { bytes: Buffer.from(JSON.stringify(childrenWritten(absolute))), directory: true };
  if (mine) return { bytes: mine, directory: false };
  const relative = path.relative(REPOSITORY, absolute);
  if (relative.startsWith('..')) throw notFound(absolute, call);
  const xhr = new XMLHttpRequest();
  xhr.open(method, `${self.location.origin}/${relative.split('/').map(encodeURIComponent).join('/')}`, false);
  if (method === 'GET') xhr.responseType = 'arraybuffer';
  xhr.send();
  if (xhr.status !== 200) throw notFound(absolute, call);
  return { bytes: method === 'GET' ? Buffer.from(xhr.response) : Buffer.alloc(0), directory: xhr.getResponseHeader('x-directory') === '1' };
}

class Stats {
  constructor(private readonly directory: boolean, readonly size: number) {}
  isFile(): boolean {
    return !this.directory;
  }
  isDirectory(): boolean {
    return this.directory;
  }
  isSymbolicLink(): boolean {
    return false;
  }
}

class Dirent extends Stats {
  constructor(readonly name: string, readonly parentPath: string, directory: boolean) {
    super(directory, 0);
  }
  get path(): string {
    return this.parentPath;
  }
}

export function existsSync(file: string): boolean {
  try {
    request(file, 'HEAD', 'access');
    return true;
  } catch {
    return false;
  }
}

export function statSync(file: string): Stats {
  const { directory } = request(file, 'HEAD', 'stat');
  return new Stats(directory, directory ? 0 : request(file, 'GET', 'stat').bytes.length);
}
export const lstatSync = statSync;

type Encoding = BufferEncoding | { encoding?: BufferEncoding | null } | null | undefined;
export function readFileSync(file: string, options?: Encoding): Buffer | string {
  const answer = request(file, 'GET', 'open');
  if (answer.directory) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding ? answer.bytes.toString(encoding) : answer.bytes;
}

export function readdirSync(dir: string, options?: { withFileTypes?: boolean; recursive?: boolean } | BufferEncoding): (string | Dirent)[] {
  const { withFileTypes = false, recursive = false } = typeof options === 'object' ? options : {};
  const absolute = path.resolve(REPOSITORY, dir);
  const entries: Dirent[] = [];
  const list = (folder: string) => {
    const answer = request(folder, 'GET', 'scandir');
    if (!answer.directory) throw Object.assign(new Error(`ENOTDIR: not a directory, scandir '${folder}'`), { code: 'ENOTDIR' });
    for (const { name, directory } of JSON.parse(answer.bytes.toString('utf8')) as { name: string; directory: boolean }[]) {
      entries.push(new Dirent(name, folder, directory));
      if (recursive && directory) list(path.join(folder, name));
    }
  };
  list(absolute);
  return withFileTypes ? entries : entries.map((entry) => path.relative(absolute, path.join(entry.parentPath, entry.name)));
}

/** Descriptors for reading the start of a file (workspace/files.ts): the whole file, read once. */
const open = new Map<number, Buffer>();
let nextDescriptor = 3;
export function openSync(file: string): number {
  const answer = request(file, 'GET', 'open');
  const fd = nextDescriptor++;
  open.set(fd, answer.bytes);
  return fd;
}
export function readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
  const bytes = open.get(fd);
  if (!bytes) throw Object.assign(new Error('EBADF: bad file descriptor, read'), { code: 'EBADF' });
  const start = position ?? 0;
  const end = Math.min(bytes.length, start + length);
  buffer.set(bytes.subarray(start, end), offset);
  return Math.max(0, end - start);
}
export function closeSync(fd: number): void {
  open.delete(fd);
}

function makeFolder(folder: string, recursive: boolean): void {
  const parent = path.dirname(folder);
  if (written.get(parent) !== 'folder' && parent !== '/' && parent !== '/tmp') {
    if (!recursive) throw notFound(folder, 'mkdir');
    makeFolder(parent, true);
  }
  written.set(folder, 'folder');
}

export function mkdtempSync(prefix: string): string {
  const folder = path.resolve(REPOSITORY, `${prefix}${Math.random().toString(36).slice(2, 8)}`);
  makeFolder(folder, false);
  return folder;
}

export function mkdirSync(folder: string, options?: { recursive?: boolean }): void {
  const absolute = path.resolve(REPOSITORY, folder);
  if (written.get(absolute) === 'folder' && options?.recursive) return;
  makeFolder(absolute, options?.recursive ?? false);
}

export function writeFileSync(file: string, data: string | Uint8Array): void {
  const absolute = path.resolve(REPOSITORY, file);
  if (written.get(path.dirname(absolute)) !== 'folder') throw notFound(absolute, 'open');
  written.set(absolute, Buffer.from(data));
}

export function rmSync(file: string, options?: { recursive?: boolean; force?: boolean }): void {
  const absolute = path.resolve(REPOSITORY, file);
  if (!written.has(absolute)) {
    if (options?.force) return;
    throw notFound(absolute, 'rm');
  }
  for (const key of [...written.keys()]) if (key === absolute || (options?.recursive && key.startsWith(`${absolute}/`))) written.delete(key);
}

export default { existsSync, statSync, lstatSync, readFileSync, readdirSync, openSync, readSync, closeSync, mkdtempSync, mkdirSync, writeFileSync, rmSync };
