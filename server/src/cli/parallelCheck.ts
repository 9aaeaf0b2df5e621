/**
 * A run over a tree on two threads. Thousands of small files are mostly spent warming up parsers
 * (YAML, Markdown, bash) and compiling their hot code, so the files are split by kind: the worker
 * takes the pages, scripts and workflows (markdown-it and the bash grammar) from the front of one
 * list, this thread takes the rest (YAML, Dockerfiles) from the back, and each warms up only what
 * its own kinds need. Whichever finishes first goes on into the other's kinds, until the two meet:
 * every file is claimed once, through a shared flag per file, and the outcomes are put back in
 * walk order, so the output is the same as checking one file after another.
 *
 * YAML is the parser slowest to warm up (the yaml package's lexer runs seven times slower cold
 * than warm), and this thread warms it on the Compose files anyway: a page or workflow the worker
 * claims and whose text would be read as YAML (a page's Compose or Kubernetes blocks) is handed
 * over to this thread, which takes those before it goes on into the worker's kinds. When the worker
 * runs out of files first, it takes back what this thread has not started.
 */
import { isMainThread, Worker, parentPort, workerData } from 'worker_threads';
import { loadBashGrammar } from '../engine/readers/shell/bashParser';
import { loadGrammarFor, needsGrammarLoad, SHELL_KINDS } from '../engine/readers/readerGrammars';
import * as fs from 'fs';
import { readerOf } from '../engine/readers/registry';
import type { DocumentFacts } from '../engine/model';
import type { Finding } from '../engine/rules/rule';
import type { Settings } from '../engine/settings';
import { plainFacts } from '../engine/model';
import { CheckInput, checkFile, FileOutcome, outcomeOf } from './fileCheck';
import type { FindingIdentity } from './findingIdentity';

/** `workerData.role` of the check thread: an entry file (the CLI's, the Action's) starts it from itself. */
export const CHECK_THREAD_ROLE = 'docker-port-safety-check';

/** Kinds the worker takes first: those read through the bash grammar (and, pages, markdown-it). */
const WORKER_KINDS = SHELL_KINDS;

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

type ThreadMessage = { ready: true } | { outcomes: string } | { handedOver: number } | { done: true };

/** A file's flag: not claimed, claimed by a thread, handed over by the worker (either thread may take it), taken after that. */
const FREE = 0;
const CLAIMED = 1;
const HANDED_OVER = 2;
const TAKEN = 3;

/** Claims `position` for the calling thread; false when the other thread holds it. */
function claim(flags: Int32Array, position: number): boolean {
  return Atomics.compareExchange(flags, position, FREE, CLAIMED) === FREE;
}

/** Takes a file the worker handed over; false when the other thread took it first. */
function take(flags: Int32Array, position: number): boolean {
  return Atomics.compareExchange(flags, position, HANDED_OVER, TAKEN) === HANDED_OVER;
}

/** The worker started at the beginning of a run, so that it loads while this thread walks the tree. */
export class CheckThread {
  private readonly worker: Worker;
  private readonly outcomes: WireOutcome[] = [];
  /** Positions the worker handed over to this thread (files that would warm YAML on it), in the order they came. */
  private readonly handedOver: number[] = [];
  /** Wakes this thread when the worker says something (a file handed over, or that it is done). */
  private wake: () => void = () => undefined;
  /** The worker said it is done, or stopped. */
  private workerDone = false;
  /** Settles once the worker has loaded and waits for work (or has failed). */
  readonly ready: Promise<void>;
  /** Why the worker stopped before it was done, if it did: its files were then checked here. */
  failure: string | undefined;
  private stopped = false;

  constructor(script: string, private readonly settings: Settings, private readonly keepFacts: boolean) {
    this.worker = new Worker(script, { workerData: { role: CHECK_THREAD_ROLE, settings, keepFacts } satisfies ThreadData });
    let loaded: () => void;
    this.ready = new Promise((resolve) => (loaded = resolve));
    this.worker.on('message', (message: ThreadMessage) => {
      if ('outcomes' in message) this.outcomes.push(...(JSON.parse(message.outcomes) as WireOutcome[]));
      else if ('ready' in message) loaded();
      else if ('handedOver' in message) this.handedOver.push(message.handedOver);
      else this.workerDone = true;
      this.wake();
    });
    // A thread that fails leaves its unreported files to this one (see check), and says why.
    const failed = (reason: string) => {
      if (!this.workerDone && !this.stopped) this.failure ??= reason;
      this.workerDone = true;
      loaded();
      this.wake();
    };
    this.worker.on('error', (error) => failed(error.message));
    this.worker.on('exit', (code) => failed(`it exited with code ${code}`));
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
    let grammarLoaded = false;
    let checkedHere = 0;
    const checkHere = async (position: number) => {
      const input = inputs[order[position]];
      if (!grammarLoaded && WORKER_KINDS.has(input.kind)) {
        await loadBashGrammar();
        grammarLoaded = true;
      }
      if (needsGrammarLoad(input.kind)) await loadGrammarFor(input.kind);
      outcomes[order[position]] = checkFile(input, this.settings, this.keepFacts);
      if (++checkedHere % YIELD_EVERY === 0) {
        onProgress?.(checkedHere + Atomics.load(flags, order.length));
        // The event loop turns now and then, so grammars go on loading and the worker's messages are read as they come.
        await new Promise(setImmediate);
      }
    };
    let handedOverTaken = 0;
    const handedOverLeft = () => handedOverTaken < this.handedOver.length;
    // The next file the worker handed over, unless the worker took it back first.
    const checkHandedOver = async () => {
      const handed = this.handedOver[handedOverTaken++];
      if (take(flags, handed)) await checkHere(handed);
    };
    let position = order.length - 1;
    for (;;) {
      // This thread's own kinds first, then what the worker handed over, then the worker's kinds from the back.
      const ownKind = position >= 0 && !WORKER_KINDS.has(inputs[order[position]].kind);
      if (!ownKind && handedOverLeft()) await checkHandedOver();
      else if (position >= 0 && claim(flags, position)) await checkHere(position--);
      else break;
    }
    if (position < 0) this.stop();
    // The two have met: what the worker hands over from now on is checked here while it finishes.
    for (;;) {
      if (handedOverLeft()) await checkHandedOver();
      else if (this.workerDone || this.stopped) break;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
    this.wake = () => undefined;
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

  /** How many files the worker handed over to this thread (whichever thread then checked them). */
  get handedOverCount(): number {
    return this.handedOver.length;
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
    const handedOver: number[] = [];
    const checkHere = async (position: number, input: CheckInput) => {
      // Source files that hold a surface are few: their grammar loads when the first of them comes.
      if (needsGrammarLoad(input.kind)) await loadGrammarFor(input.kind);
      batch.push(toWire(position, checkFile(input, settings, keepFacts)));
      if (batch.length === BATCH) {
        parentPort!.postMessage({ outcomes: JSON.stringify(batch) } satisfies ThreadMessage);
        batch = [];
      }
    };
    for (let position = 0; position < inputs.length && claim(flags, position); position++) {
      const input = handOverOrRead(inputs[position]);
      Atomics.store(flags, inputs.length, position + 1);
      if (input) await checkHere(position, input);
      else {
        handedOver.push(position);
        Atomics.store(flags, position, HANDED_OVER);
        parentPort!.postMessage({ handedOver: position } satisfies ThreadMessage);
      }
    }
    // Out of files: what the main thread has not started of what was handed over, newest first (it takes the oldest).
    for (const position of handedOver.reverse()) if (take(flags, position)) await checkHere(position, inputs[position]);
    parentPort!.postMessage({ outcomes: JSON.stringify(batch) } satisfies ThreadMessage);
    parentPort!.postMessage({ done: true } satisfies ThreadMessage);
  });
}

/**
 * The input with its text, ready to check here; undefined when its text would be read as YAML, so
 * that the main thread, warm for YAML, checks it. A file that cannot be read is checked here (its
 * message is the same on either thread).
 */
function handOverOrRead(input: CheckInput): CheckInput | undefined {
  const mayReadYaml = readerOf(input.kind).mayReadYaml;
  if (!mayReadYaml || input.text !== undefined) return input;
  let text: string;
  try {
    text = fs.readFileSync(input.path, 'utf8');
  } catch {
    return input;
  }
  return mayReadYaml(text) ? undefined : { ...input, text };
}

function toWire(position: number, outcome: FileOutcome): WireOutcome {
  const { messages, unreadable, report, checked } = outcome;
  if (!report) return { position, messages, unreadable };
  // Reports without findings are never located: their text stays here unless the port map reads it.
  const text = report.findings.length > 0 || checked ? report.text : '';
  return { position, messages, unreadable, checked: { findings: report.findings, identities: report.identities, text, facts: checked && plainFacts(checked.facts) } };
}
