/**
 * V8 tuning for a run over a tree (the CLI and the Action), set only on the V8 versions that know
 * the flag. V8 prints "Error: unrecognized flag" on standard error for a flag it does not have, and
 * that line would land in every user's CI log, so the table says which V8 has which flag rather
 * than trying a flag and hoping.
 *
 * V8 optimises a function once it has run for a while, on another thread. Tuned for long-lived
 * programs, that compiles hundreds of parser functions a run over a tree uses only briefly, and the
 * compiling competes with the two check threads for the cores. On V8 11 (Node 20) a larger budget
 * before optimising leaves that work to the functions that stay hot (measured: `npm run bench --
 * cli`). V8 12 (Node 22) replaced `--interrupt-budget` with per-tier invocation counts; on Node 24
 * (V8 13) raising those in the same proportion left the CPU time of a run over the bench tree
 * unchanged, so no flag is set there.
 */
import * as v8 from 'v8';

interface FlagsForV8 {
  /** The newest V8 major version that has these flags. */
  untilV8Major: number;
  flags: string[];
}

const BATCH_FLAGS: readonly FlagsForV8[] = [{ untilV8Major: 11, flags: ['--interrupt-budget=500000'] }];

/** The flags a batch run sets on the V8 of the given version (`process.versions.v8`). */
export function batchRunFlags(v8Version: string = process.versions.v8): string[] {
  const major = Number.parseInt(v8Version, 10);
  return BATCH_FLAGS.filter((entry) => Number.isInteger(major) && major <= entry.untilV8Major).flatMap((entry) => entry.flags);
}

/** For a run over a tree, from its main thread. */
export function tuneForBatchRun(): void {
  for (const flag of batchRunFlags()) v8.setFlagsFromString(flag);
}
