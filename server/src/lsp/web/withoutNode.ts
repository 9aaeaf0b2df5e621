/**
 * What Node's own modules answer in a web worker, where the web build of the server resolves them
 * (esbuild.mjs): there is no disk, no thread and no V8 to tune. The server never reaches for them
 * there (files come through the editor, the checker runs in the worker), but modules it shares
 * with Node import them: a file looked for is not found, anything else says where it ran.
 */
const absent = (what: string) => (): never => {
  throw new Error(`${what} is not available in a web worker`);
};

// fs: no file exists.
export const existsSync = (): boolean => false;
export const readFileSync = absent('fs.readFileSync');
export const statSync = absent('fs.statSync');
export const openSync = absent('fs.openSync');
export const readSync = absent('fs.readSync');
export const closeSync = absent('fs.closeSync');
export const readdirSync = absent('fs.readdirSync');
// url: no file: URL is a path here.
export const fileURLToPath = absent('url.fileURLToPath');
export const pathToFileURL = absent('url.pathToFileURL');
// v8, vm: flags and garbage collection are the browser's.
export const setFlagsFromString = (): void => undefined;
export const runInNewContext = absent('vm.runInNewContext');
// module: only reached by code that runs under Node.
export const createRequire = absent('module.createRequire');
