/** Markdown as it is written: every code block style, prompt and continuation, exact positions and fixes. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts } from '../../server/src/analyze';
import { loadBashGrammar } from '../../server/src/extract/shell/bashParser';
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
