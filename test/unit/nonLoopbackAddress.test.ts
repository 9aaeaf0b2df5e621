/**
 * Any address that is not loopback: kubectl port-forward and a kind or k3d cluster's API server
 * listen for every host that can reach the address written, so a specific address is reported like
 * every interface. Docker's own `-p ADDRESS:…` forms (docker run, kind's `listenAddress`, k3d's
 * `--port`) keep Docker's reading: one interface the user chose, not reported. An address listed
 * in `allowedAddresses` is never reported. Each case: findings, fix-all's result, fix-all again.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { hoverAt } from '../../server/src/engine/hover';
import { check, fixEverything, settingsWith } from '../support/engine';

const lines = (...l: string[]) => l.join('\n') + '\n';
const KIND = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4'];
const K3D = ['apiVersion: k3d.io/v1alpha5', 'kind: Simple'];
const ALLOWED = { allowedAddresses: ['10.0.0.5', '192.168.1.10'] };

interface Case {
  what: string;
  kind: 'shell' | 'kubernetes';
  text: string;
  expected: string[][];
  fixed?: string;
  settings?: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    what: 'kubectl --address 10.0.0.5: every host that can reach 10.0.0.5',
    kind: 'shell',
    text: 'kubectl port-forward --address 10.0.0.5 svc/web 8080:80 &\n',
    expected: [['public-bind', 'warning', '8080:80']],
    fixed: 'kubectl port-forward --address 127.0.0.1 svc/web 8080:80 &\n',
  },
  {
    what: 'kubectl on a unique-local IPv6 address is fixed to ::1',
    kind: 'shell',
    text: 'kubectl port-forward --address=fd00::5 deploy/api 9090\n',
    expected: [['public-bind', 'warning', '9090']],
    fixed: 'kubectl port-forward --address=::1 deploy/api 9090\n',
  },
  {
    what: 'kubectl: an allowed address is not reported',
    kind: 'shell',
    text: 'kubectl port-forward --address 10.0.0.5 svc/web 8080:80 &\n',
    expected: [],
    settings: ALLOWED,
  },
  {
    what: 'kubectl: 127.0.0.2 is loopback',
    kind: 'shell',
    text: 'kubectl port-forward --address 127.0.0.2 svc/web 8080:80\n',
    expected: [],
  },
  {
    what: 'kind: the API server on a LAN address is the Kubernetes API for that network',
    kind: 'kubernetes',
    text: lines(...KIND, 'networking:', '  apiServerAddress: "192.168.1.10"', '  apiServerPort: 6443'),
    expected: [['public-bind', 'error', '192.168.1.10']],
    fixed: lines(...KIND, 'networking:', '  apiServerAddress: "127.0.0.1"', '  apiServerPort: 6443'),
  },
  {
    what: 'kind: the API server on an allowed address is not reported',
    kind: 'kubernetes',
    text: lines(...KIND, 'networking:', '  apiServerAddress: 192.168.1.10'),
    expected: [],
    settings: ALLOWED,
  },
  {
    what: "kind: a mapping's listenAddress is Docker's --publish address, one interface as docker run reads it",
    kind: 'kubernetes',
    text: lines(...KIND, 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 30080', '    hostPort: 8080', '    listenAddress: "192.168.1.10"'),
    expected: [],
  },
  {
    what: 'k3d --api-port 192.168.1.10:6443',
    kind: 'shell',
    text: 'k3d cluster create lab --api-port 192.168.1.10:6443 -p "127.0.0.1:8080:80@loadbalancer"\n',
    expected: [['public-bind', 'error', '192.168.1.10:6443']],
    fixed: 'k3d cluster create lab --api-port 127.0.0.1:6443 -p "127.0.0.1:8080:80@loadbalancer"\n',
  },
  {
    what: "k3d -p with an address is Docker's -p: one interface, not reported",
    kind: 'shell',
    text: 'k3d cluster create lab --api-port 127.0.0.1:6443 -p "192.168.1.10:8080:80@loadbalancer"\n',
    expected: [],
  },
  {
    what: 'k3d config kubeAPI.hostIP on a LAN address',
    kind: 'kubernetes',
    text: lines(...K3D, 'kubeAPI:', '  hostIP: "192.168.1.10"', '  hostPort: "6445"'),
    expected: [['public-bind', 'error', '192.168.1.10']],
    fixed: lines(...K3D, 'kubeAPI:', '  hostIP: "127.0.0.1"', '  hostPort: "6445"'),
  },
  {
    what: 'k3d config kubeAPI.hostIP on an allowed address',
    kind: 'kubernetes',
    text: lines(...K3D, 'kubeAPI:', '  hostIP: "192.168.1.10"', '  hostPort: "6445"'),
    expected: [],
    settings: ALLOWED,
  },
  {
    what: 'docker run -p 192.168.1.5:80:80 is one interface the user chose: not reported',
    kind: 'shell',
    text: 'docker run -d -p 192.168.1.5:8080:80 nginx\n',
    expected: [],
  },
];

describe('any address that is not loopback', () => {
  before(() => loadBashGrammar());
  for (const c of CASES) {
    it(c.what, () => {
      const found = check(c.text, c.kind, c.settings).map((f) => [f.rule, f.severity, c.text.slice(f.span.start, f.span.end)]);
      assert.deepEqual(found, c.expected);
      const result = fixEverything(c.text, c.kind, c.settings);
      assert.equal(result, c.fixed ?? c.text);
      assert.equal(fixEverything(result, c.kind, c.settings), result, 'the fix is idempotent');
    });
  }

  it('message and hover name the address and who reaches it', () => {
    const context = ruleContext({ settings: settingsWith() });
    const kubectl = CASES[0].text;
    const [finding] = check(kubectl, 'shell');
    assert.match(finding.message, /^kubectl port-forward listens on 10\.0\.0\.5: every host that can reach 10\.0\.0\.5 reaches port 8080, forwarded to port 80\/tcp of svc\/web\./);
    const hover = hoverAt(extractFacts(kubectl, 'shell'), kubectl.indexOf('8080'), context)!.markdown;
    assert.match(hover, /kubectl listens on 10\.0\.0\.5 and forwards whoever connects to svc\/web: every host that can reach 10\.0\.0\.5/);
    assert.match(hover, /Host side: one network interface: 10\.0\.0\.5 \(every host that can reach that address\)/);
    assert.match(hover, /\*\*Accidental\?\*\*/);

    const kind = CASES[4].text;
    const [api] = check(kind, 'kubernetes');
    assert.match(api.message, /^Published on 192\.168\.1\.10 \(the API server of kind cluster\): every host that can reach 192\.168\.1\.10 reaches port 6443/);
    const apiHover = hoverAt(extractFacts(kind, 'kubernetes'), kind.indexOf('192.168'), context)!.markdown;
    assert.match(apiHover, /every host that can reach that address/);
    assert.match(apiHover, /\*\*Must never be public\*\*/);
  });

  it('the hover of an allowed address gives no class, as there is no finding', () => {
    const context = ruleContext({ settings: settingsWith(ALLOWED) });
    const text = CASES[0].text;
    const hover = hoverAt(extractFacts(text, 'shell'), text.indexOf('8080'), context)!.markdown;
    assert.doesNotMatch(hover, /Accidental|Must never/);
  });
});
