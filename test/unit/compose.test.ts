/** Compose: every ports form, YAML as YAML, interpolation, network modes, conflicts, fixes that keep style. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind } from '../../server/src/engine/readers/documentKind';
import { hoverAt } from '../../server/src/engine/hover';
import { analyze } from '../../server/src/engine/analyze';
import { applyPreferredFix, check, comparableFacts, fixEverything, settingsWith, spans } from '../support/engine';
import { serviceLines } from '../../server/src/engine/readers/compose/composeServiceLines';
import { IncrementalComposeExtractor, READ_IN_PARTS_FROM } from '../../server/src/engine/readers/compose/incrementalCompose';

const publicBinds = (text: string, env: Record<string, string> = {}) => check(text, 'compose', {}, env).filter((f) => f.rule === 'public-bind');

describe('compose: every ports form, fixed in the file\'s own style', () => {
  const cases: [string, string, string][] = [
    ['double-quoted short syntax', 'services:\n  a:\n    ports:\n      - "8080:80"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    ['single-quoted short syntax', "services:\n  a:\n    ports:\n      - '8080:80'\n", "services:\n  a:\n    ports:\n      - '127.0.0.1:8080:80'\n"],
    ['unquoted short syntax gets double quotes', 'services:\n  a:\n    ports:\n      - 8080:80\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    ['bare integer', 'services:\n  a:\n    ports:\n      - 3000\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1::3000"\n'],
    ['flow sequence', 'services:\n  a:\n    ports: ["8080:80", "127.0.0.1:9000:9000"]\n', 'services:\n  a:\n    ports: ["127.0.0.1:8080:80", "127.0.0.1:9000:9000"]\n'],
    ['flow sequence, unquoted', 'services:\n  a:\n    ports: [8080:80]\n', 'services:\n  a:\n    ports: ["127.0.0.1:8080:80"]\n'],
    ['protocol kept', 'services:\n  a:\n    ports:\n      - "53:53/udp"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:53:53/udp"\n'],
    ['range kept', 'services:\n  a:\n    ports:\n      - "8000-8010:8000-8010"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:8000-8010:8000-8010"\n'],
    ['explicit 0.0.0.0 replaced', 'services:\n  a:\n    ports:\n      - "0.0.0.0:8080:80"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    ['explicit :: replaced with ::1 in brackets', 'services:\n  a:\n    ports:\n      - "[::]:8080:80"\n', 'services:\n  a:\n    ports:\n      - "[::1]:8080:80"\n'],
    ['trailing comment kept', 'services:\n  a:\n    ports:\n      - 8080:80 # web\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:8080:80" # web\n'],
    ['CRLF kept', 'services:\r\n  a:\r\n    ports:\r\n      - "8080:80"\r\n', 'services:\r\n  a:\r\n    ports:\r\n      - "127.0.0.1:8080:80"\r\n'],
    [
      'long syntax: host_ip on its own line, aligned',
      'services:\n  a:\n    ports:\n      - target: 80\n        published: "8080"\n        protocol: tcp\n',
      'services:\n  a:\n    ports:\n      - target: 80\n        published: "8080"\n        protocol: tcp\n        host_ip: 127.0.0.1\n',
    ],
    [
      'long syntax with comments and CRLF',
      'services:\r\n  a:\r\n    ports:\r\n      - target: 80 # app\r\n        published: 8080 # public\r\n',
      'services:\r\n  a:\r\n    ports:\r\n      - target: 80 # app\r\n        published: 8080 # public\r\n        host_ip: 127.0.0.1\r\n',
    ],
    ['long syntax, flow mapping', 'services:\n  a:\n    ports:\n      - { target: 80, published: 8080 }\n', 'services:\n  a:\n    ports:\n      - { target: 80, published: 8080, host_ip: 127.0.0.1 }\n'],
    ['long syntax, existing host_ip: only its value', 'services:\n  a:\n    ports:\n      - target: 80\n        host_ip: 0.0.0.0 # all\n        published: 80-81\n', 'services:\n  a:\n    ports:\n      - target: 80\n        host_ip: 127.0.0.1 # all\n        published: 80-81\n'],
    ['long syntax, quoted :: host_ip', 'services:\n  a:\n    ports:\n      - target: 80\n        host_ip: "::"\n', 'services:\n  a:\n    ports:\n      - target: 80\n        host_ip: "::1"\n'],
    ['interpolated host port', 'services:\n  a:\n    ports:\n      - "${PORT:-8080}:80"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:${PORT:-8080}:80"\n'],
    ['empty variable as host port', 'services:\n  a:\n    ports:\n      - "${NOT_SET}:80"\n', 'services:\n  a:\n    ports:\n      - "127.0.0.1:${NOT_SET}:80"\n'],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      const findings = publicBinds(before);
      assert.ok(findings.length >= 1, 'public-bind fires');
      assert.equal(applyPreferredFix(before, findings[0]), after);
      assert.equal(fixEverything(before, 'compose'), after, 'fix-all gives the same text');
      assert.equal(fixEverything(after, 'compose'), after, 'applying the fix again changes nothing');
    });
  }
});

describe('compose: YAML as YAML', () => {
  it('an anchored ports list used by two services is reported once, where its text is, and fixed there', () => {
    const text = 'x-ports: &ports\n  - "8080:80"\nservices:\n  a:\n    ports: *ports\n  b:\n    ports: *ports\n';
    const findings = publicBinds(text);
    assert.deepEqual(spans(text, findings), ['8080:80']);
    assert.equal(applyPreferredFix(text, findings[0]), text.replace('"8080:80"', '"127.0.0.1:8080:80"'));
  });

  it('merge keys bring ports from an anchor', () => {
    const text = 'x-defaults: &defaults\n  image: app\n  ports:\n    - "3000:3000"\nservices:\n  web:\n    <<: *defaults\n';
    assert.deepEqual(spans(text, publicBinds(text)), ['3000:3000']);
  });

  it('a service\'s own ports win over merged ones', () => {
    const text = 'x-d: &d\n  ports: ["1:1"]\nservices:\n  web:\n    <<: *d\n    ports: ["127.0.0.1:2:2"]\n';
    assert.deepEqual(publicBinds(text), []);
  });

  it('reads every document of a multi-document file', () => {
    const text = 'services:\n  a:\n    ports: ["1:1"]\n---\nservices:\n  b:\n    ports: ["2:2"]\n';
    assert.deepEqual(spans(text, publicBinds(text)), ['1:1', '2:2']);
  });

  it('reports what can be read from a file that does not parse, and nothing invented', () => {
    const text = 'services:\n  a:\n    ports:\n      - "8080:80"\n  b: [\n    ports: {{{\n';
    const findings = check(text, 'compose');
    assert.deepEqual(spans(text, findings.filter((f) => f.rule === 'public-bind')), ['8080:80']);
    for (const f of findings) assert.ok(f.span.end <= text.length);
  });

  it('ignores ports outside services', () => {
    assert.deepEqual(check('x-other:\n  ports: ["8080:80"]\nnetworks:\n  ports: ["1:1"]\n', 'compose'), []);
  });
});

describe('compose: interpolation as Compose does it', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['"${PORT:-8080}:80"', {}, true],
    ['"${BIND:-127.0.0.1}:8080:80"', {}, false],
    ['"${BIND:-127.0.0.1}:8080:80"', { BIND: '0.0.0.0' }, true],
    ['"${BIND-127.0.0.1}:8080:80"', { BIND: '' }, true],
    ['"${BIND:-127.0.0.1}:8080:80"', { BIND: '' }, false],
    ['"$BIND:8080:80"', { BIND: '127.0.0.1' }, false],
    // Not set here and no default: set at deploy time, so the address is unknown, not "every interface".
    ['"${HOST_IP}:8080:80"', {}, false],
    ['"${PORT}:80"', {}, true],
    ['"$${NOT_A_VAR}:80"', {}, false],
  ];
  for (const [value, env, isPublic] of cases) {
    it(`${value} with ${JSON.stringify(env)} is ${isPublic ? 'public' : 'not public'}`, () => {
      const text = `services:\n  a:\n    ports:\n      - ${value}\n`;
      assert.equal(publicBinds(text, env).length, isPublic ? 1 : 0);
    });
  }
  it('$$ is a literal dollar, so Docker refuses it as an address', () => {
    const findings = check('services:\n  a:\n    ports:\n      - "$${X}:80:80"\n', 'compose');
    assert.deepEqual(findings.map((f) => f.message), ['Docker refuses this: invalid IP address: ${X}']);
  });
  it('the hover shows the resolved value and where it came from', () => {
    const text = 'services:\n  a:\n    ports:\n      - "${WEB_PORT:-8080}:80"\n';
    const settings = settingsWith();
    const facts = extractFacts(text, 'compose', { environment: { WEB_PORT: '9090' } });
    const hover = hoverAt(facts, text.indexOf('WEB_PORT'), ruleContext({ settings }))!;
    assert.match(hover.markdown, /Reads as: `9090:80`/);
    assert.match(hover.markdown, /`WEB_PORT` = `9090` \(from \.env\)/);
  });
});

describe('compose: network modes', () => {
  it('network_mode: host with ports: host-network says the ports are ignored, no public-bind', () => {
    const text = 'services:\n  m:\n    network_mode: host\n    ports:\n      - "9100:9100"\n';
    const findings = check(text, 'compose');
    assert.deepEqual(findings.map((f) => f.rule), ['host-network']);
    assert.match(findings[0].message, /ports: entries are ignored/);
  });
  for (const mode of ['service:db', 'container:abc']) {
    it(`network_mode: ${mode} with ports is invalid-port`, () => {
      const text = `services:\n  m:\n    network_mode: "${mode}"\n    ports:\n      - "127.0.0.1:80:80"\n`;
      const findings = check(text, 'compose');
      assert.deepEqual(findings.map((f) => f.rule), ['invalid-port']);
      assert.match(findings[0].message, /conflicting options: port publishing and the container type network mode/);
    });
  }
});

describe('compose: conflicts', () => {
  it('across services, with overlapping ranges and wildcard addresses', () => {
    const text = 'services:\n  a:\n    ports: ["127.0.0.1:8005:80"]\n  b:\n    ports: ["127.0.0.1:8000-8010:80"]\n  c:\n    ports: ["127.0.0.1:8005:80/udp"]\n';
    const findings = check(text, 'compose').filter((f) => f.rule === 'port-conflict');
    assert.deepEqual(spans(text, findings), ['127.0.0.1:8005:80', '127.0.0.1:8000-8010:80']);
    assert.equal(findings[0].related?.length, 1);
  });
  it('across the files of one project, as related information', () => {
    const base = 'services:\n  web:\n    ports: ["127.0.0.1:8080:80"]\n';
    const override = 'services:\n  admin:\n    ports: ["127.0.0.1:8080:8080"]\n';
    const siblingFacts = extractFacts(override, 'compose');
    const { findings } = analyze(base, 'compose', { settings: settingsWith(), projectFiles: [{ file: '/p/compose.override.yaml', publishes: siblingFacts.publishes }] });
    const conflict = findings.find((f) => f.rule === 'port-conflict')!;
    assert.equal(conflict.related?.[0].file, '/p/compose.override.yaml');
  });
});

describe('compose: unquoted-port exactly', () => {
  // A warning only where YAML 1.1 reads a base-60 number; otherwise every parser reads the same string: a style hint.
  const cases: [string, 'warning' | 'hint', number | undefined][] = [
    ['22:22', 'warning', 1342],
    ['2122:22', 'warning', 127342],
    ['1:2:3', 'warning', 3723],
    ['5432:5432', 'hint', undefined],
    ['8080:80', 'hint', undefined],
    ['8000:8000', 'hint', undefined],
    ['127.0.0.1:22:22', 'hint', undefined],
  ];
  for (const [value, severity, number] of cases) {
    it(`${value} is ${severity}${number ? ` (${number})` : ''}, and the fix quotes it`, () => {
      const text = `services:\n  a:\n    ports:\n      - ${value}\n`;
      const finding = check(text, 'compose').find((f) => f.rule === 'unquoted-port')!;
      assert.equal(finding.severity, severity);
      if (number) assert.match(finding.message, new RegExp(`base-60 number ${number}`));
      assert.equal(finding.fixes[0].title, 'Quote port mapping');
      assert.equal(applyPreferredFix(text, finding), `services:\n  a:\n    ports:\n      - "${value}"\n`);
    });
  }
});

describe('compose: Swarm and expose', () => {
  it('a service with deploy: notes that stack deploy ignores host_ip', () => {
    const text = 'services:\n  a:\n    deploy:\n      replicas: 2\n    ports:\n      - target: 80\n        published: 80\n        host_ip: 127.0.0.1\n';
    const facts = extractFacts(text, 'compose');
    const hover = hoverAt(facts, text.indexOf('127.0.0.1') + 1, ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /`docker stack deploy`, Swarm drops `host_ip`/);
  });
  it('expose is reachable by other services, not published', () => {
    const text = 'services:\n  a:\n    expose:\n      - "3000"\n';
    assert.deepEqual(check(text, 'compose'), []);
    const hover = hoverAt(extractFacts(text, 'compose'), text.indexOf('3000'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /other services on the same Compose network, \*\*not published on the host\*\*/);
  });
});

describe('compose: file names', () => {
  const yes = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.prod.yaml', 'docker-compose.override.yml', 'app.compose.yaml', '/a/b/compose.dev.yml'];
  const no = ['config.yaml', 'composer.yaml', 'k8s/deployment.yml', 'compose.json'];
  for (const name of yes) it(`${name} under yaml is compose`, () => assert.equal(documentKind(name, 'yaml'), 'compose'));
  for (const name of no) it(`${name} under yaml is not compose`, () => assert.equal(documentKind(name, 'yaml'), undefined));
  it('any name under dockercompose and yaml.docker-compose', () => {
    assert.equal(documentKind('/x/stack.yml', 'dockercompose'), 'compose');
    assert.equal(documentKind('/x/anything.yaml', 'yaml.docker-compose'), 'compose');
  });
});

describe('compose: a large file read a few services at a time', () => {
  // Enough services for several parts of PART_LENGTH each.
  const services = (count: number, body = (i: number) => `    image: example/${i}\n    ports:\n      - "${10000 + i}:80"\n      - ${20000 + i}:443\n`) =>
    Array.from({ length: count }, (_, i) => `  svc${i}:\n${body(i)}`).join('');
  const plain = `services:\n${services(1000)}`;
  // [construct, file, how it is read]
  const cases: [string, string, 'in parts' | 'whole'][] = [
    ['plain services', plain, 'in parts'],
    ['top-level keys before and after, comments between services', `version: "3.8"\nname: shop\n# the services\nservices:\n  # first\n${services(1000).replace('  svc300:', '# a column-0 comment\n  svc300:')}networks:\n  back: {}\nvolumes:\n  data:\n`, 'in parts'],
    ['block scalars and long syntax', `services:\n${services(800, (i) => `    command: |\n      run ${i}\n      serve\n    ports:\n      - target: 80\n        published: ${9000 + i}\n`)}`, 'in parts'],
    ['CRLF line ends', plain.replace(/\n/g, '\r\n'), 'in parts'],
    ['an anchor ties services together', plain.replace('    image: example/1\n', '    image: &img example/1\n').replace('    image: example/2\n', '    image: *img\n'), 'whole'],
    ['a Swarm setting with a quoted key', plain.replace('    image: example/3\n', '    image: example/3\n    deploy:\n      "placement": {}\n'), 'whole'],
    ['a second document', `${plain}---\nservices:\n  other:\n    ports: ["1:1"]\n`, 'whole'],
    ['a multi-line quoted scalar reaching the service column', plain.replace('    image: example/5\n', '    image: "example/5\n  continued"\n'), 'whole'],
    ['a YAML error before the services', `name: "unterminated\n${plain}`, 'whole'],
    ['services written as a flow mapping', `services: {${Array.from({ length: 3000 }, (_, i) => `s${i}: {ports: ["${i + 1}:80"]}`).join(', ')}}\n`, 'whole'],
    ['a tab before a service key', plain.replace('  svc7:', '\tsvc7:'), 'whole'],
    ['a service key being indented, between the services and their keys', plain.replace('  svc500:', '   svc500:'), 'whole'],
    ['sequences written at their key\'s column', plain.replace(/ {6}- /g, '    - '), 'in parts'],
  ];
  it('the lines alone tell a service key being indented: the whole file is read before any part is parsed', () => {
    assert.equal(serviceLines(plain)?.starts.length, 1000);
    assert.equal(serviceLines(plain.replace('  svc500:', '   svc500:')), undefined);
    assert.equal(serviceLines(plain.replace('  svc500:', '    svc500:'))?.starts.length, 999, 'at the keys\' column it is a key of svc499 (the parts are then checked)');
  });
  for (const [construct, file, read] of cases) {
    it(`${construct}: read ${read}, facts and fixes as a whole parse gives them`, () => {
      assert.ok(file.length >= READ_IN_PARTS_FROM, 'the file is large enough to be read in parts');
      const extractor = new IncrementalComposeExtractor();
      const facts = extractor.extract(file, {});
      assert.equal(extractor.lastFullRead, read);
      assert.deepEqual(comparableFacts(facts), comparableFacts(extractFacts(file, 'compose')));
      // Typing in a service afterwards re-reads that service alone, from the parts.
      const edited = file.replace('svc400:', 'svc400x:');
      assert.deepEqual(comparableFacts(extractor.extract(edited, {})), comparableFacts(extractFacts(edited, 'compose')));
    });
  }
});
