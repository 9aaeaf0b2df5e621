/**
 * How grave a finding is for code scanning: SARIF's `security-severity` property, a score from 0.1
 * to 10 that GitHub's Security tab shows as critical (9.0 and up), high (7.0-8.9), medium
 * (4.0-6.9) or low (0.1-3.9), and ranks and filters alerts by. GitHub reads it only from rules
 * tagged `security`. (docs.github.com, "SARIF support for code scanning", reportingDescriptor.)
 */
import type { PublicClass } from '../engine/intent/publicClass';
import type { RuleId } from '../engine/rules/rule';

interface RuleScore {
  /** What the rule's findings score when nothing more is known of them. */
  score: number;
  /** Tags besides `security`, for code scanning's filters. */
  tags: string[];
  /** Scores by class, for the rules whose findings have one. */
  byClass?: Record<PublicClass, number>;
}

const SCORES: Record<RuleId, RuleScore> = {
  // Reachable by anyone who reaches the machine, past UFW and firewalld.
  'public-bind': {
    score: 7.5,
    tags: ['network', 'docker'],
    byClass: {
      // A database or the Docker API on every interface: the worst this product finds.
      'must-never': 9.3,
      accidental: 7.5,
      // Meant to be reached (a web server's 443, a DNS server's 53), or said so by the user.
      'by-design': 2.0,
      declared: 1.0,
    },
  },
  // Every port the image exposes, on random ports nobody reviews.
  'publish-all': { score: 7.5, tags: ['network', 'docker'] },
  // Every port the container listens on, unless it listens on 127.0.0.1 itself.
  'host-network': { score: 6.5, tags: ['network', 'docker'] },
  // EXPOSE publishes nothing by itself; `-P` or a copied `-p` would publish a service that must stay private.
  'sensitive-port': { score: 5.0, tags: ['network', 'docker'] },
  // A YAML 1.1 reader takes `22:22` as a number: Compose then publishes a port nobody meant.
  'unquoted-port': { score: 3.5, tags: ['docker', 'correctness'] },
  // Docker refuses it: the container does not start, nothing is exposed.
  'invalid-port': { score: 1.0, tags: ['docker', 'correctness'] },
  // The second container fails to start; nothing more is reachable.
  'port-conflict': { score: 1.0, tags: ['docker', 'correctness'] },
};

/** The score as GitHub reads it: a number written as a string, one decimal. */
export function securitySeverity(rule: RuleId, intent?: PublicClass): string {
  const entry = SCORES[rule];
  const score = intent && entry.byClass ? entry.byClass[intent] : entry.score;
  return score.toFixed(1);
}

/** The rule's tags for SARIF: `security` first (GitHub reads security-severity only with it). */
export function securityTags(rule: RuleId): string[] {
  return ['security', ...SCORES[rule].tags];
}
