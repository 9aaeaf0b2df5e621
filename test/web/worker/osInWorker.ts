/** `node:os` for the engine's tests in a web worker: temporary trees go under `/tmp`, kept in memory (diskOverHttp.ts). */
export const tmpdir = (): string => '/tmp';
export const EOL = '\n';
export const platform = (): string => 'linux';
export default { tmpdir, EOL, platform };
