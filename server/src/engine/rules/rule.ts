/** What a rule is: one file each, listed once in the registry. */
import type { DocumentFacts, DocumentKind, Marker, PublishedPort, Span, TextEdit } from '../model';
import type { SeverityName, Settings } from '../settings';
import type { SensitivePortTable } from '../grammar/sensitivePorts';
import { isIntendedPublic, type IntentSettings, type PublicClass } from '../intent/publicClass';
import type { PublicMarkers } from '../intent/publicMarkers';

export type RuleId =
  | 'public-bind'
  | 'publish-all'
  | 'host-network'
  | 'sensitive-port'
  | 'invalid-port'
  | 'unquoted-port'
  | 'port-conflict';

export type Severity = Exclude<SeverityName, 'off'>;

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One warning per marker (`-P`, host networking): no fix can say what the container should listen on. */
export function markerFindings(rule: RuleId, markers: readonly Marker[], message: (marker: Marker) => string): Finding[] {
  return markers.map((marker): Finding => ({ rule, span: marker.span, anchor: marker.anchor, severity: 'warning', message: message(marker), fixes: [] }));
}

export interface RelatedLocation {
  span: Span;
  message: string;
  /** Another file of the same project; absent for the same document. */
  file?: string;
}

export interface Finding {
  rule: RuleId;
  span: Span;
  message: string;
  severity: Severity;
  /** The first fix is the preferred one, applied by fix-all and `--fix`. */
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Where the statement holding the spec starts: an ignore comment goes above this line. */
  anchor?: number;
  /** public-bind: which of the four classes the port is in (must-never, by-design, declared, accidental). */
  publicClass?: PublicClass;
}

export interface RuleContext {
  settings: Settings;
  sensitivePorts: SensitivePortTable;
  /** What decides a public port's class: the sensitive table, publicPorts, explicitAllInterfaces. */
  intent: IntentSettings;
  /** The `# docker-port-safety public` markers of the document. */
  markers: PublicMarkers;
  /** The document, for fixes that write beside the spec (a marker comment, removing a Compose entry). */
  document?: { text: string; kind: DocumentKind };
  /** Other files of the same Compose project, for conflicts and consumers across files. */
  projectFiles?: ProjectFile[];
}

/** Another file of the same Compose project (compose.yaml beside its compose.override.yaml). */
export interface ProjectFile {
  file: string;
  publishes: PublishedPort[];
  /** Its text, for fixes that read the whole project: "Stop publishing" looks for consumers in every file. */
  text?: string;
}

export interface RuleDocs {
  /** One line for settings, SARIF and the README table. */
  summary: string;
  catches: string;
  why: string;
  fix: string;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  docs: RuleDocs;
  check(facts: DocumentFacts, context: RuleContext): Finding[];
}

export const README_URL = 'https://github.com/docker-port-safety/docker-port-safety#';

export function ruleDocsUrl(id: RuleId): string {
  return `${README_URL}${id}`;
}

/**
 * A finding whose fixes are worked out the first time they are read: a check of a large file
 * makes thousands of findings, and the editor asks for the fixes of a few (code actions look them
 * up when asked). A class rather than a getter defined on each object: thousands of objects of one
 * shape stay fast to make and read. Serialized, it is a plain finding with its fixes.
 */
class LazyFixesFinding implements Finding {
  rule: RuleId;
  span: Span;
  message: string;
  severity: Severity;
  related?: RelatedLocation[];
  anchor?: number;
  publicClass?: PublicClass;
  private computed: Fix[] | undefined;

  /**
   * `first`, when given, works out `compute()[0]` alone: fix-all, `--fix` and the CLI's `fixable`
   * ask only for that, and the other fixes can cost far more (Stop publishing looks at every other
   * service of the file for each port).
   */
  constructor(finding: Omit<Finding, 'fixes'>, public compute: () => Fix[], public first?: () => Fix | undefined) {
    this.rule = finding.rule;
    this.span = finding.span;
    this.message = finding.message;
    this.severity = finding.severity;
    if (finding.related !== undefined) this.related = finding.related;
    if (finding.anchor !== undefined) this.anchor = finding.anchor;
    if (finding.publicClass !== undefined) this.publicClass = finding.publicClass;
  }

  get fixes(): Fix[] {
    return (this.computed ??= this.compute());
  }

  /** `fixes[0]`, without the others unless they are already known. */
  get firstFix(): Fix | undefined {
    if (this.computed || !this.first) return this.fixes[0];
    return this.first();
  }

  toJSON(): Finding {
    return { rule: this.rule, span: this.span, message: this.message, severity: this.severity, fixes: this.fixes, related: this.related, anchor: this.anchor, publicClass: this.publicClass };
  }
}

/** `first`: see LazyFixesFinding; it must return what `compute()[0]` would. */
export function withLazyFixes(finding: Omit<Finding, 'fixes'>, compute: () => Fix[], first?: () => Fix | undefined): Finding {
  return new LazyFixesFinding(finding, compute, first);
}

/**
 * The fix that fix-all, `--fix` and the port map apply: the first, except for ports that are
 * public by design or declared public, which they leave as they are (the fixes stay on offer).
 */
export function preferredFix(finding: Pick<Finding, 'fixes' | 'publicClass'>): Fix | undefined {
  if (isIntendedPublic(finding.publicClass)) return undefined;
  return finding instanceof LazyFixesFinding ? finding.firstFix : finding.fixes[0];
}

/** The finding of `rule` at exactly `start`–`end` (how code actions find the finding a diagnostic shows). */
export function findingAt<F extends Pick<Finding, 'rule' | 'span'>>(findings: readonly F[], rule: string, start: number, end: number): F | undefined {
  return findings.find((f) => f.rule === rule && f.span.start === start && f.span.end === end);
}

/** Keeps only the fixes that pass `keep`, still worked out when first read for lazy findings. */
export function filterFixes(finding: Finding, keep: (fix: Fix) => boolean): Finding {
  if (finding instanceof LazyFixesFinding) {
    const compute = finding.compute;
    finding.compute = () => compute().filter(keep);
    // The first fix stays the first when it is kept; when it is not, the list decides.
    const first = finding.first;
    if (first) {
      finding.first = () => {
        const fix = first();
        return fix && keep(fix) ? fix : finding.fixes[0];
      };
    }
  } else {
    finding.fixes = finding.fixes.filter(keep);
  }
  return finding;
}
