/** Generated `-p` specs and `docker run` argument lists for the differential tests. */
import { seededRandom } from '../support/dockerOracle';

const ADDRESSES = ['', '', '', '127.0.0.1', '0.0.0.0', '::', '[::]', '[::1]', '::1', 'localhost', '127.1', '10.1.2.3', '256.1.1.1', '[::1', '::1]', 'fe80::1%eth0', '::ffff:127.0.0.1', '01.2.3.4', '[127.0.0.1]', '1:2:3:4:5:6:7:8', '1::2::3', 'host.docker.internal'];
const HOST_PORTS = ['', '', '80', '8080', '3456', '8000-8001', '8000-8010', '70000', '0', 'abc', '080', '1-2-3', '9-8', '65535', ' 80', '-1'];
const CONTAINER_PORTS = ['80', '80', '3000', '5432', '80-81', '', '65535', '65536', '8a', '22', '1000-1001'];
const PROTOCOLS = ['', '', '', '/tcp', '/udp', '/sctp', '/TCP', '/Udp', '/xyz', '/', '/tcp/udp'];

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A short-syntax spec: `[[IP:]HOST:]CONTAINER[/PROTO]` from valid and invalid parts. */
export function generateSpec(random: Random): string {
  const container = pick(random, CONTAINER_PORTS) + pick(random, PROTOCOLS);
  const shape = random();
  if (shape < 0.25) return container;
  if (shape < 0.6) return `${pick(random, HOST_PORTS)}:${container}`;
  return `${pick(random, ADDRESSES)}:${pick(random, HOST_PORTS)}:${container}`;
}

/** `published=…,target=…` forms, where docker run drops every key but published, target and protocol. */
function generateCsvSpec(random: Random): string {
  const fields = [`target=${pick(random, ['80', '3000', '5432', '', 'x'])}`];
  if (random() < 0.8) fields.push(`published=${pick(random, ['8080', '', '8000-8001', '70000'])}`);
  if (random() < 0.5) fields.push(`host_ip=${pick(random, ['127.0.0.1', '0.0.0.0'])}`);
  if (random() < 0.3) fields.push(`protocol=${pick(random, ['tcp', 'udp', 'UDP'])}`);
  if (random() < 0.2) fields.push('mode=host');
  if (random() < 0.05) fields.push('bogus');
  return fields.sort(() => random() - 0.5).join(',');
}

const VALUE_FLAGS: string[][] = [
  ['-e', 'A=1'], ['--env', 'B=2'], ['--name', 'web'], ['-v', '/a:/b'], ['--volume=/c:/d'], ['-w', '/app'], ['-u', '1000'],
  ['-l', 'a=b'], ['--label=x=y'], ['--entrypoint', 'sh'], ['--restart', 'always'], ['--expose', '81'], ['-h', 'box'],
  ['--network', 'bridge'], ['--net=bridge'], ['--add-host', 'a:1.2.3.4'], ['-m', '512m'], ['--cpus', '1'], ['--mount', 'type=tmpfs,dst=/t'],
  ['--platform', 'linux/amd64'], ['--user=1000'], ['-e', '-p'], ['--name', '-p'], ['--log-opt', 'max-size=1m'],
];
const BOOL_FLAGS = ['-d', '-i', '--rm', '--init', '--privileged', '-di', '--read-only', '--detach'];

export interface RunCase {
  /** Arguments after `docker run`, image and container command included. */
  args: string[];
}

/** A `docker run` argument list mixing every flag form with value flags, boolean flags and specs. */
export function generateRunCase(random: Random): RunCase {
  const args: string[] = [];
  const count = 1 + Math.floor(random() * 5);
  // Docker refuses the same network twice; a case names at most one.
  let networkGiven = false;
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.45) {
      const spec = random() < 0.12 ? generateCsvSpec(random) : generateSpec(random);
      // An empty spec cannot be attached (`-p` + '' is a bare -p that takes the next word).
      const form = spec === '' ? 0 : Math.floor(random() * 9);
      if (form === 0) args.push('-p', spec);
      else if (form === 1) args.push(`-p${spec}`);
      else if (form === 2) args.push(`-p=${spec}`);
      else if (form === 3) args.push('--publish', spec);
      else if (form === 4) args.push(`--publish=${spec}`);
      else if (form === 5) args.push('-dp', spec);
      else if (form === 6) args.push(`-dp${spec}`);
      else if (form === 7) args.push('-idp', spec);
      else args.push('-p', spec);
    } else if (roll < 0.75) {
      const flag = pick(random, VALUE_FLAGS);
      if (flag.some((word) => word.includes('--net'))) {
        if (networkGiven) continue;
        networkGiven = true;
      }
      args.push(...flag);
    } else if (roll < 0.9) {
      args.push(pick(random, BOOL_FLAGS));
    } else if (roll < 0.94) {
      args.push(pick(random, ['-P', '--publish-all', '-dP']));
    } else if (!networkGiven) {
      networkGiven = true;
      args.push(...pick(random, [['--network', 'host'], ['--net=host'], ['--network=host'], ['--net', 'host']]));
    }
  }
  if (random() < 0.05) args.push('--');
  args.push(pick(random, ['nginx', 'app-in-port', 'postgres:16', 'registry.example.com/team/app:1.2']));
  // Words after the image are the container's command, even when they look like -p.
  if (random() < 0.3) args.push(...pick(random, [['server', '-p', '8080:80'], ['-p', '1:1'], ['sh', '-c', 'echo -p 80:80'], ['--publish', '9:9']]));
  return { args };
}

export { seededRandom };
