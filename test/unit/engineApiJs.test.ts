/** The Engine API from JavaScript and TypeScript (dockerode, raw bodies): HostConfig.PortBindings, followed within the file. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, kindFromFileName } from '../../server/src/engine/readers/documentKind';
import { loadGrammarFor } from '../../server/src/engine/readers/readerGrammars';
import { hoverAt } from '../../server/src/engine/hover';
import type { DocumentKind } from '../../server/src/engine/model';
import { check, fixEverything, settingsWith, findingsInWords } from '../support/engine';

const FIXTURE = fs.readFileSync('test/fixtures/readers/engine-api-js/services.ts', 'utf8');
const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string, kind: DocumentKind = 'engine-api-js') => findingsInWords(text, kind);

describe('Engine API from JavaScript and TypeScript', () => {
  before(() => loadGrammarFor('engine-api-js'));

  it('is read from .js, .mjs, .cjs, .jsx, .ts and .tsx files and their languages', () => {
    for (const name of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx']) assert.equal(kindFromFileName(`/src/${name}`), 'engine-api-js', name);
    for (const language of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']) assert.equal(documentKind('/src/a', language), 'engine-api-js');
    assert.equal(kindFromFileName('/src/a.json'), undefined);
  });

  it('reports every binding of the fixture without an address, and nothing else', () => {
    assert.deepEqual(findings(FIXTURE), [
      ['public-bind', 'error', "{ HostPort: '5432' }"],
      ['public-bind', 'warning', "{\n        HostPort: '8443',\n      }"],
      ['public-bind', 'warning', "'0.0.0.0'"],
      ['host-network', 'warning', "'host'"],
      ['public-bind', 'warning', '""'],
      ['public-bind', 'warning', '{}'],
    ]);
  });

  it('reads each binding as the Engine API does', () => {
    assert.deepEqual(extractFacts(FIXTURE, 'engine-api-js').publishes.map((p) => p.written), [
      '5432:5432/tcp', '127.0.0.1:…:80/tcp', '8443:443/tcp', '0.0.0.0:9229:9229/tcp', '8025:8025/tcp', ':1025/tcp',
    ]);
  });

  const cases: [string, string, string, DocumentKind][] = [
    ['HostIp first, in the file\'s quotes',
      lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } });"),
      lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } } });"), 'engine-api-js'],
    ['quoted keys stay quoted (a JSON body)',
      lines('const body = { "HostConfig": { "PortBindings": { "80/tcp": [{ "HostPort": "8080" }] } } }; // docker'),
      lines('const body = { "HostConfig": { "PortBindings": { "80/tcp": [{ "HostIp": "127.0.0.1", "HostPort": "8080" }] } } }; // docker'), 'engine-api-js'],
    ['a binding on lines of its own gets a line of its own',
      lines('// docker', 'const PortBindings = {', '  "80/tcp": [', '    {', '      HostPort: "8080",', '    },', '  ],', '};', 'run({ HostConfig: { PortBindings } });'),
      lines('// docker', 'const PortBindings = {', '  "80/tcp": [', '    {', '      HostIp: "127.0.0.1",', '      HostPort: "8080",', '    },', '  ],', '};', 'run({ HostConfig: { PortBindings } });'), 'engine-api-js'],
    ['an empty HostIp is filled in',
      lines("docker.run('x', [], null, { HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } });"),
      lines("docker.run('x', [], null, { HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } } });"), 'engine-api-js'],
    ['an empty binding gets HostIp alone',
      lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{}] } } });"),
      lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{HostIp: '127.0.0.1'}] } } });"), 'engine-api-js'],
    ['TSX files',
      lines("const opts = { HostConfig: { PortBindings: { '3000/tcp': [{ HostPort: '3000' }] } } }; // docker", 'export const App = () => <div>{opts.Image}</div>;'),
      lines("const opts = { HostConfig: { PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] } } }; // docker", 'export const App = () => <div>{opts.Image}</div>;'), 'engine-api-js'],
  ];
  for (const [what, text, fixed, kind] of cases) {
    it(`fix: ${what}`, () => {
      assert.equal(check(text, kind).length, 1);
      assert.equal(fixEverything(text, kind), fixed);
      assert.deepEqual(check(fixed, kind), []);
      assert.equal(fixEverything(fixed, kind), fixed);
    });
  }

  const silent: [string, string][] = [
    ['loopback and one interface', lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '80' }, { HostIp: '10.1.2.3', HostPort: '81' }] } } });")],
    ['a HostIp from a variable (unknown: explained, not guessed)', lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: bindAddress, HostPort: '80' }] } } });")],
    ['a mapping passed in', lines('export function up(docker, PortBindings) {', '  return docker.createContainer({ HostConfig: { PortBindings } });', '}')],
    ['a binding spread from elsewhere', lines("docker.createContainer({ HostConfig: { PortBindings: { '80/tcp': [{ ...base, HostPort: '80' }] } } });")],
    ['ExposedPorts, which publish nothing', lines("docker.createContainer({ ExposedPorts: { '80/tcp': {} } });")],
    ['a file that never says PortBindings or NetworkMode', lines("createContainer({ HostConfig: { Bindings: { '80/tcp': [{ HostPort: '80' }] } } });")],
  ];
  for (const [what, text] of silent) {
    it(`does not report ${what}`, () => assert.deepEqual(findings(text), []));
  }

  it('explains what it cannot read, and the defaults, in the hover', () => {
    const context = ruleContext({ settings: settingsWith() });
    const facts = extractFacts(FIXTURE, 'engine-api-js');
    const at = (needle: string) => hoverAt(facts, FIXTURE.indexOf(needle), context)?.markdown ?? '';
    assert.match(at("HostPort: '5432'"), /No `HostIp`: Docker binds the port on every interface/);
    assert.match(at("HostPort: '5432'"), /docs\.docker\.com\/reference\/api\/engine/);
    assert.match(at('HostPort: String(port)'), /`HostPort` is `String\(port\)`, only known when the code runs/);
    assert.match(at('PortBindings = bindings') + at('bindings;'), /not an object written in this file/);
    assert.match(at('"1025/tcp": [{}]') + at('{}] }'), /No `HostPort`: Docker picks a free port/);
  });
});
