/**
 * Simple local data flow for the code readers: the value a name was last given before a place in
 * the file (`ports = {…}` then `run(ports=ports)`), found by binary search in the file's
 * assignments, so that many calls and many assignments stay linear.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DocumentFacts } from '../../model';
import { LineIndex } from '../../positions';

export interface Assignment<V> {
  /** Where the assignment is: only those before the use count. */
  at: number;
  value: V;
}

export class Assignments<V> {
  private readonly byName = new Map<string, Assignment<V>[]>();

  /** Assignments must be added in file order. */
  add(name: string, at: number, value: V): void {
    let list = this.byName.get(name);
    if (!list) this.byName.set(name, (list = []));
    list.push({ at, value });
  }

  /** The last assignment to `name` before `offset`. */
  before(name: string, offset: number): Assignment<V> | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    let found: Assignment<V> | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (list[mid].at < offset) {
        found = list[mid];
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Assignments to `name` from `from` up to `to`, at most `limit` of them (a hostile file cannot make this quadratic). */
  between(name: string, from: number, to: number, limit = 256): Assignment<V>[] {
    const list = this.byName.get(name);
    if (!list) return [];
    const found: Assignment<V>[] = [];
    for (let i = firstAtOrAfter(list, from); i < list.length && list[i].at < to && found.length < limit; i++) found.push(list[i]);
    return found;
  }
}

function firstAtOrAfter<V>(list: Assignment<V>[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].at < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What a reader of code keeps while it reads one file. */
export interface CodeReading {
  text: string;
  facts: DocumentFacts;
  /** `NAME = value` (a name, or an attribute or member such as `self.ports`). */
  names: Assignments<Node>;
  /** `NAME[key] = value`, for mappings filled in after they were made. */
  items: Assignments<Node>;
  /** Mappings already read: one mapping passed to two calls is reported once. */
  read: Set<number>;
  lines: LineIndex;
}

export function codeReading(text: string, facts: DocumentFacts): CodeReading {
  return { text, facts, names: new Assignments(), items: new Assignments(), read: new Set(), lines: new LineIndex(text) };
}
