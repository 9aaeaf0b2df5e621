/**
 * Bad input never hurts: any text gives findings or nothing, ranges stay inside the document,
 * fixes are idempotent and keep what they do not fix; hostile documents finish in bounded time.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, extractFacts, fixAll } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import type { DocumentKind } from '../../server/src/engine/model';
import { settingsWith } from '../support/engine';

const CODE_KINDS: DocumentKind[] = ['terraform', 'docker-py', 'engine-api-js', 'engine-api-go', 'vagrant'];
const KINDS: DocumentKind[] = ['dockerfile', 'compose', 'shell', 'markdown', 'workflow', 'devcontainer', 'quadlet', 'ansible', 'kubernetes', ...CODE_KINDS];
const settings = settingsWith();

/** Text with the characters and words that matter to the readers, mixed with anything at all. */
const nastyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('docker run -p ', '8080:80', ' -P', '--network host', '"', "'", '\\\n', '\n', '\r\n', '${', '}', '$(', ')', '<<EOF\n', 'EOF\n',
        'services:\n  a:\n    ports:\n      - ', '[', ']', '{', '}', '&a ', '*a', '<<: *a\n', 'EXPOSE ', 'FROM x\n', 'ARG P=1\n', '```sh\n', '```\n', '$ ',
        'jobs:\n  t:\n    steps:\n      - run: ', '{"runArgs": ["-p", "', '# docker-port-safety ignore\n', '[Container]\n', 'PublishPort=', 'Network=host\n', '- docker_container:\n    published_ports:\n      - ', '{{ p }}',
        '~~~\n', '> ', '    ', '```yaml\n', 'PS> ', ' `\n', ' ^\n', '<port>', '\uD83D\uDE00', '\u0000', '\uFFFD', '\uD800', '0.0.0.0:', '[::]:', ':::',
        'apiVersion: v1\nkind: Pod\n', 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n', 'apiVersion: k3d.io/v1alpha5\nkind: Simple\n', '---\n', 'spec:\n  containers:\n  - ports:\n    - ',
        'hostPort: 80', 'hostIP: ', 'containerPort: 80', 'hostNetwork: true\n', 'nodes:\n- extraPortMappings:\n  - ', 'listenAddress: ', 'networking:\n  apiServerAddress: ', 'kubeAPI:\n  ',
        'ports:\n  - port: ', 'kubectl port-forward --address ', ' svc/a ', 'k3d cluster create ', '--api-port ', '@loadbalancer',
        // The code readers: Terraform, docker-py, the Engine API from JavaScript/TypeScript and Go, Vagrant.
        'resource "docker_container" "a" {\n', 'ports {', 'ports { internal = 80 }', 'internal = ', 'external = ', 'ip = "', 'network_mode = "host"\n', 'dynamic "ports" {', 'content {',
        'import docker\n', 'client.containers.run("x", ', 'ports={', '"80/tcp": ', '8080', 'None', '("127.0.0.1", ', '(', ',)', 'api.create_host_config(port_bindings=', '**kw', 'P = {', 'P["1"] = 2\n',
        'PortBindings: {', '{ PortBindings }', '[{ HostPort: "8080" }]', 'HostIp: ""', '"HostIp": ', '...x', '`${p}/tcp`', 'x.PortBindings = ', 'NetworkMode: "host"',
        'import "github.com/docker/go-connections/nat"\n', 'nat.PortMap{', '[]nat.PortBinding{', '{HostPort: "80"}', 'HostIP: ', 'nat.Port("80/tcp"): ', 'b["80/tcp"] = ',
        'config.vm.network "forwarded_port", ', 'guest: 80, ', 'host: 8080', ', host_ip: "', ':host => ', '"public_network"', ' do |c|\n', 'end\n'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function checkRanges(text: string, kind: DocumentKind): void {
  const { findings } = analyze(text, kind, { settings });
  for (const finding of findings) {
    assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= text.length, `${kind}: ${JSON.stringify(finding.span)} outside ${text.length}`);
    for (const fix of finding.fixes) for (const edit of fix.edits) assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${kind}: fix ${JSON.stringify(edit)}`);
  }
}

function checkTotal(text: string, kind: DocumentKind): void {
  checkRanges(text, kind);
  const once = fixAll(text, kind, { settings }).text;
  assert.equal(fixAll(once, kind, { settings }).text, once, `${kind}: fixing twice changed the text`);
}

describe('robustness', () => {
  before(() => Promise.all([loadBashGrammar(), ...CODE_KINDS.map(loadGrammarFor)]));

  for (const kind of KINDS) {
    it(`${kind}: any text gives findings or nothing, inside the document, with idempotent fixes`, () => {
      fc.assert(fc.property(nastyText, (text) => checkTotal(text, kind)), { numRuns: 300, seed: KINDS.indexOf(kind) + 10 });
    });
  }

  const spec = fc.tuple(
    fc.constantFrom('', '0.0.0.0:', '[::]:', '::', '127.0.0.1:', '10.0.0.1:'),
    fc.constantFrom('', '8080', '3456', '8000-8001', '0'),
    fc.constantFrom('80', '3000', '5432', '80-81', '22'),
    fc.constantFrom('', '/tcp', '/udp', '/sctp'),
  ).map(([ip, host, container, protocol]) => (ip === '' && host === '' ? `${container}${protocol}` : `${ip}${ip === '::' ? ':' : ''}${host}:${container}${protocol}`).replace(/^:(?=\d)/, ''));

  it('a fixed spec keeps its container port, protocol and host port, and reads as loopback (shell and compose)', () => {
    fc.assert(
      fc.property(spec, fc.constantFrom<DocumentKind>('shell', 'compose'), fc.constantFrom('"', "'", ''), (value, kind, quote) => {
        const text = kind === 'shell' ? `docker run -p ${quote}${value}${quote} img\n` : `services:\n  a:\n    ports:\n      - ${quote}${value}${quote}\n`;
        const before_ = extractFacts(text, kind).publishes;
        if (before_.length !== 1 || !before_[0].reading.ok) return;
        const fixed = fixAll(text, kind, { settings }).text;
        const after = extractFacts(fixed, kind).publishes;
        assert.equal(after.length, 1);
        assert.ok(after[0].reading.ok, fixed);
        const [a, b] = [before_[0].reading.spec, after[0].reading.spec];
        assert.deepEqual([b.containerPorts, b.protocol, b.hostPorts], [a.containerPorts, a.protocol, a.hostPorts], fixed);
        const publicBefore = a.hostIp === '' || a.hostIp === '0.0.0.0' || a.hostIp === '::';
        if (publicBefore) assert.ok(b.hostIp === '127.0.0.1' || b.hostIp === '::1', `${text} → ${fixed}`);
        else assert.equal(b.hostIp, a.hostIp, 'a spec that was not public keeps its address');
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  const hostile: [string, DocumentKind, () => string][] = [
    ['a 2 MB single line', 'shell', () => 'docker run ' + '-e A=1 '.repeat(2 * 1024 * 1024 / 7) + ' img\n'],
    ['a 2 MB single line of YAML', 'compose', () => 'services: {a: {ports: ["' + '1'.repeat(2 * 1024 * 1024) + '"]}}\n'],
    ['20,000 repeated -p flags', 'shell', () => 'docker run ' + '-p 8080:80 '.repeat(20000) + 'img\n'],
    ['5,000 nested brackets (shell)', 'shell', () => '$('.repeat(5000) + 'docker run -p 1:1 x' + ')'.repeat(5000) + '\n'],
    ['5,000 nested brackets (YAML)', 'compose', () => 'services: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n'],
    ['5,000 nested brackets (JSON)', 'devcontainer', () => '{"runArgs": ' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
    ['a YAML alias bomb', 'compose', () => {
      const lines = ['x-0: &a0 ["1:1", "2:2"]'];
      for (let i = 1; i < 30; i++) lines.push(`x-${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
      lines.push('services:', '  a:', '    <<: *a29', '    ports: *a29', '  b:', '    ports: [*a29, *a29]');
      return lines.join('\n') + '\n';
    }],
    ['100,000 defaults inside defaults (Compose)', 'compose', () => 'services:\n  a:\n    ports:\n      - "' + '${A:-'.repeat(100000) + '80' + '}'.repeat(100000) + ':80"\n'],
    ['100,000 defaults inside defaults (Dockerfile)', 'dockerfile', () => 'FROM x\nEXPOSE ' + '${A:-'.repeat(100000) + '80' + '}'.repeat(100000) + '\n'],
    ['a YAML merge-key chain', 'compose', () => {
      const lines = ['x-0: &m0 {ports: ["8080:80"]}'];
      for (let i = 1; i < 200; i++) lines.push(`x-${i}: &m${i} {<<: *m${i - 1}}`);
      lines.push('services:', '  a:', '    <<: *m199');
      return lines.join('\n') + '\n';
    }],
    ['binary bytes', 'shell', () => Buffer.from(Array.from({ length: 200000 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['invalid UTF-8 decoded', 'compose', () => Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, ...Buffer.from('\nservices:\n  a:\n    ports: ["80:80"]\n')]).toString('utf8')],
    ['a 10,000-line heredoc', 'shell', () => 'cat <<EOF\n' + 'docker run -p 1:1 x\n'.repeat(10000) + 'EOF\ndocker run -p 2:2 y\n'],
    ['a 10,000-line unterminated string', 'shell', () => 'echo "\n' + 'docker run -p 1:1 x\n'.repeat(10000)],
    ['a Dockerfile of 20,000 continuation lines', 'dockerfile', () => 'FROM x\nRUN a \\\n' + '  b \\\n'.repeat(20000) + '  c\nEXPOSE 22\n'],
    ['a million backslashes before a blank line', 'shell', () => 'docker run -p 1:1 x ' + '\\'.repeat(1_000_001) + '\n\n'],
    ['100,000 continuations each before a blank line', 'shell', () => 'docker run -p 1:1 x \\\n \n'.repeat(100_000)],
    ['a Markdown fence that never closes', 'markdown', () => '```sh\n' + 'docker run -p 1:1 x\n'.repeat(5000)],
    ['5,000 nested blockquotes', 'markdown', () => '> '.repeat(5000) + '```\ndocker run -p 1:1 x\n```\n'],
    ['a 10 MB line in a Markdown page', 'markdown', () => '```\ndocker run -p 1:1 ' + 'x'.repeat(10_000_000) + '\n```\n'],
    ['a Quadlet value continued over 20,000 lines', 'quadlet', () => '[Container]\nPublishPort=80 \\\n' + ' \\\n'.repeat(20000) + '\n'],
    ['an Ansible play of 5,000 container tasks', 'ansible', () => '- hosts: all\n  tasks:\n' + '    - docker_container:\n        published_ports: ["8080:80"]\n'.repeat(5000)],
    ['5,000 manifests with hostPort in one file', 'kubernetes', () => 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - ports:\n    - {containerPort: 80, hostPort: 80}\n---\n'.repeat(5000)],
    ['a kind config with 20,000 port mappings', 'kubernetes', () => 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraPortMappings:\n' + '  - containerPort: 80\n    hostPort: 8080\n'.repeat(20000)],
    ['5,000 nested pod templates', 'kubernetes', () => 'apiVersion: v1\nkind: X\n' + Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:\n`).join('') + `${' '.repeat(5000)}containers: [{ports: [{hostPort: 1}]}]\n`],
    ['5,000 nested brackets (manifest)', 'kubernetes', () => 'apiVersion: v1\nkind: Pod\nspec: ' + '['.repeat(5000) + ']'.repeat(5000) + '\nhostPort: 1\n'],
    ['a 10 MB hostIP', 'kubernetes', () => 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - ports:\n    - {hostPort: 80, hostIP: "' + '1'.repeat(10_000_000) + '"}\n'],
    ['a kubectl port-forward with 20,000 ports', 'shell', () => 'kubectl port-forward --address 0.0.0.0 svc/a ' + '8080:80 '.repeat(20000) + '\n'],
    ['a k3d cluster create with 20,000 -p flags', 'shell', () => 'k3d cluster create a ' + '-p 8080:80@loadbalancer '.repeat(20000) + '\n'],
    ['a page of 2,000 manifests', 'markdown', () => '```yaml\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - ports:\n    - containerPort: 80\n      hostPort: 80\n```\n'.repeat(2000)],
    ['Terraform: 5,000 containers with two ports blocks each', 'terraform', () => 'resource "docker_container" "a" {\n  ports {\n    internal = 80\n  }\n  ports { internal = 81 }\n}\n'.repeat(5000)],
    ['Terraform: 5,000 nested blocks', 'terraform', () => 'resource "docker_container" "a" {\n' + 'ports {\n'.repeat(5000) + '}\n'.repeat(5001)],
    ['docker-py: 20,000 entries of one mapping, then 2,000 calls passing it', 'docker-py', () => 'import docker\nP = {' + Array.from({ length: 20000 }, (_, i) => `${i}: ${i}`).join(', ') + '}\n' + 'c.containers.run("x", ports=P)\n'.repeat(2000)],
    ['docker-py: 2,000 item assignments before 2,000 calls', 'docker-py', () => 'import docker\nP = {}\n' + 'P["80/tcp"] = 8080\n'.repeat(2000) + 'c.containers.run("x", ports=P)\n'.repeat(2000)],
    ['docker-py: 3,000 nested calls', 'docker-py', () => 'import docker\n' + 'c.containers.run("x", ports={80: 80}, y='.repeat(3000) + '1' + ')'.repeat(3000) + '\n'],
    ['JavaScript: 5,000 nested objects', 'engine-api-js', () => '// docker\nconst a = ' + '{ PortBindings: '.repeat(5000) + '{}' + ' }'.repeat(5000) + ';\n'],
    ['TypeScript: 20,000 bindings on one 1 MB line', 'engine-api-js', () => '// docker\nconst b = { PortBindings: { "80/tcp": [' + '{ HostPort: "8080" },'.repeat(20000) + '] } };\n'],
    ['Go: 20,000 bindings in one map', 'engine-api-go', () => 'package a\nimport "github.com/docker/go-connections/nat"\nvar p = nat.PortMap{\n' + Array.from({ length: 20000 }, (_, i) => `\t"${i % 65535}/tcp": {{HostPort: "80"}},\n`).join('') + '}\n'],
    ['Vagrant: 10,000 forwarded ports', 'vagrant', () => 'Vagrant.configure("2") do |config|\n' + '  config.vm.network "forwarded_port", guest: 80, host: 8080\n'.repeat(10000) + 'end\n'],
    ['Vagrant: a 10 MB line', 'vagrant', () => 'config.vm.network "forwarded_port", guest: 80, host: 8080, x: "' + 'x'.repeat(10_000_000) + '"\n'],
  ];
  for (const [name, kind, make] of hostile) {
    it(`finishes on ${name}`, { timeout: 60000 }, (t) => {
      const text = make();
      const started = performance.now();
      checkRanges(text, kind);
      t.diagnostic(`${name}: ${(text.length / 1024).toFixed(0)} KiB checked in ${(performance.now() - started).toFixed(0)} ms`);
    });
  }

  it('expected readings from the cluster documents that still mean something', () => {
    assert.equal(extractFacts('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - ports:\n    - {containerPort: 80, hostPort: 80}\n---\n'.repeat(50), 'kubernetes').publishes.length, 50);
    assert.equal(extractFacts('kubectl port-forward --address 0.0.0.0 svc/a ' + '8080:80 '.repeat(100) + '\n', 'shell').publishes.length, 100);
    assert.equal(extractFacts('k3d cluster create a --api-port 127.0.0.1:1 ' + '-p 8080:80@loadbalancer '.repeat(100) + '\n', 'shell').publishes.length, 101);
  });

  const mapping = fc.tuple(
    fc.constantFrom('', 'listenAddress: "0.0.0.0"', "listenAddress: '::'", 'listenAddress: 127.0.0.1', 'listenAddress: 10.0.0.1'),
    fc.constantFrom('', 'hostPort: 8080', 'hostPort: 0'),
    fc.constantFrom('containerPort: 80', 'containerPort: 5432'),
    fc.constantFrom('', 'protocol: UDP', 'protocol: TCP'),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n'),
  );
  it('a fixed kind mapping or pod port keeps its ports and protocol, and reads as loopback', () => {
    fc.assert(
      fc.property(mapping, fc.boolean(), ([address, host, container, protocol, flow, eol], pod) => {
        const keys = [container, host, pod ? address.replace('listenAddress', 'hostIP') : address, protocol].filter((k) => k !== '');
        const item = flow ? `- {${keys.join(', ')}}` : keys.map((k, i) => `${i === 0 ? '- ' : '  '}${k}`).join(eol + '      ');
        const head = pod ? ['apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '  - name: a', '    ports:'] : ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', '  extraPortMappings:'];
        const text = [...head, `    ${item}`].join(eol) + eol;
        const before_ = extractFacts(text, 'kubernetes').publishes;
        const fixed = fixAll(text, 'kubernetes', { settings }).text;
        assert.equal(fixAll(fixed, 'kubernetes', { settings }).text, fixed);
        const after = extractFacts(fixed, 'kubernetes').publishes;
        assert.equal(after.length, before_.length, fixed);
        for (const [i, b] of after.entries()) {
          const a = before_[i];
          if (!a.reading.ok || !b.reading.ok) continue;
          assert.deepEqual([b.reading.spec.containerPorts, b.reading.spec.protocol, b.reading.spec.hostPorts], [a.reading.spec.containerPorts, a.reading.spec.protocol, a.reading.spec.hostPorts], fixed);
          const spec = a.reading.spec;
          if (spec.hostIp === '' || spec.hostIp === '0.0.0.0' || spec.hostIp === '::') assert.ok(b.reading.spec.hostIp === '127.0.0.1' || b.reading.spec.hostIp === '::1', `${text} → ${fixed}`);
          else assert.equal(b.reading.spec.hostIp, spec.hostIp);
        }
        assert.equal(fixed.includes('\r\n'), eol === '\r\n');
      }),
      { numRuns: 400, seed: 27 },
    );
  });

  it('expected readings from the hostile documents that still mean something', () => {
    assert.equal(extractFacts('cat <<EOF\n' + 'docker run -p 1:1 x\n'.repeat(100) + 'EOF\ndocker run -p 2:2 y\n', 'shell').publishes.map((p) => p.written).join(), '2:2');
    assert.equal(extractFacts('docker run ' + '-p 8080:80 '.repeat(20000) + 'img\n', 'shell').publishes.length, 20000);
    const chain = ['x-0: &m0 {ports: ["8080:80"]}'];
    for (let i = 1; i < 10; i++) chain.push(`x-${i}: &m${i} {<<: *m${i - 1}}`);
    chain.push('services:', '  a:', '    <<: *m9');
    assert.deepEqual(extractFacts(chain.join('\n') + '\n', 'compose').publishes.map((p) => p.written), ['8080:80']);
  });
});
