/**
 * V8 flags the Node entry points set on themselves, only on the V8 versions that know each flag.
 * V8 prints "Error: unrecognized flag" on standard error for a flag it does not have, and that
 * line would land in every user's CI log and in the editor's output channel, so the tables say
 * which V8 has which flag rather than trying a flag and hoping. Flags are process-wide: the check
 * threads of the CLI and of the server get them from their process.
 */
import * as v8 from 'v8';

interface FlagsForV8 {
  /** The oldest V8 major version these flags are set on. */
  fromV8Major?: number;
  /** The newest V8 major version these flags are set on (checked against its `--v8-options`). */
  untilV8Major: number;
  flags: string[];
}

/**
 * Every Node process of ours (the CLI, the Action, the language server): the bash grammar's lexer
 * is one WebAssembly function of 161 KB. V8 13 and 14 (Node 24 and 25, and the Electron of
 * current VS Code) tier it up to their optimising compiler once it has run a while, and that one
 * compile takes 3.6–4 s of a core and 700 MB (`--trace-wasm-compilation-times`): a run over one
 * Markdown page peaked at 580 MB instead of 80 MB and its process waited for the compile before
 * exiting (3.4 s instead of 0.3 s); on the six real repositories of `npm run bench -- cli` the CPU
 * time went from 3.3 s to 4.8 s and the peak from 210 MB to 610 MB. V8 11 and 12 (Node 20, 22)
 * never tier that function up in a run. An index no module has stops tier-up for every function,
 * which is what V8 11 and 12 do in practice: the grammars run as V8's baseline compiler made them.
 */
const EVERY_PROCESS: readonly FlagsForV8[] = [
  { fromV8Major: 13, untilV8Major: 14, flags: ['--wasm-tier-up-filter=2147483647'] },
];

/**
 * A run over a tree (the CLI and the Action). V8 optimises a function once it has run for a while,
 * on another thread. Tuned for long-lived programs, that compiles hundreds of parser functions a
 * run over a tree uses only briefly, and the compiling competes with the two check threads for the
 * cores. On V8 11 (Node 20) a larger budget before optimising leaves that work to the functions
 * that stay hot (measured: `npm run bench -- cli`). V8 12 (Node 22) replaced `--interrupt-budget`
 * with per-tier invocation counts; on Node 24 (V8 13) raising those in the same proportion left
 * the CPU time of a run over the bench tree unchanged, so no such flag is set there.
 */
const BATCH_RUN: readonly FlagsForV8[] = [{ untilV8Major: 11, flags: ['--interrupt-budget=500000'] }];

function flagsFor(table: readonly FlagsForV8[], v8Version: string): string[] {
  const major = Number.parseInt(v8Version, 10);
  if (!Number.isInteger(major)) return [];
  return table.filter((entry) => major >= (entry.fromV8Major ?? 0) && major <= entry.untilV8Major).flatMap((entry) => entry.flags);
}

/** The flags every Node process of ours sets on the V8 of the given version (`process.versions.v8`). */
export function processFlags(v8Version: string = process.versions.v8): string[] {
  return flagsFor(EVERY_PROCESS, v8Version);
}

/** The flags a batch run (CLI, Action) sets on the V8 of the given version: the process's and its own. */
export function batchRunFlags(v8Version: string = process.versions.v8): string[] {
  return [...processFlags(v8Version), ...flagsFor(BATCH_RUN, v8Version)];
}

/** For the language server, from its main thread before any grammar loads. */
export function tuneForServer(): void {
  for (const flag of processFlags()) v8.setFlagsFromString(flag);
}

/** For a run over a tree, from its main thread before any grammar loads. */
export function tuneForBatchRun(): void {
  for (const flag of batchRunFlags()) v8.setFlagsFromString(flag);
}
