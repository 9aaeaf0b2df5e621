import { describeOwner } from '../describe';
import { markerFindings, type Rule } from './rule';

export const hostNetwork: Rule = {
  id: 'host-network',
  defaultSeverity: 'warning',
  docs: {
    summary: "The container shares the host's network stack.",
    catches: '`--network host`, `--net host`, `--network=host`, `--net=host` in container commands, `network_mode: host` in Compose and `hostNetwork: true` in Kubernetes pod specs.',
    why:
      "With host networking every port the container listens on is open on the host's interfaces, with no `-p` to read and no address to restrict; " +
      'published ports are discarded.',
    fix:
      'Use the default bridge network and publish what you need on 127.0.0.1, or make the service listen on 127.0.0.1 itself. ' +
      'Silence with `# docker-port-safety ignore host-network`.',
  },
  check(facts) {
    return markerFindings('host-network', facts.hostNetworks, (marker) =>
      [
        marker.description ??
          `Host networking: every port ${marker.owner ? describeOwner(marker.owner) : 'the container'} listens on is open on this machine's network interfaces, reachable by anyone who can reach the machine unless the service itself listens on 127.0.0.1.`,
        ...marker.notes,
      ].join(' '),
    );
  },
};
