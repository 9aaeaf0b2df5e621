/** Per-document state that makes re-checking an edited document cost about the size of the edit. */
import type { DocumentFacts, DocumentKind } from '../model';
import { readerOf } from '../readers/registry';
import type { IncrementalOptions, IncrementalReader } from './incrementalReader';

export class IncrementalExtractor {
  /** One state per kind (a document whose language changes starts afresh in its new kind). */
  private readonly states = new Map<DocumentKind, IncrementalReader>();
  private last: IncrementalReader | undefined;

  constructor(private readonly options: IncrementalOptions = {}) {}

  /** Facts for `text`, or undefined for kinds that are always read whole (JSON, Quadlet, Ansible). */
  extract(text: string, kind: DocumentKind, environment: Readonly<Record<string, string>>): DocumentFacts | undefined {
    let state = this.states.get(kind);
    if (!state) {
      state = readerOf(kind).incremental?.(this.options);
      if (!state) return undefined;
      this.states.set(kind, state);
    }
    this.last = state;
    return state.extract(text, { environment });
  }

  /** How the last check read the document: whole, one part, or not at all (unchanged). */
  get lastUpdate(): string | undefined {
    return this.last?.lastUpdate;
  }

  dispose(): void {
    for (const state of this.states.values()) state.dispose?.();
    this.states.clear();
    this.last = undefined;
  }
}
