/**
 * A run over a tree on two threads. Thousands of small files are mostly spent warming up parsers
 * (YAML, Markdown, bash) and compiling their hot code, so the files are split by kind: the worker
 * takes the pages, scripts and workflows (markdown-it and the bash grammar) from the front of one
 * list, this thread takes the rest (YAML, Dockerfiles) from the back, and each warms up only what
 * its own kinds need. Whichever finishes first goes on into the other's kinds, until the two meet:
 * every file is claimed once, through a shared flag per file, and the outcomes are put back in
 * walk order, so the output is the same as checking one file after another.
 */
import { isMainThread, Worker, parentPort, workerData } from 'worker_threads';
import { loadBashGrammar } from '../engine/readers/shell/bashParser';
import { loadGrammarFor, needsGrammarLoad } from '../engine/readers/readerGrammars';
import { READERS } from '../engine/readers/registry';
import type { DocumentFacts, DocumentKind } from '../engine/model';
import type { Finding } from '../engine/rules/rule';
import type { Settings } from '../engine/settings';
import { plainFacts } from '../engine/model';
import { CheckInput, checkFile, FileOutcome, outcomeOf } from './fileCheck';
import type { FindingIdentity } from './findingIdentity';

/** `workerData.role` of the check thread: an entry file (the CLI's, the Action's) starts it from itself. */
export const CHECK_THREAD_ROLE = 'docker-port-safety-check';

/** Kinds the worker takes first: read through markdown-it and the bash grammar. */
const WORKER_KINDS: ReadonlySet<DocumentKind> = new Set(READERS.filter((reader) => reader.usesBashGrammar).map((reader) => reader.id));

/** Outcomes travel in batches of JSON text: cheaper between threads than many small objects. */
const BATCH = 64;
/** This thread lets the event loop turn once per this many files (see check). */
const YIELD_EVERY = 32;

interface ThreadData {
  role: typeof CHECK_THREAD_ROLE;
  settings: Settings;
  keepFacts: boolean;
}

interface Work {
  /** In claim order: the worker's kinds first. */
  inputs: CheckInput[];
  /** One flag per input (1 once a thread claimed it), then the worker's next position, for progress. */
  claims: SharedArrayBuffer;
}

/** An outcome as plain data: findings with their fixes worked out, facts without functions. */
interface WireOutcome {
  position: number;
  messages: string[];
  unreadable: boolean;
  checked?: { findings: Finding[]; identities: FindingIdentity[]; text: string; facts?: DocumentFacts };
}

type ThreadMessage = { ready: true } | { outcomes: string } | { done: true };

/** Claims `position` for the calling thread; false when the other thread holds it. */
function claim(flags: Int32Array, position: number): boolean {
  return Atomics.compareExchange(flags, position, 0, 1) === 0;
}

/** The worker started at the beginning of a run, so that it loads while this thread walks the tree. */
export class CheckThread {
  private readonly worker: Worker;
  private readonly ended: Promise<void>;
  private readonly outcomes: WireOutcome[] = [];
  /** Settles once the worker has loaded and waits for work (or has failed). */
  readonly ready: Promise<void>;
  /** Why the worker stopped before it was done, if it did: its files were then checked here. */
  failure: string | undefined;
  private stopped = false;

  constructor(script: string, private readonly settings: Settings, private readonly keepFacts: boolean) {
    this.worker = new Worker(script, { workerData: { role: CHECK_THREAD_ROLE, settings, keepFacts } satisfies ThreadData });
    let loaded: () => void;
    this.ready = new Promise((resolve) => (loaded = resolve));
    this.ended = new Promise((resolve) => {
      let done = false;
      this.worker.on('message', (message: ThreadMessage) => {
        if ('outcomes' in message) this.outcomes.push(...(JSON.parse(message.outcomes) as WireOutcome[]));
        else if ('ready' in message) loaded();
        else {
          done = true;
          resolve();
        }
      });
      // A thread that fails leaves its unreported files to this one (see check), and says why.
      const failed = (reason: string) => {
        if (!done && !this.stopped) this.failure ??= reason;
        loaded();
        resolve();
      };
      this.worker.on('error', (error) => failed(error.message));
      this.worker.on('exit', (code) => failed(`it exited with code ${code}`));
    });
  }

  /**
   * Checks every input on both threads; outcomes in input order. `loadBashGrammar` loads the bash
   * grammar on this thread: it is called only if this thread gets to the worker's kinds.
   * `onProgress` hears now and then how many files both threads have checked.
   */
  async check(inputs: CheckInput[], loadBashGrammar: () => Promise<void>, onProgress?: (done: number) => void): Promise<FileOutcome[]> {
    const order = [...inputs.keys()].sort((a, b) => Number(WORKER_KINDS.has(inputs[b].kind)) - Number(WORKER_KINDS.has(inputs[a].kind)) || a - b);
    const flags = new Int32Array(new SharedArrayBuffer(4 * (order.length + 1)));
    this.worker.postMessage({ inputs: order.map((i) => inputs[i]), claims: flags.buffer } satisfies Work);
    const outcomes: (FileOutcome | undefined)[] = new Array(inputs.length);
    let position = order.length - 1;
    let grammarLoaded = false;
    for (; position >= 0 && claim(flags, position); position--) {
      const input = inputs[order[position]];
      if (!grammarLoaded && WORKER_KINDS.has(input.kind)) {
        await loadBashGrammar();
        grammarLoaded = true;
      }
      if (needsGrammarLoad(input.kind)) await loadGrammarFor(input.kind);
      outcomes[order[position]] = checkFile(input, this.settings, this.keepFacts);
      if (position % YIELD_EVERY === 0) {
        onProgress?.(order.length - position + Atomics.load(flags, order.length));
        // The event loop turns now and then, so the grammar's loading goes on and the worker's batches are read as they come.
        await new Promise(setImmediate);
      }
    }
    if (position < 0) this.stop();
    else await this.ended;
    for (const wire of this.outcomes) outcomes[order[wire.position]] = this.fromWire(wire, inputs[order[wire.position]]);
    // Files the worker claimed but never reported (it failed) are checked here.
    const missing = inputs.filter((input, i) => !outcomes[i]);
    if (missing.some((input) => WORKER_KINDS.has(input.kind))) await loadBashGrammar();
    await Promise.all(missing.map((input) => loadGrammarFor(input.kind)));
    return Array.from(outcomes, (outcome, i) => outcome ?? checkFile(inputs[i], this.settings, this.keepFacts));
  }

  /** How many files the worker checked and reported. */
  get workerChecked(): number {
    return this.outcomes.length;
  }

  /** Ends the worker: the run needs it no more (or never did). */
  stop(): void {
    this.stopped = true;
    void this.worker.terminate();
  }

  private fromWire(wire: WireOutcome, input: CheckInput): FileOutcome {
    const { messages, unreadable, checked } = wire;
    if (!checked) return { messages, unreadable };
    return { ...outcomeOf(input, checked.text, checked.findings, checked.identities, checked.facts), messages, unreadable };
  }

}

/** True on the check thread: the entry file that started it (the CLI's, the Action's) runs runCheckThread instead of its own main. */
export function isCheckThread(): boolean {
  return !isMainThread && (workerData as Partial<ThreadData> | null)?.role === CHECK_THREAD_ROLE;
}

/** The worker's side: loads the grammar at once, then checks from the front until it meets the main thread. */
export function runCheckThread(): void {
  const { settings, keepFacts } = workerData as ThreadData;
  const grammar = loadBashGrammar();
  void grammar.then(() => parentPort!.postMessage({ ready: true } satisfies ThreadMessage));
  parentPort!.once('message', async ({ inputs, claims }: Work) => {
    await grammar;
    const flags = new Int32Array(claims);
    let batch: WireOutcome[] = [];
    for (let position = 0; position < inputs.length && claim(flags, position); position++) {
      // Source files that hold a surface are few: their grammar loads when the first of them comes.
      if (needsGrammarLoad(inputs[position].kind)) await loadGrammarFor(inputs[position].kind);
      batch.push(toWire(position, checkFile(inputs[position], settings, keepFacts)));
      Atomics.store(flags, inputs.length, position + 1);
      if (batch.length === BATCH) {
        parentPort!.postMessage({ outcomes: JSON.stringify(batch) } satisfies ThreadMessage);
        batch = [];
      }
    }
    parentPort!.postMessage({ outcomes: JSON.stringify(batch) } satisfies ThreadMessage);
    parentPort!.postMessage({ done: true } satisfies ThreadMessage);
  });
}

function toWire(position: number, outcome: FileOutcome): WireOutcome {
  const { messages, unreadable, report, checked } = outcome;
  if (!report) return { position, messages, unreadable };
  // Reports without findings are never located: their text stays here unless the port map reads it.
  const text = report.findings.length > 0 || checked ? report.text : '';
  return { position, messages, unreadable, checked: { findings: report.findings, identities: report.identities, text, facts: checked && plainFacts(checked.facts) } };
}
