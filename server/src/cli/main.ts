#!/usr/bin/env node
/** `docker-port-safety`: the editor's engine for terminals, CI and pre-commit. */
import * as fs from 'fs';
import { main } from './run';
import { isCheckThread, runCheckThread } from './parallelCheck';
import { tuneForBatchRun } from '../runtime/v8Flags';

if (isCheckThread()) {
  // The second check thread of a run over a large tree (see cli/parallelCheck.ts) starts from this file too.
  runCheckThread();
} else if (require.main === module) {
  tuneForBatchRun();
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
