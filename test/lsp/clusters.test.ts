/**
 * The built server over the real protocol, once per cluster surface: kind configs, k3d configs and
 * commands, kubectl port-forward, Kubernetes manifests, and a manifest shown on a page. Each gets
 * its diagnostic on the exact range, a hover, the preferred fix with its exact result, and after
 * the fix no public-bind (the fix is idempotent: nothing is left to fix).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyLspEdits, hoverAndPreferredFix, leftAfterFix, LspClient } from '../support/lspClient';

interface Surface {
  what: string;
  uri: string;
  languageId: string;
  text: string;
  /** The text the diagnostic's range covers. */
  underlined: string;
  hover: RegExp;
  fixed: string;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

const SURFACES: Surface[] = [
  {
    what: 'a kind cluster config opened as yaml',
    uri: 'file:///w/cluster/kind.yaml',
    languageId: 'yaml',
    text: lines('kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080'),
    underlined: '8080',
    hover: /kind's default when `listenAddress` is not set/,
    fixed: lines('kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', '  extraPortMappings:', '  - containerPort: 80', '    hostPort: 8080', '    listenAddress: "127.0.0.1"'),
  },
  {
    what: 'a k3d config file',
    uri: 'file:///w/cluster/k3d-config.yml',
    languageId: 'yaml',
    text: lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'kubeAPI:', '  hostIP: 0.0.0.0', '  hostPort: "6445"'),
    underlined: '0.0.0.0',
    hover: /Kubernetes API/,
    fixed: lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'kubeAPI:', '  hostIP: 127.0.0.1', '  hostPort: "6445"'),
  },
  {
    what: 'k3d cluster create in a script',
    uri: 'file:///w/cluster/up.sh',
    languageId: 'shellscript',
    text: lines('#!/bin/sh', 'k3d cluster create dev -p "8080:80@loadbalancer" --api-port 127.0.0.1:6550'),
    underlined: '8080:80',
    hover: /Node filter `loadbalancer`/,
    fixed: lines('#!/bin/sh', 'k3d cluster create dev -p "127.0.0.1:8080:80@loadbalancer" --api-port 127.0.0.1:6550'),
  },
  {
    what: 'kubectl port-forward in a script',
    uri: 'file:///w/cluster/forward.sh',
    languageId: 'shellscript',
    text: lines('kubectl port-forward --address 0.0.0.0 svc/web 8080:80 &'),
    underlined: '8080:80',
    hover: /kubectl listens on every interface/,
    fixed: lines('kubectl port-forward --address 127.0.0.1 svc/web 8080:80 &'),
  },
  {
    what: 'kubectl port-forward on one LAN address',
    uri: 'file:///w/cluster/forward-lan.sh',
    languageId: 'shellscript',
    text: lines('kubectl port-forward --address 10.0.0.5 svc/grafana 3000:3000 &'),
    underlined: '3000:3000',
    hover: /kubectl listens on 10\.0\.0\.5 and forwards whoever connects to svc\/grafana: every host that can reach 10\.0\.0\.5/,
    fixed: lines('kubectl port-forward --address 127.0.0.1 svc/grafana 3000:3000 &'),
  },
  {
    what: "a kind cluster's API server on a LAN address",
    uri: 'file:///w/cluster/kind-lan.yaml',
    languageId: 'yaml',
    text: lines('kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'name: lab', 'networking:', '  apiServerAddress: 192.168.1.10', '  apiServerPort: 6443'),
    underlined: '192.168.1.10',
    hover: /one network interface: 192\.168\.1\.10 \(every host that can reach that address\)/,
    fixed: lines('kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'name: lab', 'networking:', '  apiServerAddress: 127.0.0.1', '  apiServerPort: 6443'),
  },
  {
    what: "k3d cluster create with the API port on a LAN address",
    uri: 'file:///w/cluster/lab.sh',
    languageId: 'shellscript',
    text: lines('#!/bin/sh', 'k3d cluster create lab --api-port 192.168.1.10:6443'),
    underlined: '192.168.1.10:6443',
    hover: /every host that can reach that address/,
    fixed: lines('#!/bin/sh', 'k3d cluster create lab --api-port 127.0.0.1:6443'),
  },
  {
    what: "a k3d config's kubeAPI.hostIP on a LAN address",
    uri: 'file:///w/cluster/k3d-lab.yaml',
    languageId: 'yaml',
    text: lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'metadata:', '  name: lab', 'kubeAPI:', "  hostIP: '192.168.1.10'", '  hostPort: "6445"'),
    underlined: '192.168.1.10',
    hover: /Must never be public/,
    fixed: lines('apiVersion: k3d.io/v1alpha5', 'kind: Simple', 'metadata:', '  name: lab', 'kubeAPI:', "  hostIP: '127.0.0.1'", '  hostPort: "6445"'),
  },
  {
    what: 'a Deployment with hostPort',
    uri: 'file:///w/cluster/deploy.yaml',
    languageId: 'yaml',
    text: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '      - name: web', '        ports:', '        - containerPort: 80', '          hostPort: 8080'),
    underlined: '8080',
    hover: /every address of the node the pod runs on/,
    fixed: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '      - name: web', '        ports:', '        - containerPort: 80', '          hostPort: 8080', '          hostIP: 127.0.0.1'),
  },
  {
    what: 'a pod shown in a Markdown blockquote',
    uri: 'file:///w/cluster/README.md',
    languageId: 'markdown',
    text: lines('> ```yaml', '> apiVersion: v1', '> kind: Pod', '> spec:', '>   containers:', '>   - name: web', '>     ports:', '>     - containerPort: 80', '>       hostPort: 8080', '> ```'),
    underlined: '8080',
    hover: /Kubernetes: ContainerPort/,
    fixed: lines('> ```yaml', '> apiVersion: v1', '> kind: Pod', '> spec:', '>   containers:', '>   - name: web', '>     ports:', '>     - containerPort: 80', '>       hostPort: 8080', '>       hostIP: 127.0.0.1', '> ```'),
  },
];

function textOf(text: string, range: Diagnostic['range']): string {
  const all = text.split('\n');
  return all[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);
}

describe('language server: cluster surfaces', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  for (const surface of SURFACES) {
    it(`${surface.what}: range, hover, fix, and nothing left after the fix`, async () => {
      await client.open(surface.uri, surface.languageId, surface.text);
      const diagnostics = await client.waitForDiagnostics(surface.uri, (p) => p.version === 1 && p.diagnostics.length > 0);
      const publicBind = diagnostics.filter((d) => d.code === 'public-bind');
      assert.equal(publicBind.length, 1);
      const [diagnostic] = publicBind;
      assert.equal(diagnostic.source, 'docker-port-safety');
      assert.equal(textOf(surface.text, diagnostic.range), surface.underlined);

      const { hover, preferred } = await hoverAndPreferredFix(client, surface.uri, diagnostic);
      assert.match(hover, surface.hover);
      assert.equal(preferred!.title, 'Bind to 127.0.0.1 (this machine only)');
      const fixed = applyLspEdits(surface.text, preferred!.edit!.changes![surface.uri]);
      assert.equal(fixed, surface.fixed);

      const left = await leftAfterFix(client, surface.uri, fixed);
      assert.deepEqual(left.publicBind, []);
      const edits = left.fixAll[0]?.edit?.changes?.[surface.uri] ?? [];
      assert.equal(applyLspEdits(fixed, edits), fixed, 'fix-all after the fix changes nothing');
    });
  }
});
