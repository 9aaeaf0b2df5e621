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
import { cheapTestWords, mayHoldSurface } from '../../server/src/engine/readers/documentKind';
import { READERS } from '../../server/src/engine/readers/registry';
import type { DocumentKind } from '../../server/src/engine/model';
import { findFiles } from '../../server/src/workspace/files';
import { readerFixtures } from '../support/readerFixtures';

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

  it('each cheap test has its words, and a text without any of them fails it (what lets the walk scan bytes)', () => {
    for (const reader of READERS.filter((r) => r.recognise.mayHold)) {
      const words = cheapTestWords(reader.id)!;
      assert.ok(words && words.length > 0, reader.id);
      const samples = [...readerFixtures(reader.id).map((fixture) => fixture.text), ...ORDINARY.map(([, text]) => text)];
      for (const text of samples) {
        // Every line that passes alone holds a word; so does every text that passes.
        for (const line of [text, ...text.split('\n')]) if (reader.recognise.mayHold!(line)) assert.ok(words.some((word) => line.includes(word)), `${reader.id}: ${line.slice(0, 80)}`);
        // Without its words (each letter of them swapped), no text passes.
        const without = words.reduce((t, word) => t.split(word).join(word.toUpperCase() === word ? word.toLowerCase() : word.toUpperCase()), text);
        assert.equal(reader.recognise.mayHold!(without), false, `${reader.id} without its words`);
      }
    }
  });

  describe('the walk scans a source file for its words a buffer at a time', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'dps-scan-'));
    const filler = (bytes: number) => '// ordinary code, nothing to see\n'.repeat(Math.ceil(bytes / 33)).slice(0, bytes);
    const call = 'docker.createContainer({ HostConfig: { PortBindings: { "80/tcp": [{ HostPort: "8080" }] } } });\n';
    // The scan reads 256 KiB at a time: a word at every place relative to a read's edge is found.
    const SCAN = 256 * 1024;
    const cases: [string, string, boolean][] = [
      ['a small file with the word', call, true],
      ['a small file without it', filler(5000), false],
      ['an empty file', '', false],
      ['the word after the first read', filler(SCAN + 1000) + call, true],
      ['the word far into a large file', filler(3 * SCAN + 77) + call, true],
      ['a large file without it', filler(3 * SCAN + 77), false],
    ];
    for (let split = 1; split < 'PortBindings'.length; split += 3) {
      const before = 'docker.createContainer({ HostConfig: { '.length;
      cases.push([`the word straddling the first read's edge after ${split} bytes`, filler(SCAN - before - split) + call, true]);
    }
    for (const [what, text, found] of cases) {
      it(`${found ? 'keeps' : 'leaves out'} ${what}`, () => {
        const file = path.join(dir, `${what.replace(/\W+/g, '-')}.ts`);
        fs.writeFileSync(file, text);
        assert.deepEqual(findFiles([file], undefined, { namedFilesAsShell: false }).files.length, 1, 'a file named on the command line is always checked');
        assert.deepEqual(findFiles([dir]).files.some((f) => f.path.endsWith(path.basename(file))), found);
      });
    }
  });
});
