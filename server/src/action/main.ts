/**
 * The GitHub Action: the CLI's check, run the way the runner runs a Node action (inputs in
 * `INPUT_*` variables, no network). It writes SARIF for code scanning, prints every finding a
 * baseline does not record as a workflow annotation, appends the findings and the port map to the
 * job summary, and fails the step at `fail-on`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArguments, UsageError } from '../cli/options';
import { FileReport, formatSarif, locate, LocatedFinding } from '../cli/report';
import { applyBaseline, BaselineOutcome, checkPaths, displayPath, exitCode, Io, loadSettings, VERSION } from '../cli/run';
import { readBaseline } from '../cli/baseline';
import { isCheckThread, runCheckThread } from '../cli/parallelCheck';
import { tuneForBatchRun } from '../runtime/v8Flags';
import { formatPortMarkdown } from '../cli/portMapFormat';
import { buildPortMap } from '../engine/portMap';
import { URI } from '../workspace/uri';

type Env = Record<string, string | undefined>;

/** The runner passes input `fail-on` as `INPUT_FAIL-ON` (upper case, spaces to `_`, hyphens kept). */
function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Workflow command escaping: data escapes %, CR, LF; properties also escape : and ,. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

export function annotations(reports: FileReport[]): string[] {
  return reports.flatMap(locate).map((f) => {
    const properties = [
      `file=${escapeProperty(f.file.split(path.sep).join('/'))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`docker-port-safety ${f.code}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`;
  });
}

/** `checkThreadScript`: the file that starts a second check thread for a large workspace (see checkPaths). */
export async function runAction(env: Env, io: Io, checkThreadScript?: string): Promise<number> {
  const argv = ['--skip-unknown'];
  const failOn = input(env, 'fail-on');
  const bindAddress = input(env, 'bind-address');
  const config = input(env, 'config');
  const baselineFile = input(env, 'baseline');
  if (failOn) argv.push('--fail-on', failOn);
  if (bindAddress) argv.push('--bind-address', bindAddress);
  if (config) argv.push('--config', config);
  if (baselineFile) argv.push('--baseline', baselineFile);
  // `paths` is a list: one per line or separated by spaces, as workflow authors write it.
  const paths = input(env, 'paths').split(/\s+/).filter(Boolean);
  argv.push(...(paths.length > 0 ? paths : ['.']));
  let options;
  let settings;
  let recorded;
  try {
    options = parseArguments(argv);
    // Folders named in `paths` are walked; files named there are checked only when of a kind it reads.
    settings = loadSettings(options, io);
    // A baseline that cannot be read fails the step before the check, never passes it.
    if (options.baseline) recorded = readBaseline(options.baseline);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stdout(`::error title=docker-port-safety::${escapeData(error.message)}`);
    return 2;
  }
  const { reports: all, checked, unreadable } = await checkPaths(options, settings, io, true, checkThreadScript);
  const baseline = applyBaseline(options, all, recorded);
  // Annotations for the findings the baseline does not record: a pull request shows what it adds.
  const reports = baseline.reports;
  for (const line of annotations(reports)) io.stdout(line);
  if (baseline.summary) io.stdout(baseline.summary);

  // SARIF holds every finding: code scanning tracks the recorded ones as open alerts.
  const sarifFile = input(env, 'sarif-file');
  if (sarifFile) fs.writeFileSync(sarifFile, formatSarif(all, VERSION) + '\n');
  const summary = env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const display = (uri: string) => displayPath(URI.toFilePath(uri) ?? uri).split(path.sep).join('/');
    fs.appendFileSync(summary, `${findingsMarkdown(all, baseline)}\n${formatPortMarkdown(buildPortMap(checked), display)}\n`);
  }
  const total = reports.reduce((n, r) => n + r.findings.length, 0);
  const found = `${total} ${baseline.summary ? 'new ' : ''}finding${total === 1 ? '' : 's'}`;
  io.stdout(`docker-port-safety ${VERSION}: ${found} in ${reports.length} file${reports.length === 1 ? '' : 's'}${sarifFile ? `; SARIF in ${sarifFile}` : ''}.`);
  return exitCode(options, reports, unreadable);
}

/** Findings listed in the job summary, per list. */
const SUMMARY_ITEMS = 200;

/** The job summary's findings: those the baseline does not record first, then the recorded ones. */
export function findingsMarkdown(all: FileReport[], baseline: BaselineOutcome): string {
  const fresh = baseline.reports.flatMap(locate);
  const isNew = new Set(fresh.map((f) => f.fingerprint));
  const recorded = all.flatMap(locate).filter((f) => !isNew.has(f.fingerprint));
  const item = (f: LocatedFinding) => `- \`${f.file.split(path.sep).join('/')}:${f.line}\` **${f.severity}** ${f.code}: ${f.message}`;
  const heading = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  // GitHub keeps at most 1 MiB of a step's summary: long lists end with how many were left out (the annotations and SARIF have them all).
  const list = (findings: LocatedFinding[]) => [...findings.slice(0, SUMMARY_ITEMS).map(item), ...(findings.length > SUMMARY_ITEMS ? [`- … and ${findings.length - SUMMARY_ITEMS} more`] : [])];
  const lines = [`### ${heading(fresh.length, baseline.summary ? 'new finding' : 'finding')}`, ''];
  lines.push(...(fresh.length > 0 ? list(fresh) : ['None.']), '');
  if (baseline.summary) {
    lines.push(baseline.summary.replace(/--write-baseline (\S+)/, '`--write-baseline $1`'), '');
    if (recorded.length > 0) lines.push(`<details><summary>${heading(recorded.length, 'finding')} recorded in the baseline</summary>`, '', ...list(recorded), '', '</details>', '');
  }
  return lines.join('\n');
}

if (isCheckThread()) {
  // A large workspace is checked on two threads (see cli/parallelCheck.ts); the second starts from this file.
  runCheckThread();
} else if (require.main === module) {
  tuneForBatchRun();
  runAction(process.env, {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
    progress: () => undefined,
    readStdin: () => '',
    stdoutIsTerminal: false,
    stderrIsTerminal: false,
  }, __filename).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stdout.write(`::error title=docker-port-safety::${escapeData(`internal error: ${error?.stack ?? error}`)}\n`);
      process.exitCode = 2;
    },
  );
}
