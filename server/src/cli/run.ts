/**
 * What the `docker-port-safety` command does, as functions: settings, the check of every path, the
 * outputs and the exit code. The command (cli.ts) and the GitHub Action (action.ts) share them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fixAll } from '../analyze';
import { HELP, parseArguments, UsageError, CliOptions } from './options';
import { FileReport, formatCodeQuality, formatJson, formatSarif, formatText } from './report';
import { unifiedDiff } from './unifiedDiff';
import { readSettingsFile } from './settingsFile';
import { documentKindByContent } from '../documentKind';
import { loadBashGrammar } from '../extract/shell/bashParser';
import type { DocumentKind } from '../model';
import { normalizeSettings, Settings } from '../settings';
import { findFiles } from '../workspace/files';
import { besideFile, checkText } from '../workspace/checkFile';
import type { Severity } from '../rules/rule';
import { buildPortMap, CheckedFile, PortMapEntry } from '../portMap';
import { formatPortMarkdown, formatPortTable } from './portMapFormat';
import { URI } from '../uri';

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

export async function main(argv: string[], io: Io): Promise<number> {
  let options: CliOptions;
  let settings: Settings;
  try {
    options = parseArguments(argv);
    if (options.help || options.version) {
      io.stdout(options.help ? HELP : VERSION);
      return 0;
    }
    settings = loadSettings(options, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`docker-port-safety: ${error.message}\nRun docker-port-safety --help for usage.`);
    return 2;
  }
  const wantsMap = options.format === 'table' || options.format === 'markdown' || options.format === 'ports-json';
  const { reports, checked, unreadable } = await checkPaths(options, settings, io, wantsMap);
  if (!(options.fix && options.dryRun)) {
    if (wantsMap) io.stdout(formatPortMap(options.format, buildPortMap(checked), options.color ?? io.stdoutIsTerminal));
    else if (options.format === 'json') io.stdout(formatJson(reports));
    else if (options.format === 'sarif') io.stdout(formatSarif(reports, VERSION));
    else if (options.format === 'codequality') io.stdout(formatCodeQuality(reports));
    else io.stdout(formatText(reports, options.color ?? io.stdoutIsTerminal));
  }
  return exitCode(options, reports, unreadable);
}

export interface CheckResult {
  reports: FileReport[];
  /** Every checked file with its facts, for the port map (only when asked for: facts cost memory). */
  checked: CheckedFile[];
  /** Paths that could not be read. */
  unreadable: number;
}

/** Walks and checks every path of `options` (and standard input), applying fixes when asked. */
export async function checkPaths(options: CliOptions, settings: Settings, io: Io, keepFacts: boolean): Promise<CheckResult> {
  await loadBashGrammar();
  const progress = io.stderrIsTerminal && options.format === 'text';
  const { files, problems } = findFiles(options.paths.filter((p) => p !== '-'), progress ? (n) => n % 500 === 0 && io.progress(`found ${n} files…`) : undefined, { namedFilesAsShell: !options.skipUnknown });
  const reports: FileReport[] = [];
  const checked: CheckedFile[] = [];
  let unreadable = problems.length;
  for (const problem of problems) io.stderr(`docker-port-safety: ${problem}`);

  const inputs: { path: string; display: string; kind: DocumentKind; text?: string }[] = files.map((f) => ({ path: f.path, display: displayPath(f.path), kind: f.kind }));
  if (options.paths.includes('-')) {
    const name = options.stdinFilename!;
    const text = io.readStdin();
    inputs.unshift({ path: name, display: name, kind: documentKindByContent(name, undefined, text) ?? 'shell', text });
  }
  for (const [n, input] of inputs.entries()) {
    if (progress && n % 200 === 0 && inputs.length > 1000) io.progress(`checking ${n}/${inputs.length}…`);
    let text = input.text;
    if (text === undefined) {
      try {
        text = fs.readFileSync(input.path, 'utf8');
      } catch (error) {
        io.stderr(`docker-port-safety: ${input.display}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
        unreadable++;
        continue;
      }
    }
    if (Buffer.byteLength(text) > settings.maxFileSize) {
      io.stderr(`docker-port-safety: ${input.display}: larger than maxFileSize (${settings.maxFileSize} bytes), not checked`);
      continue;
    }
    if (options.fix && input.text === undefined) {
      const fixed = fixAll(text, input.kind, { settings, ...besideFile(input.path, input.kind) });
      if (fixed.text !== text) {
        if (options.dryRun) io.stdout(unifiedDiff(input.display.split(path.sep).join('/'), text, fixed.text).replace(/\n$/, ''));
        else {
          fs.writeFileSync(input.path, fixed.text);
          io.stdout(`fixed ${fixed.applied} finding${fixed.applied === 1 ? '' : 's'} in ${input.display}`);
          text = fixed.text;
        }
      }
    }
    const analysis = checkText(input.path, text, input.kind, settings);
    reports.push({ display: input.display, text, findings: analysis.findings });
    if (keepFacts) checked.push({ uri: URI.fromFilePath(path.resolve(input.path)), text, facts: analysis.facts, findings: analysis.findings });
  }
  if (progress) io.progress('');
  return { reports, checked, unreadable };
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
  const relative = path.relative(process.cwd(), filePath);
  return relative === '' ? filePath : relative;
}

