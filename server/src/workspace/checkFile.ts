/** Checks one file on disk with everything beside it that Compose would read. */
import * as fs from 'fs';
import { analyze, Analysis, AnalysisOptions, extractFacts } from '../engine/analyze';
import type { DocumentKind, PublishedPort } from '../engine/model';
import * as path from 'path';
import { composeProjectName, composeProjectSiblings, dotEnvPath, isComposeOverride } from '../engine/project';
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

/** The other files of the Compose project. */
function projectSiblings(filePath: string, read: ReadBeside): { file: string; text: string }[] {
  const siblings: { file: string; text: string }[] = [];
  for (const file of composeProjectSiblings(filePath)) {
    const text = read(file);
    if (text !== undefined) siblings.push({ file, text });
  }
  return siblings;
}

/**
 * What Compose reads beside a compose file: the `.env` for interpolation, the other files of the
 * project for conflicts and for the services that reach this file's (Stop publishing), and with them (and `text`, the file's own) the project's name. Other
 * kinds, and documents without a path on disk, read nothing.
 */
export function besideFile(
  filePath: string | undefined,
  kind: DocumentKind,
  read: ReadBeside = readOptional,
  text?: string,
): Pick<AnalysisOptions, 'environment' | 'projectFiles' | 'composeProject'> {
  if (kind !== 'compose' || !filePath) return { environment: {} };
  const environment = composeEnvironment(filePath, read);
  const siblings = projectSiblings(filePath, read);
  const composeProject = composeProjectName(inComposeOrder(filePath, text ?? read(filePath), siblings), environment, path.dirname(filePath));
  const projectFiles = siblings.map(({ file, text }) => ({ file, text, publishes: extractFacts(text, 'compose', { environment, composeProject }).publishes }));
  return { environment, projectFiles, composeProject };
}

/** The texts as Compose reads them: a file, then its override (the last `name:` wins). */
function inComposeOrder(filePath: string, text: string | undefined, siblings: { text: string }[]): string[] {
  const own = text === undefined ? [] : [text];
  const others = siblings.map((s) => s.text);
  return isComposeOverride(filePath) ? [...others, ...own] : [...own, ...others];
}

export function checkText(filePath: string, text: string, kind: DocumentKind, settings: Settings): Analysis {
  return analyze(text, kind, { settings, ...besideFile(filePath, kind, undefined, text) });
}
