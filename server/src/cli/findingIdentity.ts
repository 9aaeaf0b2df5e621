/**
 * Which finding is which from one run to the next: the identity a baseline records, SARIF gives
 * code scanning as `partialFingerprints` and GitLab reads as the Code Quality `fingerprint`.
 *
 * A finding is the rule, the file, the owner (the Compose service, the container's name or its
 * image), the spec's text as written and which of the equal ones it is in the file. Line and
 * column are not part of it: inserting or removing lines above a spec, or changing anything but the
 * spec, its owner and the file's name, keeps its identity; changing the spec gives a new one.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { DocumentFacts, Owner, Span } from '../engine/model';
import type { Finding } from '../engine/rules/rule';

export interface FindingIdentity {
  rule: string;
  /** Relative to the working directory, with `/` on every system. */
  file: string;
  /** The Compose service's or the container's name, else the image without its tag; `` when the spec has none. */
  owner: string;
  /** The spec's text without quotes, its whitespace runs as one space. */
  spec: string;
  /** 0 for the first finding of the file with the same rule, owner and spec, 1 for the next, … */
  occurrence: number;
}

/** The identity as one string: what a baseline matches on. */
export function identityKey(identity: FindingIdentity): string {
  return JSON.stringify([identity.rule, identity.file, identity.owner, identity.spec, identity.occurrence]);
}

/** A short hash of the identity, for SARIF's partialFingerprints and GitLab's fingerprint. */
export function fingerprint(identity: FindingIdentity): string {
  return createHash('sha256').update(identityKey(identity)).digest('hex').slice(0, 32);
}

/** The identities of a file's findings, in the findings' order. `display` is the file as the run shows it. */
export function identitiesOf(display: string, text: string, findings: readonly Finding[], facts: DocumentFacts | undefined): FindingIdentity[] {
  const file = display.split(path.sep).join('/');
  const owners = facts ? ownersBySpan(facts) : new Map<string, string>();
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const owner = owners.get(spanKey(finding.span)) ?? '';
    const spec = normalizedSpec(text.slice(finding.span.start, finding.span.end));
    const equal = JSON.stringify([finding.rule, owner, spec]);
    const occurrence = seen.get(equal) ?? 0;
    seen.set(equal, occurrence + 1);
    return { rule: finding.rule, file, owner, spec, occurrence };
  });
}

const spanKey = (span: Span) => `${span.start}:${span.end}`;

/** Every rule reports at the span of the fact it is about: a publish, `-P` or host networking. */
function ownersBySpan(facts: DocumentFacts): Map<string, string> {
  const owners = new Map<string, string>();
  for (const fact of [...facts.publishes, ...facts.publishAll, ...facts.hostNetworks]) {
    const owner = ownerName(fact.owner);
    if (owner) owners.set(spanKey(fact.span), owner);
  }
  return owners;
}

/**
 * The service's or container's name, else its image without tag and digest: bumping `nginx:1.27`
 * to `nginx:1.28` changes nothing about which port is published.
 */
function ownerName(owner: Owner | undefined): string {
  if (!owner) return '';
  if (owner.name) return owner.name;
  return (owner.image ?? '').replace(/@[^/]*$/, '').replace(/:[^:/]*$/, '');
}

/** `"8080:80"` and `8080:80` are one spec, and so are a long-syntax item's lines however indented. */
function normalizedSpec(written: string): string {
  return written.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
}
