/**
 * Document URIs ↔ the paths the server reads files beside a document by. A `file:` URI is a path
 * on disk; a URI of another scheme (a remote or virtual workspace in VS Code for the Web) stands
 * for itself, and its files are read through the editor's file system (see lsp/platform.ts).
 */
import { fileURLToPath, pathToFileURL } from 'url';

/** A URI scheme of two letters or more: `C:\…` is a Windows path, not a URI. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

export const URI = {
  toFilePath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  /** What the server reads beside a document by: its path on disk, its URI where there is no disk, nothing for unsaved documents. */
  pathOf(uri: string): string | undefined {
    if (uri.startsWith('untitled:')) return undefined;
    return uri.startsWith('file:') ? URI.toFilePath(uri) : uri;
  },
  fromFilePath(filePath: string): string {
    return SCHEME.test(filePath) ? filePath : pathToFileURL(filePath).toString();
  },
};
