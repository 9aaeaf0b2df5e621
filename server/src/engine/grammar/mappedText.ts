/**
 * A value that was read out of a document (unquoted, unescaped, interpolated) together with where
 * each of its characters came from, so that fixes edit the user's text, not a copy of it.
 */
import type { TextEdit } from '../model';
import { addressForSpec } from './ipAddress';
import type { PublishSpec } from './publishSpec';

export interface MappedText {
  text: string;
  /** Document offset of each character; characters produced by a variable all map to its `$`. */
  offsets: number[];
  /** Document offset where the value's content starts (inside any opening quote). */
  start: number;
  /** Document offset just after the value's content (before any closing quote). */
  end: number;
}

export function literalText(text: string, start: number): MappedText {
  return new RunMappedText(text, text.length > 0 ? [0, start, 1] : [], start, start + text.length);
}

/**
 * A MappedText kept as runs of characters: most values are one piece of the document, and their
 * per-character offsets are only needed when a fix is written, which most never are.
 */
class RunMappedText implements MappedText {
  private built: number[] | undefined;

  /** `runs`: triples of (index in text, document offset, 1 if the run's characters follow each other in the document, 0 if they all come from that offset). */
  constructor(readonly text: string, private readonly runs: readonly number[], readonly start: number, readonly end: number) {}

  get offsets(): number[] {
    if (this.built) return this.built;
    const { text, runs } = this;
    const offsets = new Array<number>(text.length);
    for (let r = 0; r < runs.length; r += 3) {
      const from = runs[r];
      const to = r + 3 < runs.length ? runs[r + 3] : text.length;
      for (let i = from; i < to; i++) offsets[i] = runs[r + 1] + (runs[r + 2] ? i - from : 0);
    }
    return (this.built = offsets);
  }

  /** The offsets are computed, not stored: what a MappedText is when it is printed or compared. */
  toJSON(): MappedText {
    return { text: this.text, offsets: this.offsets, start: this.start, end: this.end };
  }
}

/** Builds a MappedText out of pieces of a source text and single characters that stand for something else. */
export class MappedTextBuilder {
  text = '';
  readonly runs: number[] = [];
  /** Offset where the value's content starts, once known. */
  start = -1;
  end = 0;

  constructor(readonly source: string) {}

  markStart(offset: number): void {
    if (this.start < 0) this.start = offset;
  }

  /** source[from, to), verbatim. */
  pushSource(from: number, to: number): void {
    if (to <= from) return;
    const runs = this.runs;
    const n = runs.length;
    const continues = n > 0 && runs[n - 1] === 1 && runs[n - 2] + (this.text.length - runs[n - 3]) === from;
    if (!continues) runs.push(this.text.length, from, 1);
    this.text += this.source.slice(from, to);
  }

  /** A character that is not in the source as such (an expansion's placeholder), mapped to `offset`. */
  pushChar(char: string, offset: number): void {
    this.runs.push(this.text.length, offset, 0);
    this.text += char;
  }

  /** The text built; `start`/`end` default to the node's when nothing was marked. */
  build(nodeStart: number, nodeEnd: number): MappedText {
    return new RunMappedText(this.text, this.runs, this.start < 0 ? nodeStart : this.start, this.end || nodeEnd);
  }
}

/**
 * True when text[from, to) was written literally and contiguously in the document (no quote,
 * escape or variable inside it), so it can be replaced in place.
 */
export function isVerbatim(mapped: MappedText, from: number, to: number): boolean {
  const first = mapped.offsets[from];
  for (let i = from; i < to; i++) if (mapped.offsets[i] !== first + (i - from)) return false;
  return true;
}

/**
 * Edits that make a short-syntax spec listen on `address` only, keeping everything else the user
 * wrote; undefined when the address part is not plain text (a variable), so no fix is offered.
 */
export function rebindShortSpec(mapped: MappedText, spec: PublishSpec, address: string): TextEdit[] | undefined {
  const written = addressForSpec(address);
  if (spec.partCount === 1) return [{ start: mapped.start, end: mapped.start, newText: `${written}::` }];
  if (spec.partCount === 2) return [{ start: mapped.start, end: mapped.start, newText: `${written}:` }];
  if (spec.hostIpEnd === 0) return [{ start: mapped.start, end: mapped.start, newText: written }];
  if (!isVerbatim(mapped, 0, spec.hostIpEnd)) return undefined;
  return [{ start: mapped.offsets[0], end: mapped.offsets[0] + spec.hostIpEnd, newText: written }];
}

/** The characters [from, to) of a mapped text, still mapped to the document. */
export function sliceMapped(text: MappedText, from: number, to = text.text.length): MappedText {
  return {
    text: text.text.slice(from, to),
    offsets: text.offsets.slice(from, to),
    start: from === 0 ? text.start : text.offsets[from],
    end: to >= text.text.length ? text.end : text.offsets[to],
  };
}
