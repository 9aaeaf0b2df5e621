/**
 * The cheap tests of the readers of source files: an ordinary source file, even one that says
 * "docker" in a comment or a socket path, costs one scan and is never parsed; every fixture and
 * example passes its reader's test (a test that hid a fixture would hide its findings).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { extractFacts } from '../../server/src/engine/analyze';
import { mayHoldSurface } from '../../server/src/engine/readers/documentKind';
import type { DocumentKind } from '../../server/src/engine/model';
import { findFiles } from '../../server/src/workspace/files';

const ROOT = path.join(__dirname, '..', '..', '..');

const ORDINARY: [DocumentKind, string][] = [
  ['docker-py', 'import os\n\nDOCKER_HOST = os.environ.get("DOCKER_HOST")  # the docker daemon\n\ndef imports(ports):\n    return [p for p in ports]\n'],
  ['engine-api-js', "const DOCKER_SOCKET = '/var/run/docker.sock';\nexport function handle(value: number): number {\n  return value * 2;\n}\n"],
  ['engine-api-go', 'package main\n\n// The docker client talks to the engine over its socket.\nimport "github.com/docker/docker/client"\n\nfunc main() { _ = client.FromEnv }\n'],
  ['terraform', 'resource "docker_image" "web" {\n  name = "nginx"\n}\n'],
  ['vagrant', 'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\n  config.vm.network "private_network", ip: "192.168.56.10"\nend\n'],
];

describe('cheap tests of the code readers', () => {
  for (const [kind, text] of ORDINARY) {
    it(`${kind}: an ordinary file is not a candidate, and reads as nothing without a grammar loaded`, () => {
      assert.equal(mayHoldSurface(kind, text), false);
      // No grammar is loaded in this test file: a parse would throw and be kept as the facts' error.
      const facts = extractFacts(text, kind) as ReturnType<typeof extractFacts> & { error?: unknown };
      assert.equal(facts.error, undefined);
      assert.deepEqual(facts.publishes, []);
    });
  }

  it('the walk leaves ordinary source files out and keeps every fixture and example of the code readers', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'dps-candidates-'));
    const names = ['a.py', 'b.ts', 'c.go', 'd.tf', 'Vagrantfile'];
    ORDINARY.forEach(([, text], i) => fs.writeFileSync(path.join(dir, names[i]), text));
    assert.deepEqual(findFiles([dir]).files, []);
    const kinds = new Set(ORDINARY.map(([kind]) => kind));
    for (const folder of ['test/fixtures/readers', 'examples']) {
      const found = findFiles([path.join(ROOT, folder)]).files.filter((file) => kinds.has(file.kind));
      for (const file of found) assert.ok(mayHoldSurface(file.kind, fs.readFileSync(file.path, 'utf8')));
      assert.deepEqual(new Set(found.map((file) => file.kind)), kinds, folder);
    }
  });
});
