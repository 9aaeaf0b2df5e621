/**
 * The shell commands of a Markdown page as a shell view (see ../shellView.ts), so the shell
 * reader's offsets are the page's offsets and fixes edit the page in place.
 *
 * Which lines are commands depends on how the block is written:
 * - a POSIX shell block (`bash`, `sh`, …) is a script, unless it shows prompts: then only the
 *   prompted lines are commands and the rest is output;
 * - a session block (`console`, `terminal`, `shell-session`, …) is prompted lines and their
 *   continuations, or a script when it has no prompt at all;
 * - any other command-like block (no info string, `text`, `cli`, `powershell`, `cmd`, …) is read
 *   line by line: a prompted line or a line that runs a container tool, with its continuations.
 *   Prose there stays unread, so a stray apostrophe cannot swallow the commands after it.
 */
import { shellView, ShellSegment } from '../shell/shellView';
import { CodeBlock, markdownCodeBlocks } from './codeBlocks';

const POSIX_SHELLS = new Set(['sh', 'bash', 'shell', 'zsh', 'ksh', 'ash', 'dash', 'shellscript', 'bash-script']);
const SESSIONS = new Set(['console', 'terminal', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'zsh-session', 'session']);
/** Blocks whose lines may be commands of some shell: read line by line. */
const COMMAND_LIKE = new Set([
  '', 'cli', 'text', 'txt', 'plain', 'plaintext', 'docker', 'command', 'commands', 'cmd', 'bat', 'batch', 'dos', 'doscon',
  'winbatch', 'powershell', 'ps', 'ps1', 'pwsh', 'posh', 'pwsh-session', 'ps1con', 'none', 'nohighlight',
]);

/** `$ `, `user@host:~$ `, `[user@host dir]$ `: a POSIX prompt, never a comment. */
const DOLLAR_PROMPT = /^[ \t]*(?:(?:\[[^\]\n]*\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?)[ \t]?)?\$(?:[ \t]|$)/;
/** Every prompt a page shows: also `# ` (root), `% `, `> `, `PS> `, `PS C:\path> `, `C:\path>`. */
const ANY_PROMPT = /^[ \t]*(?:PS(?:[ \t][^>\n]*)?>[ \t]?|[A-Za-z]:\\[^>\n]*>[ \t]?|(?:\[[^\]\n]*\]|[\w.-]+@[\w.-]+(?::[^\s$#%]*)?)[ \t]?[$#%](?:[ \t]|$)|[$#%>](?:[ \t]|$))/;
/** A continuation line of an interactive shell may start with its `> ` (PS2) prompt. */
const CONTINUATION_PROMPT = /^[ \t]*>>?[ \t]/;
const CONTAINER_TOOL = /(?:^|[\s;&|(`/])(?:docker|podman|nerdctl|kubectl|k3d)(?:-compose)?(?:\.exe)?(?=[\s;&|)`]|$)/;
/** What the shell reader and the here-document reader of a page look for (readShell.ts's first test, and `<<`). */
const MAY_MATTER_IN_A_SCRIPT = /docker|podman|nerdctl|port-forward|k3d|kubectl|<</;
/** A line of prose mentions docker; a command line starts with it (after `sudo` and a path). */
const STARTS_WITH_CONTAINER_TOOL = /^[ \t]*(?:sudo(?:[ \t]+-\S+)*[ \t]+)?(?:\S*\/)?(?:docker|podman|nerdctl|kubectl|k3d)(?:-compose)?(?:\.exe)?(?=[ \t]|$)/;
/** `<host-port>`, `<image name>`: placeholders a reader replaces, read as values only known later. */
const PLACEHOLDER = /<([A-Za-z][\w .:/-]{0,60}?)>/g;
/** `HOST_PORT`, `CONTAINER_PORT`: upper-case placeholders with an underscore, read as variables. */
const UPPERCASE_PLACEHOLDER = /(?<![\w$%{-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w=(}-])/g;

export function markdownShellView(text: string): string {
  const segments: ShellSegment[] = [];
  for (const block of markdownCodeBlocks(text)) segments.push(...blockCommands(block));
  return shellView(text, segments);
}

function blockCommands(block: CodeBlock): ShellSegment[] {
  const language = block.language;
  const posix = POSIX_SHELLS.has(language);
  const session = SESSIONS.has(language);
  if (!posix && !session && !COMMAND_LIKE.has(language)) return [];
  const lineByLine = !posix && !session;
  const prompt = posix ? DOLLAR_PROMPT : ANY_PROMPT;
  // A script: every line is a command (a shell block without prompts, a console block without any).
  const script = !lineByLine && !block.lines.some((line) => prompt.test(line.text));
  // A script that names no container tool and holds no here-document (a manifest or a cluster
  // config written to a file) publishes nothing: left out, the page's parse is a third shorter on
  // real documentation, and an unbalanced quote in it cannot run on into the next block.
  if (script && !block.lines.some((line) => MAY_MATTER_IN_A_SCRIPT.test(line.text))) return [];
  const segments: ShellSegment[] = [];
  let continuing = false;
  for (const line of block.lines) {
    let from = -1;
    if (script) from = 0;
    else if (continuing) from = CONTINUATION_PROMPT.exec(line.text)?.[0].length ?? 0;
    else {
      const match = prompt.exec(line.text);
      const command = match ? line.text.slice(match[0].length) : line.text;
      // Only commands that run a container tool are read: other commands and output cannot matter,
      // and an apostrophe in them could otherwise open a quote that swallows the lines after it.
      if (match ? CONTAINER_TOOL.test(command) : lineByLine && STARTS_WITH_CONTAINER_TOOL.test(command)) from = match ? match[0].length : 0;
    }
    if (from < 0) {
      continuing = false;
      continue;
    }
    const command = line.text.slice(from);
    continuing = lineByLine ? /(?:\\|[ \t][`^])[ \t]*$/.test(command) : /\\$/.test(command);
    segments.push({ start: line.start + from, text: asShell(command, lineByLine) });
  }
  return segments;
}

/**
 * The command as the bash reader should see it, at the same length: documentation placeholders
 * become variables (values known only later); in blocks that may be Windows shells, a trailing
 * backtick (PowerShell) or caret (cmd) becomes `\`, and `$env:VAR` / `%VAR%` become variables.
 */
function asShell(command: string, windows: boolean): string {
  let shell = command
    .replace(PLACEHOLDER, (m) => `$${'_'.repeat(m.length - 1)}`)
    .replace(UPPERCASE_PLACEHOLDER, (m) => `$${m.slice(1)}`);
  if (windows) {
    shell = shell
      .replace(/([ \t])[`^]([ \t]*)$/, '$1\\$2')
      .replace(/\$env:/gi, (m) => `${m.slice(0, 4)}_`)
      .replace(/%([A-Za-z_]\w*)%/g, (_, name: string) => `$${name}_`);
  }
  return shell;
}
