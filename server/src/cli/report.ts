/** The CLI's output formats: text for people, JSON for scripts, SARIF 2.1.0 for code scanning, Code Quality for GitLab. */
import * as path from 'path';
import { RULES } from '../engine/rules/registry';
import { Finding, preferredFix, ruleDocsUrl, Severity } from '../engine/rules/rule';
import { LineIndex } from '../engine/positions';
import { fingerprint, FindingIdentity } from './findingIdentity';
import { securitySeverity, securityTags } from './securitySeverity';

export interface FileReport {
  /** Path as given, for reading; `display` is relative to the working directory. */
  display: string;
  text: string;
  findings: Finding[];
  /** Which finding each one is across runs (findingIdentity.ts), in the order of `findings`. */
  identities: FindingIdentity[];
}

export interface LocatedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: Severity;
  message: string;
  fixable: boolean;
  /** The finding's identity across runs, as SARIF and a baseline know it (findingIdentity.ts). */
  fingerprint: string;
}

export function locate(report: FileReport): LocatedFinding[] {
  const index = new LineIndex(report.text);
  return report.findings.map((finding, n) => {
    const start = index.position(finding.span.start);
    const end = index.position(finding.span.end);
    return {
      file: report.display,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      code: finding.rule,
      severity: finding.severity,
      message: finding.message,
      // What --fix would change: not a port that is public by design or declared public.
      fixable: preferredFix(finding) !== undefined,
      fingerprint: fingerprint(report.identities[n]),
    };
  });
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };

/** `againstBaseline`: the reports hold only the findings a baseline does not record. */
export function formatText(reports: FileReport[], color: boolean, againstBaseline = false): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}\x1b[0m` : text);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const report of reports) {
    const index = new LineIndex(report.text);
    for (const finding of locate(report)) {
      counts[finding.severity]++;
      if (finding.fixable) fixable++;
      out.push(`${paint('\x1b[1m', `${finding.file}:${finding.line}:${finding.column}:`)} ${paint(COLORS[finding.severity], finding.severity)} ${finding.code} ${finding.message}`);
      const source = index.lineText(finding.line - 1);
      const width = Math.max(1, (finding.endLine === finding.line ? finding.endColumn : source.length + 1) - finding.column);
      out.push(`  ${source.replace(/\t/g, ' ')}`);
      out.push(`  ${' '.repeat(finding.column - 1)}${paint(COLORS[finding.severity], '^'.repeat(width))}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'information' ? '' : 's'}`);
  out.push(
    total === 0
      ? `${againstBaseline ? 'No findings beyond the baseline' : 'No open ports found'} in ${reports.length} file${reports.length === 1 ? '' : 's'}.`
      : `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${reports.length} file${reports.length === 1 ? '' : 's'}; ${fixable} fixable with --fix.`,
  );
  return out.join('\n');
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(reports.flatMap(locate), null, 2);
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
/** A name of our own with a version, as SARIF §3.27.17 advises: a new way of computing it gets a new name. */
export const SARIF_FINGERPRINT = 'dockerPortSafety/v1';

export function formatSarif(reports: FileReport[], version: string): string {
  const results = reports.flatMap((report) => {
    const index = new LineIndex(report.text);
    const uri = report.display.split(path.sep).join('/');
    const region = (start: number, end: number) => {
      const s = index.position(start);
      const e = index.position(end);
      return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    };
    // The whole lines around the spec, so that code scanning shows it in its context without the file.
    const contextRegion = (start: number, end: number) => {
      const first = index.position(start).line;
      const last = index.position(end).line;
      const lines = Array.from({ length: last - first + 1 }, (_, n) => index.lineText(first + n));
      return { startLine: first + 1, endLine: last + 1, snippet: { text: lines.join('\n') } };
    };
    return report.findings.map((finding, n) => ({
      ruleId: finding.rule,
      ruleIndex: RULES.findIndex((r) => r.id === finding.rule),
      level: SARIF_LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: { ...region(finding.span.start, finding.span.end), snippet: { text: report.text.slice(finding.span.start, finding.span.end) } }, contextRegion: contextRegion(finding.span.start, finding.span.end) } }],
      // Code scanning matches alerts across commits by this, not by line: see findingIdentity.ts.
      partialFingerprints: { [SARIF_FINGERPRINT]: fingerprint(report.identities[n]) },
      // A public port's class (must-never, by-design, declared, accidental), for triage and filters.
      // The class's score rides on the result too: GitHub ranks by the rule's, other viewers may read this one.
      ...(finding.publicClass ? { properties: { publicClass: finding.publicClass, 'security-severity': securitySeverity(finding.rule, finding.publicClass) } } : {}),
      // The fix --fix would apply: none for ports that are public by design or declared public.
      ...(preferredFix(finding)
        ? {
            fixes: [preferredFix(finding)!].map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri },
                  replacements: fix.edits.map((edit) => ({
                    deletedRegion: region(edit.start, edit.end),
                    insertedContent: { text: edit.newText },
                  })),
                },
              ],
            })),
          }
        : {}),
    }));
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docker-port-safety',
            fullName: `Docker Port Safety ${version}`,
            version,
            informationUri: ruleDocsUrl('public-bind').split('#')[0],
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.docs.summary },
              fullDescription: { text: `${rule.docs.catches} ${rule.docs.why}` },
              help: { text: rule.docs.fix, markdown: rule.docs.fix },
              helpUri: ruleDocsUrl(rule.id),
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
              properties: { tags: securityTags(rule.id), 'security-severity': securitySeverity(rule.id) },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

const CODE_QUALITY_SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

/**
 * GitLab's Code Quality report (a JSON array of issues), for merge-request widgets: GitLab does not
 * read SARIF. The fingerprint is the finding's identity (findingIdentity.ts), as in SARIF: a line
 * inserted above keeps it.
 */
export function formatCodeQuality(reports: FileReport[]): string {
  const issues = reports.flatMap(locate).map((f) => ({
    description: f.message,
    check_name: f.code,
    fingerprint: f.fingerprint,
    severity: CODE_QUALITY_SEVERITY[f.severity],
    location: { path: f.file.split(path.sep).join('/'), lines: { begin: f.line } },
  }));
  return JSON.stringify(issues, null, 2);
}
