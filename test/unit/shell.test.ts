/** Shell, Markdown, workflows and devcontainer.json: found where a shell runs them, read as docker reads them. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { ACTED_ON_FLAG_WORDS, COMPOSE_RUN, DOCKER_NETWORK_CREATE, DOCKER_RUN, DOCKER_SERVICE_CREATE, PODMAN_RUN } from '../../server/src/engine/readers/shell/dockerFlags';
import { mayHoldShellFacts, readShellView } from '../../server/src/engine/readers/shell/readShell';
import { markdownShellView } from '../../server/src/engine/readers/markdown/shellView';
import { kindFromFileName } from '../../server/src/engine/readers/documentKind';
import type { DocumentFacts } from '../../server/src/engine/model';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt } from '../../server/src/engine/hover';
import { dockerAvailable } from '../support/dockerOracle';
import { applyPreferredFix, check, comparableFacts, fixEverything, settingsWith } from '../support/engine';
import { IncrementalShellExtractor, READ_IN_PARTS_FROM as SHELL_PARTS_FROM } from '../../server/src/engine/readers/shell/incrementalShell';

const publishedSpecs = (text: string, kind: 'shell' | 'markdown' | 'workflow' | 'devcontainer' = 'shell') =>
  extractFacts(text, kind).publishes.map((p) => text.slice(p.span.start, p.span.end));

describe('shell: commands where a shell runs them', () => {
  before(() => loadBashGrammar());
  const found: [string, string][] = [
    ['function', 'start() {\n  docker run -p 1:1 a\n}\n'],
    ['function keyword', 'function start {\n  docker run -p 1:1 a\n}\n'],
    ['pipeline', 'docker run -p 1:1 a | tee log\n'],
    ['list', 'true && docker run -p 1:1 a || exit 1\n'],
    ['subshell', '(cd app; docker run -p 1:1 a)\n'],
    ['command substitution', 'id=$(docker run -d -p 1:1 a)\n'],
    ['backticks', 'id=`docker run -d -p 1:1 a`\n'],
    ['substitution inside a string', 'echo "started $(docker run -d -p 1:1 a)"\n'],
    ['if', 'if true; then\n  docker run -p 1:1 a\nfi\n'],
    ['for', 'for i in 1 2; do docker run -p 1:1 a; done\n'],
    ['while', 'while true; do docker run -p 1:1 a; done\n'],
    ['case', 'case "$1" in\n  up) docker run -p 1:1 a ;;\nesac\n'],
    ['after an assignment', 'DOCKER_HOST=ssh://h docker run -p 1:1 a\n'],
    ['sudo with options', 'sudo -u root -E docker run -p 1:1 a\n'],
    ['env', 'env -i PATH=/bin docker run -p 1:1 a\n'],
    ['command', 'command docker run -p 1:1 a\n'],
    ['exec', 'exec docker run -p 1:1 a\n'],
    ['nohup', 'nohup docker run -p 1:1 a &\n'],
    ['time', 'time docker run -p 1:1 a\n'],
    ['timeout', 'timeout 30 docker run -p 1:1 a\n'],
    ['full path', '/usr/bin/docker run -p 1:1 a\n'],
    ['continuation lines', 'docker run \\\n  -d \\\n  -p 1:1 \\\n  a\n'],
    ['redirections', 'docker run -p 1:1 a > out.log 2>&1\n'],
  ];
  for (const [name, text] of found) it(`finds a command in a ${name}`, () => assert.deepEqual(publishedSpecs(text), ['1:1']));

  const ignored: [string, string][] = [
    ['comment', '# docker run -p 1:1 a\n'],
    ['string given to echo', 'echo "docker run -p 1:1 a"\n'],
    ['single-quoted string', "printf '%s' 'docker run -p 1:1 a'\n"],
    ['heredoc body', 'cat <<EOF\ndocker run -p 1:1 a\nEOF\n'],
    ['quoted heredoc body', "cat <<'EOF'\ndocker run -p 1:1 a\nEOF\n"],
    ['flag after the image', 'docker run img server -p 1:1\n'],
    ['other subcommands', 'docker build -t x .\ndocker ps -a\ndocker exec -it c sh -c "nc -l -p 80"\n'],
    ['another program named like a flag', 'grep -p 1:1 docker\n'],
  ];
  for (const [name, text] of ignored) it(`ignores a ${name}`, () => assert.deepEqual(publishedSpecs(text), []));
});

describe("shell: Docker's flag grammar", () => {
  before(() => loadBashGrammar());
  const cases: [string, string[]][] = [
    ['docker run -p 1:1 -p=2:2 -p3:3 --publish 4:4 --publish=5:5 a', ['1:1', '2:2', '3:3', '4:4', '5:5']],
    ['docker run -itp 8080:80 a', ['8080:80']],
    ['docker run -dp80:80 a', ['80:80']],
    ['docker run -pit a', ['it']],
    ['docker run -e A=1 -v /a:/b --name x -w /w -u 1 -l k=v -h h -m 1g -p 1:1 a', ['1:1']],
    ['docker run --name -p 1:1 a', []],
    ['docker run -e -p -p 1:1 a', ['1:1']],
    ['docker run -- a -p 1:1', []],
    ['docker run -d -- -p 1:1', []],
    ['docker --context prod -H ssh://h --config /c run -p 1:1 a', ['1:1']],
    ['docker --log-level debug -D run -p 1:1 a', ['1:1']],
    ['docker container run -p 1:1 a', ['1:1']],
    ['docker container create -p 1:1 a', ['1:1']],
    ['docker create -p 1:1 a', ['1:1']],
    ['podman run -p 1:1,2:2 a', ['1:1', '2:2']],
    ['podman container create --pod p -p 1:1 a', ['1:1']],
    ['nerdctl --namespace k8s.io run -p 1:1 a', ['1:1']],
    ['docker run $OPTS -p 1:1 a', ['1:1']],
  ];
  for (const [line, specs] of cases) it(line, () => assert.deepEqual(publishedSpecs(line + '\n'), specs));

  it('-pit is read as the value "it", which Docker refuses', () => {
    assert.deepEqual(check('docker run -pit a\n', 'shell').map((f) => f.message), ['Docker refuses this: invalid containerPort: it']);
  });

  it('knows every value flag that docker run --help lists', { skip: dockerAvailable() ? false : 'the docker CLI is not installed' }, () => {
    const help = execFileSync('docker', ['run', '--help'], { encoding: 'utf8' });
    const listed = [...help.matchAll(/^\s+(?:-(\w), )?--([\w-]+) (\w[\w-]*)\s/gm)].map((m) => ({ short: m[1], long: m[2] }));
    assert.ok(listed.length > 60, 'help was parsed');
    const missing = listed.filter((f) => !DOCKER_RUN.valueFlags.has(f.long));
    assert.deepEqual(missing, []);
    const booleans = [...help.matchAll(/^\s+(?:-(\w), )?--([\w-]+)\s{2,}/gm)].map((m) => m[2]);
    assert.deepEqual(booleans.filter((b) => DOCKER_RUN.valueFlags.has(b)), []);
    for (const f of listed.filter((f) => f.short)) assert.ok(DOCKER_RUN.valueShorthands.includes(f.short!), `-${f.short}`);
  });
});

describe('shell: quoting and variables', () => {
  before(() => loadBashGrammar());
  const fixes: [string, string][] = [
    ["docker run -p '8080:80' a", "docker run -p '127.0.0.1:8080:80' a"],
    ['docker run -p "8080:80" a', 'docker run -p "127.0.0.1:8080:80" a'],
    ['docker run -p "8080":80 a', 'docker run -p "127.0.0.1:8080":80 a'],
    ['docker run -p 8080:"$CPORT" a', 'docker run -p 127.0.0.1:8080:"$CPORT" a'],
    ['docker run -p "${HOST_PORT}:80" a', 'docker run -p "127.0.0.1:${HOST_PORT}:80" a'],
    ['docker run -p=8080:80 a', 'docker run -p=127.0.0.1:8080:80 a'],
    ['docker run -dp8080:80 a', 'docker run -dp127.0.0.1:8080:80 a'],
    ['docker run --publish=0.0.0.0:8080:80 a', 'docker run --publish=127.0.0.1:8080:80 a'],
    ["docker run -p '0.0.0.0':8080:80 a", "docker run -p '127.0.0.1':8080:80 a"],
    ['podman run -p 1:1,2:2 a', 'podman run -p 127.0.0.1:1:1,127.0.0.1:2:2 a'],
    ['docker run -p published=8080,target=80,host_ip=127.0.0.1 a', 'docker run -p 127.0.0.1:8080:80 a'],
    ['docker run -p published=53,target=53,protocol=udp a', 'docker run -p 127.0.0.1:53:53/udp a'],
  ];
  for (const [before_, after] of fixes) {
    it(`${before_} → ${after}`, () => {
      assert.equal(fixEverything(before_ + '\n', 'shell'), after + '\n');
      assert.equal(fixEverything(after + '\n', 'shell'), after + '\n', 'idempotent');
    });
  }

  it('a variable as the whole address is unknown: no squiggle, the hover says so', () => {
    const text = 'docker run -p "$BIND:8080:80" a\n';
    assert.deepEqual(check(text, 'shell'), []);
    const hover = hoverAt(extractFacts(text, 'shell'), text.indexOf('8080'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /only known when the command runs/);
  });

  it('a whole spec from a variable is explained, not flagged', () => {
    const text = 'docker run -p "$SPEC" a\n';
    assert.deepEqual(check(text, 'shell'), []);
    assert.ok(hoverAt(extractFacts(text, 'shell'), text.indexOf('SPEC'), ruleContext({ settings: settingsWith() })));
  });
});

describe('shell: traps', () => {
  before(() => loadBashGrammar());
  it('the CSV form drops host_ip: public-bind says so', () => {
    const [finding] = check('docker run -p published=8080,target=80,host_ip=127.0.0.1 a\n', 'shell');
    assert.equal(finding.rule, 'public-bind');
    assert.match(finding.message, /ignores host_ip/);
  });
  it('--network container:x with -p is invalid-port', () => {
    const findings = check('docker run --network container:db -p 127.0.0.1:80:80 a\n', 'shell');
    assert.deepEqual(findings.map((f) => f.rule), ['invalid-port']);
  });
  it('--network host with -p: host-network, the ports are discarded', () => {
    const text = 'docker run --network host -p 80:80 a\n';
    assert.deepEqual(check(text, 'shell').map((f) => f.rule), ['host-network']);
    const hover = hoverAt(extractFacts(text, 'shell'), text.indexOf('80:80'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /Published ports are discarded when using host network mode/);
  });
  // docker CLI 28.2.2: several user-defined networks join; one mixed with host, none, bridge, default or container:X is refused.
  const networkCases: [string, string[][]][] = [
    ['docker run --network backend --network host -p 80:80 a', [['invalid-port', 'host']]],
    ['docker run --net=host --network=backend a', [['invalid-port', 'backend']]],
    ['docker run --network backend --network bridge a', [['invalid-port', 'bridge']]],
    ['docker run --network backend --network frontend -p 8080:80 a', [['public-bind', '8080:80']]],
    // A network from a variable may be either kind: nothing is known to be refused, the publish is judged as written.
    ['docker run --network "$NET" --network host -p 8080:80 a', [['public-bind', '8080:80']]],
  ];
  for (const [line, expected] of networkCases) {
    it(`${line}: ${expected.map(([rule]) => rule).join(', ') || 'nothing'}`, () => {
      const text = line + '\n';
      assert.deepEqual(check(text, 'shell').map((f) => [f.rule, text.slice(f.span.start, f.span.end)]), expected);
    });
  }
  for (const line of ['docker service create --publish 8080:80 nginx', 'docker service create -p published=8080,target=80,mode=host nginx']) {
    it(`${line}: public on every Swarm node, no loopback fix`, () => {
      const [finding] = check(line + '\n', 'shell');
      assert.equal(finding.rule, 'public-bind');
      assert.match(finding.message, /every interface of (every|each) node/);
      assert.deepEqual(finding.fixes.map((f) => f.title), ['Mark as public by design (# docker-port-safety public)']);
    });
  }
  it('docker service create refuses an address', () => {
    assert.deepEqual(check('docker service create -p 127.0.0.1:80:80 nginx\n', 'shell').map((f) => f.message), ['Docker refuses this: hostip is not supported']);
  });
});

describe('embedded shell', () => {
  before(() => loadBashGrammar());
  it('Markdown: fenced shell blocks with prompts, exact positions; text outside blocks ignored', () => {
    const text = [
      'Run `docker run -p 1:1 prose` to start.',
      '',
      '```console',
      '$ docker run -p 4567 app-in-port',
      'Unable to find image locally',
      '# docker run -p 2:2 as-root',
      '```',
      '',
      '```bash',
      '# a comment: docker run -p 9:9 x',
      '$ docker run \\',
      '    -p 3456:3000 app-in-port',
      '```',
      '',
      '```python',
      'os.system("docker run -p 8:8 x")',
      '```',
    ].join('\n');
    assert.deepEqual(publishedSpecs(text, 'markdown'), ['4567', '2:2', '3456:3000']);
    assert.equal(fixEverything(text, 'markdown'), text.replace('-p 4567', '-p 127.0.0.1::4567').replace('-p 2:2', '-p 127.0.0.1:2:2').replace('-p 3456:3000', '-p 127.0.0.1:3456:3000'));
  });
  it('GitHub Actions: run steps, block and inline', () => {
    const text = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run -d -p 5432:5432 postgres\n      - name: x\n        run: |\n          echo docker run -p 9:9 no\n          docker run -p 6379:6379 redis\n      - uses: actions/checkout@v4\n        with:\n          args: docker run -p 7:7 no\n';
    assert.deepEqual(publishedSpecs(text, 'workflow'), ['5432:5432', '6379:6379']);
  });
  it('devcontainer.json runArgs, with comments', () => {
    const text = '{\n  // dev container\n  "image": "node",\n  "runArgs": ["--name", "dev", "-p", "3000:3000", "--network=host"]\n}\n';
    assert.deepEqual(publishedSpecs(text, 'devcontainer'), ['3000:3000']);
    assert.deepEqual(check(text, 'devcontainer').map((f) => f.rule), ['host-network']);
    const other = '{ "runArgs": ["-p", "3000:3000"] }';
    const [finding] = check(other, 'devcontainer');
    assert.equal(applyPreferredFix(other, finding), '{ "runArgs": ["-p", "127.0.0.1:3000:3000"] }');
  });
});

describe('shell: a long script read a part at a time', () => {
  before(() => loadBashGrammar());
  const repeat = (count: number, block: (i: number) => string) => Array.from({ length: count }, (_, i) => block(i)).join('');
  // [construct, script, how it is read]
  const cases: [string, string, 'in parts' | 'whole'][] = [
    ['one command a line', repeat(3000, (i) => `docker run -d -p ${10000 + i}:80 app${i}\n`), 'in parts'],
    ['if blocks, functions and loops across the cuts', repeat(900, (i) => `if [ -n "$X${i}" ]; then\n  docker run -p ${i + 1}:80 a\nfi\nf${i}() {\n  for p in 1 2; do\n    docker run -p 127.0.0.1:${i + 2}:80 b\n  done\n}\n`), 'in parts'],
    ['continuation lines and quotes over several lines', repeat(1500, (i) => `docker run \\\n  -p ${i + 1}:80 \\\n  -e MSG="line one\nline two" img\n`), 'in parts'],
    ['CRLF line ends', repeat(3000, (i) => `docker run -p ${i + 1}:80 app\r\n`), 'in parts'],
    ['a heredoc in every part', repeat(2000, (i) => `cat <<EOF\ndocker run -p ${i + 1}:1 x\nEOF\ndocker run -p ${i + 2}:2 y\n`), 'whole'],
    ['a quote left open near the start', `echo "unterminated\n${repeat(3000, (i) => `docker run -p ${i + 1}:80 app\n`)}`, 'whole'],
  ];
  for (const [construct, script, read] of cases) {
    it(`${construct}: read ${read}, facts and fixes as a whole parse gives them`, () => {
      assert.ok(script.length >= SHELL_PARTS_FROM, 'the script is long enough to be read in parts');
      const extractor = new IncrementalShellExtractor();
      try {
        const facts = extractor.extract(script, 'shell');
        assert.equal(extractor.lastFullRead, read);
        assert.deepEqual(comparableFacts(facts), comparableFacts(extractFacts(script, 'shell')));
        // Typing afterwards re-reads one statement, from the parts.
        const at = script.indexOf('docker run -p ', script.length / 2) + 'docker run -p '.length;
        const edited = script.slice(0, at) + '127.0.0.1:' + script.slice(at);
        assert.deepEqual(comparableFacts(extractor.extract(edited, 'shell')), comparableFacts(extractFacts(edited, 'shell')));
      } finally {
        extractor.dispose();
      }
    });
  }
});

describe('shell: a backslash before a blank line ends the command, as in bash', () => {
  before(() => loadBashGrammar());
  // [what, document kind, text, specs found]: what bash runs (checked with a `docker` function that
  // prints its arguments), where tree-sitter alone read on past the blank line.
  const cases: [string, 'shell' | 'markdown', string, string[]][] = [
    ['a blank line after the backslash', 'shell', 'docker run -d \\\n\n-p 8080:80 nginx\n', []],
    ['a line of spaces after the backslash', 'shell', 'docker run -d \\\n   \n-p 8080:80 nginx\n', []],
    ['CRLF line ends', 'shell', 'docker run -d \\\r\n\r\n-p 8080:80 nginx\r\n', []],
    ['a continued command, no blank line', 'shell', 'docker run -d \\\n  -p 8080:80 \\\n  nginx\n\n', ['8080:80']],
    ['an escaped backslash is not a continuation', 'shell', 'echo a\\\\\n\ndocker run -p 8080:80 nginx\n', ['8080:80']],
    ['a block ending with a backslash ends at the block', 'markdown', '```bash\ndocker run -d \\\n```\n\n```bash\n-p 8080:80 x\ndocker run -p 9090:90 y\n```\n', ['9090:90']],
  ];
  for (const [what, kind, text, specs] of cases) {
    it(what, () => assert.deepEqual(publishedSpecs(text, kind), specs));
  }
});

describe('shell: a comment alone in backquotes is an empty word, and the command goes on', () => {
  before(() => loadBashGrammar());
  // [what, document kind, text, specs found]: what bash runs, checked with a `docker` function that
  // prints its arguments. The first two are how linuxserver.io's README template marks optional flags.
  const cases: [string, 'shell' | 'markdown' | 'workflow', string, string[]][] = [
    ['optional flags marked after the value', 'shell', 'docker run -d \\\n  -p 8096:8096 \\\n  -p 8920:8920 `#optional` \\\n  -p 7359:7359/udp `#optional` \\\n  example/media\n', ['8096:8096', '8920:8920', '7359:7359/udp']],
    ['an optional variable before the ports, in a page', 'markdown', '```bash\ndocker run -d \\\n  -e TZ=Etc/UTC `#optional` \\\n  -p 8096:8096 \\\n  -p 1900:1900/udp `#optional` \\\n  example/media:latest\n```\n', ['8096:8096', '1900:1900/udp']],
    ['a comment with spaces', 'shell', 'docker run -d \\\n  -e TZ=UTC `# time zone, optional` \\\n  -p 8096:8096 \\\n  img\n', ['8096:8096']],
    ['in a workflow step', 'workflow', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          docker run -d `#detached` \\\n            -p 8080:80 img\n', ['8080:80']],
    ['before a semicolon', 'shell', 'docker run -d `#detached`; docker run -p 81:81 img\n', ['81:81']],
    ['joined to the value', 'shell', 'docker run -p 80:80`#x` img\n', ['80:80']],
    ['a substitution that runs something stays a command', 'shell', 'docker run `echo -d` -p 82:82 img\n', ['82:82']],
  ];
  for (const [what, kind, text, specs] of cases) {
    it(what, () => assert.deepEqual(publishedSpecs(text, kind), specs));
  }
});

describe('shell: the cheap test before the parse never drops a command the readers act on', () => {
  before(() => loadBashGrammar());
  const tools = ['docker', 'podman', 'nerdctl', 'sudo docker', 'docker container', 'docker-compose'];
  const grammars = { DOCKER_RUN, PODMAN_RUN, DOCKER_SERVICE_CREATE, COMPOSE_RUN, DOCKER_NETWORK_CREATE };
  const isEmpty = (facts: DocumentFacts) => Object.entries(facts).every(([key, value]) => key === 'kind' || (Array.isArray(value) && value.length === 0));

  it('every shorthand of the flags the readers act on is one the test looks for', () => {
    const actedOn = new Set(['publish', 'publish-all', 'network', 'net', 'opt']);
    for (const [name, grammar] of Object.entries(grammars)) {
      for (const [short, long] of Object.entries(grammar.shorthands)) {
        if (actedOn.has(long)) assert.ok(ACTED_ON_FLAG_WORDS.test(` -${short}`), `${name}: -${short} (${long})`);
      }
    }
  });

  // Every value flag of every grammar, in each way it can be written, beside every tool and subcommand:
  // the reader finds facts only where the cheap test passes, and finds none where it fails.
  const subcommands = ['run', 'create', 'service create', 'compose run', 'network create', 'pod create'];
  const flags = new Set(Object.values(grammars).flatMap((g) => [...g.valueFlags].flatMap((f) => [`--${f} 8080:80`, `--${f}=host`])));
  for (const [name, grammar] of Object.entries(grammars)) {
    for (const short of grammar.valueShorthands) flags.add(`-${short} 8080:80`).add(`-d${short}8080:80`).add(`-${short} host`);
    for (const short of Object.keys(grammar.shorthands)) flags.add(`-${short}`).add(`-it${short}`);
    void name;
  }
  flags.add('-o com.docker.network.bridge.host_binding_ipv4=0.0.0.0').add('--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0');
  it(`${flags.size} flags after ${tools.length} tools and ${subcommands.length} subcommands`, () => {
    let withFacts = 0;
    for (const tool of tools) {
      for (const sub of subcommands) {
        for (const flag of flags) {
          const text = `${tool} ${sub} ${flag} net-or-image arg\n`;
          const facts = readShellView(text, 'shell');
          if (!isEmpty(facts)) {
            withFacts++;
            assert.ok(mayHoldShellFacts(text), `the cheap test fails on ${JSON.stringify(text)}, whose facts are not empty`);
          }
        }
      }
    }
    // The test is only worth something if the reader does find facts in many of the commands.
    assert.ok(withFacts > 100, `${withFacts} commands with facts`);
  });

  it('the facts of every shell text of the examples and fixtures pass it', () => {
    let read = 0;
    for (const file of textFilesUnder(['examples', 'test/fixtures', 'test/corpus'])) {
      const text = readFileSync(file, 'utf8');
      const kind = kindFromFileName(file);
      const view = kind === 'markdown' ? markdownShellView(text) : kind === 'shell' || /\.(?:sh|bash)$/.test(file) ? text : undefined;
      if (view === undefined) continue;
      read++;
      if (!isEmpty(readShellView(view, 'shell'))) assert.ok(mayHoldShellFacts(text), file);
    }
    assert.ok(read > 20, `${read} files read`);
  });

  it('a page that only builds and runs without publishing costs no parse', () => {
    assert.equal(mayHoldShellFacts('```bash\ndocker build -t app .\ndocker run --name app -d app\ndocker exec -it app sh\n```\n'), false);
    assert.equal(mayHoldShellFacts('```bash\ndocker run -dp 8080:80 app\n```\n'), true);
    assert.equal(mayHoldShellFacts('k3d cluster create dev\n'), true);
    assert.equal(mayHoldShellFacts('kubectl port-forward svc/web 8080:80\n'), true);
  });
});

function textFilesUnder(folders: string[]): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const folder of folders) visit(folder);
  return files;
}
