/**
 * What the `docker-port-safety` command does, as functions: settings, the check of every path, the
 * outputs and the exit code. The command (cli.ts) and the GitHub Action (action.ts) share them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fixAll } from '../engine/analyze';
import { HELP, parseArguments, UsageError, CliOptions } from './options';
import { FileReport, formatCodeQuality, formatJson, formatSarif, formatText } from './report';
import { unifiedDiff } from './unifiedDiff';
import { readSettingsFile } from './settingsFile';
import { documentKindByContent } from '../engine/readers/documentKind';
import { loadBashGrammar } from '../engine/readers/shell/bashParser';
import { loadGrammarFor, SHELL_KINDS } from '../engine/readers/readerGrammars';
import { normalizeSettings, Settings } from '../engine/settings';
import { findFiles } from '../workspace/files';
import { besideFile } from '../workspace/checkFile';
import { CheckInput, checkFile, FileOutcome } from './fileCheck';
import { CheckThread } from './parallelCheck';
import type { Severity } from '../engine/rules/rule';
import { buildPortMap, CheckedFile, PortMapEntry } from '../engine/portMap';
import { formatPortMarkdown, formatPortTable } from './portMapFormat';
import { URI } from '../workspace/uri';
import { baselineSummary, compareWithBaseline, readBaseline, writeBaseline } from './baseline';
import { identityKey } from './findingIdentity';

declare const PACKAGE_VERSION: string;
export const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';
const CONFIG_NAME = '.docker-port-safety.json';
const RANK: Record<Severity, number> = { hint: 1, information: 2, warning: 3, error: 4 };

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** One line of progress that the next one overwrites (a terminal only). */
  progress: (text: string) => void;
  readStdin: () => string;
  stdoutIsTerminal: boolean;
  stderrIsTerminal: boolean;
}

function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = process.cwd();
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadSettings(options: CliOptions, io: Io): Settings {
  const configFile = options.configFile ?? findConfig(options.paths.find((p) => p !== '-') ?? '.');
  let fromFile: Record<string, unknown> = {};
  if (configFile) {
    let text: string;
    try {
      text = fs.readFileSync(configFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read settings ${configFile}: ${(error as Error).message}`);
    }
    const { values, problems } = readSettingsFile(text);
    if (problems.length > 0) throw new UsageError(problems.map((p) => `${configFile}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    fromFile = values;
  }
  const merged = {
    ...fromFile,
    ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
    severity: { ...((fromFile.severity as object) ?? {}), ...options.severity },
  };
  const { settings, problems } = normalizeSettings(merged);
  if (options.bindAddress && settings.bindAddress !== options.bindAddress.replace(/^\[(.*)\]$/, '$1')) {
    throw new UsageError(`--bind-address ${options.bindAddress} is not an IP address (Docker refuses host names such as localhost)`);
  }
  for (const problem of problems) io.stderr(`docker-port-safety: ${configFile ?? 'settings'}: ${problem}`);
  return settings;
}

/** `checkThreadScript`: see checkPaths. */
export async function main(argv: string[], io: Io, checkThreadScript?: string): Promise<number> {
  let options: CliOptions;
  let settings: Settings;
  let recorded: Set<string> | undefined;
  try {
    options = parseArguments(argv);
    if (options.help || options.version) {
      io.stdout(options.help ? HELP : VERSION);
      return 0;
    }
    settings = loadSettings(options, io);
    // Read before the check: a baseline that cannot be read stops the run at once, never passes it.
    if (options.baseline && !options.writeBaseline) recorded = readBaseline(options.baseline);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`docker-port-safety: ${error.message}\nRun docker-port-safety --help for usage.`);
    return 2;
  }
  const wantsMap = options.format === 'table' || options.format === 'markdown' || options.format === 'ports-json';
  const result = await checkPaths(options, settings, io, wantsMap, checkThreadScript);
  let baseline: BaselineOutcome;
  try {
    baseline = applyBaseline(options, result.reports, recorded);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`docker-port-safety: ${error.message}`);
    return 2;
  }
  const { reports, summary } = baseline;
  if (!(options.fix && options.dryRun)) {
    if (wantsMap) io.stdout(formatPortMap(options.format, buildPortMap(result.checked), options.color ?? io.stdoutIsTerminal));
    else if (options.format === 'json') io.stdout(formatJson(reports));
    else if (options.format === 'sarif') io.stdout(formatSarif(reports, VERSION));
    else if (options.format === 'codequality') io.stdout(formatCodeQuality(reports));
    else io.stdout(formatText(reports, options.color ?? io.stdoutIsTerminal, summary !== undefined));
  }
  // Beside the findings in text; on standard error where standard output is a format for programs.
  if (summary) (options.format === 'text' ? io.stdout : io.stderr)(summary);
  if (options.fix) sayWhatFixLeft(reports, options, io);
  return exitCode(options, reports, result.unreadable);
}

export interface BaselineOutcome {
  /** The findings to report and fail on: those the baseline does not record (all without one). */
  reports: FileReport[];
  /** What the run says about the baseline, when there is one. */
  summary?: string;
}

/**
 * `--write-baseline` records every finding (and the run then reports against what it wrote:
 * nothing new); `--baseline` keeps only the findings it does not record. `recorded`: the baseline
 * as read before the check.
 */
export function applyBaseline(options: CliOptions, reports: FileReport[], recorded?: Set<string>): BaselineOutcome {
  if (options.writeBaseline) {
    writeBaseline(options.writeBaseline, reports);
    const written = new Set(reports.flatMap((r) => r.identities.map(identityKey)));
    const { reports: none, present } = compareWithBaseline(reports, written);
    return { reports: none, summary: `Baseline ${options.writeBaseline} written: ${present} finding${present === 1 ? '' : 's'} recorded. Commit it and run with --baseline ${options.writeBaseline}.` };
  }
  if (!recorded || !options.baseline) return { reports };
  const comparison = compareWithBaseline(reports, recorded);
  return { reports: comparison.reports, summary: baselineSummary(options.baseline, comparison) };
}

export interface CheckResult {
  reports: FileReport[];
  /** Every checked file with its facts, for the port map (only when asked for: facts cost memory). */
  checked: CheckedFile[];
  /** Paths that could not be read. */
  unreadable: number;
}

/**
 * Trees of at least this many files to check are checked on two threads (see parallelCheck.ts);
 * below it, starting the second thread costs more than it saves.
 */
export const PARALLEL_FROM = 200;

/**
 * Walks and checks every path of `options` (and standard input), applying fixes when asked.
 * `checkThreadScript` is the file that starts the second check thread (the CLI's own entry);
 * without it, or when fixing, files are checked one after another on this thread.
 */
export async function checkPaths(options: CliOptions, settings: Settings, io: Io, keepFacts: boolean, checkThreadScript?: string): Promise<CheckResult> {
  const paths = options.paths.filter((p) => p !== '-');
  // Started before the walk, so that it loads meanwhile; stopped if the tree turns out small.
  const thread = checkThreadScript && !options.fix && paths.some(isFolder) ? new CheckThread(checkThreadScript, settings, keepFacts) : undefined;
  // The bash grammar (1.4 MB of WebAssembly) loads when the first file that needs it is checked:
  // a run over Compose files and Dockerfiles alone, as pre-commit makes, never compiles it (40 ms
  // of a 250 ms run over one compose file).
  const bashGrammar = () => loadBashGrammar();
  const progress = io.stderrIsTerminal && options.format === 'text';
  const { files, problems } = findFiles(paths, progress ? (n) => n % 500 === 0 && io.progress(`found ${n} files…`) : undefined, { namedFilesAsShell: !options.skipUnknown });
  const result: CheckResult = { reports: [], checked: [], unreadable: problems.length };
  for (const problem of problems) io.stderr(`docker-port-safety: ${problem}`);

  const inputs: CheckInput[] = files.map((f) => ({ path: f.path, display: displayPath(f.path), kind: f.kind }));
  if (options.paths.includes('-')) {
    const name = options.stdinFilename!;
    const text = io.readStdin();
    const stdin = { path: name, display: name, kind: documentKindByContent(name, undefined, text) ?? 'shell', text };
    await Promise.all([...(SHELL_KINDS.has(stdin.kind) ? [bashGrammar()] : []), loadGrammarFor(stdin.kind)]);
    add(result, checkFile(stdin, settings, keepFacts), io);
  }
  const showProgress = progress && inputs.length > 1000 ? (n: number) => io.progress(`checking ${n}/${inputs.length}…`) : undefined;
  if (thread && inputs.length >= PARALLEL_FROM) {
    for (const outcome of await thread.check(inputs, bashGrammar, showProgress)) add(result, outcome, io);
    if (thread.failure) io.stderr(`docker-port-safety: the second check thread stopped (${thread.failure}); its files were checked on the first`);
  } else {
    thread?.stop();
    await Promise.all([...(inputs.some((input) => SHELL_KINDS.has(input.kind)) ? [bashGrammar()] : []), ...new Set(inputs.map((input) => loadGrammarFor(input.kind)))]);
    for (const [n, input] of inputs.entries()) {
      if (n % 200 === 0) showProgress?.(n);
      const prepare = options.fix ? (text: string) => applyFixes(input, text, settings, options, io) : undefined;
      add(result, checkFile(input, settings, keepFacts, prepare), io);
    }
  }
  if (progress) io.progress('');
  return result;
}

/** `--fix` leaves ports that are public by design or declared public as they are, and says how many. */
function sayWhatFixLeft(reports: FileReport[], options: CliOptions, io: Io): void {
  const left = { 'by-design': 0, declared: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.rule === 'public-bind' && (finding.publicClass === 'by-design' || finding.publicClass === 'declared')) left[finding.publicClass]++;
    }
  }
  if (left['by-design'] + left.declared === 0) return;
  const ports = (n: number) => `${n} port${n === 1 ? '' : 's'}`;
  const line = `left ${ports(left['by-design'])} public by design and ${ports(left.declared)} declared public as they are`;
  // A dry run's standard output is a patch: the count goes to standard error there.
  if (options.dryRun) io.stderr(line);
  else io.stdout(line);
}

function isFolder(given: string): boolean {
  try {
    return fs.statSync(given).isDirectory();
  } catch {
    return false;
  }
}

function add(result: CheckResult, outcome: FileOutcome, io: Io): void {
  for (const message of outcome.messages) io.stderr(message);
  if (outcome.unreadable) result.unreadable++;
  if (outcome.report) result.reports.push(outcome.report);
  if (outcome.checked) result.checked.push(outcome.checked);
}

/** `--fix`: every preferred fix written to the file (or shown as a diff with `--dry-run`); the text to check then. */
function applyFixes(input: CheckInput, text: string, settings: Settings, options: CliOptions, io: Io): string {
  const fixed = fixAll(text, input.kind, { settings, ...besideFile(input.path, input.kind, undefined, text) });
  if (fixed.text === text) return text;
  if (options.dryRun) {
    io.stdout(unifiedDiff(input.display.split(path.sep).join('/'), text, fixed.text).replace(/\n$/, ''));
    return text;
  }
  fs.writeFileSync(input.path, fixed.text);
  io.stdout(`fixed ${fixed.applied} finding${fixed.applied === 1 ? '' : 's'} in ${input.display}`);
  return fixed.text;
}

/** 2 for unreadable paths, 1 for a finding at or above --fail-on, else 0. */
export function exitCode(options: CliOptions, reports: FileReport[], unreadable: number): number {
  if (unreadable > 0) return 2;
  if (options.failOn === 'none' || options.failOn === 'off') return 0;
  const threshold = RANK[options.failOn as Severity];
  return reports.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

/** The map in the format asked for; sources are shown as paths relative to the working directory. */
export function formatPortMap(format: string, entries: PortMapEntry[], color: boolean): string {
  if (format === 'ports-json') return JSON.stringify({ ports: entries }, null, 2);
  const display = (uri: string) => displayPath(URI.toFilePath(uri) ?? uri).split(path.sep).join('/');
  return format === 'markdown' ? formatPortMarkdown(entries, display) : formatPortTable(entries, display, color);
}

export function displayPath(filePath: string): string {
  // A walk from a relative folder finds relative paths already: they only need normalizing.
  if (!path.isAbsolute(filePath)) {
    const normal = path.normalize(filePath);
    if (normal !== '..' && !normal.startsWith(`..${path.sep}`)) return normal === '.' ? filePath : normal;
  }
  const relative = path.relative(process.cwd(), filePath);
  return relative === '' ? filePath : relative;
}

