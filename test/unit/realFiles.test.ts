/**
 * Constructs of real repositories beyond Markdown: Compose files by content, values only known at
 * deploy or build time, networks that change the default address, Swarm stack files, and the
 * commands docker compose run / podman pod create. Exact positions, messages and fixed text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { applyEdits } from '../../server/src/engine/edits';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { hoverAt } from '../../server/src/engine/hover';
import { checkText } from '../../server/src/workspace/checkFile';
import { findFiles } from '../../server/src/workspace/files';
import { check, fixEverything, settingsWith, spans } from '../support/engine';

const rules = (text: string, kind: 'compose' | 'shell' | 'dockerfile' | 'markdown') => check(text, kind).map((f) => f.rule);
const hoverText = (text: string, kind: 'compose' | 'shell' | 'dockerfile', at: string) =>
  hoverAt(extractFacts(text, kind), text.indexOf(at) + 1, ruleContext({ settings: settingsWith() }))?.markdown ?? '';

describe('Compose files by content, whatever their name', () => {
  const compose = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n';
  for (const name of ['stack.yml', 'docker-stack.yml', 'stack-proxy.yml', 'production.yml', 'compose_components.yaml']) {
    it(`${name} with services is Compose (language yaml, or unknown)`, () => {
      assert.equal(documentKindByContent(`/repo/${name}`, 'yaml', compose), 'compose');
      assert.equal(documentKindByContent(`/repo/${name}`, undefined, compose), 'compose');
    });
  }
  const notCompose: [string, string][] = [
    ['a Kubernetes manifest', 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n'],
    ['GitLab CI services (a list)', 'services:\n  - postgres:16\ntest:\n  script: [make]\n'],
    ['OpenAPI', 'openapi: 3.0.0\npaths:\n  /services:\n    get: {}\n'],
    ['a services map without Compose keys', 'services:\n  billing:\n    owner: team-a\n'],
  ];
  for (const [what, text] of notCompose) it(`${what} is not`, () => assert.equal(documentKindByContent('/repo/x.yaml', 'yaml', text), undefined));
  it('the walk reads stack files by content and skips other YAML', () => {
    const corpus = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus', 'selfhost');
    const kinds = Object.fromEntries(findFiles([corpus]).files.map((f) => [path.basename(f.path), f.kind]));
    assert.equal(kinds['production.yml'], 'compose');
    assert.equal(kinds['compose_components.yaml'], 'compose');
    assert.equal(kinds['k8s-service.yaml'], undefined);
    assert.equal(kinds['.gitlab-ci.yml'], undefined);
  });
});

describe('values we cannot know are unknown, not invalid', () => {
  before(() => loadBashGrammar());
  it('Compose: an unset variable with no default is unknown; the empty address is still public and the message names the variable', () => {
    const text = 'services:\n  calls:\n    ports:\n      - "${CALLS_PORT}:${CALLS_PORT}/udp"\n';
    const findings = check(text, 'compose');
    assert.deepEqual(findings.map((f) => f.rule), ['public-bind']);
    assert.deepEqual(spans(text, findings), ['${CALLS_PORT}:${CALLS_PORT}/udp']);
    assert.match(findings[0].message, /decided by `CALLS_PORT`, set where the file is deployed/);
    assert.match(hoverText(text, 'compose', 'CALLS_PORT'), /Unknown here: `CALLS_PORT` \(set where the file is deployed\) decides the port/);
    assert.equal(fixEverything(text, 'compose'), text.replace('"${CALLS', '"127.0.0.1:${CALLS'));
  });
  it('Compose: an unset address variable makes the address unknown: no finding', () => {
    assert.deepEqual(rules('services:\n  a:\n    ports:\n      - "${BIND}:8080:80"\n', 'compose'), []);
  });
  it('Compose: a whole spec from a variable is explained, not judged', () => {
    const text = 'services:\n  a:\n    ports:\n      - "${PORTS}"\n';
    assert.deepEqual(rules(text, 'compose'), []);
    assert.match(hoverText(text, 'compose', 'PORTS'), /Published port set by a variable/);
  });
  it('Compose long syntax: published from an unset variable is unknown', () => {
    const text = 'services:\n  a:\n    ports:\n      - target: 80\n        published: ${WEB}\n';
    const [finding] = check(text, 'compose');
    assert.equal(finding.rule, 'public-bind');
    assert.match(finding.message, /`WEB`/);
  });
  it('Compose: a default address is fixed in place, the variable kept', () => {
    const text = 'services:\n  a:\n    ports:\n      - "${BIND_IP:-0.0.0.0}:3000:3000"\n';
    const fixed = fixEverything(text, 'compose');
    assert.equal(fixed, text.replace('0.0.0.0', '127.0.0.1'));
    assert.deepEqual(rules(fixed, 'compose'), []);
  });
  it('Compose: an address set in .env has no in-place fix, so none is offered (marking it public still is)', () => {
    const text = 'services:\n  a:\n    ports:\n      - "${BIND_IP:-127.0.0.1}:3000:3000"\n';
    const [finding] = check(text, 'compose', {}, { BIND_IP: '0.0.0.0' });
    assert.equal(finding.rule, 'public-bind');
    assert.deepEqual(finding.fixes.map((f) => f.title), ['Mark as public by design (# docker-port-safety public)']);
  });
  const dockerfiles: [string, string, string[]][] = [
    ['ARG, then ENV from it', 'ARG PORT=80\nFROM node\nARG PORT\nENV PORT=$PORT\nEXPOSE $PORT\n', ['80']],
    ['legacy ENV K V and a default', 'FROM node\nENV ADMIN ${ADMIN_PORT:-9090}\nEXPOSE $ADMIN/udp\n', ['9090/udp']],
    ['${K:+alt}', 'FROM node\nARG TLS=1\nEXPOSE ${TLS:+443}\n', ['443']],
    ['ENV inherited from a parent stage', 'FROM node AS base\nENV PORT=3000\nFROM base\nEXPOSE $PORT\n', ['3000']],
    ['a stage name in another case is the stage', 'FROM node AS Base\nENV PORT=3000\nFROM --platform=linux/amd64 BASE AS run\nEXPOSE $PORT\n', ['3000']],
    ['FROM base:1 is an image, not the stage base', 'FROM node AS base\nENV PORT=3000\nFROM base:1\nEXPOSE $PORT\n', ['\uE000']],
    ['a global ARG a stage does not re-declare is not visible', 'ARG PORT=80\nFROM node\nEXPOSE $PORT\n', ['\uE000']],
    ['an ARG without a default (set at build time)', 'FROM node\nARG PORT\nEXPOSE $PORT\n', ['\uE000']],
  ];
  for (const [what, text, expanded] of dockerfiles) {
    it(`Dockerfile: ${what}`, () => {
      assert.deepEqual(extractFacts(text, 'dockerfile').exposes.map((e) => e.expanded), expanded);
      assert.deepEqual(rules(text, 'dockerfile'), []);
    });
  }
  it('Dockerfile: the hover says where the value came from', () => {
    const text = 'ARG PORT=8080\nFROM node\nARG PORT\nENV PORT=$PORT\nEXPOSE $PORT\n';
    const hover = hoverAt(extractFacts(text, 'dockerfile'), text.indexOf('EXPOSE $PORT') + 8, ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /Value after ARG\/ENV expansion: `8080`/);
    assert.match(hover.markdown, /`\$PORT` = `8080` \(from ARG\/ENV\)/);
  });
});

describe('networks that change the default address', () => {
  before(() => loadBashGrammar());
  const networks = 'networks:\n  default:\n    driver_opts:\n      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"\n  back:\n    driver_opts:\n      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"\n  front: {}\n  zz: {}\n';
  const service = (name: string, extra: string) => `  ${name}:\n    image: x\n${extra}    ports:\n      - "8080:80"\n`;
  const cases: [string, string, boolean][] = [
    ['no networks: on default, which is local', '', false],
    ['one network without the option', '    networks: [front]\n', true],
    ['several networks: the name that sorts first carries the ports (back)', '    networks: [front, back]\n', false],
    ['several networks: the name that sorts first carries the ports (front)', '    networks: [zz, front]\n', true],
    ['gw_priority wins over the name', '    networks:\n      front:\n      zz:\n        gw_priority: 1\n', true],
    ['gw_priority on the local network', '    networks:\n      front: {}\n      back:\n        gw_priority: 10\n', false],
  ];
  for (const [what, extra, isPublic] of cases) {
    it(`Compose: ${what} → ${isPublic ? 'public' : 'local'}`, () => {
      const text = `services:\n${service('web', extra)}${networks}`;
      assert.deepEqual(rules(text, 'compose'), isPublic ? ['public-bind'] : []);
      if (!isPublic) assert.match(hoverText(text, 'compose', '8080:80'), /this machine only \(127\.0\.0\.1, loopback\)[\s\S]*network `(default|back)`/);
    });
  }
  it('script: docker network create -o … then --network NET', () => {
    const text = 'docker network create -o com.docker.network.bridge.host_binding_ipv4=127.0.0.1 labnet\ndocker run --network labnet -p 8080:80 a\ndocker run --network=other -p 8081:80 b\ndocker run -p 8082:80 c\n';
    assert.deepEqual(spans(text, check(text, 'shell')), ['8081:80', '8082:80']);
    assert.match(hoverText(text, 'shell', '8080:80'), /network `labnet` \(created with `docker network create -o`\)/);
  });
});

describe('Swarm stack files', () => {
  it('host_ip is dropped by docker stack deploy: public on every node, no fix offered', () => {
    const text = 'services:\n  web:\n    image: x\n    ports:\n      - "127.0.0.1:8080:80"\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n';
    const [finding] = check(text, 'compose');
    assert.equal(finding.rule, 'public-bind');
    assert.match(finding.message, /every interface of every node in the swarm/);
    assert.deepEqual(finding.fixes.map((f) => f.title), ['Mark as public by design (# docker-port-safety public)']);
    assert.match(hoverText(text, 'compose', '8080'), /The address `127\.0\.0\.1` written here is dropped/);
  });
  it('mode: host under deploy.mode: global: every interface of every node', () => {
    const text = 'services:\n  proxy:\n    image: x\n    ports:\n      - target: 443\n        published: 443\n        mode: host\n    deploy:\n      mode: global\n';
    const [finding] = check(text, 'compose');
    assert.match(finding.message, /each node that runs a task of the service \(mode host\)/);
    assert.match(hoverText(text, 'compose', 'published'), /deploy.mode: global`: every node of the swarm/);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('commands not read before', () => {
  before(() => loadBashGrammar());
  const cases: [string, string[], string][] = [
    ['docker compose -f dev.yml -p proj run --rm -p 8080:80 web', ['8080:80'], 'docker compose -f dev.yml -p proj run --rm -p 127.0.0.1:8080:80 web'],
    ['docker compose run --publish=8080:80 web sh', ['8080:80'], 'docker compose run --publish=127.0.0.1:8080:80 web sh'],
    ['docker-compose run -p 8080:80 web', ['8080:80'], 'docker-compose run -p 127.0.0.1:8080:80 web'],
    ['podman pod create --name shop -p 8080:80 -p 127.0.0.1:8081:81', ['8080:80'], 'podman pod create --name shop -p 127.0.0.1:8080:80 -p 127.0.0.1:8081:81'],
  ];
  for (const [line, found, fixed] of cases) {
    it(line, () => {
      assert.deepEqual(spans(line, check(line, 'shell')), found);
      assert.equal(fixEverything(line, 'shell'), fixed);
    });
  }
  it('podman pod create --network host is host networking', () => assert.deepEqual(rules('podman pod create --network host --name p\n', 'shell'), ['host-network']));
  it('docker compose up and the project name flag publish nothing', () => assert.deepEqual(rules('docker compose -p 8080:80 up -d\n', 'shell'), []));
});

describe('every offered fix on the corpus', () => {
  before(() => loadBashGrammar());
  it('changes the text, makes that spec loopback (or declared public, or gone), and a second fix-all changes nothing', () => {
    const settings = settingsWith();
    const corpus = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus');
    let offered = 0;
    for (const file of findFiles([corpus]).files) {
      const text = fs.readFileSync(file.path, 'utf8');
      const { findings } = checkText(file.path, text, file.kind, settings);
      const before = findings.filter((f) => f.rule === 'public-bind').length;
      for (const finding of findings.filter((f) => f.rule === 'public-bind')) {
        for (const fix of finding.fixes) {
          offered++;
          const fixed = applyEdits(text, fix.edits);
          assert.notEqual(fixed, text, `${file.path}: "${fix.title}" changes nothing`);
          const after = analyze(fixed, file.kind, { settings }).findings.filter((f) => f.rule === 'public-bind');
          if (fix.title.startsWith('Mark as public')) {
            // The marker goes on a line above the spec: the spec moves by the marker's length.
            const moved = finding.span.start + fix.edits.reduce((n, e) => n + e.newText.length, 0);
            assert.equal(after.length, before, `${file.path}: "${fix.title}" at ${finding.span.start} changed which specs are public`);
            assert.equal(after.find((f) => f.span.start === moved)?.publicClass, 'declared', `${file.path}: "${fix.title}" at ${finding.span.start} did not declare the spec public`);
          } else {
            assert.equal(after.length, before - 1, `${file.path}: "${fix.title}" at ${finding.span.start} did not make the spec loopback`);
          }
        }
      }
      const fixedAll = fixEverything(text, file.kind);
      assert.equal(fixEverything(fixedAll, file.kind), fixedAll, `${file.path}: a second fix-all changes the text`);
    }
    assert.ok(offered > 150, `only ${offered} fixes offered on the corpus`);
  });
});

describe('Compose override files', () => {
  const base = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n';
  const conflicts = (override: string) =>
    analyze(base, 'compose', { settings: settingsWith(), projectFiles: [{ file: '/p/compose.override.yaml', publishes: extractFacts(override, 'compose').publishes }] })
      .findings.filter((f) => f.rule === 'port-conflict').length;
  it('an override repeating the same service\'s mapping is one binding (Compose merges them), not a conflict', () => {
    assert.equal(conflicts('services:\n  web:\n    ports:\n      - "8080:80"\n'), 0);
  });
  it('another service, or another container port, on the same host port still conflicts', () => {
    assert.equal(conflicts('services:\n  admin:\n    ports:\n      - "8080:80"\n'), 1);
    assert.equal(conflicts('services:\n  web:\n    ports:\n      - "8080:8080"\n'), 1);
  });
});
