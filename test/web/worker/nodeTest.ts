/**
 * What the engine's tests import from `node:test`, for a web worker (the worker bundle resolves
 * `node:test` here): describe/it with their hooks, run in order, one result per test, reported
 * as each finishes. Only what the tests use: no concurrency, no mocks, no nested `t.test`.
 */
export type TestFn = (context: TestContext) => unknown;
interface TestOptions {
  skip?: boolean | string;
  todo?: boolean | string;
}
interface TestContext {
  name: string;
  diagnostic(message: string): void;
}
interface Case {
  name: string;
  fn?: TestFn;
  options: TestOptions;
}
interface Suite extends Case {
  children: (Suite | Case)[];
  before: TestFn[];
  after: TestFn[];
  beforeEach: TestFn[];
  afterEach: TestFn[];
}

export interface TestResult {
  /** The test file, relative to test/unit. */
  file: string;
  /** The suites' names and the test's, outermost first. */
  path: string[];
  /** `node-only`: named in nodeOnly.json's tests, so not run here. */
  status: 'pass' | 'fail' | 'skip' | 'node-only';
  /** Why it failed (the error's stack) or was skipped. */
  detail?: string;
}

const newSuite = (name: string, options: TestOptions = {}): Suite => ({ name, options, children: [], before: [], after: [], beforeEach: [], afterEach: [] });
const files: { file: string; suite: Suite }[] = [];
let current: Suite | undefined;

function parse(args: unknown[]): { name: string; options: TestOptions; fn?: TestFn } {
  const [name, second, third] = args;
  if (typeof second === 'function') return { name: String(name), options: {}, fn: second as TestFn };
  return { name: String(name), options: (second as TestOptions | undefined) ?? {}, fn: third as TestFn | undefined };
}

function within(): Suite {
  if (!current) throw new Error('a test was declared outside a test file (inFile)');
  return current;
}

/** Declares the tests of one file: what `load` registers belongs to `file`. A file that throws while loading is one failing test. */
export function inFile(file: string, load: () => void): void {
  const suite = newSuite(file);
  files.push({ file, suite });
  current = suite;
  try {
    load();
  } catch (error) {
    suite.children = [{ name: 'loads', options: {}, fn: () => { throw error; } }];
  } finally {
    current = undefined;
  }
}

export function describe(...args: unknown[]): void {
  const { name, options, fn } = parse(args);
  const parent = within();
  const suite = newSuite(name, options);
  parent.children.push(suite);
  current = suite;
  try {
    fn?.({ name, diagnostic: () => undefined });
  } finally {
    current = parent;
  }
}

export function it(...args: unknown[]): void {
  const { name, options, fn } = parse(args);
  within().children.push({ name, options, fn });
}
export const test = it;
export const suite = describe;
export const before = (fn: TestFn): void => void within().before.push(fn);
export const after = (fn: TestFn): void => void within().after.push(fn);
export const beforeEach = (fn: TestFn): void => void within().beforeEach.push(fn);
export const afterEach = (fn: TestFn): void => void within().afterEach.push(fn);

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack?.includes(error.message) ? error.stack : `${error.message}\n${error.stack ?? ''}`) : String(error));
const skipReason = (options: TestOptions): string | undefined =>
  options.skip ? (typeof options.skip === 'string' ? options.skip : 'skipped') : options.todo ? (typeof options.todo === 'string' ? options.todo : 'todo') : undefined;

async function call(fn: TestFn, name: string): Promise<void> {
  await fn({ name, diagnostic: () => undefined });
}

/** Every test under `suite`, failed with `detail` (a hook that threw) or skipped. */
function settleAll(suite: Suite, file: string, path: string[], status: 'fail' | 'skip', detail: string, report: (result: TestResult) => void): void {
  for (const child of suite.children) {
    if ('children' in child) settleAll(child, file, [...path, child.name], status, detail, report);
    else report({ file, path: [...path, child.name], status, detail });
  }
}

/** The name a test has in nodeOnly.json: its file, suites and own name joined by ` › `. */
export const testKey = (file: string, path: string[]): string => [file, ...path].join(' › ');

interface Run {
  leftToNode: ReadonlySet<string>;
  report: (result: TestResult) => void;
}

async function runSuite(suite: Suite, file: string, path: string[], eachBefore: TestFn[], eachAfter: TestFn[], { leftToNode, report }: Run): Promise<void> {
  const skipped = skipReason(suite.options);
  if (skipped) return settleAll(suite, file, path, 'skip', skipped, report);
  try {
    for (const hook of suite.before) await call(hook, suite.name);
  } catch (error) {
    return settleAll(suite, file, path, 'fail', `before hook: ${describeError(error)}`, report);
  }
  const befores = [...eachBefore, ...suite.beforeEach];
  const afters = [...suite.afterEach, ...eachAfter];
  for (const child of suite.children) {
    const childPath = [...path, child.name];
    if ('children' in child) {
      await runSuite(child, file, childPath, befores, afters, { leftToNode, report });
      continue;
    }
    if (leftToNode.has(testKey(file, childPath))) {
      report({ file, path: childPath, status: 'node-only' });
      continue;
    }
    const reason = skipReason(child.options);
    if (reason || !child.fn) {
      report({ file, path: childPath, status: 'skip', detail: reason ?? 'no test function' });
      continue;
    }
    try {
      for (const hook of befores) await call(hook, child.name);
      await call(child.fn, child.name);
      for (const hook of afters) await call(hook, child.name);
      report({ file, path: childPath, status: 'pass' });
    } catch (error) {
      report({ file, path: childPath, status: 'fail', detail: describeError(error) });
    }
  }
  try {
    for (const hook of suite.after) await call(hook, suite.name);
  } catch (error) {
    report({ file, path: [...path, 'after hook'], status: 'fail', detail: describeError(error) });
  }
}

/** Runs every file's tests in order but those `leftToNode` (their testKey), reporting each result as it is known. */
export async function runAll(leftToNode: ReadonlySet<string>, report: (result: TestResult) => void): Promise<void> {
  for (const { file, suite } of files) await runSuite(suite, file, [], [], [], { leftToNode, report });
}
