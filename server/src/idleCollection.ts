/**
 * Parsing a large document makes tens of megabytes of short-lived objects, and V8 keeps the heap
 * it grew for them. After a large document is read whole, one full collection once the server is
 * idle gives that memory back; incremental re-checks while typing make little garbage and do not
 * ask for it.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

const IDLE_MS = 1000;
let timer: NodeJS.Timeout | undefined;
let gcFunction: (() => void) | undefined | null;

function collector(): (() => void) | undefined {
  if (gcFunction === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction ?? undefined;
}

/** Asks for one full collection when no other check has run for a second. */
export function collectWhenIdle(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    // Two passes: the first frees the garbage, the second compacts what survived into fewer pages.
    const collect = collector();
    collect?.();
    collect?.();
  }, IDLE_MS);
  timer.unref();
}

/** Postpones a pending collection: the server is busy again. */
export function postponeCollection(): void {
  if (timer) timer.refresh();
}
