/**
 * A port published without an address binds to the default binding address of the container's
 * network (`com.docker.network.bridge.host_binding_ipv4`), not to every interface, when that
 * network sets one. Compose sets it under `networks: NAME: driver_opts:`, scripts with
 * `docker network create -o …=127.0.0.1 NAME` before `docker run --network NAME -p …`.
 */
import type { DocumentFacts, PublishedPort } from '../../model';
import { parseIpAddress } from '../../grammar/ipAddress';
import { HOST_BINDING_IPV4 } from '../shell/dockerFlags';

/** The publish as the daemon binds it on a network whose default binding address is `address`. */
export function onNetworkDefault(publish: PublishedPort, address: string, how: string): PublishedPort {
  if (!publish.reading.ok || publish.reading.spec.hostIp !== '') return publish;
  const hostAddress = parseIpAddress(address);
  if (!hostAddress) return publish;
  return {
    ...publish,
    reading: { ok: true, spec: { ...publish.reading.spec, hostIp: address, hostAddress } },
    notes: [...publish.notes, `No address is written, so the network's default applies: ${how} sets \`${HOST_BINDING_IPV4}\` to \`${address}\`.`],
  };
}

/** Scripts and pages: `--network NAME` publishes take the default of a network created in the same file. */
export function applyCreatedNetworks(facts: DocumentFacts): DocumentFacts {
  if (facts.networks.length === 0) return facts;
  const byName = new Map(facts.networks.map((n) => [n.name, n]));
  let changed = false;
  const publishes = facts.publishes.map((publish) => {
    const network = publish.network ? byName.get(publish.network) : undefined;
    if (!network) return publish;
    const moved = onNetworkDefault(publish, network.address, `network \`${network.name}\` (created with \`docker network create -o\`)`);
    changed ||= moved !== publish;
    return moved;
  });
  return changed ? { ...facts, publishes } : facts;
}
