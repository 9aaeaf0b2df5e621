/**
 * Which flags take a value, so the image is found exactly where pflag finds it: flag parsing
 * stops at the first word that is not a flag, and what follows belongs to the container's command.
 * `docker run --help` of docker CLI 28.2.2 is the source; a test compares this table with it.
 */

const DOCKER_RUN_VALUE_FLAGS = [
  'add-host', 'annotation', 'attach', 'blkio-weight', 'blkio-weight-device', 'cap-add', 'cap-drop', 'cgroup-parent',
  'cgroupns', 'cidfile', 'cpu-count', 'cpu-percent', 'cpu-period', 'cpu-quota', 'cpu-rt-period', 'cpu-rt-runtime',
  'cpu-shares', 'cpus', 'cpuset-cpus', 'cpuset-mems', 'detach-keys', 'device', 'device-cgroup-rule', 'device-read-bps',
  'device-read-iops', 'device-write-bps', 'device-write-iops', 'dns', 'dns-option', 'dns-search', 'domainname',
  'entrypoint', 'env', 'env-file', 'expose', 'gpus', 'group-add', 'health-cmd', 'health-interval', 'health-retries',
  'health-start-interval', 'health-start-period', 'health-timeout', 'hostname', 'io-maxbandwidth', 'io-maxiops', 'ip',
  'ip6', 'ipc', 'isolation', 'kernel-memory', 'label', 'label-file', 'link', 'link-local-ip', 'log-driver', 'log-opt',
  'mac-address', 'memory', 'memory-reservation', 'memory-swap', 'memory-swappiness', 'mount', 'name', 'network',
  'network-alias', 'oom-score-adj', 'pid', 'pids-limit', 'platform', 'publish', 'pull', 'restart', 'runtime',
  'security-opt', 'shm-size', 'stop-signal', 'stop-timeout', 'storage-opt', 'sysctl', 'tmpfs', 'ulimit', 'user',
  'userns', 'uts', 'volume', 'volume-driver', 'volumes-from', 'workdir',
  // Hidden aliases docker/cli still accepts.
  'net', 'net-alias', 'dns-opt',
];

/** Podman and nerdctl accept Docker's flags and these too. */
const PODMAN_EXTRA_VALUE_FLAGS = [
  'arch', 'authfile', 'cert-dir', 'cgroup-conf', 'cgroups', 'chrootdirs', 'conmon-pidfile', 'creds', 'decryption-key',
  'env-merge', 'gidmap', 'group-entry', 'health-log-destination', 'health-max-log-count', 'health-max-log-size',
  'health-on-failure', 'health-startup-cmd', 'health-startup-interval', 'health-startup-retries',
  'health-startup-success', 'health-startup-timeout', 'hostuser', 'image-volume', 'init-path', 'os', 'passwd-entry',
  'personality', 'pidfile', 'pod', 'pod-id-file', 'preserve-fd', 'preserve-fds', 'rdt-class', 'requires', 'retry',
  'retry-delay', 'sdnotify', 'seccomp-policy', 'secret', 'shm-size-systemd', 'subgidname', 'subuidname', 'systemd',
  'timezone', 'uidmap', 'umask', 'unsetenv', 'variant', 'cosign-key', 'namespace', 'ipfs-address', 'pidfile',
];

const DOCKER_RUN_VALUE_SHORTHANDS = 'acehlmpuvw';

const DOCKER_SERVICE_CREATE_VALUE_FLAGS = [
  'cap-add', 'cap-drop', 'config', 'constraint', 'container-label', 'credential-spec', 'dns', 'dns-option',
  'dns-search', 'endpoint-mode', 'entrypoint', 'env', 'env-file', 'generic-resource', 'group', 'health-cmd',
  'health-interval', 'health-retries', 'health-start-interval', 'health-start-period', 'health-timeout', 'host',
  'hostname', 'isolation', 'label', 'limit-cpu', 'limit-memory', 'limit-pids', 'log-driver', 'log-opt',
  'max-concurrent', 'mode', 'mount', 'name', 'network', 'oom-score-adj', 'placement-pref', 'publish', 'replicas',
  'replicas-max-per-node', 'reserve-cpu', 'reserve-memory', 'restart-condition', 'restart-delay',
  'restart-max-attempts', 'restart-window', 'rollback-delay', 'rollback-failure-action', 'rollback-max-failure-ratio',
  'rollback-monitor', 'rollback-order', 'rollback-parallelism', 'secret', 'stop-grace-period', 'stop-signal', 'sysctl',
  'ulimit', 'update-delay', 'update-failure-action', 'update-max-failure-ratio', 'update-monitor', 'update-order',
  'update-parallelism', 'user', 'workdir',
];

export interface FlagGrammar {
  valueFlags: ReadonlySet<string>;
  valueShorthands: string;
  /** Shorthand → long name, for the flags this project reads. */
  shorthands: Readonly<Record<string, string>>;
}

export const DOCKER_RUN: FlagGrammar = {
  valueFlags: new Set(DOCKER_RUN_VALUE_FLAGS),
  valueShorthands: DOCKER_RUN_VALUE_SHORTHANDS,
  shorthands: { p: 'publish', P: 'publish-all' },
};

export const PODMAN_RUN: FlagGrammar = {
  valueFlags: new Set([...DOCKER_RUN_VALUE_FLAGS, ...PODMAN_EXTRA_VALUE_FLAGS]),
  valueShorthands: DOCKER_RUN_VALUE_SHORTHANDS,
  shorthands: DOCKER_RUN.shorthands,
};

export const DOCKER_SERVICE_CREATE: FlagGrammar = {
  valueFlags: new Set(DOCKER_SERVICE_CREATE_VALUE_FLAGS),
  valueShorthands: 'elpuw',
  shorthands: { p: 'publish' },
};

/** Options before the subcommand (`docker --context prod run …`). */
export const GLOBAL_VALUE_FLAGS: Readonly<Record<string, { long: ReadonlySet<string>; short: string }>> = {
  docker: { long: new Set(['config', 'context', 'host', 'log-level', 'tlscacert', 'tlscert', 'tlskey']), short: 'cHl' },
  podman: {
    long: new Set([
      'cgroup-manager', 'config', 'conmon', 'connection', 'events-backend', 'hooks-dir', 'identity', 'imagestore',
      'log-level', 'module', 'network-cmd-path', 'network-config-dir', 'out', 'root', 'runroot', 'runtime',
      'runtime-flag', 'ssh', 'storage-driver', 'storage-opt', 'tmpdir', 'url', 'volumepath',
    ]),
    short: 'c',
  },
  nerdctl: {
    long: new Set([
      'address', 'cgroup-manager', 'cni-netconfpath', 'cni-path', 'data-root', 'host', 'host-gateway-ip', 'hosts-dir',
      'namespace', 'snapshotter', 'storage-driver', 'bridge-ip', 'kube-hide-dupe',
    ]),
    short: 'anH',
  },
};

/** Commands that run another command given after their own options, and those options that take a value. */
export const WRAPPERS: Readonly<Record<string, { valueShort: string; valueLong: ReadonlySet<string>; positional?: number }>> = {
  sudo: { valueShort: 'ugpCDrtTUh', valueLong: new Set(['user', 'group', 'prompt', 'close-from', 'chdir', 'role', 'type', 'command-timeout', 'other-user', 'host']) },
  doas: { valueShort: 'uC', valueLong: new Set() },
  env: { valueShort: 'uCS', valueLong: new Set(['unset', 'chdir', 'split-string']) },
  command: { valueShort: '', valueLong: new Set() },
  exec: { valueShort: 'a', valueLong: new Set() },
  nohup: { valueShort: '', valueLong: new Set() },
  time: { valueShort: 'fo', valueLong: new Set(['format', 'output']) },
  nice: { valueShort: 'n', valueLong: new Set(['adjustment']) },
  /** `timeout [options] DURATION command`: one positional word before the command. */
  timeout: { valueShort: 'sk', valueLong: new Set(['signal', 'kill-after']), positional: 1 },
};

export const CONTAINER_TOOLS: ReadonlySet<string> = new Set(['docker', 'podman', 'nerdctl']);

/** Tools named on their own that take Compose's commands (`docker-compose run …`). */
export const COMPOSE_TOOLS: ReadonlySet<string> = new Set(['docker-compose', 'podman-compose']);

/** `docker compose [global options] run`: `-p` before `run` is the project name, not a port. */
export const COMPOSE_GLOBAL_VALUE_FLAGS = {
  long: new Set(['file', 'project-name', 'project-directory', 'env-file', 'profile', 'ansi', 'parallel', 'progress']),
  short: 'fp',
};

/** `docker compose run` options (docker/compose docs/reference/docker_compose_run.yaml). */
export const COMPOSE_RUN: FlagGrammar = {
  valueFlags: new Set(['entrypoint', 'env', 'env-from-file', 'label', 'name', 'publish', 'pull', 'user', 'volume', 'workdir', 'cap-add', 'cap-drop']),
  valueShorthands: 'elpuvw',
  shorthands: { p: 'publish' },
};

/** `docker network create` options (docker CLI 28.2.2 `docker network create --help`). */
export const DOCKER_NETWORK_CREATE: FlagGrammar = {
  valueFlags: new Set(['aux-address', 'config-from', 'driver', 'gateway', 'ip-range', 'ipam-driver', 'ipam-opt', 'label', 'opt', 'scope', 'subnet']),
  valueShorthands: 'do',
  shorthands: { o: 'opt', d: 'driver' },
};

/**
 * Every flag the command readers act on, as it can be written: `--publish`, `--publish-all`,
 * `--network`, `--net`, `--opt` (network create), and the shorthands `-p`, `-P`, `-o` alone or in a
 * cluster (`-dp 8080:80`, `-itP`). A docker, podman or nerdctl command without one publishes
 * nothing, sets no network mode and creates no network default: a text holding none of these words
 * is not parsed for such commands. The shorthands of the grammars above must stay within `[pPo]`
 * (a test walks them).
 */
export const ACTED_ON_FLAG_WORDS = /--(?:publish|net|opt)|(?:^|[^\w-])-[A-Za-z0-9]*[pPo]/;

/** The bridge option that sets the address of ports published without one on that network. */
export const HOST_BINDING_IPV4 = 'com.docker.network.bridge.host_binding_ipv4';
