/** file: URIs ↔ paths, for the few places the server reads files beside a document. */
import { fileURLToPath, pathToFileURL } from 'url';

export const URI = {
  toFilePath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  fromFilePath(filePath: string): string {
    return pathToFileURL(filePath).toString();
  },
};
