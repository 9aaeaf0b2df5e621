/**
 * One file of a CLI run, from its path to what the run reports about it. The run checks files one
 * after another or on two threads (see parallelCheck.ts); both do exactly this for each file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentKind } from '../model';
import type { CheckedFile } from '../portMap';
import type { Settings } from '../settings';
import { URI } from '../uri';
import { checkText } from '../workspace/checkFile';
import type { FileReport } from './report';

export interface CheckInput {
  /** Path as given, for reading. */
  path: string;
  /** Path relative to the working directory, for people. */
  display: string;
  kind: DocumentKind;
  /** The text when it did not come from the path (standard input). */
  text?: string;
}

export interface ReadOutcome {
  /** Absent when the file is not checked: unreadable or too large. */
  text?: string;
  /** Lines for standard error. */
  messages: string[];
  unreadable: boolean;
}

/** The input's text, unless it cannot be read or is larger than `maxFileSize`. */
export function readInput(input: CheckInput, settings: Settings): ReadOutcome {
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

export function checkInput(input: CheckInput, text: string, settings: Settings, keepFacts: boolean): CheckedInput {
  const analysis = checkText(input.path, text, input.kind, settings);
  return {
    report: { display: input.display, text, findings: analysis.findings },
    checked: keepFacts ? { uri: fileUri(input.path), text, facts: analysis.facts, findings: analysis.findings } : undefined,
  };
}

export interface FileOutcome extends Partial<CheckedInput> {
  /** Lines for standard error. */
  messages: string[];
  unreadable: boolean;
}

/** Read and check, as one step (a run without fixes). */
export function checkFile(input: CheckInput, settings: Settings, keepFacts: boolean): FileOutcome {
  const read = readInput(input, settings);
  if (read.text === undefined) return read;
  return { ...checkInput(input, read.text, settings, keepFacts), messages: read.messages, unreadable: false };
}

export function fileUri(filePath: string): string {
  return URI.fromFilePath(path.resolve(filePath));
}
