/**
 * When the checker thread asks V8 for a full garbage collection. V8 lets a heap grow to hundreds
 * of megabytes of garbage before it collects in full; a language server that keeps a few large
 * documents should not. Three moments are cheap: right after a request is answered, when the heap
 * holds far more than survived the last collection (thousands of findings re-made on every
 * keystroke add up) or when a large document was just closed, and once the server is idle after
 * a large document was read whole.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

const IDLE_MS = 1000;
/** Garbage allowed on top of the last collection's survivors before collecting right away. */
const ALLOWED_GARBAGE = 32 * 2 ** 20;
let timer: NodeJS.Timeout | undefined;
let gcFunction: (() => void) | undefined | null;
let liveAfterCollection = 0;

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

/** The heap and the buffers it holds (diagnostics cross threads and go out as buffers). */
function heldBytes(): number {
  const heap = v8.getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

function collect(passes: number): void {
  const gc = collector();
  if (!gc) return;
  for (let pass = 0; pass < passes; pass++) gc();
  liveAfterCollection = heldBytes();
}

/** Asks for one full collection when no other check has run for a second. */
export function collectWhenIdle(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    // Two passes: the first frees the garbage, the second compacts what survived into fewer pages.
    collect(2);
  }, IDLE_MS);
  timer.unref();
}

/** Postpones a pending collection: the server is busy again. */
export function postponeCollection(): void {
  if (timer) timer.refresh();
}

/**
 * One full collection now, after a request was answered: when `released` (a large document's state
 * was just let go of: closing it, the editor opens the next one) or when the heap has grown well
 * past what survived the last one.
 */
export function collectIfGrown(released = false): void {
  if (released || heldBytes() > liveAfterCollection + ALLOWED_GARBAGE) collect(1);
}
