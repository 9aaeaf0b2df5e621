/**
 * What the engine needs from beside a document: the `.env` Compose reads and the other files of
 * the same Compose project. Reading files is the caller's job; this module only decides which.
 */
import { baseName } from './readers/documentKind';

/**
 * The files Compose merges with this one by default: `compose.yaml` with `compose.override.yaml`,
 * `docker-compose.yml` with `docker-compose.override.yml` (either extension).
 */
export function composeProjectSiblings(filePath: string): string[] {
  const name = baseName(filePath);
  const match = /^(docker-compose|compose)(\.override)?\.(ya?ml)$/i.exec(name);
  if (!match) return [];
  const stem = match[1];
  const names = match[2] ? [`${stem}.yaml`, `${stem}.yml`] : [`${stem}.override.yaml`, `${stem}.override.yml`];
  return names.map((n) => besideName(filePath, n));
}

export function dotEnvPath(filePath: string): string {
  return besideName(filePath, '.env');
}

/**
 * The file called `name` in the same folder: the path up to its last separator, then the name.
 * Works alike for POSIX and Windows paths and for URIs (a remote workspace's documents), which
 * path.join would rewrite (`vscode-vfs://github/…` to `vscode-vfs:/github/…`).
 */
function besideName(filePath: string, name: string): string {
  const separator = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return filePath.slice(0, separator + 1) + name;
}
