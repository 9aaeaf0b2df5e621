/**
 * What the engine needs from beside a document: the `.env` Compose reads and the other files of
 * the same Compose project. Reading files is the caller's job; this module only decides which.
 */
import * as path from 'path';
import { baseName } from './readers/documentKind';

/**
 * The files Compose merges with this one by default: `compose.yaml` with `compose.override.yaml`,
 * `docker-compose.yml` with `docker-compose.override.yml` (either extension).
 */
export function composeProjectSiblings(filePath: string): string[] {
  const name = baseName(filePath);
  const match = /^(docker-compose|compose)(\.override)?\.(ya?ml)$/i.exec(name);
  if (!match) return [];
  const dir = path.dirname(filePath);
  const stem = match[1];
  const names = match[2] ? [`${stem}.yaml`, `${stem}.yml`] : [`${stem}.override.yaml`, `${stem}.override.yml`];
  return names.map((n) => path.join(dir, n));
}

export function dotEnvPath(filePath: string): string {
  return path.join(path.dirname(filePath), '.env');
}
