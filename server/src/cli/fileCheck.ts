/**
 * One file of a CLI run, from its path to what the run reports about it. The run checks files one
 * after another or on two threads (see parallelCheck.ts); both do exactly this for each file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentFacts, DocumentKind } from '../engine/model';
import type { CheckedFile } from '../engine/portMap';
import type { Finding } from '../engine/rules/rule';
import type { Settings } from '../engine/settings';
import { URI } from '../workspace/uri';
import { checkText } from '../workspace/checkFile';
import type { FileReport } from './report';
import { FindingIdentity, identitiesOf } from './findingIdentity';

export interface CheckInput {
  /** Path as given, for reading. */
  path: string;
  /** Path relative to the working directory, for people. */
  display: string;
  kind: DocumentKind;
  /** The text when it did not come from the path (standard input). */
  text?: string;
}

interface ReadOutcome {
  /** Absent when the file is not checked: unreadable or too large. */
  text?: string;
  /** Lines for standard error. */
  messages: string[];
  unreadable: boolean;
}

/** The input's text, unless it cannot be read or is larger than `maxFileSize`. */
function readInput(input: CheckInput, settings: Settings): ReadOutcome {
  let text = input.text;
  if (text === undefined) {
    try {
      text = fs.readFileSync(input.path, 'utf8');
    } catch (error) {
      return { messages: [`docker-port-safety: ${input.display}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`], unreadable: true };
    }
  }
  if (Buffer.byteLength(text) > settings.maxFileSize) {
    return { messages: [`docker-port-safety: ${input.display}: larger than maxFileSize (${settings.maxFileSize} bytes), not checked`], unreadable: false };
  }
  return { text, messages: [], unreadable: false };
}

export interface CheckedInput {
  report: FileReport;
  /** With its facts, for the port map; only when asked for (facts cost memory). */
  checked?: CheckedFile;
}

/** What a run keeps of a checked file: its report, and with `facts` what the port map reads. */
export function outcomeOf(input: CheckInput, text: string, findings: Finding[], identities: FindingIdentity[], facts: DocumentFacts | undefined): CheckedInput {
  return {
    report: { display: input.display, text, findings, identities },
    checked: facts ? { uri: fileUri(input.path), text, facts, findings } : undefined,
  };
}

export interface FileOutcome extends Partial<CheckedInput> {
  /** Lines for standard error. */
  messages: string[];
  unreadable: boolean;
}

/** Read and check, as one step; `prepare` may rewrite the text in between (`--fix` writes its fixes). */
export function checkFile(input: CheckInput, settings: Settings, keepFacts: boolean, prepare?: (text: string) => string): FileOutcome {
  const read = readInput(input, settings);
  if (read.text === undefined) return read;
  const text = prepare ? prepare(read.text) : read.text;
  const analysis = checkText(input.path, text, input.kind, settings);
  const identities = identitiesOf(input.display, text, analysis.findings, analysis.facts);
  return { ...outcomeOf(input, text, analysis.findings, identities, keepFacts ? analysis.facts : undefined), messages: read.messages, unreadable: false };
}

function fileUri(filePath: string): string {
  return URI.fromFilePath(path.resolve(filePath));
}
