/**
 * End to end on realistic files: a multi-service Compose project (anchors, merge keys, an
 * override file, interpolation with .env) and a course page in Markdown. Every finding, every fix.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import type { DocumentKind } from '../../server/src/engine/model';
import { LineIndex } from '../../server/src/engine/positions';
import { besideFile, checkText } from '../../server/src/workspace/checkFile';
import { settingsWith } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, name), 'utf8');

function findingsOf(file: string, kind: DocumentKind): string[] {
  const text = read(file);
  const index = new LineIndex(text);
  return checkText(path.join(ROOT, file), text, kind, settingsWith()).findings.map((f) => {
    const p = index.position(f.span.start);
    return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule} ${text.slice(f.span.start, f.span.end)}`;
  });
}

function fixed(file: string, kind: DocumentKind): string {
  const text = read(file);
  return fixAll(text, kind, { settings: settingsWith(), ...besideFile(path.join(ROOT, file), kind, undefined, text) }).text;
}

describe('examples end to end', () => {
  before(() => Promise.all([loadBashGrammar(), ...(['terraform', 'docker-py', 'engine-api-js', 'engine-api-go', 'vagrant'] as const).map(loadGrammarFor)]));

  it('the shop stack: every finding in compose.yaml', () => {
    assert.deepEqual(findingsOf('examples/stack/compose.yaml', 'compose'), [
      '11:8 warning public-bind ${API_PORT:-3000}:3000',
      '18:10 warning public-bind ${WEB_PORT}:80',
      '18:10 warning port-conflict ${WEB_PORT}:80',
      '32:9 error public-bind 5432:5432',
      '32:9 hint unquoted-port 5432:5432',
      '41:20 error public-bind 6379',
    ]);
  });

  it('the shop stack: the anchored API ports are reported once, where they are written', () => {
    const text = read('examples/stack/compose.yaml');
    const line = text.split('\n')[10];
    assert.equal(line.trim(), '- "${API_PORT:-3000}:3000"');
  });

  it('the shop stack: .env resolves WEB_PORT, so the override conflicts with web, across files', () => {
    const text = read('examples/stack/compose.override.yaml');
    const result = checkText(path.join(ROOT, 'examples/stack/compose.override.yaml'), text, 'compose', settingsWith());
    const conflict = result.findings.find((f) => f.rule === 'port-conflict')!;
    assert.match(conflict.message, /Host port 8080\/tcp on all interfaces is also published by \$\{WEB_PORT\}:80 \(service "web"\)/);
    assert.equal(path.basename(conflict.related![0].file!), 'compose.yaml');
    assert.deepEqual(findingsOf('examples/stack/compose.override.yaml', 'compose'), [
      '5:10 warning public-bind 9229:9229',
      '8:10 warning public-bind 8080:8080',
      '8:10 warning port-conflict 8080:8080',
    ]);
  });

  it('the shop stack: the fixed files, exactly', () => {
    assert.equal(fixed('examples/stack/compose.yaml', 'compose'), read('test/fixtures/examples/stack-compose.fixed.yaml'));
    assert.equal(fixed('examples/stack/compose.override.yaml', 'compose'), read('test/fixtures/examples/stack-compose.override.fixed.yaml'));
  });

  it('the course page: -p 4567 and -p 3456:3000 are public, -p 127.0.0.1:3456:3000 is not', () => {
    assert.deepEqual(findingsOf('examples/lesson.md', 'markdown'), [
      '7:17 warning public-bind 4567',
      '14:17 warning public-bind 3456:3000',
      '30:6 warning public-bind 3456:3000',
    ]);
  });

  it('the course page: the fixed page, exactly (prompts, output lines and prose untouched)', () => {
    const page = fixed('examples/lesson.md', 'markdown');
    assert.equal(page, read('test/fixtures/examples/lesson.fixed.md'));
    assert.equal(page, read('examples/lesson.md').replace('-p 4567 ', '-p 127.0.0.1::4567 ').replace('$ docker run -p 3456:3000', '$ docker run -p 127.0.0.1:3456:3000').replace('  -p 3456:3000 \\', '  -p 127.0.0.1:3456:3000 \\'));
  });

  it('the wiki as a Quadlet unit, an Ansible playbook and a Compose page: every finding and every fix', () => {
    assert.deepEqual(findingsOf('examples/quadlet/wiki.container', 'quadlet'), ['7:13 warning public-bind 8080:80', '9:16 warning sensitive-port 22']);
    assert.equal(fixed('examples/quadlet/wiki.container', 'quadlet'), read('examples/quadlet/wiki.container').replace('PublishPort=8080:80', 'PublishPort=127.0.0.1:8080:80'));
    assert.deepEqual(findingsOf('examples/ansible/site.yml', 'ansible'), ['10:14 error public-bind 5432:5432', '17:14 warning public-bind {{ metrics_port }}:9121']);
    assert.equal(
      fixed('examples/ansible/site.yml', 'ansible'),
      read('examples/ansible/site.yml').replace('"5432:5432"', '"127.0.0.1:5432:5432"').replace('"{{ metrics_port }}:9121"', '"127.0.0.1:{{ metrics_port }}:9121"'),
    );
    assert.deepEqual(findingsOf('examples/compose-page.md', 'markdown'), [
      '10:10 warning public-bind 8080:80',
      '14:9 error public-bind 5432:5432',
      '14:9 hint unquoted-port 5432:5432',
    ]);
    assert.equal(
      fixed('examples/compose-page.md', 'markdown'),
      read('examples/compose-page.md').replace('- "8080:80"\n  db', '- "127.0.0.1:8080:80"\n  db').replace('- 5432:5432', '- "127.0.0.1:5432:5432"'),
    );
  });

  it('Terraform, docker-py, dockerode, Go and Vagrant: every finding and every fix', () => {
    assert.deepEqual(findingsOf('examples/terraform/main.tf', 'terraform'), ['10:3 warning public-bind ports', '30:18 warning host-network "host"']);
    assert.equal(fixed('examples/terraform/main.tf', 'terraform'), read('examples/terraform/main.tf').replace('    external = 3000\n', '    external = 3000\n    ip       = "127.0.0.1"\n'));
    assert.deepEqual(findingsOf('examples/docker-py/conftest.py', 'docker-py'), ['9:82 error public-bind 6379']);
    assert.equal(fixed('examples/docker-py/conftest.py', 'docker-py'), read('examples/docker-py/conftest.py').replace('{"6379/tcp": 6379}', '{"6379/tcp": ("127.0.0.1", 6379)}'));
    assert.deepEqual(findingsOf('examples/dockerode/startMongo.ts', 'engine-api-js'), ["12:23 error public-bind { HostPort: '27017' }"]);
    assert.equal(fixed('examples/dockerode/startMongo.ts', 'engine-api-js'), read('examples/dockerode/startMongo.ts').replace("{ HostPort: '27017' }", "{ HostIp: '127.0.0.1', HostPort: '27017' }"));
    assert.deepEqual(findingsOf('examples/go/testenv.go', 'engine-api-go'), ['18:33 warning public-bind {HostPort: "8080"}']);
    assert.equal(fixed('examples/go/testenv.go', 'engine-api-go'), read('examples/go/testenv.go').replace('{HostPort: "8080"}', '{HostIP: "127.0.0.1", HostPort: "8080"}'));
    assert.deepEqual(findingsOf('examples/vagrant/Vagrantfile', 'vagrant'), ['5:50 warning public-bind host: 8080', '7:21 warning host-network "public_network"']);
    assert.equal(fixed('examples/vagrant/Vagrantfile', 'vagrant'), read('examples/vagrant/Vagrantfile').replace('host: 8080\n', 'host: 8080, host_ip: "127.0.0.1"\n'));
  });
});
