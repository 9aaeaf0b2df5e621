import { markerFindings, type Rule } from './rule';

export const publishAll: Rule = {
  id: 'publish-all',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Every exposed port is published on every network interface.',
    catches: '`-P` and `--publish-all` (also inside combined flags such as `-dP`) in `docker run`/`create`, Podman and nerdctl.',
    why:
      "`-P` publishes every port the image EXPOSEs (and every `--expose`) on a random host port on 0.0.0.0 and [::]. " +
      'What becomes reachable depends on the image, not on the command you can read.',
    fix: 'Replace `-P` with one `-p 127.0.0.1::PORT` per port you need. Silence with `# docker-port-safety ignore publish-all`.',
  },
  check(facts) {
    return markerFindings(
      'publish-all',
      facts.publishAll,
      (marker) =>
        `-P publishes every port the image${marker.owner?.image ? ` ${marker.owner.image}` : ''} exposes on a random port of every network interface: ` +
        'anyone who can reach this machine reaches them. Publish the ports you need with -p 127.0.0.1::PORT.',
    );
  },
};
