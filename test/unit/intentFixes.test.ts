/**
 * The fixes that fit a public port's class, on Compose files written as real stacks are:
 * Stop publishing (the result parses as the same file minus that port), Deploy-time address,
 * Mark as public by design; and which of them fix-all applies.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { besideFile } from '../../server/src/workspace/checkFile';
import { applyEdits } from '../../server/src/engine/edits';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import type { Finding } from '../../server/src/engine/rules/rule';
import { bindAddressVariable } from '../../server/src/engine/intent/intentFixes';
import { check, fixEverything, settingsWith } from '../support/engine';

const publicBind = (text: string, needle: string, kind: 'compose' | 'shell' | 'markdown' = 'compose', overrides: Record<string, unknown> = {}, environment: Record<string, string> = {}): Finding => {
  // The finding whose spec lies within the first occurrence of `needle`.
  const start = text.indexOf(needle);
  const finding = check(text, kind, overrides, environment).find((f) => f.rule === 'public-bind' && f.span.start >= start && f.span.end <= start + needle.length);
  assert.ok(finding, `no public-bind at ${needle}`);
  return finding;
};
const fix = (finding: Finding, title: RegExp) => {
  const found = finding.fixes.find((f) => title.test(f.title));
  assert.ok(found, `no fix ${title} among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  return found;
};

/** The Compose file as data, without the one port: what Stop publishing must give. */
function withoutPort(text: string, service: string, index: number): unknown {
  const data = parse(text);
  const ports = data.services[service].ports as unknown[];
  ports.splice(index, 1);
  if (ports.length === 0) delete data.services[service].ports;
  return data;
}

const STACK = `name: shop
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
    ports:
      # pgAdmin on the host
      - "5432:5432" # the database
    volumes:
      - db:/var/lib/postgresql/data
  cache:
    image: redis:7
    ports: ["6379:6379", "127.0.0.1:16379:6379"]
  app:
    build: .
    depends_on:
      db:
        condition: service_healthy
    environment:
      - DATABASE_URL=postgres://shop:example@db:5432/shop
      - REDIS_URL=redis://cache:6379
    ports:
      - "3000:3000"
  worker:
    build: .
    command: ["celery", "--broker", "redis://cache:6379/0"]
volumes:
  db: {}
`;

describe('Stop publishing (Compose)', () => {
  it('a database the app reaches: the entry and its ports key go, comments and every other byte stay', () => {
    const finding = publicBind(STACK, '5432:5432');
    assert.equal(finding.publicClass, 'must-never');
    const stop = fix(finding, /^Stop publishing/);
    assert.equal(stop.title, 'Stop publishing: `app` reaches `db:5432` over the Compose network');
    assert.notEqual(finding.fixes[0], stop, 'not the preferred fix');
    const fixed = applyEdits(STACK, stop.edits);
    assert.deepEqual(parse(fixed), withoutPort(STACK, 'db', 0));
    assert.equal(fixed, STACK.replace('    ports:\n      # pgAdmin on the host\n      - "5432:5432" # the database\n', '      # pgAdmin on the host\n'));
  });
  it('a flow list keeps its other entries; two consumers are named', () => {
    const stop = fix(publicBind(STACK, '6379:6379'), /^Stop publishing/);
    assert.equal(stop.title, 'Stop publishing: `app` and `worker` reach `cache:6379` over the Compose network');
    const fixed = applyEdits(STACK, stop.edits);
    assert.deepEqual(parse(fixed), withoutPort(STACK, 'cache', 0));
    assert.match(fixed, /ports: \["127\.0\.0\.1:16379:6379"\]/);
  });
  it('a port nobody reaches by name keeps only the other fixes', () => {
    assert.ok(!publicBind(STACK, '3000:3000').fixes.some((f) => f.title.startsWith('Stop publishing')));
  });
  const consumers: [string, string][] = [
    ['depends_on as a list', '    depends_on: [api]\n'],
    ['links', '    links:\n      - "api:backend"\n'],
    ['an environment value naming the service alone', '    environment:\n      API_HOST: api\n'],
    ['a URL', '    environment:\n      API: http://api/v1\n'],
    ['service:port in a command string', '    command: wait-for api:8000 -- npm start\n'],
  ];
  for (const [how, consumer] of consumers) {
    it(`reached by ${how}`, () => {
      const text = `services:\n  api:\n    image: my/api\n    ports:\n      - target: 8000\n        published: 8000\n        protocol: tcp\n      - "9000:9000"\n  web:\n    image: my/web\n${consumer}`;
      const stop = fix(publicBind(text, 'published: 8000'), /^Stop publishing/);
      assert.deepEqual(parse(applyEdits(text, stop.edits)), withoutPort(text, 'api', 0));
    });
  }
  it('another port number of the service is not a reach of this one', () => {
    const text = 'services:\n  api:\n    image: my/api\n    ports:\n      - "9000:9000"\n  web:\n    image: my/web\n    command: wait-for api:8000\n';
    assert.ok(!publicBind(text, '9000:9000').fixes.some((f) => f.title.startsWith('Stop publishing')));
  });
  it('a list shared through an anchor is not edited (the other service uses it too)', () => {
    const text = 'x-ports: &ports\n  - "8000:8000"\nservices:\n  api:\n    image: my/api\n    ports: *ports\n  web:\n    image: my/web\n    depends_on: [api]\n';
    assert.ok(!publicBind(text, '8000:8000').fixes.some((f) => f.title.startsWith('Stop publishing')));
  });
  it('never applied by fix-all', () => {
    const fixed = fixEverything(STACK, 'compose');
    assert.match(fixed, /"127\.0\.0\.1:5432:5432" # the database/);
  });
});

describe('Stop publishing across the files of a Compose project', () => {
  const BASE = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n  app:\n    image: my/app\n';
  const OVERRIDE = 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: dev\n  app:\n    depends_on: [db]\n  adminer:\n    image: adminer\n    environment:\n      ADMINER_DEFAULT_SERVER: db\n';
  /** The public-bind finding of `text` at `needle`, with the project's other files read from `files` as Compose would find them beside `filePath`. */
  const inProject = (filePath: string, text: string, files: Record<string, string>, needle: string): Finding => {
    const beside = besideFile(filePath, 'compose', (file) => files[file], text);
    const start = text.indexOf(needle);
    const finding = analyze(text, 'compose', { settings: settingsWith(), ...beside }).findings.find((f) => f.rule === 'public-bind' && f.span.start >= start);
    assert.ok(finding, `no public-bind at ${needle}`);
    return finding;
  };

  it('consumers written in compose.override.yaml are named with their file; the fix edits compose.yaml only', () => {
    const finding = inProject('/srv/shop/compose.yaml', BASE, { '/srv/shop/compose.override.yaml': OVERRIDE }, '5432:5432');
    const stop = fix(finding, /^Stop publishing/);
    assert.equal(stop.title, 'Stop publishing: `app` and `adminer` in compose.override.yaml reach `db:5432` over the Compose network');
    assert.deepEqual(parse(applyEdits(BASE, stop.edits)), withoutPort(BASE, 'db', 0));
    assert.ok(stop.edits.every((edit) => edit.end <= BASE.length), 'edits lie in the spec\'s own file');
  });
  it('a consumer in the same file is named first, without a file; the same service in the override is not its own consumer', () => {
    const base = BASE.replace('    image: my/app\n', '    image: my/app\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n');
    const stop = fix(inProject('/srv/shop/compose.yaml', base, { '/srv/shop/compose.override.yaml': OVERRIDE }, '5432:5432'), /^Stop publishing/);
    assert.equal(stop.title, 'Stop publishing: `app` in this file and `adminer` in compose.override.yaml reach `db:5432` over the Compose network');
  });
  it('docker-compose.yml and docker-compose.override.yml, and the override as the file being checked', () => {
    const stop = fix(inProject('/srv/shop/docker-compose.yml', BASE, { '/srv/shop/docker-compose.override.yml': OVERRIDE }, '5432:5432'), /^Stop publishing/);
    assert.equal(stop.title, 'Stop publishing: `app` and `adminer` in docker-compose.override.yml reach `db:5432` over the Compose network');
    // The override publishes a port that a service of the base file reaches.
    const override = 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "6379:6379"\n';
    const base = 'services:\n  app:\n    image: my/app\n    environment:\n      REDIS_URL: redis://cache:6379\n';
    const fromOverride = fix(inProject('/srv/shop/compose.override.yaml', override, { '/srv/shop/compose.yaml': base }, '6379:6379'), /^Stop publishing/);
    assert.equal(fromOverride.title, 'Stop publishing: `app` in compose.yaml reaches `cache:6379` over the Compose network');
    assert.deepEqual(parse(applyEdits(override, fromOverride.edits)), withoutPort(override, 'cache', 0));
  });
  it('files of another project in the folder, or no consumer anywhere: no Stop publishing', () => {
    assert.ok(!inProject('/srv/shop/compose.yaml', BASE, { '/srv/other/compose.override.yaml': OVERRIDE }, '5432:5432').fixes.some((f) => f.title.startsWith('Stop publishing')));
    assert.ok(!inProject('/srv/shop/compose.yaml', BASE, { '/srv/shop/compose.override.yaml': 'services:\n  db:\n    shm_size: 128mb\n' }, '5432:5432').fixes.some((f) => f.title.startsWith('Stop publishing')));
  });
});

describe('Deploy-time address (Compose)', () => {
  const text = 'services:\n  jellyfin:\n    image: jellyfin/jellyfin\n    ports:\n      - 8096:8096\n';
  it('binds to a variable with a loopback default, quoted, and documents the variable in its title', () => {
    const deploy = fix(publicBind(text, '8096:8096'), /^Deploy-time address/);
    assert.equal(deploy.title, 'Deploy-time address: bind to ${JELLYFIN_BIND_ADDRESS:-127.0.0.1} (set JELLYFIN_BIND_ADDRESS in .env to serve another address)');
    const fixed = applyEdits(text, deploy.edits);
    assert.equal(fixed, 'services:\n  jellyfin:\n    image: jellyfin/jellyfin\n    ports:\n      - "${JELLYFIN_BIND_ADDRESS:-127.0.0.1}:8096:8096"\n');
    assert.deepEqual(check(fixed, 'compose').filter((f) => f.rule === 'public-bind'), [], 'loopback where nothing sets it');
    assert.deepEqual(check(fixed, 'compose', {}, { JELLYFIN_BIND_ADDRESS: '192.168.1.10' }).filter((f) => f.rule === 'public-bind'), [], 'a LAN address set in .env');
    assert.equal(check(fixed, 'compose', {}, { JELLYFIN_BIND_ADDRESS: '0.0.0.0' }).filter((f) => f.rule === 'public-bind').length, 1, 'still checked when .env opens it');
  });
  it('long syntax gets host_ip with the variable', () => {
    const long = 'services:\n  jellyfin:\n    image: jellyfin/jellyfin\n    ports:\n      - target: 8096\n        published: 8096\n';
    const deploy = fix(publicBind(long, 'published: 8096'), /^Deploy-time address/);
    assert.match(applyEdits(long, deploy.edits), /host_ip: \$\{JELLYFIN_BIND_ADDRESS:-127\.0\.0\.1\}\n$/);
  });
  const names: [string, string][] = [['jellyfin', 'JELLYFIN_BIND_ADDRESS'], ['home-assistant', 'HOME_ASSISTANT_BIND_ADDRESS'], ['web.1', 'WEB_1_BIND_ADDRESS'], ['2fauth', 'S2FAUTH_BIND_ADDRESS']];
  for (const [service, variable] of names) it(`${service} → ${variable}`, () => assert.equal(bindAddressVariable(service), variable));
  it('not for an IPv6 bind address, nor for a database, nor outside Compose', () => {
    assert.ok(!publicBind(text, '8096:8096', 'compose', { bindAddress: '::1' }).fixes.some((f) => f.title.startsWith('Deploy-time')));
    assert.ok(!publicBind(STACK, '5432:5432').fixes.some((f) => f.title.startsWith('Deploy-time')));
  });
});

describe('Mark as public by design', () => {
  before(() => loadBashGrammar());
  const cases: [string, string, 'compose' | 'shell' | 'markdown', string][] = [
    ['services:\n  web:\n    image: my/web\n    ports:\n      - "8080:80"\n', '8080:80', 'compose', 'services:\n  web:\n    image: my/web\n    ports:\n      # docker-port-safety public\n      - "8080:80"\n'],
    ['services:\r\n  web:\r\n    ports:\r\n      - "8080:80"\r\n', '8080:80', 'compose', 'services:\r\n  web:\r\n    ports:\r\n      # docker-port-safety public\r\n      - "8080:80"\r\n'],
    ['#!/bin/sh\n  docker run -d \\\n    -p 8080:80 \\\n    my/web\n', '8080:80', 'shell', '#!/bin/sh\n  # docker-port-safety public\n  docker run -d \\\n    -p 8080:80 \\\n    my/web\n'],
    ['> ```sh\n> docker run -p 8080:80 my/web\n> ```\n', '8080:80', 'markdown', '> ```sh\n> # docker-port-safety public\n> docker run -p 8080:80 my/web\n> ```\n'],
  ];
  for (const [text, needle, kind, expected] of cases) {
    it(`${kind}: ${JSON.stringify(text.slice(0, 40))}… becomes declared public`, () => {
      const finding = publicBind(text, needle, kind);
      assert.equal(finding.publicClass, 'accidental');
      const fixed = applyEdits(text, fix(finding, /^Mark as public by design/).edits);
      assert.equal(fixed, expected);
      assert.equal(publicBind(fixed, needle, kind).publicClass, 'declared');
      assert.equal(publicBind(fixed, needle, kind).severity, 'information');
      assert.ok(!publicBind(fixed, needle, kind).fixes.some((f) => f.title.startsWith('Mark as public')), 'offered for accidental ports only');
    });
  }
});

describe('fix-all changes only must-never and accidental ports', () => {
  before(() => loadBashGrammar());
  it('a Traefik stack: 80 and 443 stay, the dashboard and the database are bound', () => {
    const text = 'services:\n  traefik:\n    image: traefik:v3.1\n    ports:\n      - "80:80"\n      - "443:443"\n      - "8080:8080"\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n';
    assert.equal(
      fixEverything(text, 'compose'),
      'services:\n  traefik:\n    image: traefik:v3.1\n    ports:\n      - "80:80"\n      - "443:443"\n      - "127.0.0.1:8080:8080"\n  db:\n    image: postgres\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    );
  });
  it('a script: docker run -p 443:443 caddy stays, the declared port stays, the rest is bound', () => {
    const text = 'docker run -d -p 443:443 -p 2019:2019 caddy\n# docker-port-safety public: the media server on the LAN\ndocker run -d -p 8096:8096 jellyfin/jellyfin\n';
    assert.equal(fixEverything(text, 'shell'), 'docker run -d -p 443:443 -p 127.0.0.1:2019:2019 caddy\n# docker-port-safety public: the media server on the LAN\ndocker run -d -p 8096:8096 jellyfin/jellyfin\n');
    assert.deepEqual(analyze(text, 'shell', { settings: settingsWith() }).findings.map((f) => [f.publicClass, f.severity]), [['by-design', 'information'], ['accidental', 'warning'], ['declared', 'information']]);
  });
});
