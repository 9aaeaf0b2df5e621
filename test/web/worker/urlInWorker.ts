/**
 * `url`'s file-path conversions for the engine's tests in a web worker, over the WHATWG URL every
 * browser has (the tests name fixtures by their paths on this machine, POSIX paths).
 */
export function pathToFileURL(filePath: string): URL {
  return new URL(`file://${filePath.split('/').map(encodeURIComponent).join('/')}`);
}

export function fileURLToPath(uri: string | URL): string {
  const url = typeof uri === 'string' ? new URL(uri) : uri;
  if (url.protocol !== 'file:') throw new TypeError(`The URL must be of scheme file: ${url.href}`);
  return decodeURIComponent(url.pathname);
}

export default { pathToFileURL, fileURLToPath };
