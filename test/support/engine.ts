/** Test helpers over the engine: analyse inline text, apply a finding's fix. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze, fixAll } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/edits';
import type { DocumentFacts, DocumentKind } from '../../server/src/engine/model';
import type { Finding } from '../../server/src/engine/rules/rule';
import { normalizeSettings, Settings } from '../../server/src/engine/settings';

export function settingsWith(overrides: Record<string, unknown> = {}): Settings {
  return normalizeSettings(overrides).settings;
}

export function check(text: string, kind: DocumentKind, overrides: Record<string, unknown> = {}, environment: Record<string, string> = {}): Finding[] {
  return analyze(text, kind, { settings: settingsWith(overrides), environment }).findings;
}

/** Each finding as [rule, severity, the text of its span]: what the readers' tables list. */
export function findingsInWords(text: string, kind: DocumentKind, overrides: Record<string, unknown> = {}): [string, string, string][] {
  return check(text, kind, overrides).map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]);
}

/** Each case has one finding; fix-all gives `fixed`, which has nothing left to fix and stays as it is. */
export function itFixesTheOneFinding(kind: DocumentKind, cases: [what: string, text: string, fixed: string][]): void {
  for (const [what, text, fixed] of cases) {
    it(`fix: ${what}`, () => {
      assert.equal(check(text, kind).length, 1);
      assert.equal(fixEverything(text, kind), fixed);
      assert.deepEqual(check(fixed, kind), []);
      assert.equal(fixEverything(fixed, kind), fixed);
    });
  }
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

/** Facts as plain data, fixes included, so two readings can be compared. */
export function comparableFacts(facts: DocumentFacts): unknown {
  const sorted = <T extends { span: { start: number; end: number } }>(list: T[]) => [...list].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return {
    publishes: sorted(facts.publishes).map((p) => ({ span: p.span, hover: p.hoverSpan, origin: p.origin, written: p.written, reading: p.reading, notes: p.notes, anchor: p.anchor, discarded: !!p.discarded, fix: p.rebind?.('127.0.0.1') })),
    exposes: sorted(facts.exposes).map((e) => ({ span: e.span, expanded: e.expanded, reading: e.reading })),
    publishAll: sorted(facts.publishAll).map((m) => ({ span: m.span, anchor: m.anchor })),
    hostNetworks: sorted(facts.hostNetworks).map((m) => ({ span: m.span, notes: m.notes })),
    refusals: sorted(facts.refusals),
    unquoted: sorted(facts.unquoted).map((u) => ({ span: u.span, value: u.value, n: u.sexagesimal, fix: u.quote('"') })),
    explanations: sorted(facts.explanations),
  };
}

