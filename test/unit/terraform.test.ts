/** Terraform's Docker provider: docker_container ports blocks and network_mode, with exact spans, hovers and fixes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { hoverAt } from '../../server/src/engine/hover';
import { describeOwner } from '../../server/src/engine/describe';
import { applyPreferredFix, check, fixEverything, settingsWith, findingsInWords } from '../support/engine';

const FIXTURE = fs.readFileSync('test/fixtures/readers/terraform/main.tf', 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'terraform');

describe('Terraform: docker_container', () => {
  before(() => loadGrammarFor('terraform'));

  it('is read from .tf files, and from the terraform and hcl languages when the file is .tf', () => {
    assert.equal(kindFromFileName('/infra/main.tf'), 'terraform');
    assert.equal(documentKind('/infra/main.tf', 'terraform'), 'terraform');
    assert.equal(documentKind('/infra/main.tf', 'hcl'), 'terraform');
    assert.equal(documentKind('/infra/config.hcl', 'hcl'), undefined);
    assert.equal(kindFromFileName('/infra/vars.tfvars'), undefined);
  });

  it('reports every binding of the fixture that listens on every interface, and nothing else', () => {
    assert.deepEqual(findings(FIXTURE), [
      ['public-bind', 'warning', 'ports'], // 80 -> 8080, ip defaults to 0.0.0.0
      ['public-bind', 'error', 'ports'], // 5432, random host port
      ['public-bind', 'warning', 'ports'], // single-line block
      ['public-bind', 'warning', '"0.0.0.0"'], // 3000 -> var.api_port
      ['public-bind', 'warning', '"::"'], // 53/udp on every IPv6 interface
      ['host-network', 'warning', '"host"'],
      ['public-bind', 'warning', 'content'], // dynamic block, ports unknown
    ]);
  });

  it('reads each binding as the provider passes it to Docker', () => {
    const facts = extractFacts(FIXTURE, 'terraform');
    assert.deepEqual(facts.publishes.map((p) => [p.written, p.owner && describeOwner(p.owner), !!p.discarded]), [
      ['0.0.0.0:8080:80/tcp', 'container web', false],
      ['127.0.0.1:8081:443/tcp', 'container web', false],
      ['0.0.0.0::5432/tcp', 'container db', false],
      ['0.0.0.0::6432/tcp', 'container db', false],
      ['0.0.0.0:…:3000/tcp', 'container api', false],
      ['…:3001:3001/tcp', 'container api', false],
      ['[::]:53:53/udp', 'container api', false],
      ['0.0.0.0:9100:9100/tcp', 'container monitor', true],
      ['0.0.0.0:…:…/tcp', 'container workers', false],
    ]);
  });

  const cases: [string, string, string][] = [
    ['adds ip in the block\'s alignment',
      lines('resource "docker_container" "web" {', '  ports {', '    internal = 80', '    external = 8080', '  }', '}'),
      lines('resource "docker_container" "web" {', '  ports {', '    internal = 80', '    external = 8080', '    ip       = "127.0.0.1"', '  }', '}')],
    ['adds ip after a single attribute, aligned as terraform fmt aligns',
      lines('resource "docker_container" "db" {', '  ports {', '    internal = 5432', '  }', '}'),
      lines('resource "docker_container" "db" {', '  ports {', '    internal = 5432', '    ip       = "127.0.0.1"', '  }', '}')],
    ['keeps unaligned attributes unaligned',
      lines('resource "docker_container" "db" {', 'ports{', 'internal = 5432', 'external= 5432', '}', '}'),
      lines('resource "docker_container" "db" {', 'ports{', 'internal = 5432', 'external= 5432', 'ip = "127.0.0.1"', '}', '}')],
    ['opens a single-line block onto lines (HCL allows one argument there)',
      lines('resource "docker_container" "db" {', '  ports { internal = 6432 }', '}'),
      lines('resource "docker_container" "db" {', '  ports {', '    internal = 6432', '    ip       = "127.0.0.1"', '  }', '}')],
    ['replaces a written wildcard inside its quotes',
      lines('resource "docker_container" "api" {', '  ports {', '    internal = 3000', '    ip = "0.0.0.0" # every interface', '  }', '}'),
      lines('resource "docker_container" "api" {', '  ports {', '    internal = 3000', '    ip = "127.0.0.1" # every interface', '  }', '}')],
    ['keeps CRLF line ends and tabs',
      lines('resource "docker_container" "web" {', '\tports {', '\t\tinternal = 80', '\t}', '}').replace(/\n/g, '\r\n'),
      lines('resource "docker_container" "web" {', '\tports {', '\t\tinternal = 80', '\t\tip       = "127.0.0.1"', '\t}', '}').replace(/\n/g, '\r\n')],
    ['fixes an IPv6 wildcard to IPv6 loopback',
      lines('resource "docker_container" "dns" {', '  ports {', '    internal = 53', '    ip       = "::"', '  }', '}'),
      lines('resource "docker_container" "dns" {', '  ports {', '    internal = 53', '    ip       = "::1"', '  }', '}')],
  ];
  for (const [what, text, fixed] of cases) {
    it(`fix: ${what}`, () => {
      const [finding] = check(text, 'terraform');
      assert.equal(applyPreferredFix(text, finding), fixed);
      assert.deepEqual(check(fixed, 'terraform'), []);
      assert.equal(fixEverything(fixed, 'terraform'), fixed);
    });
  }

  it('fixes the whole fixture and the result has nothing left to fix but host networking', () => {
    const fixed = fixEverything(FIXTURE, 'terraform');
    assert.deepEqual(findings(fixed).map(([rule]) => rule), ['host-network']);
    assert.equal(fixEverything(fixed, 'terraform'), fixed);
  });

  const silent: [string, string][] = [
    ['loopback and one interface', lines('resource "docker_container" "a" {', '  ports {', '    internal = 80', '    ip = "127.0.0.1"', '  }', '  ports {', '    internal = 81', '    ip = "192.168.1.5"', '  }', '}')],
    ['an address from a variable (unknown: explained, not guessed)', lines('resource "docker_container" "a" {', '  ports {', '    internal = 80', '    ip = var.bind', '  }', '}')],
    ['an address built by interpolation', lines('resource "docker_container" "a" {', '  ports {', '    internal = 80', '    ip = "${var.bind}"', '  }', '}')],
    ['other resources and data sources', lines('data "docker_container" "a" {', '  ports {', '    internal = 80', '  }', '}', 'resource "docker_service" "s" {', '  ports {', '    internal = 80', '  }', '}')],
    ['network modes other than host', lines('resource "docker_container" "a" {', '  network_mode = "bridge"', '}')],
    ['a file that only mentions the resource in a comment', lines('# resource "docker_container" "web" { ports { internal = 80 } }')],
  ];
  for (const [what, text] of silent) {
    it(`does not report ${what}`, () => assert.deepEqual(findings(text), []));
  }

  it('explains unknown values and defaults in the hover', () => {
    const context = ruleContext({ settings: settingsWith() });
    const facts = extractFacts(FIXTURE, 'terraform');
    const at = (needle: string) => hoverAt(facts, FIXTURE.indexOf(needle), context)?.markdown ?? '';
    assert.match(at('internal = 80'), /default `0\.0\.0\.0` applies/);
    assert.match(at('internal = 80'), /registry\.terraform\.io/);
    assert.match(at('internal = 3000'), /`external` is `var\.api_port`: its value is only known when Terraform runs \(its default here is `9000`/);
    assert.match(at('internal = 3001'), /`ip` is `var\.bind_address`/);
    assert.match(at('internal = 3001'), /Host side: an address that is only known/);
    assert.match(at('internal = 5432'), /Docker picks a free port/);
    assert.match(at('for_each = var.worker_ports'), /dynamic "ports"/);
  });

  it('puts an ignore comment\'s anchor on the ports block', () => {
    const text = lines('resource "docker_container" "web" {', '  # docker-port-safety ignore public-bind', '  ports {', '    internal = 80', '  }', '}');
    assert.deepEqual(findings(text), []);
  });
});
