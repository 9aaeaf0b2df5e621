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
  const offsets = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) offsets[i] = start + i;
  return { text, offsets, start, end: start + text.length };
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
