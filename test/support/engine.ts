/** Test helpers over the engine: analyse inline text, apply a finding's fix. */
import { analyze, fixAll } from '../../server/src/analyze';
import { applyEdits } from '../../server/src/edits';
import type { DocumentKind } from '../../server/src/model';
import type { Finding } from '../../server/src/rules/rule';
import { normalizeSettings, Settings } from '../../server/src/settings';

export function settingsWith(overrides: Record<string, unknown> = {}): Settings {
  return normalizeSettings(overrides).settings;
}

export function check(text: string, kind: DocumentKind, overrides: Record<string, unknown> = {}, environment: Record<string, string> = {}): Finding[] {
  return analyze(text, kind, { settings: settingsWith(overrides), environment }).findings;
}

/** The text of each finding's span. */
export function spans(text: string, findings: Finding[]): string[] {
  return findings.map((f) => text.slice(f.span.start, f.span.end));
}

export function applyPreferredFix(text: string, finding: Finding): string {
  if (finding.fixes.length === 0) throw new Error(`${finding.rule} has no fix`);
  return applyEdits(text, finding.fixes[0].edits);
}

export function fixEverything(text: string, kind: DocumentKind, overrides: Record<string, unknown> = {}, environment: Record<string, string> = {}): string {
  return fixAll(text, kind, { settings: settingsWith(overrides), environment }).text;
}
