/** Go clients of the Engine API: nat.PortMap / nat.PortBinding and moby's network types, with exact spans, hovers and fixes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { hoverAt } from '../../server/src/engine/hover';
import { check, settingsWith, findingsInWords, itFixesTheOneFinding } from '../support/engine';

const FIXTURE = fs.readFileSync('test/fixtures/readers/engine-api-go/containers.go', 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'engine-api-go');
const natFile = (...body: string[]) => lines('package main', '', 'import "github.com/docker/go-connections/nat"', '', ...body);

describe('Go clients of the Engine API', () => {
  before(() => loadGrammarFor('engine-api-go'));

  it('is read from .go files and the go language', () => {
    assert.equal(kindFromFileName('/pkg/testenv/containers.go'), 'engine-api-go');
    assert.equal(documentKind('/pkg/testenv/containers.go', 'go'), 'engine-api-go');
  });

  it('reports every binding of the fixture without an address, and nothing else', () => {
    assert.deepEqual(findings(FIXTURE), [
      ['public-bind', 'error', '{HostPort: "5432"}'],
      ['public-bind', 'warning', '""'],
      ['public-bind', 'information', '"0.0.0.0"'], // host port 80 or 443: public by design
      ['public-bind', 'warning', '{HostPort: port}'],
      ['host-network', 'warning', '"host"'],
      ['public-bind', 'error', '{HostPort: "6379"}'],
    ]);
  });

  it('reads each binding with the container port it is stored under', () => {
    assert.deepEqual(extractFacts(FIXTURE, 'engine-api-go').publishes.map((p) => p.written), [
      '5432:5432/tcp', '127.0.0.1:8080:8080/tcp', '8081:8080/tcp', '0.0.0.0:443:443/tcp', '…:9000/tcp', '127.0.0.1:9001:9001/udp', '6379:6379/tcp', '127.0.0.1:6380:6380/tcp',
    ]);
  });

  const cases: [string, string, string][] = [
    ['HostIP first in the literal',
      natFile('var p = nat.PortMap{"80/tcp": []nat.PortBinding{{HostPort: "8080"}}}'),
      natFile('var p = nat.PortMap{"80/tcp": []nat.PortBinding{{HostIP: "127.0.0.1", HostPort: "8080"}}}')],
    ['a literal on lines of its own, gofmt style',
      natFile('var p = nat.PortMap{', '\t"80/tcp": []nat.PortBinding{', '\t\t{', '\t\t\tHostPort: "8080",', '\t\t},', '\t},', '}'),
      natFile('var p = nat.PortMap{', '\t"80/tcp": []nat.PortBinding{', '\t\t{', '\t\t\tHostIP: "127.0.0.1",', '\t\t\tHostPort: "8080",', '\t\t},', '\t},', '}')],
    ['an empty HostIP is filled in',
      natFile('var b = nat.PortBinding{HostIP: "", HostPort: "8080"}'),
      natFile('var b = nat.PortBinding{HostIP: "127.0.0.1", HostPort: "8080"}')],
    ['moby\'s netip address, when the file imports net/netip',
      lines('package main', '', 'import (', '\t"net/netip"', '', '\t"github.com/moby/moby/api/types/network"', ')', '', 'var _ = netip.Addr{}', 'var p = network.PortMap{network.MustParsePort("80/tcp"): {{HostPort: "8080"}}}'),
      lines('package main', '', 'import (', '\t"net/netip"', '', '\t"github.com/moby/moby/api/types/network"', ')', '', 'var _ = netip.Addr{}', 'var p = network.PortMap{network.MustParsePort("80/tcp"): {{HostIP: netip.MustParseAddr("127.0.0.1"), HostPort: "8080"}}}')],
  ];
  itFixesTheOneFinding('engine-api-go', cases);

  const silent: [string, string][] = [
    ['loopback and one interface', natFile('var p = nat.PortMap{"80/tcp": {{HostIP: "127.0.0.1"}, {HostIP: "10.0.0.5", HostPort: "81"}}}')],
    ['an address from a variable (unknown: explained, not guessed)', natFile('func f(ip string) nat.PortBinding { return nat.PortBinding{HostIP: ip, HostPort: "80"} }')],
    ['PortBinding types of packages that are not Docker\'s', lines('package main', '', 'import "example.com/mylib/nat" // docker', '', 'var p = nat.PortMap{"80/tcp": {{HostPort: "80"}}}')],
    ['a PortMap of a package the file does not import', lines('package main', '', 'var p = nat.PortMap{"80/tcp": {{HostPort: "80"}}}')],
  ];
  for (const [what, text] of silent) {
    it(`does not report ${what}`, () => assert.deepEqual(findings(text), []));
  }

  it('explains defaults and unknown values in the hover; moby\'s type without net/netip gets no fix but a note', () => {
    const context = ruleContext({ settings: settingsWith() });
    const facts = extractFacts(FIXTURE, 'engine-api-go');
    const at = (needle: string) => hoverAt(facts, FIXTURE.indexOf(needle), context)?.markdown ?? '';
    assert.match(at('{HostPort: "5432"}'), /No `HostIP`: Docker binds the port on every interface/);
    assert.match(at('{HostPort: "5432"}'), /pkg\.go\.dev\/github\.com\/docker\/go-connections\/nat/);
    assert.match(at('{HostPort: port}'), /`HostPort` is `port`, only known when the code runs/);
    const moby = lines('package main', '', 'import "github.com/moby/moby/api/types/network"', '', 'var p = network.PortMap{network.MustParsePort("80/tcp"): {{HostPort: "80"}}}');
    const [finding] = check(moby, 'engine-api-go');
    assert.deepEqual(finding.fixes, []);
    assert.match(hoverAt(extractFacts(moby, 'engine-api-go'), moby.indexOf('HostPort'), context)?.markdown ?? '', /Fix by hand: `HostIP: netip\.MustParseAddr/);
  });
});
