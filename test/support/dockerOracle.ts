/**
 * Docker's own reading of a `docker run` argument list, without an engine: the docker CLI
 * validates `-p` itself and sends what it parsed in POST /containers/create, which a fake daemon
 * on a unix socket answers with a 400 carrying the parsed HostConfig back (ports.md §6).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

export interface DockerReading {
  /** "hostIp|hostPort|containerPort/proto", sorted. */
  bindings: string[];
  networkMode: string;
  publishAll: boolean;
}

export type OracleAnswer = { ok: true; reading: DockerReading } | { ok: false; error: string };

export function dockerAvailable(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'docker')));
}

export class DockerOracle {
  private server?: http.Server;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-oracle-'));
  readonly socket = path.join(this.dir, 'docker.sock');

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.url?.includes('/_ping')) {
          response.writeHead(200, { 'Api-Version': '1.47', 'Content-Type': 'text/plain' });
          response.end(request.method === 'HEAD' ? undefined : 'OK');
        } else if (request.url?.includes('/containers/create')) {
          const hostConfig = JSON.parse(body).HostConfig ?? {};
          response.writeHead(400, { 'Content-Type': 'application/json' });
          const payload = { pb: hostConfig.PortBindings ?? {}, nm: hostConfig.NetworkMode ?? '', pa: !!hostConfig.PublishAllPorts };
          response.end(JSON.stringify({ message: `ORACLE${JSON.stringify(payload)}` }));
        } else {
          response.writeHead(404, { 'Content-Type': 'application/json' });
          response.end('{"message":"not part of the oracle"}');
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socket, resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs `docker run ARGS` against the fake daemon. */
  read(args: string[], subcommand: string[] = ['run']): Promise<OracleAnswer> {
    return new Promise((resolve) => {
      execFile(
        'docker',
        ['-H', `unix://${this.socket}`, ...subcommand, ...args],
        { env: { PATH: process.env.PATH, HOME: this.dir, DOCKER_CONFIG: this.dir }, timeout: 20000 },
        (_error, stdout, stderr) => {
          const output = `${stdout}${stderr}`;
          const marker = output.indexOf('ORACLE{');
          if (marker >= 0) {
            const json = output.slice(marker + 6, output.indexOf('\n', marker) < 0 ? undefined : output.indexOf('\n', marker));
            const parsed = JSON.parse(json) as { pb: Record<string, { HostIp: string; HostPort: string }[]>; nm: string; pa: boolean };
            const bindings = Object.entries(parsed.pb).flatMap(([port, list]) => list.map((b) => `${b.HostIp}|${b.HostPort}|${port}`));
            resolve({ ok: true, reading: { bindings: bindings.sort(), networkMode: parsed.nm, publishAll: parsed.pa } });
          } else {
            const line = output.split('\n').find((l) => l.startsWith('docker: ')) ?? output.trim();
            resolve({ ok: false, error: line.replace(/^docker: /, '').trim() });
          }
        },
      );
    });
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

/** A small deterministic PRNG so generated cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
