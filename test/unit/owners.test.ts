/** Owners are fields read from the file; messages, hovers and the port map are built from them. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts } from '../../server/src/engine/analyze';
import { describeOwner } from '../../server/src/engine/describe';
import type { DocumentKind, Owner } from '../../server/src/engine/model';
import { sameOwner } from '../../server/src/engine/model';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { check } from '../support/engine';

const CASES: { name: string; kind: DocumentKind; text: string; owner: Owner; words: string }[] = [
  { name: 'a Compose service, with its image', kind: 'compose', text: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n', owner: { kind: 'compose-service', name: 'web', image: 'nginx:1.27' }, words: 'service "web"' },
  { name: 'a Compose service built here', kind: 'compose', text: 'services:\n  api:\n    build: .\n    ports:\n      - target: 3000\n        published: 3000\n', owner: { kind: 'compose-service', name: 'api' }, words: 'service "api"' },
  { name: "docker run: the container's image", kind: 'shell', text: 'docker run -d --name web -p 8080:80 nginx:1.27\n', owner: { kind: 'container', image: 'nginx:1.27' }, words: 'container nginx:1.27' },
  { name: 'an image set in part by a variable', kind: 'shell', text: 'docker run -p 8080:80 nginx:$TAG\n', owner: { kind: 'container', image: 'nginx:…' }, words: 'container nginx:…' },
  { name: 'podman pod create', kind: 'shell', text: 'podman pod create -p 8080:80 mypod\n', owner: { kind: 'pod', image: 'mypod' }, words: 'pod mypod' },
  { name: 'docker service create (Swarm)', kind: 'shell', text: 'docker service create --publish 8080:80 nginx\n', owner: { kind: 'swarm-service', image: 'nginx' }, words: 'service nginx' },
  { name: "docker compose run: the service", kind: 'shell', text: 'docker compose run -p 8080:80 web\n', owner: { kind: 'compose-run', name: 'web' }, words: 'service web' },
  { name: "an Ansible task: the container's name and image", kind: 'ansible', text: '- community.docker.docker_container:\n    name: web\n    image: nginx\n    published_ports:\n      - "8080:80"\n', owner: { kind: 'container', name: 'web', image: 'nginx' }, words: 'container web' },
  { name: 'an Ansible task without a container name: its image', kind: 'ansible', text: '- hosts: games\n  tasks:\n    - containers.podman.podman_container:\n        image: docker.io/itzg/mc-router:latest\n        publish:\n          - "25566:25565"\n', owner: { kind: 'container', image: 'docker.io/itzg/mc-router:latest' }, words: 'container docker.io/itzg/mc-router:latest' },
  { name: "a dev container's appPort: its image", kind: 'devcontainer', text: '{ "image": "node:20", "appPort": "8080:80" }\n', owner: { kind: 'container', image: 'node:20' }, words: 'container node:20' },
  { name: "a dev container's runArgs: the same image", kind: 'devcontainer', text: '{ "image": "node:20", "runArgs": ["-p", "8080:80"] }\n', owner: { kind: 'container', image: 'node:20' }, words: 'container node:20' },
  { name: 'a GitHub Actions service container', kind: 'workflow', text: 'jobs:\n  t:\n    runs-on: self-hosted\n    services:\n      db:\n        image: postgres:16\n        ports: ["5432:5432"]\n', owner: { kind: 'actions-service', name: 'db', image: 'postgres:16' }, words: 'service container "db"' },
  { name: "a GitHub Actions job's own container", kind: 'workflow', text: 'jobs:\n  t:\n    runs-on: self-hosted\n    container:\n      image: node:20\n      ports: [3000]\n', owner: { kind: 'actions-job-container', name: 't', image: 'node:20' }, words: 'job container of "t"' },
  { name: "VS Code's forwarding", kind: 'vscode-settings', text: '{ "remote.localPortHost": "allInterfaces" }\n', owner: { kind: 'vscode-forwarding', name: 'VS Code port forwarding' }, words: 'VS Code port forwarding' },
  { name: "a Kubernetes workload: its kind and name, the container's image", kind: 'kubernetes', text: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: edge\nspec:\n  template:\n    spec:\n      containers:\n      - name: proxy\n        image: nginx:1.27\n        ports: [{containerPort: 80, hostPort: 80}]\n', owner: { kind: 'kubernetes-pod', name: 'DaemonSet/edge', image: 'nginx:1.27' }, words: 'the pod of DaemonSet/edge' },
  { name: 'kubectl port-forward: the resource', kind: 'shell', text: 'kubectl port-forward --address 0.0.0.0 svc/web 8080:80\n', owner: { kind: 'kubectl-forward', name: 'svc/web' }, words: 'kubectl port-forward to svc/web' },
  { name: "a kind cluster's mapping: the cluster's name", kind: 'kind', text: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: shop\nnodes:\n- role: control-plane\n  extraPortMappings: [{containerPort: 80, hostPort: 80}]\n', owner: { kind: 'kind-cluster', name: 'shop' }, words: 'kind cluster shop' },
  { name: "kind's API server, a cluster without a name", kind: 'kind', text: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  apiServerAddress: 0.0.0.0\n', owner: { kind: 'kind-api-server' }, words: 'the API server of kind cluster' },
  { name: "k3d cluster create -p: the cluster's name", kind: 'shell', text: 'k3d cluster create dev --api-port 127.0.0.1:6550 -p 8080:80@loadbalancer\n', owner: { kind: 'k3d-cluster', name: 'dev' }, words: 'k3d cluster dev' },
  { name: "a k3d config's port: the cluster's name", kind: 'k3d', text: 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nmetadata:\n  name: dev\nports:\n  - port: 8080:80\n', owner: { kind: 'k3d-api-server', name: 'dev' }, words: 'the API server of k3d cluster dev' },
];

describe('owners', () => {
  before(() => loadBashGrammar());

  for (const c of CASES) {
    it(c.name, () => {
      const [publish] = extractFacts(c.text, c.kind, {}).publishes;
      assert.deepEqual(publish.owner, c.owner);
      assert.equal(describeOwner(publish.owner!), c.words);
    });
  }

  it("an Ansible task without a container name: the image still decides the server role", () => {
    const text = '- name: Route Minecraft\n  community.docker.docker_container:\n    image: itzg/mc-router\n    restart_policy: unless-stopped\n    published_ports:\n      - "25565:25565"\n      - "25564:25564"\n';
    assert.deepEqual(check(text, 'ansible').map((f) => [f.severity, f.publicClass, text.slice(f.span.start, f.span.end)]), [
      ['information', 'by-design', '25565:25565'],
      ['warning', 'accidental', '25564:25564'],
    ]);
    assert.match(check(text, 'ansible')[0].message, /mc-router/);
  });

  it('-P names the image, with parts set by variables as …', () => {
    const [finding] = check('docker run -P nginx:$TAG\n', 'shell').filter((f) => f.rule === 'publish-all');
    assert.match(finding.message, /the image nginx:… exposes/);
    assert.doesNotMatch(finding.message, /\uE000/);
  });

  it('host networking is worded from the owner', () => {
    const [finding] = check('docker run --network host nginx:1.27\n', 'shell').filter((f) => f.rule === 'host-network');
    assert.match(finding.message, /every port container nginx:1\.27 listens on/);
  });

  it('the same service is one owner whatever else is known about it; a command and a Compose service never are', () => {
    assert.ok(sameOwner({ kind: 'compose-service', name: 'web', image: 'nginx' }, { kind: 'compose-service', name: 'web' }));
    assert.ok(!sameOwner({ kind: 'compose-service', name: 'web' }, { kind: 'compose-run', name: 'web' }));
    assert.ok(!sameOwner({ kind: 'container', image: 'nginx' }, { kind: 'container', image: 'httpd' }));
    assert.ok(!sameOwner(undefined, undefined));
  });
});
