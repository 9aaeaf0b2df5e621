/** Services that must never be reachable from the network (ports.md §5). */
import type { PortRange } from './publishSpec';

export const BUILT_IN_SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  1433: 'SQL Server',
  1521: 'Oracle Database',
  2375: 'the Docker API (plain HTTP, full control of the host)',
  2376: 'the Docker API (TLS)',
  2379: 'etcd',
  2380: 'etcd peer traffic',
  3306: 'MySQL/MariaDB',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5672: 'AMQP (RabbitMQ)',
  5900: 'VNC',
  5984: 'CouchDB',
  6379: 'Redis',
  6443: 'the Kubernetes API',
  8500: 'Consul',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  10250: 'the kubelet API',
  11211: 'Memcached',
  15672: 'the RabbitMQ admin UI',
  27017: 'MongoDB',
};

export type SensitivePortTable = ReadonlyMap<number, string>;

export function sensitivePortTable(overrides: Record<string, string>): SensitivePortTable {
  const table = new Map<number, string>(Object.entries(BUILT_IN_SENSITIVE_PORTS).map(([p, n]) => [Number(p), n]));
  for (const [port, name] of Object.entries(overrides)) {
    if (name === '') table.delete(Number(port));
    else table.set(Number(port), name);
  }
  return table;
}

/** The sensitive services inside a port range, at most a few, in port order. */
export function sensitiveServicesIn(range: PortRange, table: SensitivePortTable): { port: number; name: string }[] {
  const found: { port: number; name: string }[] = [];
  if (range.end - range.start < table.size) {
    for (let port = range.start; port <= range.end; port++) {
      const name = table.get(port);
      if (name) found.push({ port, name });
    }
  } else {
    for (const [port, name] of table) if (port >= range.start && port <= range.end) found.push({ port, name });
    found.sort((a, b) => a.port - b.port);
  }
  return found;
}
