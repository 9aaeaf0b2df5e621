#!/usr/bin/env node
/** `docker-port-safety`: the editor's engine for terminals, CI and pre-commit. */
import * as fs from 'fs';
import * as v8 from 'v8';
import { isMainThread, workerData } from 'worker_threads';
import { main } from './cli/run';
import { CHECK_THREAD_ROLE, runCheckThread } from './cli/parallelCheck';

if (!isMainThread && (workerData as { role?: string } | null)?.role === CHECK_THREAD_ROLE) {
  // The second check thread of a run over a large tree (see cli/parallelCheck.ts) starts from this file too.
  runCheckThread();
} else if (require.main === module) {
  // V8 optimises a function once it has run for a while, on another thread. Tuned for long-lived
  // programs, that compiles hundreds of parser functions a run over a tree uses only briefly, and
  // the compiling competes with the two check threads for the cores. A larger budget before
  // optimising leaves that work to the functions that stay hot (measured: `npm run bench -- cli`).
  v8.setFlagsFromString('--interrupt-budget=500000');
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
    progress: (text) => process.stderr.write(`\r\x1b[K${text}`),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    stdoutIsTerminal: process.stdout.isTTY === true,
    stderrIsTerminal: process.stderr.isTTY === true,
  }, __filename).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`docker-port-safety: internal error: ${error?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
