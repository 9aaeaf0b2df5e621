/** Checks one file on disk with everything beside it that Compose would read. */
import * as fs from 'fs';
import { analyze, Analysis, AnalysisOptions, extractFacts } from '../engine/analyze';
import type { DocumentKind, PublishedPort } from '../engine/model';
import { composeProjectSiblings, dotEnvPath } from '../engine/project';
import type { Settings } from '../engine/settings';
import { parseDotEnv } from '../engine/grammar/interpolation';

export function readOptional(filePath: string): string | undefined {
  // Most optional files (.env, override files) are absent: a stat is cheaper than a failed read.
  if (!fs.existsSync(filePath)) return undefined;
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}

/** How a file beside a document is read: from disk, or as the caller has it (open in the editor, read through it). */
export type ReadBeside = (filePath: string) => string | undefined;

export function composeEnvironment(filePath: string, read: ReadBeside = readOptional): Record<string, string> {
  const text = read(dotEnvPath(filePath));
  return text === undefined ? {} : parseDotEnv(text);
}

/** Publishes in the other files of the Compose project. */
export function projectPublishes(filePath: string, environment: Record<string, string>, read: ReadBeside = readOptional): { file: string; publishes: PublishedPort[] }[] {
  const siblings: { file: string; publishes: PublishedPort[] }[] = [];
  for (const sibling of composeProjectSiblings(filePath)) {
    const text = read(sibling);
    if (text !== undefined) siblings.push({ file: sibling, publishes: extractFacts(text, 'compose', { environment }).publishes });
  }
  return siblings;
}

/**
 * What Compose reads beside a compose file: the `.env` for interpolation and the other files of
 * the project for conflicts. Other kinds, and documents without a path on disk, read nothing.
 */
export function besideFile(filePath: string | undefined, kind: DocumentKind, read: ReadBeside = readOptional): Pick<AnalysisOptions, 'environment' | 'projectFiles'> {
  if (kind !== 'compose' || !filePath) return { environment: {} };
  const environment = composeEnvironment(filePath, read);
  return { environment, projectFiles: projectPublishes(filePath, environment, read) };
}

export function checkText(filePath: string, text: string, kind: DocumentKind, settings: Settings): Analysis {
  return analyze(text, kind, { settings, ...besideFile(filePath, kind) });
}
