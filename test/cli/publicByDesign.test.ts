/** The built CLI on a home-server stack: --fix keeps the public-by-design and declared ports and says so; the port map shows the classes; the settings file declares ports. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeTree } from '../support/trees';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const COMPOSE = `services:
  proxy:
    image: traefik:v3.1
    ports:
      - "80:80"
      - "443:443"
      - "8080:8080"
  pihole:
    image: pihole/pihole:latest
    ports:
      - "53:53/udp"
      - "8081:80"
  db:
    image: postgres:16
    ports:
      - "5432:5432"
  jellyfin:
    image: jellyfin/jellyfin
    ports:
      # docker-port-safety public: the TVs on the LAN
      - "8096:8096"
`;

describe('the CLI on a home-server stack', () => {
  it('--fix binds the accidental and must-never ports, keeps the others, and says how many it left', () => {
    const dir = writeTree({ 'compose.yaml': COMPOSE }, 'dps-public-');
    const { stdout, code } = run(['--fix', '--no-color', '.'], dir);
    assert.equal(
      fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
      COMPOSE.replace('"8080:8080"', '"127.0.0.1:8080:8080"').replace('"8081:80"', '"127.0.0.1:8081:80"').replace('"5432:5432"', '"127.0.0.1:5432:5432"'),
    );
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'fixed 3 findings in compose.yaml');
    assert.equal(lines.at(-2), '4 findings (4 information) in 1 file; 0 fixable with --fix.', 'none of them is fixable with --fix');
    assert.equal(lines.at(-1), 'left 3 ports public by design and 1 port declared public as they are');
    assert.equal(code, 0, 'what is left is information, below --fail-on warning');
    assert.match(stdout, /compose\.yaml:5:10: information public-bind Public by design \(host port 80\/tcp serves the web\)/);
    assert.match(stdout, /compose\.yaml:21:10: information public-bind Declared public \(the TVs on the LAN\)/);
  });

  it('--fix --dry-run prints only the patch on standard output, the count on standard error', () => {
    const dir = writeTree({ 'compose.yaml': COMPOSE }, 'dps-public-');
    const { stdout, stderr } = run(['--fix', '--dry-run', '.'], dir);
    assert.match(stdout, /^--- a\/compose\.yaml/);
    assert.ok(!stdout.includes('left '));
    assert.match(stderr, /left 3 ports public by design and 1 port declared public as they are/);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), COMPOSE);
  });

  it('the port map shows each public binding with its class', () => {
    const dir = writeTree({ 'compose.yaml': COMPOSE }, 'dps-public-');
    const { stdout } = run(['--format', 'table', '--no-color', '.'], dir);
    const rows = stdout.split('\n').filter((l) => l.startsWith('public')).map((l) => l.split(/\s{2,}/).slice(0, 4).join(' | '));
    assert.deepEqual(rows, [
      'public | by-design | * | 53/udp',
      'public | by-design | * | 80/tcp',
      'public | by-design | * | 443/tcp',
      'public | must-never | * | 5432/tcp',
      'public | accidental | * | 8080/tcp',
      'public | accidental | * | 8081/tcp',
      'public | declared | * | 8096/tcp',
    ]);
    assert.match(stdout, /on every interface: 1 must never be public, 2 accidental, 1 declared public, 3 public by design\./);
    const { ports } = JSON.parse(run(['--format', 'ports-json', '.'], dir).stdout);
    assert.deepEqual(ports.map((e: { hostPort: string; publicClass: string }) => `${e.hostPort} ${e.publicClass}`), ['53 by-design', '80 by-design', '443 by-design', '5432 must-never', '8080 accidental', '8081 accidental', '8096 declared']);
    assert.match(run(['--format', 'markdown', '.'], dir).stdout, /\| \*\*public\*\* \| public by design \| \\\* \| 443\/tcp \|/);
  });

  it('SARIF carries the class, and no fix for a port public by design', () => {
    const dir = writeTree({ 'compose.yaml': COMPOSE }, 'dps-public-');
    const results = JSON.parse(run(['--format', 'sarif', '.'], dir).stdout).runs[0].results as { ruleId: string; properties?: { publicClass: string }; fixes?: unknown[]; level: string }[];
    const publicBinds = results.filter((r) => r.ruleId === 'public-bind');
    assert.deepEqual(publicBinds.map((r) => [r.properties?.publicClass, r.level, !!r.fixes]), [
      ['by-design', 'note', false], ['by-design', 'note', false], ['accidental', 'warning', true],
      ['by-design', 'note', false], ['accidental', 'warning', true], ['must-never', 'error', true], ['declared', 'note', false],
    ]);
  });

  it('.docker-port-safety.json declares ports with publicPorts and explicitAllInterfaces, and refuses a bad port', () => {
    const dir = writeTree({
      'compose.yaml': 'services:\n  media:\n    image: jellyfin/jellyfin\n    ports:\n      - "8096:8096"\n      - "0.0.0.0:1900:1900/udp"\n      - "9000:9000"\n',
      '.docker-port-safety.json': '{ "publicPorts": ["8096"], "explicitAllInterfaces": "declared" }\n',
    }, 'dps-public-');
    const { stdout } = run(['--format', 'json', '.'], dir);
    assert.deepEqual(JSON.parse(stdout).map((f: { code: string; severity: string; line: number }) => `${f.line} ${f.severity}`), ['5 information', '6 information', '7 warning']);
    fs.writeFileSync(path.join(dir, '.docker-port-safety.json'), '{ "publicPorts": ["http"] }\n');
    const refused = run(['.'], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /\.docker-port-safety\.json:1:19: "publicPorts\[0\]": A host port such as 8096, 1900\/udp or 27015-27030\/udp/);
  });
});
