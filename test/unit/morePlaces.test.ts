/** Compose inside Markdown, Podman Quadlet units and Ansible container tasks: exact results and fixes. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { documentKind, documentKindByContent } from '../../server/src/engine/readers/documentKind';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { hoverAt } from '../../server/src/engine/hover';
import { check, fixEverything, settingsWith, spans } from '../support/engine';

const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string, kind: 'markdown' | 'quadlet' | 'ansible') => check(text, kind).map((f) => [f.rule, text.slice(f.span.start, f.span.end)]);

describe('Compose inside Markdown', () => {
  before(() => loadBashGrammar());
  const cases: [string, string, string[][], string][] = [
    ['a yaml block with services', lines('```yaml', 'services:', '  web:', '    image: nginx', '    ports:', '      - "8080:80"', '```'),
      [['public-bind', '8080:80']], lines('```yaml', 'services:', '  web:', '    image: nginx', '    ports:', '      - "127.0.0.1:8080:80"', '```')],
    ['a yml fence in a list item, one service as a fragment', lines('1. Add:', '', '   ```yml', '   web:', '     image: nginx', '     ports: ["8080:80"]', '   ```'),
      [['public-bind', '8080:80']], lines('1. Add:', '', '   ```yml', '   web:', '     image: nginx', '     ports: ["127.0.0.1:8080:80"]', '   ```')],
    ['a compose fence in a blockquote, a service\'s own keys, long syntax', lines('> ```compose', '> ports:', '>   - target: 80', '>     published: 8080', '> ```'),
      [['public-bind', '8080']], lines('> ```compose', '> ports:', '>   - target: 80', '>     published: 8080', '>     host_ip: 127.0.0.1', '> ```')],
    ['a ~~~ yaml fence with an unquoted mapping', lines('~~~yaml', 'services:', '  db:', '    ports:', '      - 5432:5432', '~~~'),
      [['public-bind', '5432:5432'], ['unquoted-port', '5432:5432']], lines('~~~yaml', 'services:', '  db:', '    ports:', '      - "127.0.0.1:5432:5432"', '~~~')],
  ];
  for (const [what, page, expected, fixed] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(findings(page, 'markdown'), expected);
      assert.equal(fixEverything(page, 'markdown'), fixed);
      assert.equal(fixEverything(fixed, 'markdown'), fixed);
    });
  }
  it('alternatives on one page do not conflict', () => {
    const block = lines('```yaml', 'services:', '  web:', '    ports: ["8080:80"]', '```');
    assert.deepEqual(check(block + block, 'markdown').map((f) => f.rule), ['public-bind', 'public-bind']);
  });
  it('YAML that is not Compose stays unread', () => {
    assert.deepEqual(findings(lines('```yaml', 'apiVersion: v1', 'kind: Service', 'spec:', '  ports:', '    - port: 80', '```'), 'markdown'), []);
    assert.deepEqual(findings(lines('```yaml', 'ports:', '  - "8080:80"', 'name: not a service', '```'), 'markdown'), [['public-bind', '8080:80']]);
    // A Kubernetes object has nothing of Compose, even with keys a service fragment would have (it is not parsed).
    assert.deepEqual(findings(lines('```yaml', 'apiVersion: v1', 'kind: Pod', 'ports:', '  - "8080:80"', '```'), 'markdown'), []);
    assert.deepEqual(findings(lines('- Then:', '', '  ```yaml', '  kind: Deployment', '  apiVersion: apps/v1', '  ports:', '    - "8080:80"', '  ```'), 'markdown'), []);
    // ... unless it also has services: a Compose file that happens to say kind and apiVersion somewhere.
    assert.deepEqual(findings(lines('```yaml', 'services:', '  web:', '    labels:', '      kind: web', '      apiVersion: v2', '    ports:', '      - "8080:80"', '```'), 'markdown'), [['public-bind', '8080:80']]);
  });
});

describe('Podman Quadlet units', () => {
  it('is chosen by file name, whatever language the unit opens with', () => {
    for (const name of ['web.container', 'app.pod', 'stack.kube']) {
      for (const language of ['ini', 'plaintext', 'systemd-unit-file', undefined]) assert.equal(documentKind(`/u/${name}`, language), 'quadlet');
    }
  });
  const unit = lines(
    '[Unit]', 'Description=Web', '', '[Container]', 'Image=docker.io/library/nginx', '# PublishPort=1:1 (a comment)', '; PublishPort=2:2 (another)',
    'PublishPort=8080:80', 'PublishPort="127.0.0.1:8443:443"', 'PublishPort=[::]:9090:90', 'PublishPort=7070:70,7071:71', 'ExposeHostPort=5432',
    'PodmanArgs=--publish 6060:60 --label a=b', '', '[Service]', 'PublishPort=1:1', '',
  );
  it('reads PublishPort (repeated, quoted, comma lists), ExposeHostPort and PodmanArgs in [Container] only', () => {
    assert.deepEqual(findings(unit, 'quadlet'), [
      ['public-bind', '8080:80'], ['public-bind', '[::]:9090:90'], ['public-bind', '7070:70'], ['public-bind', '7071:71'],
      ['sensitive-port', '5432'], ['public-bind', '6060:60'],
    ]);
  });
  it('fixes PublishPort=8080:80 to PublishPort=127.0.0.1:8080:80, the rest as written', () => {
    assert.equal(
      fixEverything(unit, 'quadlet'),
      unit.replace('PublishPort=8080:80', 'PublishPort=127.0.0.1:8080:80').replace('[::]:9090', '[::1]:9090')
        .replace('7070:70,7071:71', '127.0.0.1:7070:70,127.0.0.1:7071:71').replace('--publish 6060', '--publish 127.0.0.1:6060'),
    );
  });
  it('a trailing backslash continues a value; [Pod] and [Kube] publish too; Network=host is host networking', () => {
    const text = lines('[Pod]', 'PublishPort=\\', '  8080:80', '[Kube]', 'Yaml=app.yaml', 'PublishPort=9000:9000', '[Container]', 'Network=host', 'PublishPort=1234:1234');
    assert.deepEqual(findings(text, 'quadlet'), [['public-bind', '8080:80'], ['public-bind', '9000:9000'], ['host-network', 'host']]);
    const hover = hoverAt(extractFacts(text, 'quadlet'), text.indexOf('1234:1234'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /discards published ports/);
  });
  it('an ignore comment above a key silences it', () => {
    assert.deepEqual(findings(lines('[Container]', '# docker-port-safety ignore public-bind', 'PublishPort=8080:80', 'PublishPort=8081:80'), 'quadlet'), [['public-bind', '8081:80']]);
  });
  it('CRLF line endings are kept by the fix', () => {
    const text = '[Container]\r\nPublishPort=8080:80\r\n';
    assert.equal(fixEverything(text, 'quadlet'), '[Container]\r\nPublishPort=127.0.0.1:8080:80\r\n');
  });
});

describe('Ansible container tasks', () => {
  const play = lines(
    '- hosts: web',
    '  tasks:',
    '    - name: Start the app',
    '      community.docker.docker_container:',
    '        name: app',
    '        image: nginx',
    '        published_ports:',
    '          - "8080:80"',
    '          - 127.0.0.1:8081:81',
    "          - '{{ web_port }}:80'",
    '          - "{{ bind_ip }}:8082:82"',
    '    - block:',
    '        - docker_container:',
    '            name: db',
    '            image: postgres',
    '            ports: [5432:5432]',
    '            network_mode: host',
    '    - containers.podman.podman_container:',
    '        name: cache',
    '        image: redis',
    '        publish:',
    '          - 6379:6379',
    '        publish_all: true',
    '    - podman_container:',
    '        name: edge',
    '        image: traefik',
    '        network: [host]',
    '    - docker_container:',
    '        name: all',
    '        image: x',
    '        published_ports: all',
    '  handlers:',
    '    - name: restart',
    '      docker_container:',
    '        name: app',
    '        networks:',
    '          - name: host',
  );
  it('is chosen by content under the yaml or ansible language id', () => {
    assert.equal(documentKindByContent('/p/site.yml', 'yaml', play), 'ansible');
    assert.equal(documentKindByContent('/p/roles/web/tasks/main.yml', undefined, play), 'ansible');
    assert.equal(documentKind('/p/site.yml', 'ansible'), 'ansible');
    assert.equal(documentKindByContent('/p/site.yml', 'yaml', '- hosts: all\n  tasks:\n    - apt: name=nginx\n'), undefined);
  });
  it('reads published_ports, ports, publish, publish_all(_ports), `all`, network_mode, network and networks', () => {
    assert.deepEqual(findings(play, 'ansible'), [
      ['public-bind', '8080:80'], ['public-bind', '{{ web_port }}:80'], ['host-network', 'host'], ['public-bind', '6379:6379'], ['publish-all', 'true'],
      ['host-network', 'host'], ['publish-all', 'all'], ['host-network', 'host'],
    ]);
  });
  it('Jinja2 values are unknown and named; the address around them is still judged', () => {
    const [, jinja] = check(play, 'ansible');
    assert.match(jinja.message, /decided by `web_port`/);
    assert.equal(spans(play, check(play, 'ansible')).includes('{{ bind_ip }}:8082:82'), false);
  });
  it('fixes keep the YAML style: quotes added only where a value was plain', () => {
    const fixed = fixEverything(play, 'ansible');
    assert.equal(
      fixed,
      play.replace('- "8080:80"', '- "127.0.0.1:8080:80"').replace("'{{ web_port }}:80'", "'127.0.0.1:{{ web_port }}:80'").replace('- 6379:6379', '- "127.0.0.1:6379:6379"'),
    );
  });
});
