/** Moves facts found in one part of a document to where that part now stands. */
import { DocumentFacts, emptyFacts, Span, TextEdit } from '../model';

const shiftEdits = (edits: TextEdit[], delta: number): TextEdit[] => edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));

/**
 * Facts that move where their part of the document moves, in place: a large document's parts
 * after an edit all move on every keystroke, and copying thousands of facts each time is most of
 * the garbage a re-check makes. The facts must belong to the caller alone (fresh from an
 * extractor); analyses made from them before a move see the move too, so only the newest may be
 * read. Fixes computed later shift their edits by however far the facts have moved by then.
 */
export class MovableFacts {
  /** How far the facts have moved since they were found. */
  private moved = 0;
  private readonly spans: Span[];
  private readonly anchored: { anchor?: number }[];

  /** `delta`: how far they have moved already (facts found in a snippet, placed in the document). */
  constructor(readonly facts: DocumentFacts, delta = 0) {
    // The facts get span objects of their own to move: the fix functions of an extractor may hold
    // the spans they were found with (and must keep reading them unmoved, `moved` is added to their
    // edits). A span shared by two facts (a publish's span and hover span, say) stays shared.
    const own = new Map<Span, Span>();
    const ownSpan = (span: Span) => {
      let copy = own.get(span);
      if (!copy) own.set(span, (copy = { start: span.start, end: span.end }));
      return copy;
    };
    const anchored: { anchor?: number }[] = [];
    for (const p of facts.publishes) {
      p.span = ownSpan(p.span);
      if (p.hoverSpan) p.hoverSpan = ownSpan(p.hoverSpan);
      if (p.anchor !== undefined) anchored.push(p);
      const rebind = p.rebind;
      if (rebind) p.rebind = (address) => shiftEdits(rebind(address), this.moved);
    }
    for (const m of [...facts.publishAll, ...facts.hostNetworks]) {
      m.span = ownSpan(m.span);
      if (m.anchor !== undefined) anchored.push(m);
    }
    for (const u of facts.unquoted) {
      u.span = ownSpan(u.span);
      const quote = u.quote;
      u.quote = (q) => shiftEdits(quote(q), this.moved);
    }
    for (const f of [...facts.exposes, ...facts.refusals, ...facts.explanations, ...facts.networks]) f.span = ownSpan(f.span);
    this.spans = [...own.values()];
    this.anchored = [...new Set(anchored)];
    this.move(delta);
  }

  move(delta: number): void {
    if (delta === 0) return;
    this.moved += delta;
    for (const span of this.spans) {
      span.start += delta;
      span.end += delta;
    }
    for (const a of this.anchored) a.anchor! += delta;
  }
}

/** Movable facts, or undefined when there are none (most statements of a long script). */
export function movableOrNone(facts: DocumentFacts, delta = 0): MovableFacts | undefined {
  return isEmpty(facts) ? undefined : new MovableFacts(facts, delta);
}

function isEmpty(facts: DocumentFacts): boolean {
  return facts.publishes.length + facts.exposes.length + facts.publishAll.length + facts.hostNetworks.length +
    facts.refusals.length + facts.unquoted.length + facts.explanations.length + facts.networks.length === 0;
}

/** Every fact, from several parts of a document, in one list per kind. */
export function mergeFacts(kind: DocumentFacts['kind'], parts: DocumentFacts[]): DocumentFacts {
  const merged = emptyFacts(kind);
  for (const part of parts) {
    merged.publishes.push(...part.publishes);
    merged.exposes.push(...part.exposes);
    merged.publishAll.push(...part.publishAll);
    merged.hostNetworks.push(...part.hostNetworks);
    merged.refusals.push(...part.refusals);
    merged.unquoted.push(...part.unquoted);
    merged.explanations.push(...part.explanations);
    merged.networks.push(...part.networks);
  }
  return merged;
}

/** Splits facts among consecutive parts of a document by where each fact starts. */
export function splitFacts(facts: DocumentFacts, boundaries: number[]): DocumentFacts[] {
  // Most parts of a long document hold nothing: they share one empty, frozen set of facts.
  const empty = Object.freeze(mergeFacts(facts.kind, []));
  const parts: DocumentFacts[] = boundaries.map(() => empty);
  const own = (index: number) => (parts[index] === empty ? (parts[index] = mergeFacts(facts.kind, [])) : parts[index]);
  const partOf = (offset: number) => {
    let low = 0;
    let high = boundaries.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (boundaries[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return own(low);
  };
  for (const p of facts.publishes) partOf(p.anchor ?? p.span.start).publishes.push(p);
  for (const e of facts.exposes) partOf(e.span.start).exposes.push(e);
  for (const m of facts.publishAll) partOf(m.anchor ?? m.span.start).publishAll.push(m);
  for (const m of facts.hostNetworks) partOf(m.anchor ?? m.span.start).hostNetworks.push(m);
  for (const r of facts.refusals) partOf(r.span.start).refusals.push(r);
  for (const u of facts.unquoted) partOf(u.span.start).unquoted.push(u);
  for (const e of facts.explanations) partOf(e.span.start).explanations.push(e);
  for (const n of facts.networks) partOf(n.span.start).networks.push(n);
  return parts;
}
