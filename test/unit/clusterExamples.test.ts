/**
 * The cluster examples (`examples/cluster`) end to end, as `npm start` and the CLI find them in a
 * tree: every finding, every fix, and their entries in the port map with their sources.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/analyze';
import { buildPortMap } from '../../server/src/engine/portMap';
import { LineIndex } from '../../server/src/engine/positions';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { checkText } from '../../server/src/workspace/checkFile';
import { findFiles } from '../../server/src/workspace/files';
import { URI } from '../../server/src/workspace/uri';
import { settingsWith } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..', '..', 'examples', 'cluster');

describe('examples/cluster end to end', () => {
  before(() => loadBashGrammar());

  it('the walk finds each surface by name or content, and every finding is where it should be', () => {
    const found = findFiles([ROOT]).files.map((f) => `${path.basename(f.path)} ${f.kind}`);
    assert.deepEqual(found, ['k3d-cluster.sh shell', 'k3d.yaml k3d', 'kind-cluster.yaml kind', 'node-agents.yaml kubernetes', 'port-forward.sh shell']);
    const lines = findFiles([ROOT]).files.flatMap((file) => {
      const text = fs.readFileSync(file.path, 'utf8');
      const index = new LineIndex(text);
      return checkText(file.path, text, file.kind, settingsWith()).findings.map((f) => {
        const p = index.position(f.span.start);
        return `${path.basename(file.path)}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule} ${text.slice(f.span.start, f.span.end)}`;
      });
    });
    assert.deepEqual(lines, [
      'k3d-cluster.sh:10:14 error public-bind 6550',
      'k3d-cluster.sh:11:7 warning public-bind 8081:80',
      'k3d.yaml:9:12 error public-bind 0.0.0.0',
      'k3d.yaml:12:11 warning public-bind 9090:80',
      'kind-cluster.yaml:19:19 warning public-bind 8080',
      'node-agents.yaml:24:25 information public-bind 80',
      'node-agents.yaml:42:20 warning host-network true',
      'port-forward.sh:4:61 error public-bind 5432:5432',
    ]);
  });

  it('fix-all binds each one to 127.0.0.1 and changes nothing else', () => {
    const fixedFile = (name: string, kind: 'shell' | 'kubernetes' | 'kind' | 'k3d') => fixAll(fs.readFileSync(path.join(ROOT, name), 'utf8'), kind, { settings: settingsWith() }).text;
    const original = (name: string) => fs.readFileSync(path.join(ROOT, name), 'utf8');
    assert.equal(fixedFile('k3d-cluster.sh', 'shell'), original('k3d-cluster.sh').replace('--api-port 6550', '--api-port 127.0.0.1:6550').replace('"8081:80@', '"127.0.0.1:8081:80@'));
    assert.equal(fixedFile('k3d.yaml', 'k3d'), original('k3d.yaml').replace('hostIP: "0.0.0.0"', 'hostIP: "127.0.0.1"').replace('- port: 9090:80', '- port: "127.0.0.1:9090:80"'));
    assert.equal(fixedFile('kind-cluster.yaml', 'kind'), original('kind-cluster.yaml').replace('        hostPort: 8080\n', '        hostPort: 8080\n        listenAddress: "127.0.0.1"\n'));
    // The edge proxy's hostPort 80 serves the web: public by design, left as written; host networking has no fix.
    assert.equal(fixedFile('node-agents.yaml', 'kubernetes'), original('node-agents.yaml'));
    assert.equal(fixedFile('port-forward.sh', 'shell'), original('port-forward.sh').replace('--address 0.0.0.0', '--address 127.0.0.1'));
  });

  it('the port map lists what each tool publishes, public first, with where it is written', () => {
    const files = findFiles([ROOT]).files.map((file) => {
      const text = fs.readFileSync(file.path, 'utf8');
      const { facts, findings } = checkText(file.path, text, file.kind, settingsWith());
      return { uri: URI.fromFilePath(file.path), text, facts, findings };
    });
    const entries = buildPortMap(files).map((e) => `${e.reach} ${e.kind} ${e.hostAddress ?? '*'}:${e.hostPort}->${e.containerPort}/${e.protocol} ${e.sources.map((s) => `${path.basename(URI.toFilePath(s.uri)!)}:${s.range.start.line + 1} ${s.rule ?? '-'}`).join(', ')}`);
    assert.deepEqual(entries, [
      'public publish *:80->80/tcp node-agents.yaml:24 public-bind',
      'public publish 0.0.0.0:5432->5432/tcp port-forward.sh:4 public-bind',
      'public publish 0.0.0.0:6445->6443/tcp k3d.yaml:9 public-bind',
      'public publish 0.0.0.0:6550->6443/tcp k3d-cluster.sh:10 public-bind',
      'public publish 0.0.0.0:8080->80/tcp kind-cluster.yaml:19 public-bind',
      'public publish *:8081->80/tcp k3d-cluster.sh:11 public-bind',
      'public publish *:9090->80/tcp k3d.yaml:12 public-bind',
      'public host-network *:->/tcp node-agents.yaml:42 host-network',
      'local publish 127.0.0.1:3000->80/tcp port-forward.sh:3 -',
      'local publish 127.0.0.1:8443->443/tcp k3d-cluster.sh:12 -, kind-cluster.yaml:23 -',
      'local publish 127.0.0.1:9113->9113/tcp node-agents.yaml:28 -',
    ]);
  });
});
