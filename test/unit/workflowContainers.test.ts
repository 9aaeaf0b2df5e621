/**
 * GitHub Actions service containers and job containers: each `ports` entry is a docker `-p` spec
 * (the runner adds `-p ENTRY` to `docker create`). The fixtures follow workflows as repositories
 * write them: a database service with health options, a cache on a flow sequence, self-hosted
 * runners named by label lists, runner groups and expressions.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { hoverAt } from '../../server/src/engine/hover';
import { buildPortMap } from '../../server/src/engine/portMap';
import { check, fixEverything, settingsWith, findingsInWords } from '../support/engine';

const lines = (...l: string[]) => l.join('\n') + '\n';
const findings = (text: string) => findingsInWords(text, 'workflow');

/** A job on `runsOn` with a PostgreSQL service publishing `port` (as written, quotes included). */
const withService = (runsOn: string, port: string) =>
  lines(
    'name: tests',
    'on: [push, pull_request]',
    'jobs:',
    '  test:',
    `    runs-on: ${runsOn}`,
    '    services:',
    '      postgres:',
    '        image: postgres:16',
    '        env:',
    '          POSTGRES_PASSWORD: postgres',
    '        ports:',
    `          - ${port}`,
    '        options: >-',
    '          --health-cmd pg_isready',
    '          --health-interval 10s',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: npm test',
  );

describe('GitHub Actions: service and job containers', () => {
  before(() => loadBashGrammar());
  // [what, runs-on, port as written, findings [rule, severity, range text], port after the fix]
  const cases: [string, string, string, string[][], string][] = [
    ['a GitHub-hosted runner: information, the VM is thrown away', 'ubuntu-latest', '5432:5432', [['public-bind', 'information', '5432:5432']], '"127.0.0.1:5432:5432"'],
    ['a versioned hosted label', 'ubuntu-24.04', '"5432:5432"', [['public-bind', 'information', '5432:5432']], '"127.0.0.1:5432:5432"'],
    ['a self-hosted runner: judged like any publish', 'self-hosted', '5432:5432', [['public-bind', 'error', '5432:5432']], '"127.0.0.1:5432:5432"'],
    ['a label list with self-hosted', '[self-hosted, linux, x64]', "'5432:5432'", [['public-bind', 'error', '5432:5432']], "'127.0.0.1:5432:5432'"],
    ['an expression choosing the runner', "${{ github.repository_owner == 'acme' && 'self-hosted' || 'ubuntu-latest' }}", '5432:5432', [['public-bind', 'error', '5432:5432']], '"127.0.0.1:5432:5432"'],
    ['a container port alone: a random port on every interface', 'self-hosted', '5432', [['public-bind', 'error', '5432']], '"127.0.0.1::5432"'],
    ['an explicit wildcard', 'self-hosted', '0.0.0.0:5432:5432', [['public-bind', 'error', '0.0.0.0:5432:5432']], '"127.0.0.1:5432:5432"'],
    ['loopback is not reported', 'self-hosted', '127.0.0.1:5432:5432', [], '127.0.0.1:5432:5432'],
    ['a private address is not reported', 'self-hosted', '"10.0.0.5:5432:5432"', [], '"10.0.0.5:5432:5432"'],
    ['an expression for the host port', 'self-hosted', '${{ env.DB_PORT }}:5432', [['public-bind', 'error', '${{ env.DB_PORT }}:5432']], '"127.0.0.1:${{ env.DB_PORT }}:5432"'],
  ];
  for (const [what, runsOn, port, expected, fixedPort] of cases) {
    it(what, () => {
      const text = withService(runsOn, port);
      assert.deepEqual(findings(text), expected);
      const fixed = withService(runsOn, fixedPort);
      assert.equal(fixEverything(text, 'workflow'), fixed);
      assert.equal(fixEverything(fixed, 'workflow'), fixed);
    });
  }

  it('a job container, services on a flow sequence, a runner group', () => {
    const text = lines(
      'jobs:',
      '  build:',
      '    runs-on:',
      '      group: large-runners',
      '      labels: [linux-16-core]',
      '    container:',
      '      image: node:20',
      '      ports:',
      '        - 3000:3000',
      '    services:',
      '      redis:',
      '        image: redis:7',
      '        ports: ["6379:6379", 8080]',
      '    steps:',
      '      - run: npm test',
    );
    assert.deepEqual(findings(text), [['public-bind', 'warning', '3000:3000'], ['public-bind', 'error', '6379:6379'], ['public-bind', 'warning', '8080']]);
    assert.equal(
      fixEverything(text, 'workflow'),
      text.replace('- 3000:3000', '- "127.0.0.1:3000:3000"').replace('["6379:6379", 8080]', '["127.0.0.1:6379:6379", "127.0.0.1::8080"]'),
    );
  });

  it('nothing else of a workflow is a container port', () => {
    // A job container named by its image alone, ports of something else, a services list that is not a mapping.
    const text = lines(
      'on: push',
      'jobs:',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    container: node:20',
      '    env:',
      '      ports: "8080:80"',
      '    services: [redis]',
      '    steps:',
      '      - with:',
      '          ports: 9090:90',
      '        uses: some/action@v1',
    );
    assert.deepEqual(findings(text), []);
  });

  it('CRLF line ends and comments are kept; an ignore comment silences one entry', () => {
    const text = withService('self-hosted # the build host', '5432:5432 # database').replace(/\n/g, '\r\n');
    assert.equal(fixEverything(text, 'workflow'), text.replace('- 5432:5432 #', '- "127.0.0.1:5432:5432" #'));
    const ignored = withService('self-hosted', '5432:5432').replace('        ports:\n', '        ports:\n          # docker-port-safety ignore public-bind\n');
    assert.deepEqual(findings(ignored), []);
  });

  it('hover and port map name the service, its image and the runner', () => {
    const text = withService('ubuntu-latest', '5432:5432');
    const facts = extractFacts(text, 'workflow');
    const hover = hoverAt(facts, text.indexOf('5432:5432') + 2, ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /service container "postgres"/);
    assert.match(hover.markdown, /image `postgres:16`/);
    assert.match(hover.markdown, /ubuntu-latest.*GitHub-hosted/);
    const [entry] = buildPortMap([{ uri: 'file:///w/.github/workflows/ci.yml', text, facts, findings: check(text, 'workflow') }]);
    assert.deepEqual([entry.reach, entry.hostPort, entry.containerPort, entry.sources[0].container, entry.sources[0].rule], ['public', '5432', '5432', 'postgres', 'public-bind']);
  });

  it('the run: steps are still read beside the containers', () => {
    const text = withService('self-hosted', '127.0.0.1:5432:5432').replace('      - run: npm test', '      - run: docker run -d -p 8080:80 nginx');
    assert.deepEqual(findings(text), [['public-bind', 'warning', '8080:80']]);
  });
});

/** A self-hosted job whose service `cache` has these `options:` lines (after the key, as written). */
const withOptions = (...options: string[]) =>
  lines(
    'jobs:',
    '  integration:',
    '    runs-on: [self-hosted, linux]',
    '    services:',
    '      cache:',
    '        image: redis:7',
    '        ports:',
    '          - 127.0.0.1:6379:6379',
    `        options: ${options[0]}`,
    ...options.slice(1),
    '    steps:',
    '      - run: make integration',
  );

describe('GitHub Actions: a container\'s options: string', () => {
  before(() => loadBashGrammar());
  // [what, options lines, findings, options lines after fix-all]
  const cases: [string, string[], string[][], string[]][] = [
    [
      'health options only: nothing published',
      ['--health-cmd "redis-cli ping" --health-interval 10s --health-timeout 5s --health-retries 5'],
      [],
      ['--health-cmd "redis-cli ping" --health-interval 10s --health-timeout 5s --health-retries 5'],
    ],
    [
      '-p on one line after health options',
      ['--health-cmd "redis-cli ping" -p 16379:6379'],
      [['public-bind', 'error', '16379:6379']],
      ['--health-cmd "redis-cli ping" -p 127.0.0.1:16379:6379'],
    ],
    [
      '--publish in a folded block scalar: the range is exact on its own line',
      ['>-', '          --health-cmd "redis-cli ping"', '          --publish 8001:8001', '          --health-retries 5'],
      [['public-bind', 'warning', '8001:8001']],
      ['>-', '          --health-cmd "redis-cli ping"', '          --publish 127.0.0.1:8001:8001', '          --health-retries 5'],
    ],
    [
      '--publish= in a plain scalar continued on the next line',
      ['--health-cmd "redis-cli ping"', '          --publish=8001:8001'],
      [['public-bind', 'warning', '8001:8001']],
      ['--health-cmd "redis-cli ping"', '          --publish=127.0.0.1:8001:8001'],
    ],
    [
      'a -p inside a quoted health command is part of that command',
      ['--health-cmd="redis-cli -p 6379 ping" --health-interval 10s'],
      [],
      ['--health-cmd="redis-cli -p 6379 ping" --health-interval 10s'],
    ],
    [
      '-P publishes every exposed port',
      ['-P --health-cmd "redis-cli ping"'],
      [['publish-all', 'warning', '-P']],
      ['-P --health-cmd "redis-cli ping"'],
    ],
    [
      '--network host beside the runner\'s job network: docker create refuses it, so nothing is published',
      ['--network host'],
      [['invalid-port', 'error', 'host']],
      ['--network host'],
    ],
    [
      '--net=host is the same',
      ['--net=host -p 9000:9000'],
      [['invalid-port', 'error', 'host']],
      ['--net=host -p 9000:9000'],
    ],
    [
      'another user-defined network joins beside the job\'s: the publish stands',
      ['--network tools -p 9000:9000'],
      [['public-bind', 'warning', '9000:9000']],
      ['--network tools -p 127.0.0.1:9000:9000'],
    ],
    [
      'a port from an expression',
      ["-p ${{ env.CACHE_PORT }}:6379"],
      [['public-bind', 'error', '${{ env.CACHE_PORT }}:6379']],
      ["-p 127.0.0.1:${{ env.CACHE_PORT }}:6379"],
    ],
  ];
  for (const [what, options, expected, fixedOptions] of cases) {
    it(what, () => {
      const text = withOptions(...options);
      assert.deepEqual(findings(text), expected);
      const fixed = withOptions(...fixedOptions);
      assert.equal(fixEverything(text, 'workflow'), fixed);
      assert.equal(fixEverything(fixed, 'workflow'), fixed, 'the fix is idempotent');
    });
  }

  it('the hover says the publish was written in options:', () => {
    const text = withOptions('-p 16379:6379');
    const hover = hoverAt(extractFacts(text, 'workflow'), text.indexOf('16379'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /service container "cache"/);
    assert.match(hover.markdown, /Written in `options:`/);
  });

  it('a refused network also keeps the ports: entries from being reported', () => {
    const text = withOptions('--network host').replace('127.0.0.1:6379:6379', '6379:6379');
    assert.deepEqual(findings(text), [['invalid-port', 'error', 'host']]);
    const [refusal] = check(text, 'workflow');
    assert.match(refusal.message, /conflicting options: cannot attach both user-defined and non-user-defined network-modes/);
    assert.match(refusal.message, /job's network/);
  });
});

/** A job on `runs-on: ${{ matrix.os }}` with the given strategy lines and a database service. */
const withMatrix = (runsOn: string, ...strategy: string[]) =>
  lines(
    'jobs:',
    '  test:',
    `    runs-on: ${runsOn}`,
    '    strategy:',
    '      fail-fast: false',
    ...strategy,
    '    services:',
    '      db:',
    '        image: postgres:16',
    '        ports:',
    '          - 5432:5432',
    '    steps:',
    '      - run: npm test',
  );

describe('GitHub Actions: runs-on from the matrix', () => {
  before(() => loadBashGrammar());
  const severity = (text: string) => check(text, 'workflow').map((f) => f.severity);
  const cases: [string, string, string[], string][] = [
    ['every value of matrix.os is GitHub-hosted', '${{ matrix.os }}', ['      matrix:', '        os: [ubuntu-latest, ubuntu-22.04]', '        node: [20, 22]'], 'information'],
    ['a self-hosted value among them', '${{ matrix.os }}', ['      matrix:', '        os: [ubuntu-latest, self-hosted]'], 'error'],
    ['an include entry adds a self-hosted label list', '${{matrix.runner}}', ['      matrix:', '        runner: [ubuntu-24.04]', '        include:', '          - runner: [self-hosted, gpu]', '            cuda: "12"'], 'error'],
    ['include entries only, all hosted', '${{ matrix.runner }}', ['      matrix:', '        include:', '          - runner: ubuntu-24.04', '          - runner: ubuntu-24.04-arm'], 'information'],
    ['include entries that do not set the key add nothing', '${{ matrix.os }}', ['      matrix:', '        os: [ubuntu-latest]', '        include:', '          - node: 23'], 'information'],
    ['the matrix comes from an expression', '${{ matrix.os }}', ['      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}'], 'error'],
    ['a value that is an expression', '${{ matrix.os }}', ['      matrix:', "        os: ['${{ vars.RUNNER }}', ubuntu-latest]"], 'error'],
    ['the key is not in the matrix', '${{ matrix.platform }}', ['      matrix:', '        os: [ubuntu-latest]'], 'error'],
    ['a label list with the matrix value beside self-hosted', '[self-hosted, "${{ matrix.arch }}"]', ['      matrix:', '        arch: [x64, arm64]'], 'error'],
  ];
  for (const [what, runsOn, strategy, expected] of cases) {
    it(what, () => assert.deepEqual(severity(withMatrix(runsOn, ...strategy)), [expected]));
  }

  it('the message and hover name the matrix values', () => {
    const text = withMatrix('${{ matrix.os }}', '      matrix:', '        os: [ubuntu-latest, ubuntu-22.04]');
    const [finding] = check(text, 'workflow');
    assert.match(finding.message, /It runs on ubuntu-latest or ubuntu-22\.04 \(matrix\.os\), a GitHub-hosted runner deleted when the job ends/);
    const hover = hoverAt(extractFacts(text, 'workflow'), text.indexOf('5432:'), ruleContext({ settings: settingsWith() }))!;
    assert.match(hover.markdown, /Runs on `ubuntu-latest` or `ubuntu-22\.04` \(every value of `matrix\.os`\), each a GitHub-hosted runner/);
  });
});
