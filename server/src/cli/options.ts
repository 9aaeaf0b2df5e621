/** Command-line arguments of `docker-port-safety`. */
import type { SeverityName } from '../engine/settings';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'codequality' | 'table' | 'markdown' | 'ports-json';
const FORMATS: OutputFormat[] = ['text', 'json', 'sarif', 'codequality', 'table', 'markdown', 'ports-json'];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** Files named on the command line are checked only when their kind is known (pre-commit passes every text file). */
  skipUnknown: boolean;
  dryRun: boolean;
  configFile?: string;
  bindAddress?: string;
  severity: Record<string, SeverityName>;
  failOn: SeverityName | 'none';
  stdinFilename?: string;
  /** Report and fail on only the findings this baseline file does not record. */
  baseline?: string;
  /** Record every finding of this run in this baseline file. */
  writeBaseline?: string;
  color?: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', fix: false, skipUnknown: false, dryRun: false, severity: {}, failOn: 'warning', help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      case '-f':
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as OutputFormat)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not "${format}"`);
        options.format = format as OutputFormat;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--skip-unknown':
        options.skipUnknown = true;
        break;
      case '--dry-run':
        options.dryRun = true;
        break;
      case '-c':
      case '--config':
        options.configFile = value();
        break;
      case '--bind-address':
        options.bindAddress = value();
        break;
      case '--severity': {
        const [rule, level] = value().split('=');
        if (!rule || !LEVELS.includes(level)) throw new UsageError('--severity takes rule=level, with level error, warning, information, hint or off');
        options.severity[rule] = level as SeverityName;
        break;
      }
      case '--fail-on': {
        const level = value();
        if (![...LEVELS.filter((l) => l !== 'off'), 'none'].includes(level)) throw new UsageError('--fail-on takes error, warning, information, hint or none');
        options.failOn = level as CliOptions['failOn'];
        break;
      }
      case '--stdin-filename':
        options.stdinFilename = value();
        break;
      case '--baseline':
        options.baseline = value();
        break;
      case '--write-baseline':
        options.writeBaseline = value();
        break;
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  if (options.dryRun && !options.fix) throw new UsageError('--dry-run goes with --fix');
  if (options.paths.includes('-') && !options.stdinFilename) throw new UsageError('reading standard input (-) needs --stdin-filename NAME to choose the kind of file');
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

export const HELP = `Usage: docker-port-safety [options] [PATH...]

Finds Docker ports published to the whole network in Dockerfiles, Compose files,
shell scripts, Markdown, GitHub workflows, devcontainer.json, Podman Quadlet units
and Ansible playbooks. PATH defaults to "."
(folders are walked; .git, node_modules and what .gitignore ignores are skipped).
"-" reads standard input; give --stdin-filename NAME to choose the kind of file.

Options:
  -f, --format FORMAT            findings as text (default), json, sarif or
                                 codequality (GitLab); the port
                                 map (every published port) as table, markdown or
                                 ports-json
      --fix                      apply every preferred fix in place
      --skip-unknown             check a named file only when it is of a kind this
                                 reads (by name, shebang or content); for hooks that
                                 pass every changed file
      --dry-run                  with --fix: print a unified diff, change nothing
  -c, --config FILE              settings file (default: .docker-port-safety.json in
                                 the folder or a parent)
      --bind-address IP          address fixes bind to (default 127.0.0.1)
      --severity RULE=LEVEL      error|warning|information|hint|off (repeatable)
      --fail-on LEVEL            exit 1 when a finding at or above LEVEL remains:
                                 error|warning|information|hint|none (default warning)
      --baseline FILE            report and fail on only the findings FILE does not
                                 record (say how many recorded ones remain)
      --write-baseline FILE      record every finding of this run in FILE (commit it,
                                 then run with --baseline FILE)
      --stdin-filename NAME      file name for standard input
      --color, --no-color        force colours on or off (default: on a terminal)
  -h, --help                     this help
  -v, --version                  the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage error or unreadable path (the other files are still checked).`;
