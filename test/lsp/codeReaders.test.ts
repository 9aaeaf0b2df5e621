/**
 * The code and infrastructure readers over the real protocol, one surface at a time: the diagnostic's
 * exact range, the hover, the preferred fix's result, and that the fixed text has nothing left to fix.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { applyLspEdits, LspClient } from '../support/lspClient';

interface Surface {
  name: string;
  uri: string;
  languageId: string;
  text: string;
  /** The text under the public-bind (or host-network) diagnostic. */
  flagged: string;
  /** Where to start looking for `flagged`, when it also appears earlier. */
  after?: string;
  rule: string;
  hover: RegExp;
  /** The text after the preferred fix; undefined when the finding has no fix (host networking). */
  fixed?: string;
}

const SURFACES: Surface[] = [
  {
    name: 'Terraform',
    uri: 'file:///w/infra/main.tf',
    languageId: 'terraform',
    text: 'resource "docker_container" "web" {\n  image = "nginx"\n  ports {\n    internal = 80\n    external = 8080\n  }\n}\n',
    flagged: 'ports',
    rule: 'public-bind',
    hover: /default `0\.0\.0\.0` applies/,
    fixed: 'resource "docker_container" "web" {\n  image = "nginx"\n  ports {\n    internal = 80\n    external = 8080\n    ip       = "127.0.0.1"\n  }\n}\n',
  },
  {
    name: 'Terraform host networking',
    uri: 'file:///w/infra/exporter.tf',
    languageId: 'plaintext',
    text: 'resource "docker_container" "exporter" {\n  network_mode = "host"\n}\n',
    flagged: '"host"',
    rule: 'host-network',
    hover: /Host networking/,
  },
  {
    name: 'docker-py',
    uri: 'file:///w/tests/conftest.py',
    languageId: 'python',
    text: "import docker\n\nPORTS = {'6379/tcp': 6379}\ndocker.from_env().containers.run('redis', ports=PORTS)\n",
    flagged: '6379',
    after: "'6379/tcp': ",
    rule: 'public-bind',
    hover: /docker-py sends an empty HostIp/,
    fixed: "import docker\n\nPORTS = {'6379/tcp': ('127.0.0.1', 6379)}\ndocker.from_env().containers.run('redis', ports=PORTS)\n",
  },
  {
    name: 'dockerode (TypeScript)',
    uri: 'file:///w/src/db.ts',
    languageId: 'typescript',
    text: "import Docker from 'dockerode';\nconst PortBindings = { '5432/tcp': [{ HostPort: '5432' }] };\nnew Docker().createContainer({ Image: 'postgres', HostConfig: { PortBindings } });\n",
    flagged: "{ HostPort: '5432' }",
    rule: 'public-bind',
    hover: /No `HostIp`: Docker binds the port on every interface/,
    fixed: "import Docker from 'dockerode';\nconst PortBindings = { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '5432' }] };\nnew Docker().createContainer({ Image: 'postgres', HostConfig: { PortBindings } });\n",
  },
  {
    name: 'Engine API body (JavaScript)',
    uri: 'file:///w/src/create.js',
    languageId: 'javascript',
    text: 'const body = { Image: "web", HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } } };\nfetch("http://docker:2375/containers/create", { method: "POST", body: JSON.stringify(body) });\n',
    flagged: '""',
    rule: 'public-bind',
    hover: /An empty `HostIp`/,
    fixed: 'const body = { Image: "web", HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] } } };\nfetch("http://docker:2375/containers/create", { method: "POST", body: JSON.stringify(body) });\n',
  },
  {
    name: 'Go',
    uri: 'file:///w/testenv/db.go',
    languageId: 'go',
    text: 'package testenv\n\nimport "github.com/docker/go-connections/nat"\n\nvar Ports = nat.PortMap{\n\t"5432/tcp": []nat.PortBinding{{HostPort: "5432"}},\n}\n',
    flagged: '{HostPort: "5432"}',
    rule: 'public-bind',
    hover: /No `HostIP`: Docker binds the port on every interface/,
    fixed: 'package testenv\n\nimport "github.com/docker/go-connections/nat"\n\nvar Ports = nat.PortMap{\n\t"5432/tcp": []nat.PortBinding{{HostIP: "127.0.0.1", HostPort: "5432"}},\n}\n',
  },
  {
    name: 'Vagrant',
    uri: 'file:///w/vm/Vagrantfile',
    languageId: 'ruby',
    text: 'Vagrant.configure("2") do |config|\n  config.vm.network "forwarded_port", guest: 80, host: 8080\nend\n',
    flagged: 'host: 8080',
    rule: 'public-bind',
    hover: /No `host_ip`: Vagrant forwards the port on every interface/,
    fixed: 'Vagrant.configure("2") do |config|\n  config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: "127.0.0.1"\nend\n',
  },
  {
    name: 'Vagrant public network',
    uri: 'file:///w/vm2/Vagrantfile',
    languageId: 'ruby',
    text: 'Vagrant.configure("2") do |config|\n  config.vm.network "public_network"\nend\n',
    flagged: '"public_network"',
    rule: 'host-network',
    hover: /bridged onto the host's network/,
  },
  {
    name: "Vagrant's Docker provider",
    uri: 'file:///w/vm3/Vagrantfile',
    languageId: 'ruby',
    text: "Vagrant.configure('2') do |config|\n  config.vm.provider 'docker' do |d|\n    d.image = 'nginx:1.27'\n    d.ports = ['8080:80']\n  end\nend\n",
    flagged: '8080:80',
    rule: 'public-bind',
    hover: /Docker provider passes each entry of `ports` to `docker run -p`/,
    fixed: "Vagrant.configure('2') do |config|\n  config.vm.provider 'docker' do |d|\n    d.image = 'nginx:1.27'\n    d.ports = ['127.0.0.1:8080:80']\n  end\nend\n",
  },
  {
    name: "Vagrant's Docker provider, host networking in create_args",
    uri: 'file:///w/vm4/Vagrantfile',
    languageId: 'ruby',
    text: 'Vagrant.configure("2") do |config|\n  config.vm.provider "docker" do |d|\n    d.create_args = ["--network", "host"]\n  end\nend\n',
    flagged: 'host',
    after: '"--network", ',
    rule: 'host-network',
    hover: /The container shares this machine's network stack/,
  },
];

/** Offset → LSP position. */
function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('code and infrastructure readers over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  for (const surface of SURFACES) {
    it(`${surface.name}: range, hover, fix and a fixed text with nothing left to fix`, async () => {
      await client.open(surface.uri, surface.languageId, surface.text);
      const diagnostics = await client.waitForDiagnostics(surface.uri, (p) => p.version === 1);
      const found = diagnostics.filter((d) => d.code === surface.rule);
      assert.equal(found.length, 1, JSON.stringify(diagnostics));
      const start = surface.text.indexOf(surface.flagged, surface.after ? surface.text.indexOf(surface.after) + surface.after.length : 0);
      assert.deepEqual(found[0].range, { start: positionOf(surface.text, start), end: positionOf(surface.text, start + surface.flagged.length) });
      assert.equal(found[0].source, 'docker-port-safety');

      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: surface.uri }, position: found[0].range.start })) as Hover;
      assert.match((hover.contents as { value: string }).value, surface.hover);

      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: surface.uri },
        range: found[0].range,
        context: { diagnostics: [found[0]] },
      })) as CodeAction[];
      const preferred = actions.find((a) => a.isPreferred);
      if (surface.fixed === undefined) {
        assert.equal(preferred, undefined);
        return;
      }
      assert.equal(preferred!.title, 'Bind to 127.0.0.1 (this machine only)');
      const fixed = applyLspEdits(surface.text, preferred!.edit!.changes![surface.uri]);
      assert.equal(fixed, surface.fixed);

      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: surface.uri, version: 2 }, contentChanges: [{ text: fixed }] });
      const after: Diagnostic[] = await client.waitForDiagnostics(surface.uri, (p) => p.version === 2);
      assert.deepEqual(after.filter((d) => d.code === 'public-bind'), []);
      const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: surface.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.dockerPortSafety'] },
      })) as CodeAction[];
      assert.deepEqual(fixAll, [], 'fixing again changes nothing');
    });
  }

  it('a source file that never mentions Docker gets no diagnostics', async () => {
    const uri = 'file:///w/src/plain.py';
    await client.open(uri, 'python', 'def main():\n    return {"80/tcp": 8080}\n');
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(diagnostics, []);
  });
});
