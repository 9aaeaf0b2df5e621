/**
 * When the extension starts its language server (client/src/serverDemand.ts): a Docker-file kind
 * always, a source file only when it passes the cheap test the server and the CLI's walk apply,
 * and after an edit only when the lines it touched pass it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeNeedsServer, documentNeedsServer, linesTouched, TextChange } from '../../client/src/serverDemand';
import { documentKindByContent, mayHoldSurface } from '../../server/src/engine/readers/documentKind';
import { READERS } from '../../server/src/engine/readers/registry';
import { readerFixtures } from '../support/readerFixtures';

/** A document as VS Code hands it to the extension, with the text counted each time it is read. */
function opened(fileName: string, languageId: string, text: string) {
  const lines = text.split('\n');
  const document = {
    fileName,
    languageId,
    reads: 0,
    getText() {
      document.reads++;
      return text;
    },
    lineCount: lines.length,
    lineAt: (line: number) => ({ text: lines[line] }),
  };
  return document;
}

/** A megabyte of ordinary Python: classes, calls, strings and comments, no Docker at all. */
function ordinaryPython(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `class Handler${i}(Base):\n    """Serves request ${i}."""\n\n    def handle(self, request, port=8080):\n        # listen on the port given\n        return self.reply(request.path, status=200, headers={"x-id": "${i}"})\n\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

describe('when the language server starts', () => {
  // [what, file name, language id, text, in the client's selector, starts the server]
  const table: [string, string, string, string, boolean, boolean][] = [
    ['a Dockerfile', '/w/Dockerfile', 'dockerfile', 'FROM nginx\n', true, true],
    ['any YAML (Compose is told by content on the server)', '/w/config.yml', 'yaml', 'a: 1\n', true, true],
    ['a shell script', '/w/run.sh', 'shellscript', 'echo hi\n', true, true],
    ['an ordinary Python file', '/w/app.py', 'python', 'import os\nprint(os.getcwd())\n', true, false],
    ['Python that says docker only in a comment and an import', '/w/tasks.py', 'python', '# build with docker\nimport docker\nclient = docker.from_env()\n', true, false],
    ['docker-py with ports=', '/w/harness.py', 'python', 'import docker\ndocker.from_env().containers.run("redis", ports={"6379/tcp": 6379})\n', true, true],
    ['docker-py with port_bindings =', '/w/api.py', 'python', 'hc = c.create_host_config(port_bindings = {80: 8080})\n', true, true],
    ['an ordinary TypeScript file', '/w/src/index.ts', 'typescript', 'export const docker = "docker.sock";\n', true, false],
    ['dockerode with PortBindings', '/w/src/start.js', 'javascript', 'docker.createContainer({ HostConfig: { PortBindings: {} } });\n', true, true],
    ['a React component', '/w/src/App.tsx', 'typescriptreact', 'export const App = () => <div>docker</div>;\n', true, false],
    ['an ordinary Go file', '/w/main.go', 'go', 'package main\n// runs in docker\nfunc main() {}\n', true, false],
    ['Go with nat.PortMap', '/w/run.go', 'go', 'package main\nvar m = nat.PortMap{}\n', true, true],
    ['Terraform without a container, as plain text', '/w/main.tf', 'plaintext', 'resource "aws_instance" "x" {}\n', true, false],
    ['Terraform with docker_container, as plain text', '/w/main.tf', 'plaintext', 'resource "docker_container" "x" {}\n', true, true],
    ['a Vagrantfile without forwarding', '/w/Vagrantfile', 'ruby', 'Vagrant.configure("2") do |config|\nend\n', true, false],
    ['a Vagrantfile with forwarded_port', '/w/Vagrantfile', 'ruby', 'config.vm.network "forwarded_port", guest: 80, host: 8080\n', true, true],
    ['package.json (outside the selector)', '/w/package.json', 'json', '{"PortBindings": 1}\n', false, false],
    ['an untitled Python buffer with ports= (outside the selector)', 'Untitled-1', 'python', 'ports={"80/tcp": 80}\n', false, false],
  ];
  for (const [what, fileName, languageId, text, inSelector, starts] of table) {
    it(`${starts ? 'starts' : 'does not start'} for ${what}`, () => {
      assert.equal(documentNeedsServer(opened(fileName, languageId, text), inSelector), starts);
    });
  }

  it('decides a source file as the server reads it: the same cheap test, for every fixture of every source-code reader', () => {
    for (const reader of READERS.filter((r) => r.recognise.mayHold)) {
      for (const { name, text } of readerFixtures(reader.id)) {
        const languageId = reader.recognise.languages?.[0] ?? reader.recognise.nameUnderLanguages?.[0] ?? 'plaintext';
        const kind = documentKindByContent(name, languageId, text);
        assert.equal(kind, reader.id, name);
        assert.equal(documentNeedsServer(opened(name, languageId, text), true), mayHoldSurface(kind!, text), name);
        assert.equal(documentNeedsServer(opened(name, languageId, text), true), true, name);
      }
    }
  });

  it('reads an ordinary 1 MB Python file once and starts nothing', () => {
    const document = opened('/w/big.py', 'python', ordinaryPython(1 << 20));
    assert.equal(documentNeedsServer(document, true), false);
    assert.equal(document.reads, 1);
  });

  describe('after an edit', () => {
    const change = (line: number, text: string): TextChange => ({ range: { start: { line } }, text });

    it('knows the lines one change touched in the new text', () => {
      assert.deepEqual(linesTouched([change(4, 'x')]), { first: 4, last: 4 });
      assert.deepEqual(linesTouched([change(4, 'a\nb\nc')]), { first: 4, last: 6 });
      assert.deepEqual(linesTouched([change(0, '')]), { first: 0, last: 0 });
      assert.equal(linesTouched([change(1, 'a'), change(3, 'b')]), undefined);
    });

    const before = 'import docker\n\nclient = docker.from_env()\nclient.containers.run("redis")\n';
    it('starts when the edited line now passes the test, reading only that line', () => {
      const after = before.replace('run("redis")', 'run("redis", ports={"6379/tcp": 6379})');
      const document = opened('/w/harness.py', 'python', after);
      assert.equal(changeNeedsServer(document, [change(3, 'ports={"6379/tcp": 6379}')], true), true);
      assert.equal(document.reads, 0, 'the whole text is not read for one change');
    });

    it('does not start for an edit elsewhere, nor for a file outside the selector or not source code', () => {
      assert.equal(changeNeedsServer(opened('/w/harness.py', 'python', before + '# more\n'), [change(4, '# more\n')], true), false);
      assert.equal(changeNeedsServer(opened('Untitled-1', 'python', 'ports={}\n'), [change(0, 'ports={}')], false), false);
      assert.equal(changeNeedsServer(opened('/w/notes.md', 'markdown', 'ports={}\n'), [change(0, 'ports={}')], true), false);
    });

    it('tests the whole text when one event holds several changes', () => {
      const document = opened('/w/harness.py', 'python', 'a = 1\nports = {}\n');
      assert.equal(changeNeedsServer(document, [change(0, 'a'), change(1, ' ')], true), true);
      assert.equal(document.reads, 1);
    });

    it('the things each cheap test looks for lie within one line (what lets an edit be tested by its lines)', () => {
      for (const reader of READERS.filter((r) => r.recognise.mayHold)) {
        for (const { name, text } of readerFixtures(reader.id)) {
          assert.ok(text.split('\n').some((line) => reader.recognise.mayHold!(line)), `${reader.id}/${name}: one line passes alone`);
        }
      }
    });
  });
});
