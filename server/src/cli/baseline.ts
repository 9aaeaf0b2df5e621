/**
 * A baseline: the findings a repository had when it adopted the check, recorded in a file it
 * commits, so that CI fails only on findings that are not recorded. `--write-baseline FILE` writes
 * it, `--baseline FILE` reads it. Findings are matched by their identity (findingIdentity.ts), so
 * lines inserted above a recorded finding keep it recorded; changing its spec makes it new.
 *
 * The file is JSON meant for review in a pull request: a format version, then one finding per
 * line, sorted, with no dates, so writing it again over the same tree changes no byte.
 */
import * as fs from 'fs';
import { FindingIdentity, identityKey } from './findingIdentity';
import { UsageError } from './options';
import type { FileReport } from './report';

/** The format's version: a file of another version is refused, never read as if it were empty. */
export const BASELINE_VERSION = 1;
const VERSION_KEY = 'docker-port-safety-baseline';

const FIELDS: (keyof FindingIdentity)[] = ['rule', 'file', 'owner', 'spec', 'occurrence'];

export function formatBaseline(identities: FindingIdentity[]): string {
  const sorted = [...identities].sort(compareIdentities);
  // Each finding with its fields in one order, on a line of its own: a diff shows findings, not braces.
  const lines = sorted.map((identity) => `    ${JSON.stringify(Object.fromEntries(FIELDS.map((field) => [field, identity[field]])))}`);
  return `{\n  "${VERSION_KEY}": ${BASELINE_VERSION},\n  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

function compareIdentities(a: FindingIdentity, b: FindingIdentity): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return text(a.file, b.file) || text(a.rule, b.rule) || text(a.owner, b.owner) || text(a.spec, b.spec) || a.occurrence - b.occurrence;
}

export function writeBaseline(file: string, reports: FileReport[]): void {
  try {
    fs.writeFileSync(file, formatBaseline(reports.flatMap((r) => r.identities)));
  } catch (error) {
    throw new UsageError(`cannot write the baseline ${file}: ${(error as Error).message}`);
  }
}

/** The identity keys a baseline file records. A file that is missing, not JSON or of another version is a usage error. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${file} (${(error as NodeJS.ErrnoException).code ?? error}); write one with --write-baseline ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the baseline ${file} is not JSON (${(error as Error).message}); write it again with --write-baseline ${file}`);
  }
  const record = data as Record<string, unknown> | null;
  const version = typeof record === 'object' && record !== null ? record[VERSION_KEY] : undefined;
  if (version === undefined) throw new UsageError(`${file} is not a docker-port-safety baseline (it has no "${VERSION_KEY}" version)`);
  if (version !== BASELINE_VERSION) {
    throw new UsageError(`the baseline ${file} is format version ${JSON.stringify(version)}; this docker-port-safety reads version ${BASELINE_VERSION}: write it again with --write-baseline ${file}`);
  }
  const findings = record!.findings;
  if (!Array.isArray(findings) || !findings.every(isIdentity)) {
    throw new UsageError(`the baseline ${file} has a "findings" entry that is not {rule, file, owner, spec, occurrence}; write it again with --write-baseline ${file}`);
  }
  return new Set(findings.map(identityKey));
}

function isIdentity(value: unknown): value is FindingIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return FIELDS.every((field) => (field === 'occurrence' ? Number.isInteger(entry[field]) && (entry[field] as number) >= 0 : typeof entry[field] === 'string'));
}

export interface BaselineComparison {
  /** The reports with only the findings the baseline does not record. */
  reports: FileReport[];
  /** Recorded findings found again. */
  present: number;
  /** Recorded findings not found: fixed, changed, or in files that are gone. */
  gone: number;
  /** Findings not recorded. */
  added: number;
}

export function compareWithBaseline(reports: FileReport[], recorded: Set<string>): BaselineComparison {
  let present = 0;
  let added = 0;
  const filtered = reports.map((report) => {
    const keep = report.identities.map((identity) => !recorded.has(identityKey(identity)));
    for (const isNew of keep) isNew ? added++ : present++;
    return { ...report, findings: report.findings.filter((_, n) => keep[n]), identities: report.identities.filter((_, n) => keep[n]) };
  });
  return { reports: filtered, present, gone: recorded.size - present, added };
}

/** What the run says about the baseline: counts, and how to refresh it. */
export function baselineSummary(file: string, comparison: BaselineComparison): string {
  const findings = (n: number) => `${n} recorded finding${n === 1 ? '' : 's'}`;
  const gone = comparison.gone > 0 ? `${comparison.gone} gone (fixed, changed or in files that no longer exist)` : 'none gone';
  const added = `${comparison.added} new finding${comparison.added === 1 ? '' : 's'} not in it`;
  const refresh = comparison.gone > 0 || comparison.added > 0 ? ` To record the findings as they are now: --write-baseline ${file}` : '';
  return `Baseline ${file}: ${findings(comparison.present)} still present, ${gone}; ${added}.${refresh}`;
}
