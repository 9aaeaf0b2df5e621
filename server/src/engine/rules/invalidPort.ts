import type { Finding, Rule } from './rule';

export const invalidPort: Rule = {
  id: 'invalid-port',
  defaultSeverity: 'error',
  docs: {
    summary: 'Docker refuses this port specification.',
    catches:
      "Anything Docker rejects, in Docker's own words: ports over 65535, unknown protocols (`80/xyz`), host names instead of IP addresses (`localhost:80:80`), " +
      'mismatched ranges, `-p` with `--network container:x` or Compose `network_mode: service:x`. ' +
      'Also, as a warning, `EXPOSE 8080:80` (BuildKit ignores the host part: `ExposeInvalidFormat`).',
    why: 'The command or `docker compose up` fails at run time; finding it while typing is cheaper.',
    fix: 'Correct the spec as the message says. Docker accepts only IP literals as addresses: write `127.0.0.1`, never `localhost`.',
  },
  check(facts) {
    const findings: Finding[] = [];
    const push = (span: Finding['span'], message: string, severity: Finding['severity'] = 'error', anchor?: number) =>
      findings.push({ rule: 'invalid-port', span, message, severity, fixes: [], anchor });
    for (const publish of facts.publishes) {
      if (!publish.reading.ok) push(publish.span, `Docker refuses this: ${publish.reading.error}`, 'error', publish.anchor);
    }
    for (const expose of facts.exposes) {
      if (!expose.reading.ok) push(expose.span, `Docker refuses this: ${expose.reading.error}`);
      else if (expose.origin === 'dockerfile' && expose.reading.spec.partCount > 1) {
        push(
          expose.span,
          `EXPOSE takes container ports only; BuildKit ignores the host part of ${expose.expanded} (ExposeInvalidFormat). Publish with docker run -p instead.`,
          'warning',
        );
      }
    }
    for (const refusal of facts.refusals) push(refusal.span, refusal.message);
    return findings;
  },
};
