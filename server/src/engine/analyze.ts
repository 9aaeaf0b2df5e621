/**
 * The engine: text in, findings out. No LSP connection and no I/O here; the language server,
 * the CLI and the tests all call these functions.
 */
import { DocumentFacts, DocumentKind, emptyFacts, PublishedPort } from './model';
import { applyCreatedNetworks } from './readers/support/networkDefaults';
import { mergeFacts } from './incremental/shiftFacts';
import type { IncrementalExtractor } from './incremental/incremental';
import { readerOf } from './readers/registry';
import { mayHoldSurface } from './readers/documentKind';
import { RULES } from './rules/registry';
import { filterFixes, Finding, preferredFix, ProjectFile, RuleContext } from './rules/rule';
import type { IntentSettings } from './intent/publicClass';
import { publicMarkers } from './intent/publicMarkers';
import { readPorts } from './intent/serverRoles';
import type { Settings } from './settings';
import { sensitivePortTable } from './grammar/sensitivePorts';
import { applyEdits } from './edits';
import { suppressedRules } from './suppression';
import { LineIndex } from './positions';

export interface AnalysisOptions {
  settings: Settings;
  /** Compose interpolation values (the `.env` beside the compose file). */
  environment?: Readonly<Record<string, string>>;
  /** The other files of the same Compose project: their publishes, and their text for fixes. */
  projectFiles?: ProjectFile[];
  /** The Compose project a Compose file belongs to (project.ts composeProjectName): its services' owners carry it. */
  composeProject?: string;
  /** This document's state from its previous check, so that only what changed is read again. */
  incremental?: IncrementalExtractor;
}

export interface Analysis {
  facts: DocumentFacts;
  findings: Finding[];
}

export function extractFacts(text: string, kind: DocumentKind, options: Pick<AnalysisOptions, 'environment' | 'incremental' | 'composeProject'> = {}): DocumentFacts {
  const reader = readerOf(kind);
  const context = { environment: options.environment ?? {} };
  const facts = extractOwnFacts(text, kind, options);
  if (kind === 'compose') placeInProject(facts, options.composeProject);
  if (!reader.embedded) return facts;
  try {
    const embedded = reader.embedded(text, context);
    return embedded ? mergeFacts(kind, [facts, embedded]) : facts;
  } catch {
    return facts;
  }
}

/**
 * The project is the caller's to know (it depends on the files beside this one), so it is set on
 * the services' owners here, after reading, on every check: facts kept from an earlier read get
 * the project as it is now.
 */
function placeInProject(facts: DocumentFacts, project: string | undefined): void {
  for (const list of [facts.publishes, facts.exposes, facts.publishAll, facts.hostNetworks]) {
    for (const { owner } of list) {
      if (owner?.kind !== 'compose-service') continue;
      if (project === undefined) delete owner.project;
      else owner.project = project;
    }
  }
}

function extractOwnFacts(text: string, kind: DocumentKind, options: Pick<AnalysisOptions, 'environment' | 'incremental'>): DocumentFacts {
  // Source files that never mention the surface cost this one scan.
  if (!mayHoldSurface(kind, text)) return emptyFacts(kind);
  try {
    const incremental = options.incremental?.extract(text, kind, options.environment ?? {});
    if (incremental) return applyCreatedNetworks(incremental);
    return readerOf(kind).extract(text, { environment: options.environment ?? {} });
  } catch (error) {
    // Extractors are written to be total; this is the last line of defence so one bad document
    // never takes the server down. The error is kept for the server log.
    const facts = emptyFacts(kind);
    (facts as DocumentFacts & { error?: unknown }).error = error;
    return facts;
  }
}

const intentSettings = new WeakMap<Settings, IntentSettings>();

/** What the rules read of the settings, worked out once per settings object. */
function intentOf(settings: Settings): IntentSettings {
  let intent = intentSettings.get(settings);
  if (!intent) {
    intent = {
      sensitivePorts: sensitivePortTable(settings.sensitivePorts),
      publicPorts: settings.publicPorts.flatMap((entry) => readPorts(entry) ?? []),
      explicitAllInterfaces: settings.explicitAllInterfaces,
    };
    intentSettings.set(settings, intent);
  }
  return intent;
}

/** `document`: the text the facts come from, for public markers and the fixes that write beside a spec. */
export function ruleContext(options: AnalysisOptions, document?: { text: string; kind: DocumentKind }): RuleContext {
  const intent = intentOf(options.settings);
  return {
    settings: options.settings,
    sensitivePorts: intent.sensitivePorts,
    intent,
    markers: publicMarkers(document?.text ?? ''),
    document,
    projectFiles: options.projectFiles,
  };
}

export function findingsFor(text: string, facts: DocumentFacts, options: AnalysisOptions): Finding[] {
  const context = ruleContext(options, { text, kind: facts.kind });
  const findings: Finding[] = [];
  const suppressed = suppressedRules(text);
  const lineOf = lineLookup(text, suppressed.size > 0);
  for (const rule of RULES) {
    const level = options.settings.severity[rule.id];
    if (level === 'off') continue;
    for (const found of rule.check(facts, context)) {
      if (isSuppressed(found, suppressed, lineOf)) continue;
      // A fix that would change nothing is never offered (nor counted as fixable by the CLI).
      // (Findings are fresh objects from the rules: they are changed in place.)
      const finding = filterFixes(found, (fix) => fix.edits.length > 0);
      if (level) finding.severity = level;
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function isSuppressed(finding: Finding, suppressed: ReturnType<typeof suppressedRules>, lineOf: (offset: number) => number): boolean {
  if (suppressed.size === 0) return false;
  for (const offset of [finding.span.start, finding.anchor ?? finding.span.start]) {
    const rules = suppressed.get(lineOf(offset));
    if (rules && (rules.size === 0 || rules.has(finding.rule))) return true;
  }
  return false;
}

/** Offset → 0-based line number; the index is only built when a suppression comment exists. */
function lineLookup(text: string, needed: boolean): (offset: number) => number {
  if (!needed) return () => 0;
  const index = new LineIndex(text);
  return (offset) => index.position(offset).line;
}

export function analyze(text: string, kind: DocumentKind, options: AnalysisOptions): Analysis {
  const facts = extractFacts(text, kind, options);
  return { facts, findings: findingsFor(text, facts, options) };
}

/**
 * Applies every preferred fix until none is left (a fix can make another unnecessary: quoting
 * and binding the same YAML value). Bounded, and each pass only applies non-overlapping edits.
 */
export function fixAll(text: string, kind: DocumentKind, options: AnalysisOptions): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < 8; pass++) {
    const { findings } = analyze(current, kind, { ...options, incremental: undefined });
    const edits = findings.flatMap((f) => preferredFix(f)?.edits ?? []);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    applied += findings.filter((f) => preferredFix(f) !== undefined).length;
    current = next;
  }
  return { text: current, applied };
}
