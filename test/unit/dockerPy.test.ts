/** The Docker SDK for Python: ports= and port_bindings=, followed within the file, with exact spans, hovers and fixes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { hoverAt } from '../../server/src/engine/hover';
import { applyPreferredFix, check, fixEverything, settingsWith, findingsInWords } from '../support/engine';

const FIXTURE = fs.readFileSync('test/fixtures/readers/docker-py/harness.py', 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'docker-py');

describe('docker-py', () => {
  before(() => loadGrammarFor('docker-py'));

  it('is read from .py files and the python language', () => {
    assert.equal(kindFromFileName('/t/conftest.py'), 'docker-py');
    assert.equal(documentKind('/t/conftest.py', 'python'), 'docker-py');
  });

  it('reports every binding of the fixture that listens on every interface, and nothing else', () => {
    assert.deepEqual(findings(FIXTURE), [
      ['public-bind', 'error', '6379'],
      ['public-bind', 'warning', '8080'],
      ['public-bind', 'warning', 'None'],
      ['public-bind', 'warning', '5353'],
      ['public-bind', 'warning', '"0.0.0.0"'],
      ['public-bind', 'warning', 'int(os.environ["METRICS_PORT"])'],
      ['public-bind', 'warning', '8025'],
      ['public-bind', 'warning', "'::'"],
      ['host-network', 'warning', '"host"'],
      ['public-bind', 'error', '{"HostPort": "2375"}'],
      // Its host port serves the web (80 or 443): public by design.
      ['public-bind', 'information', '""'],
    ]);
  });

  it('reads each binding as docker-py sends it', () => {
    assert.deepEqual(extractFacts(FIXTURE, 'docker-py').publishes.map((p) => p.written), [
      '6379:6379/tcp', '8080:80/tcp', '127.0.0.1:8443:443/tcp', ':8081/tcp', '5353:53/udp', '0.0.0.0:5354:53/udp', '…:9001/tcp',
      '127.0.0.1::5432/tcp', '8025:8025/tcp', '[::]:1025:1025/tcp', '2375:2375/tcp', '80:80/tcp',
    ]);
  });

  const cases: [string, string, string][] = [
    ['a port alone becomes the address form, in the file\'s quotes',
      lines("client.containers.run('nginx', ports={'80/tcp': 8080})"),
      lines("client.containers.run('nginx', ports={'80/tcp': ('127.0.0.1', 8080)})")],
    ['None keeps its random port',
      lines('client.containers.run("nginx", ports={80: None})'),
      lines('client.containers.run("nginx", ports={80: ("127.0.0.1", None)})')],
    ['a one-element tuple gets its address',
      lines('api.create_host_config(port_bindings={80: (8080,)})'),
      lines('api.create_host_config(port_bindings={80: ("127.0.0.1", 8080)})')],
    ['a written wildcard is replaced inside its quotes',
      lines("api.create_host_config(port_bindings={80: ('0.0.0.0', 8080)})"),
      lines("api.create_host_config(port_bindings={80: ('127.0.0.1', 8080)})")],
    ['a list binds each element',
      lines('client.containers.run("x", ports={"80/tcp": [8080, 8081]})'),
      lines('client.containers.run("x", ports={"80/tcp": [("127.0.0.1", 8080), ("127.0.0.1", 8081)]})')],
    ['a mapping made before the call is fixed where it is written',
      lines('PORTS = {"80/tcp": 8080}', 'client.containers.run("x", ports=PORTS)'),
      lines('PORTS = {"80/tcp": ("127.0.0.1", 8080)}', 'client.containers.run("x", ports=PORTS)')],
    ['an attribute holding the mapping',
      lines('class Env:', '    def __init__(self):', '        self.ports = {"80/tcp": 8080}', '    def up(self):', '        self.client.containers.run("x", ports=self.ports)'),
      lines('class Env:', '    def __init__(self):', '        self.ports = {"80/tcp": ("127.0.0.1", 8080)}', '    def up(self):', '        self.client.containers.run("x", ports=self.ports)')],
    ['an Engine API dict gets HostIp in its own quotes',
      lines("api.create_host_config(port_bindings={'80': {'HostPort': '8080'}})"),
      lines("api.create_host_config(port_bindings={'80': {'HostIp': '127.0.0.1', 'HostPort': '8080'}})")],
    ['an IPv6 wildcard becomes IPv6 loopback',
      lines('client.containers.run("x", ports={"80/tcp": ("::", 8080)})'),
      lines('client.containers.run("x", ports={"80/tcp": ("::1", 8080)})')],
  ];
  for (const [what, call, fixedCall] of cases) {
    it(`fix: ${what}`, () => {
      const text = `import docker\n${call}`;
      const fixed = `import docker\n${fixedCall}`;
      const found = check(text, 'docker-py');
      assert.ok(found.length > 0);
      assert.equal(fixEverything(text, 'docker-py'), fixed);
      assert.equal(applyPreferredFix(text, found[0]).length > text.length - 8, true);
      assert.deepEqual(check(fixed, 'docker-py'), []);
      assert.equal(fixEverything(fixed, 'docker-py'), fixed);
    });
  }

  const silent: [string, string][] = [
    ['loopback, one interface', lines('import docker', 'client.containers.run("x", ports={80: ("127.0.0.1", 80), 81: ("10.0.0.2", 81)})')],
    ['create_container(ports=[…]), which only declares ports', lines('import docker', 'api.create_container("x", ports=[80, 443])')],
    ['a value of unknown shape (a parameter): explained, not guessed', lines('import docker', 'def up(binding):', '    client.containers.run("x", ports={"80/tcp": binding})')],
    ['a mapping passed in', lines('import docker', 'def up(ports):', '    client.containers.run("x", ports=ports)')],
    ['options passed with **', lines('import docker', 'client.containers.run("x", **opts)')],
    ['other run() calls', lines('import docker', 'subprocess.run(["docker", "run"], ports={80: 80})', 'loop.run(ports={80: 80})')],
    ['a call whose keyword arguments come from elsewhere', lines('import docker', 'client.containers.run("x", **{"ports": {80: 80}})')],
  ];
  for (const [what, text] of silent) {
    it(`does not report ${what}`, () => assert.deepEqual(findings(text), []));
  }

  it('explains what it cannot read, and the defaults it applies, in the hover', () => {
    const context = ruleContext({ settings: settingsWith() });
    const facts = extractFacts(FIXTURE, 'docker-py');
    const at = (needle: string, skip = 0) => hoverAt(facts, FIXTURE.indexOf(needle) + skip, context)?.markdown ?? '';
    assert.match(at('"9000/tcp": port', 12), /The host side is `port`, which this file does not show/);
    assert.match(at('**options'), /not read here/);
    assert.match(at('"80/tcp": 8080', 10), /docker-py sends an empty HostIp/);
    assert.match(at('"80/tcp": 8080', 10), /docker-py\.readthedocs\.io/);
    assert.match(at('int(os.environ'), /Host port: a port set by a variable/);
  });

  it('host networking discards the bindings of the same call', () => {
    const text = lines('import docker', 'client.containers.run("x", network_mode="host", ports={80: 80})');
    assert.deepEqual(findings(text), [['host-network', 'warning', '"host"']]);
  });
});
