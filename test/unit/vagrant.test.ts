/** Vagrantfiles: forwarded ports and public networks, with exact spans, hovers and fixes in the file's own style. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, kindFromFileName, mayHoldSurface } from '../../server/src/engine/readers/documentKind';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { hoverAt } from '../../server/src/engine/hover';
import { fixEverything, settingsWith, findingsInWords, itFixesTheOneFinding } from '../support/engine';

const FIXTURE = fs.readFileSync('test/fixtures/readers/vagrant/Vagrantfile', 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'vagrant');
const configure = (...body: string[]) => lines('Vagrant.configure("2") do |config|', ...body.map((l) => `  ${l}`), 'end');

/** Each text has no finding of `rule` (of any rule when not given). */
function itReportsNothing(silent: [what: string, text: string][], rule?: string): void {
  for (const [what, text] of silent) {
    it(`does not report ${what}`, () => assert.deepEqual(findings(text).filter(([r]) => rule === undefined || r === rule), []));
  }
}

describe('Vagrant', () => {
  before(() => loadGrammarFor('vagrant'));

  it('is read from files named Vagrantfile only', () => {
    assert.equal(kindFromFileName('/vm/Vagrantfile'), 'vagrant');
    assert.equal(documentKind('/vm/Vagrantfile', 'ruby'), 'vagrant');
    assert.equal(documentKind('/app/models/user.rb', 'ruby'), undefined);
    assert.equal(kindFromFileName('/app/models/user.rb'), undefined);
  });

  it('reports every forwarded port without an address and the public network, and nothing else', () => {
    assert.deepEqual(findings(FIXTURE), [
      ['public-bind', 'warning', 'host: 8080'],
      ['public-bind', 'error', ':host => 15432'],
      ['public-bind', 'warning', "'0.0.0.0'"],
      ['public-bind', 'warning', 'host: 5353'],
      ['host-network', 'warning', '"public_network"'],
      ['public-bind', 'warning', 'host: 3000 + i'],
    ]);
  });

  it('reads each forwarded port as Vagrant passes it on', () => {
    assert.deepEqual(extractFacts(FIXTURE, 'vagrant').publishes.map((p) => p.written), [
      '0.0.0.0:8080:80/tcp', '127.0.0.1:8443:443/tcp', '0.0.0.0:15432:5432/tcp', '0.0.0.0:9090:9090/tcp', '0.0.0.0:5353:53/udp',
      '0.0.0.0:…:3000/tcp', '…:…:3001/tcp',
    ]);
  });

  const cases: [string, string, string][] = [
    ['adds host_ip after host:, in the file\'s quotes',
      configure("config.vm.network 'forwarded_port', guest: 80, host: 8080"),
      configure("config.vm.network 'forwarded_port', guest: 80, host: 8080, host_ip: '127.0.0.1'")],
    ['keeps hash rockets',
      configure('config.vm.network :forwarded_port, :guest => 80, :host => 8080, :auto_correct => true'),
      configure('config.vm.network :forwarded_port, :guest => 80, :host => 8080, :host_ip => "127.0.0.1", :auto_correct => true')],
    ['keeps parentheses and a trailing comment',
      configure('config.vm.network("forwarded_port", guest: 80, host: 8080) # web'),
      configure('config.vm.network("forwarded_port", guest: 80, host: 8080, host_ip: "127.0.0.1") # web')],
    ['replaces a written wildcard inside its quotes',
      configure('config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: "0.0.0.0"'),
      configure('config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: "127.0.0.1"')],
    ['keeps CRLF line ends',
      configure('config.vm.network "forwarded_port", guest: 80, host: 8080').replace(/\n/g, '\r\n'),
      configure('config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: "127.0.0.1"').replace(/\n/g, '\r\n')],
  ];
  itFixesTheOneFinding('vagrant', cases);

  it('fixes the whole fixture: only the public network is left, and fixing again changes nothing', () => {
    const fixed = fixEverything(FIXTURE, 'vagrant');
    assert.deepEqual(findings(fixed).map(([rule]) => rule), ['host-network']);
    assert.equal(fixEverything(fixed, 'vagrant'), fixed);
  });

  const silent: [string, string][] = [
    ['loopback and private networks', configure('config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: "127.0.0.1"', 'config.vm.network "private_network", ip: "192.168.56.10"')],
    ['an address from the environment (unknown: explained, not guessed)', configure('config.vm.network "forwarded_port", guest: 80, host: 8080, host_ip: ENV["BIND"]')],
    ['network calls not on .vm', configure('config.network "forwarded_port", guest: 80, host: 8080', 'network "forwarded_port", guest: 80, host: 8080')],
    ['a comment that mentions forwarded_port', configure('# config.vm.network "forwarded_port", guest: 80, host: 8080')],
  ];
  itReportsNothing(silent);

  it('explains the default address and unknown values in the hover', () => {
    const context = ruleContext({ settings: settingsWith() });
    const facts = extractFacts(FIXTURE, 'vagrant');
    const at = (needle: string) => hoverAt(facts, FIXTURE.indexOf(needle), context)?.markdown ?? '';
    assert.match(at('guest: 80, host: 8080'), /No `host_ip`: Vagrant forwards the port on every interface/);
    assert.match(at('guest: 80, host: 8080'), /developer\.hashicorp\.com\/vagrant/);
    assert.match(at('host: 3000 + i'), /`host` is `3000 \+ i`: only known when Vagrant runs/);
    assert.match(at('ENV["BIND"]'), /`host_ip` is `ENV\["BIND"\]`/);
    assert.match(at('"public_network"'), /bridged onto the host's network/);
  });

  it('follows a local variable to its literal', () => {
    const facts = extractFacts(FIXTURE, 'vagrant');
    const reading = facts.publishes[3].reading;
    assert.deepEqual(reading.ok && reading.spec.hostPorts, { start: 9090, end: 9090 });
  });
});

describe("Vagrant's Docker provider", () => {
  before(() => loadGrammarFor('vagrant'));
  const PROVIDER = fs.readFileSync('test/fixtures/readers/vagrant/docker-provider/Vagrantfile', 'utf8');
  const provider = (...body: string[]) => configure('config.vm.provider "docker" do |d|', ...body.map((l) => `  ${l}`), 'end');

  it('reads d.ports as docker run -p specs and d.create_args as docker run options', () => {
    assert.deepEqual(findings(PROVIDER), [
      ['public-bind', 'warning', '8080:80'],
      ['public-bind', 'warning', '0.0.0.0:9000:9000/udp'],
      ['public-bind', 'error', '5432:5432'],
      ['host-network', 'warning', 'host'],
    ]);
  });

  it('is a candidate for the cheap test by d.ports or d.create_args alone', () => {
    assert.ok(mayHoldSurface('vagrant', provider('d.ports = ["8080:80"]')));
    assert.ok(mayHoldSurface('vagrant', provider('d.create_args = ["--network", "host"]')));
  });

  const cases: [string, string, string][] = [
    ['adds the address inside double quotes', provider('d.ports = ["8080:80"]'), provider('d.ports = ["127.0.0.1:8080:80"]')],
    ['keeps single quotes', provider("d.ports = ['8080:80/udp']"), provider("d.ports = ['127.0.0.1:8080:80/udp']")],
    ['replaces a written wildcard', provider('d.ports = ["0.0.0.0:8080:80"]'), provider('d.ports = ["127.0.0.1:8080:80"]')],
    ['a symbol for the provider and another block name', configure('config.vm.provider :docker do |docker|', '  docker.ports = ["8080:80"]', 'end'), configure('config.vm.provider :docker do |docker|', '  docker.ports = ["127.0.0.1:8080:80"]', 'end')],
    ['-p in create_args, in its quotes', provider("d.create_args = ['-p', '8080:80', '--rm']"), provider("d.create_args = ['-p', '127.0.0.1:8080:80', '--rm']")],
    ['--publish= in create_args', provider('d.create_args = ["--publish=8080:80"]'), provider('d.create_args = ["--publish=127.0.0.1:8080:80"]')],
  ];
  itFixesTheOneFinding('vagrant', cases);

  const silent: [string, string][] = [
    ['loopback entries', provider('d.ports = ["127.0.0.1:8080:80", \'127.0.0.1:8081:81/udp\']')],
    ['an entry computed in Ruby (explained, not guessed)', provider('d.ports = ["#{host_port}:80"]')],
    ['another provider\'s ports', configure('config.vm.provider "virtualbox" do |vb|', '  vb.ports = ["8080:80"]', 'end')],
    ['ports of something other than the block parameter', provider('other.ports = ["8080:80"]')],
    ['-p that host networking makes Docker ignore', provider('d.create_args = ["--network", "host", "-p", "8080:80"]')],
  ];
  itReportsNothing(silent, 'public-bind');

  it('explains an entry computed in Ruby and the provider in the hover', () => {
    const context = ruleContext({ settings: settingsWith() });
    const text = provider('d.ports = ["8080:80", "#{host_port}:80"]');
    const facts = extractFacts(text, 'vagrant');
    assert.match(hoverAt(facts, text.indexOf('8080:80'), context)?.markdown ?? '', /Docker provider passes each entry of `ports` to `docker run -p`/);
    assert.match(hoverAt(facts, text.indexOf('#{host_port}'), context)?.markdown ?? '', /computed when Vagrant runs/);
  });
});
