/**
 * `kubectl port-forward` and `k3d cluster create` in scripts and pages: exact ranges, defaults,
 * fixes. The cases reproduce the shapes of real scripts and READMEs (forwards started in the
 * background with `nohup … &`, namespaces before or after the subcommand, ports from variables,
 * k3d's documented `-p "8081:80@loadbalancer"` and `--api-port 0.0.0.0:6550`), written here.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { hoverAt } from '../../server/src/engine/hover';
import { check, fixEverything, settingsWith } from '../support/engine';

const findings = (text: string, kind: 'shell' | 'markdown' = 'shell') =>
  check(text, kind).map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]);

type Case = [what: string, text: string, expected: string[][], fixed: string | undefined];

const kubectlCases: Case[] = [
  ['without --address kubectl listens on localhost: nothing to report', 'kubectl port-forward pod/mypod 8888:5000\n', [], undefined],
  ['--address localhost,10.19.21.23: the selected IP listens for every host that can reach it', 'kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000\n', [['public-bind', 'warning', '8888:5000']], 'kubectl port-forward --address localhost,127.0.0.1 pod/mypod 8888:5000\n'],
  ['--address 127.0.0.1 is loopback', 'kubectl port-forward --address=127.0.0.1 svc/web 8080:80\n', [], undefined],
  [
    '--address 0.0.0.0 in the background, two ports',
    'nohup kubectl port-forward --address 0.0.0.0 svc/neo4j 7474:7474 7687:7687 > /dev/null 2>&1 &\n',
    [['public-bind', 'warning', '7474:7474'], ['public-bind', 'warning', '7687:7687']],
    'nohup kubectl port-forward --address 127.0.0.1 svc/neo4j 7474:7474 7687:7687 > /dev/null 2>&1 &\n',
  ],
  [
    'a namespace before the subcommand and after the resource, a sensitive port',
    'kubectl -n db port-forward --address=0.0.0.0 svc/postgres -n db 5432\n',
    [['public-bind', 'error', '5432']],
    'kubectl -n db port-forward --address=127.0.0.1 svc/postgres -n db 5432\n',
  ],
  [
    'the resource from a command substitution, ports from variables',
    'kubectl -n "$NS" port-forward --address 0.0.0.0 $(kubectl get pods -o name | head -1) "$LOCAL:$REMOTE" &\n',
    [['public-bind', 'warning', '"$LOCAL:$REMOTE"']],
    'kubectl -n "$NS" port-forward --address 127.0.0.1 $(kubectl get pods -o name | head -1) "$LOCAL:$REMOTE" &\n',
  ],
  [
    'an IPv6 wildcard in a list is fixed first, then the specific address; the list is kept',
    "kubectl port-forward --address '10.0.0.5,::' deploy/api :8080\n",
    [['public-bind', 'warning', ':8080']],
    "kubectl port-forward --address '127.0.0.1,::1' deploy/api :8080\n",
  ],
  ['a named remote port', 'kubectl port-forward --address 0.0.0.0 service/myservice 8443:https\n', [['public-bind', 'warning', '8443:https']], 'kubectl port-forward --address 127.0.0.1 service/myservice 8443:https\n'],
  ['other kubectl commands are not forwards', 'kubectl get pods --address 0.0.0.0 8080:80\nkubectl apply -f deploy.yaml\n', [], undefined],
  ['an address from a variable is unknown', 'kubectl port-forward --address "$BIND" svc/web 8080:80\n', [], undefined],
];

const k3dCases: Case[] = [
  [
    "k3d's documented example: --api-port without a host, a port on the load balancer",
    'k3d cluster create --api-port 6550 -p "8081:80@loadbalancer" --agents 2\n',
    [['public-bind', 'error', '6550'], ['public-bind', 'warning', '8081:80']],
    'k3d cluster create --api-port 127.0.0.1:6550 -p "127.0.0.1:8081:80@loadbalancer" --agents 2\n',
  ],
  [
    '--api-port 0.0.0.0:6550 and --port=…@agent:0, continued lines',
    'k3d cluster create demo \\\n  --servers 3 \\\n  --api-port 0.0.0.0:6550 \\\n  --port=8080:80@agent:0\n',
    [['public-bind', 'error', '0.0.0.0:6550'], ['public-bind', 'warning', '8080:80']],
    'k3d cluster create demo \\\n  --servers 3 \\\n  --api-port 127.0.0.1:6550 \\\n  --port=127.0.0.1:8080:80@agent:0\n',
  ],
  [
    'a bare create publishes the API server on 0.0.0.0, a random port',
    'k3d cluster create mycluster\n',
    [['public-bind', 'error', 'create']],
    'k3d cluster create --api-port 127.0.0.1:random mycluster\n',
  ],
  [
    'loopback everywhere is not reported',
    "k3d cluster create dev --api-port 127.0.0.1:6445 -p '127.0.0.1:8080:80@loadbalancer' -p 127.0.0.1:8443:443@loadbalancer\n",
    [],
    undefined,
  ],
  ['a host name is resolved where the command runs: localhost is loopback', 'k3d cluster create --api-port localhost:6550\n', [], undefined],
  ['a config file may set the API server: no default is assumed', 'k3d cluster create --config k3d.yaml\n', [], undefined],
  ['other k3d commands', 'k3d cluster delete mycluster\nk3d kubeconfig get -a\n', [], undefined],
];

describe('kubectl port-forward', () => {
  before(() => loadBashGrammar());
  for (const [what, text, expected, fixed] of kubectlCases) {
    it(what, () => {
      assert.deepEqual(findings(text), expected);
      const result = fixEverything(text, 'shell');
      assert.equal(result, fixed ?? text);
      assert.equal(fixEverything(result, 'shell'), result, 'the fix is idempotent');
    });
  }
  it('hover: where kubectl listens and what it forwards to', () => {
    const context = ruleContext({ settings: settingsWith() });
    const open = kubectlCases[3][1];
    const hover = hoverAt(extractFacts(open, 'shell'), open.indexOf('7474:'), context)!;
    assert.match(hover.markdown, /kubectl listens on every interface and forwards whoever connects to svc\/neo4j/);
    assert.match(hover.markdown, /kubectl port-forward/);
    const local = kubectlCases[0][1];
    const localHover = hoverAt(extractFacts(local, 'shell'), local.indexOf('8888'), context)!;
    assert.match(localHover.markdown, /localhost: 127\.0\.0\.1 and ::1, kubectl's default/);
  });
});

describe('k3d cluster create', () => {
  before(() => loadBashGrammar());
  for (const [what, text, expected, fixed] of k3dCases) {
    it(what, () => {
      assert.deepEqual(findings(text), expected);
      const result = fixEverything(text, 'shell');
      assert.equal(result, fixed ?? text);
      assert.equal(fixEverything(result, 'shell'), result, 'the fix is idempotent');
    });
  }
  it('hover: the API server default and the node filter', () => {
    const context = ruleContext({ settings: settingsWith() });
    const text = k3dCases[0][1];
    const facts = extractFacts(text, 'shell');
    assert.match(hoverAt(facts, text.indexOf('6550'), context)!.markdown, /DefaultAPIHost/);
    assert.match(hoverAt(facts, text.indexOf('8081'), context)!.markdown, /Node filter `loadbalancer`/);
  });
  it('is read in Markdown command blocks, untagged ones too', () => {
    const page = '# Cluster\n\n```bash\nk3d cluster create --api-port 6550\n```\n\n```\n$ kubectl port-forward --address 0.0.0.0 svc/web 8080:80\n```\n';
    assert.deepEqual(findings(page, 'markdown'), [['public-bind', 'error', '6550'], ['public-bind', 'warning', '8080:80']]);
  });
});

describe('cluster configs and manifests in here-documents', () => {
  before(() => loadBashGrammar());
  const heredocCases: Case[] = [
    [
      'cat <<EOF | kind create cluster --config=- (an unquoted delimiter, a variable in the body)',
      'cat <<KINDEOF | kind create cluster --name "${CLUSTER_NAME}" --config=-\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:${KIND_NODE_VERSION}\n    extraPortMappings:\n      - containerPort: 80\n        hostPort: 8080\n        protocol: TCP\nKINDEOF\n',
      [['public-bind', 'warning', '8080']],
      'cat <<KINDEOF | kind create cluster --name "${CLUSTER_NAME}" --config=-\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: kindest/node:${KIND_NODE_VERSION}\n    extraPortMappings:\n      - containerPort: 80\n        hostPort: 8080\n        listenAddress: "127.0.0.1"\n        protocol: TCP\nKINDEOF\n',
    ],
    [
      "kubectl apply -f - <<'EOF' with a pod using hostPort, indented with <<-",
      "if true; then\n\tkubectl apply -f - <<-'EOF'\n\tapiVersion: v1\n\tkind: Pod\n\tspec:\n\t  containers:\n\t  - name: a\n\t    ports:\n\t    - containerPort: 80\n\t      hostPort: 8080\n\tEOF\nfi\n",
      [['public-bind', 'warning', '8080']],
      "if true; then\n\tkubectl apply -f - <<-'EOF'\n\tapiVersion: v1\n\tkind: Pod\n\tspec:\n\t  containers:\n\t  - name: a\n\t    ports:\n\t    - containerPort: 80\n\t      hostPort: 8080\n\t      hostIP: 127.0.0.1\n\tEOF\nfi\n",
    ],
    ['a here-string and a heredoc of prose are not configs', 'grep -q apiVersion <<< "$x"\ncat <<EOF\nhostPort: 80 is documented here\nEOF\n', [], undefined],
  ];
  for (const [what, text, expected, fixed] of heredocCases) {
    it(what, () => {
      assert.deepEqual(findings(text), expected);
      const result = fixEverything(text, 'shell');
      assert.equal(result, fixed ?? text);
      assert.equal(fixEverything(result, 'shell'), result, 'the fix is idempotent');
    });
  }
  it('in a bash block of a page', () => {
    const page = '1. Create the cluster:\n\n   ```bash\n   kind create cluster --config - <<EOF\n   kind: Cluster\n   apiVersion: kind.x-k8s.io/v1alpha4\n   nodes:\n   - role: control-plane\n     extraPortMappings:\n     - containerPort: 8081\n       hostPort: 8096\n   EOF\n   ```\n';
    assert.deepEqual(findings(page, 'markdown'), [['public-bind', 'warning', '8096']]);
    assert.equal(fixEverything(page, 'markdown'), page.replace('       hostPort: 8096\n', '       hostPort: 8096\n       listenAddress: "127.0.0.1"\n'));
  });
});
