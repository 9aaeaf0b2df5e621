/** What a reader's per-document state offers: facts for the new text at about the cost of the edit. */
import type { DocumentFacts } from '../model';
import type { ReadContext } from '../readers/reader';

export interface IncrementalReader {
  extract(text: string, context: ReadContext): DocumentFacts;
  /** How the last call read the document: `full`, `unchanged`, or the reader's own part (`service`, `statements`, `shifted`). */
  readonly lastUpdate: string;
  dispose?(): void;
}

/** Where large files start being read in parts, and (scripts) how long a part is: tests lower them. */
export interface IncrementalOptions {
  composeReadInPartsFrom?: number;
  shellParts?: { from?: number; length?: number };
}
