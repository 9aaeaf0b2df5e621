/**
 * Findings as LSP diagnostics. The checker thread builds them (it has the text and the findings),
 * so the server's main thread only forwards them.
 */
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import type { TextEdit } from '../engine/model';
import { LineIndex } from '../engine/positions';
import { Finding, ruleDocsUrl, Severity } from '../engine/rules/rule';
import { URI } from '../workspace/uri';

export const SOURCE = 'docker-port-safety';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a diagnostic carries for its code actions. Fixes do not ride along (thousands of diagnostics
 * with their edits cost bytes and memory on every check): code actions look them up in the
 * document's analysis by rule and range when they are asked for.
 */
export interface DiagnosticData {
  rule: string;
  /** Line above which an ignore comment silences this finding. */
  anchorLine: number;
}

/** `relatedText`: the text of another file a finding points to (open or on disk). */
export function toDiagnostic(finding: Finding, index: LineIndex, uri: string, relatedText: (file: string) => string): Diagnostic {
  const range = { start: index.position(finding.span.start), end: index.position(finding.span.end) };
  const data: DiagnosticData = {
    rule: finding.rule,
    anchorLine: index.position(finding.anchor ?? finding.span.start).line,
  };
  return {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: SOURCE,
    message: finding.message,
    data,
    relatedInformation: finding.related?.map((related) => {
      const relatedUri = related.file ? URI.fromFilePath(related.file) : uri;
      const relatedIndex = related.file === undefined ? index : new LineIndex(relatedText(related.file));
      return {
        location: { uri: relatedUri, range: { start: relatedIndex.position(related.span.start), end: relatedIndex.position(related.span.end) } },
        message: `Also published ${related.message}${related.file ? ` in ${path.basename(related.file)}` : ''}`,
      };
    }),
  };
}

/** Room left in a diagnostics buffer before and after the JSON, for the message around it (see lspRawJson). */
export interface MessageRoom {
  before: number;
  after: number;
}

/** What a message that carries diagnostics for `uri` needs around them: its other fields, with the URI escaped at worst. */
export function roomForPublish(uri: string): MessageRoom {
  return { before: 256 + 6 * uri.length, after: 64 };
}

/** What a diagnostic takes, about: sizing the buffer once saves copying megabytes while it grows. */
const BYTES_PER_DIAGNOSTIC = 512;

/**
 * `JSON.stringify(findings.map(toDiagnostic))` as UTF-8 bytes in a buffer of their own (one that
 * can be moved to another thread), written diagnostic by diagnostic: a large document's thousands
 * of diagnostics are written on every check, and neither the objects nor a string of the whole
 * array are ever made. `room` is left free around the bytes (the returned view's offset says where
 * they start); `spare` is a buffer to write into if it is large enough, one that came back after
 * an earlier check's diagnostics were sent.
 */
export function diagnosticsJsonBytes(
  findings: readonly Finding[],
  index: LineIndex,
  uri: string,
  relatedText: (file: string) => string,
  room: MessageRoom = { before: 0, after: 0 },
  spare?: ArrayBuffer,
): Uint8Array {
  const needed = room.before + room.after + Math.max(64 * 1024, findings.length * BYTES_PER_DIAGNOSTIC);
  let buffer = spare && spare.byteLength >= needed ? Buffer.from(spare) : Buffer.allocUnsafeSlow(needed);
  let length = room.before;
  const write = (text: string) => {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (length + text.length * 3 + room.after > buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, length + text.length * 3 + room.after));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    length += buffer.write(text, length);
  };
  findings.forEach((finding, i) => write(`${i === 0 ? '[' : ','}${diagnosticJson(finding, index, uri, relatedText)}`));
  write(findings.length === 0 ? '[]' : ']');
  return buffer.subarray(room.before, length);
}

/** `JSON.stringify(toDiagnostic(…))`, written directly for the findings without related locations (nearly all). */
function diagnosticJson(finding: Finding, index: LineIndex, uri: string, relatedText: (file: string) => string): string {
  if (finding.related) return JSON.stringify(toDiagnostic(finding, index, uri, relatedText));
  const start = index.position(finding.span.start);
  const end = index.position(finding.span.end);
  const anchorLine = finding.anchor === undefined ? start.line : index.position(finding.anchor).line;
  return (
    `{"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},` +
    `"severity":${SEVERITY[finding.severity]},"code":"${finding.rule}","codeDescription":{"href":"${ruleDocsUrl(finding.rule)}"},` +
    `"source":"${SOURCE}","message":${JSON.stringify(finding.message)},"data":{"rule":"${finding.rule}","anchorLine":${anchorLine}}}`
  );
}

export function toLspEdit(edit: TextEdit, index: LineIndex): LspTextEdit {
  return { range: { start: index.position(edit.start), end: index.position(edit.end) }, newText: edit.newText };
}
