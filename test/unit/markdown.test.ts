/** Markdown as it is written: every code block style, prompt and continuation, exact positions and fixes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { extractFacts } from '../../server/src/engine/analyze';
import { loadBashGrammar, parseBash } from '../../server/src/engine/readers/shell/bashParser';
import { extractShellTree } from '../../server/src/engine/readers/shell/shellExtractor';
import { shellViewRanges } from '../../server/src/engine/readers/shell/shellView';
import { markdownShellView } from '../../server/src/engine/readers/markdown/shellView';
import { check, fixEverything, spans } from '../support/engine';

const found = (text: string) => spans(text, check(text, 'markdown'));
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('Markdown: code blocks as people write them', () => {
  before(() => loadBashGrammar());
  // [construct, page, published specs found, page after fix-all]
  const cases: [string, string, string[], string][] = [
    ['a fence with no info string', lines('```', 'docker run -d -p 8080:80 nginx', '```'), ['8080:80'], lines('```', 'docker run -d -p 127.0.0.1:8080:80 nginx', '```')],
    ['a ~~~ fence', lines('~~~', 'docker run -p 8080:80 nginx', '~~~'), ['8080:80'], lines('~~~', 'docker run -p 127.0.0.1:8080:80 nginx', '~~~')],
    ['a fence in a list item', lines('1. Start:', '', '   ```bash', '   docker run -p 8080:80 nginx', '   ```'), ['8080:80'], lines('1. Start:', '', '   ```bash', '   docker run -p 127.0.0.1:8080:80 nginx', '   ```')],
    ['a fence in a blockquote, continued', lines('> ```sh', '> docker run \\', '>   -p 8080:80 nginx', '> ```'), ['8080:80'], lines('> ```sh', '> docker run \\', '>   -p 127.0.0.1:8080:80 nginx', '> ```')],
    ['an admonition body', lines('!!! note', '', '    ```bash', '    docker run -p 8080:80 nginx', '    ```'), ['8080:80'], lines('!!! note', '', '    ```bash', '    docker run -p 127.0.0.1:8080:80 nginx', '    ```')],
    ['an indented code block', lines('Run:', '', '    docker run -p 8080:80 nginx'), ['8080:80'], lines('Run:', '', '    docker run -p 127.0.0.1:8080:80 nginx')],
    ['an indented code block with a tab', lines('Run:', '', '\tdocker run -p 8080:80 nginx'), ['8080:80'], lines('Run:', '', '\tdocker run -p 127.0.0.1:8080:80 nginx')],
    ['a console block without prompts', lines('```console', 'docker run -p 8080:80 nginx', 'docker run -p 8081:80 nginx', '```'), ['8080:80', '8081:80'], lines('```console', 'docker run -p 127.0.0.1:8080:80 nginx', 'docker run -p 127.0.0.1:8081:80 nginx', '```')],
    ['a root prompt in a console block', lines('```console', '# docker run -p 8080:80 nginx', '```'), ['8080:80'], lines('```console', '# docker run -p 127.0.0.1:8080:80 nginx', '```')],
    ['a user@host prompt, output ignored', lines('```terminal', 'me@box:~/app$ docker run -p 8080:80 nginx', '0.0.0.0:9999->80/tcp', '```'), ['8080:80'], lines('```terminal', 'me@box:~/app$ docker run -p 127.0.0.1:8080:80 nginx', '0.0.0.0:9999->80/tcp', '```')],
    ['a > prompt', lines('```', '> docker run -p 8080:80 nginx', '```'), ['8080:80'], lines('```', '> docker run -p 127.0.0.1:8080:80 nginx', '```')],
    ['a PS> prompt', lines('```powershell', 'PS> docker run -p 8080:80 nginx', '```'), ['8080:80'], lines('```powershell', 'PS> docker run -p 127.0.0.1:8080:80 nginx', '```')],
    ['a PS C:\\path> prompt with backtick continuations', lines('```pwsh', 'PS C:\\app> docker run -d `', '>>   -p 8080:80 `', '>>   nginx', '```'), ['8080:80'], lines('```pwsh', 'PS C:\\app> docker run -d `', '>>   -p 127.0.0.1:8080:80 `', '>>   nginx', '```')],
    ['a C:\\path> prompt with caret continuations', lines('```cmd', 'C:\\app> docker run -d ^', '  -p 8080:80 ^', '  nginx', '```'), ['8080:80'], lines('```cmd', 'C:\\app> docker run -d ^', '  -p 127.0.0.1:8080:80 ^', '  nginx', '```')],
    ['a trailing backtick in an untagged block', lines('```', 'docker run -d `', '  -p 8080:80 `', '  nginx', '```'), ['8080:80'], lines('```', 'docker run -d `', '  -p 127.0.0.1:8080:80 `', '  nginx', '```')],
    ['the tags text, cli and shell-session', lines('```text', 'docker run -p 8080:80 a', '```', '```cli', '$ docker run -p 8081:80 b', '```', '```shell-session', '$ docker run -p 8082:80 c', '```'), ['8080:80', '8081:80', '8082:80'], lines('```text', 'docker run -p 127.0.0.1:8080:80 a', '```', '```cli', '$ docker run -p 127.0.0.1:8081:80 b', '```', '```shell-session', '$ docker run -p 127.0.0.1:8082:80 c', '```')],
    ['emoji and other astral characters before the command', lines('# 🐳 Setup 😀', '```', '# 🚀 start', 'docker run -p 8080:80 nginx # 🎉', '```'), ['8080:80'], lines('# 🐳 Setup 😀', '```', '# 🚀 start', 'docker run -p 127.0.0.1:8080:80 nginx # 🎉', '```')],
  ];
  for (const [construct, page, specs, fixed] of cases) {
    it(`reads ${construct}`, () => {
      assert.deepEqual(found(page), specs);
      assert.equal(fixEverything(page, 'markdown'), fixed);
      assert.equal(fixEverything(fixed, 'markdown'), fixed, 'a second fix changes nothing');
    });
  }

  const unread: [string, string][] = [
    ['inline code in prose', 'Run `docker run -p 8080:80 nginx` to start.\n'],
    ['a prose block that mentions docker', lines('```text', "Then run docker run -p 8080:80 x, and don't forget the volume.", '```')],
    ['another language', lines('```python', 'os.system("docker run -p 8080:80 x")', '```')],
    ['output lines of a prompted session', lines('```console', '$ docker ps', 'docker run -p 8080:80 was here', '```')],
    ['a comment in a bash block', lines('```bash', '# docker run -p 8080:80 nginx', '```')],
  ];
  for (const [construct, page] of unread) it(`leaves ${construct} alone`, () => assert.deepEqual(found(page), []));

  it('an apostrophe in prose before a block never hides the commands after it', () => {
    const page = lines("```", "It's easy:", 'docker run -p 8080:80 nginx', '```', '```', 'docker run -p 8081:80 nginx', '```');
    assert.deepEqual(found(page), ['8080:80', '8081:80']);
  });

  it("a script block that names no container tool never hides the blocks after it (its quote does not run on)", () => {
    const page = lines('```bash', "echo 'not closed", '```', '', 'Then:', '', '```bash', 'docker run -d -p 5000:5000 registry:2', '```', '```sh', 'docker run -P app', '```');
    assert.deepEqual(found(page), ['5000:5000', '-P']);
    assert.equal(markdownShellView(page).slice(0, page.indexOf('Then')).trim(), '', 'the first block is not part of the shell view');
  });

  it('a script block that only writes a here-document is still read (a manifest or a cluster config)', () => {
    const page = lines('```bash', "cat > pod.yaml <<'EOF'", 'EOF', '```');
    assert.match(markdownShellView(page), /<<'EOF'/);
  });

  it('placeholders are unknown values, not errors: the address is still judged', () => {
    const page = lines('```', 'docker run -p <host-port>:80 -e NAME=<your-name> app', 'docker run -p HOST_PORT:CONTAINER_PORT app', '```');
    const findings = check(page, 'markdown');
    assert.deepEqual(findings.map((f) => f.rule), ['public-bind', 'public-bind']);
    assert.deepEqual(spans(page, findings), ['<host-port>:80', 'HOST_PORT:CONTAINER_PORT']);
    assert.equal(fixEverything(page, 'markdown'), page.replace('-p <host', '-p 127.0.0.1:<host').replace('-p HOST', '-p 127.0.0.1:HOST'));
  });

  it('Windows variables are unknown values: $env:PORT and %PORT%', () => {
    const page = lines('```powershell', 'docker run -p $env:PORT:80 app', '```', '```bat', 'docker run -p %PORT%:80 app', '```');
    assert.deepEqual(check(page, 'markdown').map((f) => f.rule), ['public-bind', 'public-bind']);
  });

  it('positions are UTF-16 offsets: an emoji counts two', () => {
    const page = '😀\n```\ndocker run -p 8080:80 x\n```\n';
    const [publish] = extractFacts(page, 'markdown').publishes;
    assert.equal(publish.span.start, page.indexOf('8080:80'));
    assert.equal(page.slice(publish.span.start, publish.span.end), '8080:80');
  });
});

describe("Markdown: the parser skips a page's blank runs", () => {
  before(() => loadBashGrammar());
  const gap = (spaces: number, breaks: number, lineEnd = '\n') => `${' '.repeat(spaces)}${`${lineEnd}${' '.repeat(spaces)}`.repeat(breaks)}`;
  // Parsed as a script: the whole view; as a page's view: without its long blank runs.
  const publishes = (view: string, readAs: 'shell' | 'markdown') => {
    const tree = parseBash(view, readAs);
    try {
      return extractShellTree(tree, view, 'markdown').publishes.map((p) => `${p.written}@${p.span.start}`);
    } finally {
      tree?.delete();
    }
  };
  // [construct, view, what a whole parse of the view publishes]
  const cases: [string, string, string[]][] = [
    ['a continuation before blank lines (tree-sitter reads on past them)', `docker run \\\n${gap(40, 2)}-p 8080:80 nginx\n`, ['8080:80@138']],
    ['words apart by a long run of spaces stay apart', `docker${gap(50, 0)}run -p 8080:80 nginx\n`, ['8080:80@63']],
    ['a heredoc terminator indented after blanks', `cat <<EOF\n${gap(40, 1)}    EOF\ndocker run -p 8080:80 nginx\n`, ['8080:80@113']],
    ['a heredoc ended at the start of a line after blanks', `cat <<EOF\n${gap(40, 1)}\nEOF\ndocker run -p 8080:80 nginx\n`, ['8080:80@110']],
    ['a quote left open across blanks', `echo 'it${gap(40, 3)}' ; docker run -p 8080:80 nginx\n`, ['8080:80@189']],
    ['CRLF line ends', `${gap(40, 2, '\r\n')}\r\ndocker run -p 8080:80 nginx\r\n${gap(40, 2, '\r\n')}\r\ndocker run -p 9090:90 nginx\r\n`, ['8080:80@140', '9090:90@295']],
    ['blanks at both ends', `${gap(64, 2)}docker run -p 8080:80 nginx${gap(64, 2)}`, ['8080:80@208']],
    ['a page', markdownShellView(`# Title\n\n${'Some prose about docker. '.repeat(20)}\n\n\`\`\`bash\ndocker run -d \\\n  -p 8080:80 nginx\n\`\`\`\n\n${'More prose. '.repeat(30)}\n\n    docker run -p 9090:90 nginx\n`), ['8080:80@540', '9090:90@939']],
  ];
  for (const [construct, view, expected] of cases) {
    it(`reads ${construct} as a whole parse does`, () => {
      const ranges = shellViewRanges(view);
      assert.ok(ranges, 'the view has blank runs to skip');
      assert.ok(ranges.reduce((n, r) => n + r.endIndex - r.startIndex, 0) < view.length, 'fewer characters are read');
      assert.deepEqual(publishes(view, 'shell'), expected);
      assert.deepEqual(publishes(view, 'markdown'), expected);
    });
  }

  it('reads a view without long blank runs whole', () => {
    assert.equal(shellViewRanges('docker run -p 8080:80 nginx\n\n\necho done\n'), undefined);
  });
});

describe('Markdown: a page read as it is, or rewritten line by line', () => {
  before(() => loadBashGrammar());
  // Most pages reach markdown-it as they are; a page with carriage returns, NUL or an admonition is
  // rewritten line by line first. Both roads must find the same blocks, so every page of the
  // fixtures is read both ways: as written, and with CRLF line ends or a trailing admonition.
  const pages = readPages(path.join(__dirname, '..', '..', '..', 'test', 'fixtures')).concat(readPages(path.join(__dirname, '..', '..', '..', 'examples')));
  it(`finds the same specs in ${pages.length} pages whichever road they take`, () => {
    assert.ok(pages.length >= 10);
    for (const [name, page] of pages) {
      const specs = found(page);
      assert.deepEqual(found(page.replace(/\n/g, '\r\n')), specs, `${name} with CRLF`);
      assert.deepEqual(found(`${page}\n!!! note\n    Read more.\n`), specs, `${name} with an admonition`);
    }
  });
});

function readPages(dir: string): [string, string][] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => [entry.name, fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8').replace(/\r\n/g, '\n')]);
}
