/**
 * Kubernetes manifests, kind cluster configs and k3d config files: exact ranges, defaults, fixes.
 * The cases reproduce the shapes of real files (kind's own configuration guide and ingress
 * set-ups, k3d's config file reference, ingress controllers and node agents published with
 * hostPort / hostNetwork), written here from scratch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { hoverAt } from '../../server/src/engine/hover';
import { check, comparableFacts, fixEverything, settingsWith, findingsInWords } from '../support/engine';
import { documentParts, extractKubernetes, readEveryDocument } from '../../server/src/engine/readers/kubernetes/kubernetes';

const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'kubernetes');

type Case = [what: string, text: string, expected: string[][], fixed: string | undefined];

const KIND = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4'];

const cases: Case[] = [
  [
    'kind: extraPortMappings without listenAddress (0.0.0.0 by default), two mappings',
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 80', '    protocol: TCP', '  - containerPort: 443', '    hostPort: 443', '    protocol: TCP', '- role: worker'),
    // Host ports 80 and 443 serve the web: public by design, so fix-all leaves them as written.
    [['public-bind', 'information', '80'], ['public-bind', 'information', '443']],
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 80', '    protocol: TCP', '  - containerPort: 443', '    hostPort: 443', '    protocol: TCP', '- role: worker'),
  ],
  [
    'kind: a NodePort mapping, nodes indented, CRLF line endings and a comment',
    lines(...KIND, 'nodes:', '  - role: control-plane', '    extraPortMappings:', '      - containerPort: 30950 # the NodePort', '        hostPort: 8080').replace(/\n/g, '\r\n'),
    [['public-bind', 'warning', '8080']],
    lines(...KIND, 'nodes:', '  - role: control-plane', '    extraPortMappings:', '      - containerPort: 30950 # the NodePort', '        hostPort: 8080', '        listenAddress: "127.0.0.1"').replace(/\n/g, '\r\n'),
  ],
  [
    'kind: listenAddress written as 0.0.0.0 keeps its quotes',
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', "  - {containerPort: 6379, hostPort: 6379, listenAddress: '0.0.0.0'}"),
    [['public-bind', 'error', '0.0.0.0']],
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', "  - {containerPort: 6379, hostPort: 6379, listenAddress: '127.0.0.1'}"),
  ],
  [
    'kind: a flow mapping without listenAddress gains one',
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings: [{containerPort: 80, hostPort: 8080}]'),
    [['public-bind', 'warning', '8080']],
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings: [{containerPort: 80, hostPort: 8080, listenAddress: "127.0.0.1"}]'),
  ],
  [
    'kind: loopback and a specific address are not reported',
    lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 80', '    listenAddress: "127.0.0.1"', '  - containerPort: 81', '    hostPort: 81', '    listenAddress: 192.168.1.20'),
    [],
    undefined,
  ],
  [
    'kind: an ipv6 cluster listens on :: by default, and is fixed to ::1',
    lines(...KIND, 'networking:', '  ipFamily: ipv6', 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080'),
    [['public-bind', 'warning', '8080']],
    lines(...KIND, 'networking:', '  ipFamily: ipv6', 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080', '    listenAddress: "::1"'),
  ],
  [
    'kind: the API server on 0.0.0.0 is the Kubernetes API on every interface',
    lines(...KIND, 'networking:', '  apiServerAddress: "0.0.0.0"', '  apiServerPort: 6443'),
    [['public-bind', 'error', '0.0.0.0']],
    lines(...KIND, 'networking:', '  apiServerAddress: "127.0.0.1"', '  apiServerPort: 6443'),
  ],
  [
    'kind: the API server on its default or on loopback is not reported',
    lines(...KIND, 'networking:', '  apiServerAddress: 127.0.0.1', '  podSubnet: "10.244.0.0/16"'),
    [],
    undefined,
  ],
  [
    'Deployment: hostPort without hostIP, beside a port without hostPort',
    lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: my-nginx', 'spec:', '  template:', '    spec:', '      containers:', '      - name: my-nginx', '        image: nginx', '        ports:', '        - containerPort: 80', '          hostPort: 8080', '        - containerPort: 9090'),
    [['public-bind', 'warning', '8080']],
    lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: my-nginx', 'spec:', '  template:', '    spec:', '      containers:', '      - name: my-nginx', '        image: nginx', '        ports:', '        - containerPort: 80', '          hostPort: 8080', '          hostIP: 127.0.0.1', '        - containerPort: 9090'),
  ],
  [
    'DaemonSet: hostPort in a flow mapping, several documents, a commented-out port stays unread',
    lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: agent', '---', 'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', 'spec:', '  template:', '    spec:', '      containers:', '        - name: agent', '          ports: [{containerPort: 8125, hostPort: 8125, protocol: UDP}]', '          # - containerPort: 443', '          #   hostPort: 443'),
    [['public-bind', 'warning', '8125']],
    lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: agent', '---', 'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', 'spec:', '  template:', '    spec:', '      containers:', '        - name: agent', '          ports: [{containerPort: 8125, hostPort: 8125, hostIP: 127.0.0.1, protocol: UDP}]', '          # - containerPort: 443', '          #   hostPort: 443'),
  ],
  [
    'Pod: hostIP 0.0.0.0 is rewritten, hostIP 127.0.0.1 is fine, a sensitive port is an error',
    lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: db', 'spec:', '  containers:', '  - name: postgres', '    ports:', '    - containerPort: 5432', '      hostPort: 5432', '      hostIP: "0.0.0.0"', '    - containerPort: 9187', '      hostPort: 9187', '      hostIP: 127.0.0.1'),
    [['public-bind', 'error', '0.0.0.0']],
    lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: db', 'spec:', '  containers:', '  - name: postgres', '    ports:', '    - containerPort: 5432', '      hostPort: 5432', '      hostIP: "127.0.0.1"', '    - containerPort: 9187', '      hostPort: 9187', '      hostIP: 127.0.0.1'),
  ],
  [
    'CronJob: hostNetwork true is host networking, its hostPort is discarded',
    lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: probe', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          hostNetwork: true', '          containers:', '          - name: probe', '            ports:', '            - containerPort: 9100', '              hostPort: 9100'),
    [['host-network', 'warning', 'true']],
    undefined,
  ],
  [
    'hostNetwork false and a template value are not reported',
    lines('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: x', 'spec:', '  template:', '    spec:', '      hostNetwork: false', '      containers:', '      - name: x', '        ports:', '        - containerPort: 80', '          hostPort: 80', '          hostIP: "{{ .Values.hostIP }}"'),
    [],
    undefined,
  ],
  [
    'k3d config: ports without an address, kubeAPI with hostIP 0.0.0.0',
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'metadata:', '  name: mycluster', 'kubeAPI:', '  host: "myhost.my.domain"', '  hostIP: "0.0.0.0"', '  hostPort: "6445"', 'ports:', '  - port: 8080:80 # same as --port', '    nodeFilters:', '      - loadbalancer'),
    // k3d reads its config with a YAML 1.2 parser: the unquoted mapping is a string, not base 60.
    [['public-bind', 'error', '0.0.0.0'], ['public-bind', 'warning', '8080:80']],
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'metadata:', '  name: mycluster', 'kubeAPI:', '  host: "myhost.my.domain"', '  hostIP: "127.0.0.1"', '  hostPort: "6445"', 'ports:', '  - port: "127.0.0.1:8080:80" # same as --port', '    nodeFilters:', '      - loadbalancer'),
  ],
  [
    'k3d config: kubeAPI without hostIP gains one',
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'kubeAPI:', '  hostPort: "6550"', 'servers: 1'),
    [['public-bind', 'error', 'kubeAPI']],
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'kubeAPI:', '  hostPort: "6550"', '  hostIP: "127.0.0.1"', 'servers: 1'),
  ],
  [
    'k3d config: no kubeAPI at all is the API server on 0.0.0.0, a random port',
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'servers: 1', 'ports:', '  - port: "127.0.0.1:8080:80"'),
    [['public-bind', 'error', 'Simple']],
    lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'kubeAPI:', '  hostIP: "127.0.0.1"', 'servers: 1', 'ports:', '  - port: "127.0.0.1:8080:80"'),
  ],
];

describe('Kubernetes-style YAML: kind, k3d, manifests', () => {
  for (const [what, text, expected, fixed] of cases) {
    it(what, () => {
      assert.deepEqual(findings(text), expected);
      const result = fixEverything(text, 'kubernetes');
      assert.equal(result, fixed ?? text);
      assert.equal(fixEverything(result, 'kubernetes'), result, 'the fix is idempotent');
      // Nothing left that fix-all changes: public-by-design ports (information) stay as written.
      assert.deepEqual(findings(result).filter(([rule, severity]) => rule === 'public-bind' && severity !== 'information'), []);
    });
  }

  it('recognises these files by content, whatever their name, and leaves other manifests unparsed', () => {
    assert.equal(documentKindByContent('/r/cluster.yaml', 'yaml', cases[0][1]), 'kind');
    assert.equal(documentKindByContent('/r/k3d.yml', undefined, cases[13][1]), 'k3d');
    assert.equal(documentKindByContent('/r/deploy.yaml', 'yaml', cases[8][1]), 'kubernetes');
    assert.equal(documentKindByContent('/r/svc.yaml', 'yaml', lines('apiVersion: v1', 'kind: Service', 'spec:', '  ports:', '  - port: 80')), undefined);
    assert.equal(documentKindByContent('/r/values.yaml', 'yaml', lines('hostPort: 80')), undefined);
  });

  it('hovers say where the port listens and why, in the tool\'s own terms', () => {
    const context = ruleContext({ settings: settingsWith() });
    const kind = cases[0][1];
    const kindHover = hoverAt(extractFacts(kind, 'kubernetes'), kind.indexOf('hostPort: 80') + 11, context)!;
    assert.match(kindHover.markdown, /every IPv4 interface \(0\.0\.0\.0\): kind's default when `listenAddress` is not set/);
    assert.match(kindHover.markdown, /\(kind cluster\)/);
    assert.match(kindHover.markdown, /Published by the control-plane node's container/);
    assert.match(kindHover.markdown, /kind\.sigs\.k8s\.io/);
    const deployment = cases[8][1];
    const podHover = hoverAt(extractFacts(deployment, 'kubernetes'), deployment.indexOf('8080'), context)!;
    assert.match(podHover.markdown, /every address of the node the pod runs on \(no `hostIP`\)/);
    assert.match(podHover.markdown, /\(the pod of Deployment\/my-nginx\)/);
    assert.match(podHover.markdown, /Container `my-nginx`/);
    const api = cases[6][1];
    const apiHover = hoverAt(extractFacts(api, 'kubernetes'), api.indexOf('0.0.0.0'), context)!;
    assert.match(apiHover.markdown, /Kubernetes API/);
  });

  it('hostile documents yield findings or nothing', () => {
    for (const text of ['apiVersion: v1\nkind: Pod\nspec: [', 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: *x\n', `apiVersion: v1\nkind: Pod\n${'['.repeat(5000)}hostPort`, 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nkubeAPI: 7\nports: [{port: "a:b:c:d"}]\n']) {
      assert.doesNotThrow(() => check(text, 'kubernetes'));
    }
  });
});

describe('Kubernetes-style YAML shown on Markdown pages', () => {
  const page = (...l: string[]) => lines(...l);
  const markdownCases: Case[] = [
    [
      'a yaml fence with a kind config',
      page('# Ingress', '', '```yaml', ...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080', '```'),
      [['public-bind', 'warning', '8080']],
      page('# Ingress', '', '```yaml', ...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080', '    listenAddress: "127.0.0.1"', '```'),
    ],
    [
      'an untagged fence in a blockquote with a pod using hostPort',
      page('> ```', '> apiVersion: v1', '> kind: Pod', '> metadata:', '>   name: web', '> spec:', '>   containers:', '>   - name: web', '>     ports:', '>     - containerPort: 80', '>       hostPort: 8080', '> ```'),
      [['public-bind', 'warning', '8080']],
      page('> ```', '> apiVersion: v1', '> kind: Pod', '> metadata:', '>   name: web', '> spec:', '>   containers:', '>   - name: web', '>     ports:', '>     - containerPort: 80', '>       hostPort: 8080', '>       hostIP: 127.0.0.1', '> ```'),
    ],
    [
      'a YAML fence (upper case) in a list item with a k3d config',
      page('1. Save as `k3d.yaml`:', '', '   ```YAML', '   apiVersion: k3d.io/v1alpha5', '   kind: Simple', '   kubeAPI:', '     hostIP: "0.0.0.0"', '   ```'),
      [['public-bind', 'error', '0.0.0.0']],
      page('1. Save as `k3d.yaml`:', '', '   ```YAML', '   apiVersion: k3d.io/v1alpha5', '   kind: Simple', '   kubeAPI:', '     hostIP: "127.0.0.1"', '   ```'),
    ],
    [
      'a json or python block and a manifest without host ports stay unread',
      page('```python', 'apiVersion: v1', 'hostPort: 80', '```', '', '```yaml', 'apiVersion: v1', 'kind: Service', 'spec:', '  ports: [{port: 80}]', '```'),
      [],
      undefined,
    ],
  ];
  for (const [what, text, expected, fixed] of markdownCases) {
    it(what, () => {
      const found = check(text, 'markdown').map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]);
      assert.deepEqual(found, expected);
      const result = fixEverything(text, 'markdown');
      assert.equal(result, fixed ?? text);
      assert.equal(fixEverything(result, 'markdown'), result, 'the fix is idempotent');
    });
  }
});

describe('Kubernetes: a bundle of many documents is parsed only where a document holds a key the readers act on', () => {
  // Every manifest of the cases above, with documents no reader acts on between them, written in each way a stream separates documents.
  const plain = (i: number) => lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: settings-${i}`, 'data:', `  note: "--- not a marker ${i}"`, '  text: |', '    ---', '    indented, so content');
  const separators = ['---\n', '--- # next\n', '---\r\n', '\n---\n'];
  const streams = separators.flatMap((separator) => [
    cases.map(([, text]) => text).join(separator),
    cases.map(([, text], i) => `${plain(i)}${separator}${text}`).join(separator),
    `# a bundle\n${separator}${cases.map(([, text], i) => `${text}${separator}${plain(i)}`).join(separator)}`,
  ]);

  it(`${streams.length} streams: the same facts and fixes as parsing every document`, () => {
    for (const [n, text] of streams.entries()) {
      assert.ok(documentParts(text).length > 1, `stream ${n} has several documents`);
      assert.deepEqual(comparableFacts(extractKubernetes(text)), comparableFacts(readEveryDocument(text)), `stream ${n}`);
    }
  });

  it('finds the same publishes in the stream as in each case alone', () => {
    const stream = streams[1];
    const alone = cases.reduce((sum, [, text]) => sum + extractKubernetes(text).publishes.length, 0);
    assert.ok(alone > 5, `${alone} publishes in the cases`);
    assert.equal(extractKubernetes(stream).publishes.length, alone);
  });

  it('a stream with directives is read whole', () => {
    const text = `%YAML 1.2\n---\n${cases[8][1]}---\n${plain(0)}`;
    assert.deepEqual(documentParts(text), [{ start: 0, text }]);
    assert.deepEqual(comparableFacts(extractKubernetes(text)), comparableFacts(readEveryDocument(text)));
  });
});
