/** The workspace port map: exact entries for a project with an override, .env, a script and a README. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { buildPortMap, CheckedFile, reachOf } from '../../server/src/engine/portMap';
import { parseIpAddress } from '../../server/src/engine/grammar/ipAddress';
import { URI } from '../../server/src/workspace/uri';
import { checkText } from '../../server/src/workspace/checkFile';
import { findFiles } from '../../server/src/workspace/files';
import { settingsWith } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'portmap');

function checkedWorkspace(root: string): CheckedFile[] {
  return findFiles([root]).files.map((file) => {
    const text = fs.readFileSync(file.path, 'utf8');
    const { facts, findings } = checkText(file.path, text, file.kind, settingsWith());
    return { uri: URI.fromFilePath(path.resolve(file.path)), text, facts, findings };
  });
}

/** Entries with sources as `relative/path:line:character` for reading. */
function readable(root: string) {
  return buildPortMap(checkedWorkspace(root)).map((entry) => ({
    ...entry,
    sources: entry.sources.map((s) => `${path.relative(root, URI.toFilePath(s.uri)!)}:${s.range.start.line + 1}:${s.range.start.character + 1} ${s.container ?? '-'} ${s.rule ?? '-'} ${s.publicClass ?? '-'}`),
  }));
}

describe('port map', () => {
  before(() => loadBashGrammar());

  it('one entry per host binding, every source, public first, conflicts across files', () => {
    assert.deepEqual(readable(ROOT), [
      { reach: 'public', hostAddress: null, hostPort: '8080', protocol: 'tcp', containerPort: '80', kind: 'publish', publicClass: 'accidental', conflict: true,
        sources: ['README.md:4:17 nginx public-bind accidental', 'compose.override.yaml:4:10 web public-bind accidental', 'compose.yaml:5:10 web public-bind accidental'] },
      { reach: 'public', hostAddress: null, hostPort: '8080', protocol: 'tcp', containerPort: '3000', kind: 'publish', publicClass: 'accidental', conflict: true,
        sources: ['scripts/dev.sh:2:18 dev-server public-bind accidental'] },
      { reach: 'public', hostAddress: null, hostPort: '', protocol: 'tcp', containerPort: '', kind: 'host-network', conflict: false,
        sources: ['compose.yaml:13:19 metrics host-network -'] },
      { reach: 'public', hostAddress: null, hostPort: '${ADMIN_PORT}', protocol: 'tcp', containerPort: '8080', kind: 'publish', publicClass: 'accidental', conflict: false,
        sources: ['compose.override.yaml:8:10 admin public-bind accidental'] },
      { reach: 'public', hostAddress: null, hostPort: '', protocol: 'tcp', containerPort: '', kind: 'publish-all', conflict: false,
        sources: ['scripts/dev.sh:3:15 toolbox publish-all -'] },
      { reach: 'specific', hostAddress: '192.168.1.10', hostPort: '9000', protocol: 'tcp', containerPort: '9000', kind: 'publish', conflict: false,
        sources: ['scripts/dev.sh:4:18 minio/minio - -'] },
      { reach: 'local', hostAddress: '127.0.0.1', hostPort: '5432', protocol: 'tcp', containerPort: '5432', kind: 'publish', conflict: false,
        sources: ['compose.yaml:10:10 db - -'] },
      { reach: 'local', hostAddress: '127.0.0.1', hostPort: '8080', protocol: 'tcp', containerPort: '80', kind: 'publish', conflict: false,
        sources: ['README.md:5:17 nginx - -'] },
      { reach: 'local', hostAddress: '127.0.0.1', hostPort: '8443', protocol: 'tcp', containerPort: '443', kind: 'publish', conflict: false,
        sources: ['compose.yaml:6:10 web - -'] },
    ]);
  });

  const reaches: [string, string][] = [['', 'public'], ['0.0.0.0', 'public'], ['::', 'public'], ['203.0.113.7', 'public'], ['127.0.0.1', 'local'], ['::1', 'local'],
    ['10.0.0.5', 'specific'], ['172.20.0.1', 'specific'], ['192.168.1.10', 'specific'], ['fd00::1', 'specific'], ['100.64.0.1', 'specific']];
  for (const [address, reach] of reaches) {
    it(`reach of "${address}" is ${reach}`, () => assert.equal(reachOf(address, address ? parseIpAddress(address) : undefined), reach));
  }
  it('reach of an address from a variable is unknown', () => assert.equal(reachOf(undefined, undefined), 'unknown'));

  it('a Markdown page never conflicts, even with itself; a Swarm port is public', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'dps-map-'));
    fs.writeFileSync(path.join(dir, 'a.md'), '```sh\ndocker run -p 80:80 a\ndocker run -p 80:81 b\n```\n');
    fs.writeFileSync(path.join(dir, 'stack.yml'), 'services:\n  s:\n    image: x\n    ports: ["127.0.0.1:90:90"]\n    deploy:\n      placement: {}\n');
    const map = buildPortMap(checkedWorkspace(dir));
    assert.deepEqual(map.map((e) => [e.reach, e.hostAddress, e.hostPort, e.containerPort, e.conflict]), [
      ['public', null, '80', '80', false], ['public', null, '80', '81', false], ['public', null, '90', '90', false],
    ]);
  });
});
