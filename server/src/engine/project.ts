/**
 * What the engine needs from beside a document: the `.env` Compose reads, the other files of the
 * same Compose project, and the project's name. Reading files is the caller's job; this module
 * only decides which, and what they say.
 */
import * as path from 'path';
import { parseDocument } from 'yaml';
import { baseName } from './readers/documentKind';
import { interpolate } from './grammar/interpolation';
import { literalText } from './grammar/mappedText';
import { UNKNOWN_TEXT } from './grammar/publishSpec';

/**
 * The files Compose merges with this one by default: `compose.yaml` with `compose.override.yaml`,
 * `docker-compose.yml` with `docker-compose.override.yml` (either extension).
 */
const DEFAULT_FILE = /^(docker-compose|compose)(\.override)?\.(ya?ml)$/i;

export function composeProjectSiblings(filePath: string): string[] {
  const name = baseName(filePath);
  const match = DEFAULT_FILE.exec(name);
  if (!match) return [];
  const stem = match[1];
  const names = match[2] ? [`${stem}.yaml`, `${stem}.yml`] : [`${stem}.override.yaml`, `${stem}.override.yml`];
  return names.map((n) => besideName(filePath, n));
}

/** `compose.override.yaml` and its kin: read after the file it overrides. */
export function isComposeOverride(filePath: string): boolean {
  return DEFAULT_FILE.exec(baseName(filePath))?.[2] !== undefined;
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

/**
 * A Compose project's name as Compose writes it: lower case, only `[a-z0-9_-]`, no leading `_` or
 * `-` (compose-go loader.NormalizeProjectName, applied to a folder's name and to `name:`).
 */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

/** A top-level `name:` line (a key at the first column): the project the file names. */
const TOP_LEVEL_NAME = /^name[ \t]*:([^\r\n]*)/gm;

/**
 * The project a Compose file names with a top-level `name:` (the last one, as Compose reads each
 * document), interpolated and normalised: `undefined` when it names none, `null` when the name is
 * only known where the file is used (a variable not set in `.env`) or cannot be read.
 */
export function declaredProjectName(text: string, environment: Readonly<Record<string, string>>): string | null | undefined {
  let last: string | undefined;
  for (const match of text.matchAll(TOP_LEVEL_NAME)) last = match[1];
  if (last === undefined) return undefined;
  let value: unknown;
  try {
    const document = parseDocument(`name:${last}`);
    if (document.errors.length > 0) return null;
    value = document.get('name');
  } catch {
    return null;
  }
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
  const interpolated = interpolate(literalText(String(value), 0), environment).value.text;
  return interpolated.includes(UNKNOWN_TEXT) ? null : normalizeProjectName(interpolated);
}

/**
 * The Compose project of the files Compose reads together, in its order (`compose.yaml`, then
 * `compose.override.yaml`): `COMPOSE_PROJECT_NAME` from `.env`, else the last `name:` of the
 * files, else the folder's name, each as compose-go's cli/options.go (withNamePrecedenceLoad) and
 * loader/loader.go (projectName) decide. `-p` and the shell's own variables are only known where
 * the files are used; so is a name Compose would refuse. Undefined when the name is not known here.
 */
export function composeProjectName(texts: readonly string[], environment: Readonly<Record<string, string>>, folderPath: string): string | undefined {
  const fromEnvironment = environment.COMPOSE_PROJECT_NAME;
  if (fromEnvironment) return normalizeProjectName(fromEnvironment) === fromEnvironment ? fromEnvironment : undefined;
  let declared: string | null | undefined;
  for (const text of texts) {
    const name = declaredProjectName(text, environment);
    if (name !== undefined) declared = name;
  }
  if (declared !== undefined) return declared || undefined;
  return normalizeProjectName(path.basename(folderPath)) || undefined;
}
