/**
 * The real pre-commit (Debian's `pre-commit`) with this repository as its hook repository, in a
 * temporary git repository: a commit that publishes a port on every interface is refused with the
 * finding printed, a clean commit passes. pre-commit installs the hook from a commit, so this tests
 * what HEAD holds (in CI, the submitted commit).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..', '..');
const PRE_COMMIT = ['/usr/bin/pre-commit', '/usr/local/bin/pre-commit'].find((p) => fs.existsSync(p));

describe('pre-commit hook', { skip: PRE_COMMIT ? false : 'pre-commit is not installed (apt-get install pre-commit)' }, () => {
  it('refuses a commit with a public port, printing the finding, and lets a clean commit pass', { timeout: 600000 }, () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-pre-commit-'));
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(repo, '.cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    git('init', '-q');
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: docker-port-safety\n`);
    fs.writeFileSync(path.join(repo, '.gitignore'), '.cache/\n');
    execFileSync(PRE_COMMIT!, ['install'], { cwd: repo, env });

    // Kinds found by content and name, and a text file it does not read (skipped, not read as shell).
    fs.writeFileSync(path.join(repo, 'stack.yml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
    fs.writeFileSync(path.join(repo, 'notes.txt'), 'docker run -p 1:1 is how not to do it\n');
    git('add', '-A');
    const refused = spawnSync('git', ['commit', '-m', 'public port'], { cwd: repo, env, encoding: 'utf8' });
    assert.notEqual(refused.status, 0, 'the commit is refused');
    const output = refused.stdout + refused.stderr;
    assert.match(output, /stack\.yml:5:10: error public-bind Published on every interface/);
    assert.match(output, /1 finding \(1 error\) in 1 file/);
    assert.equal(spawnSync('git', ['rev-parse', '--verify', 'HEAD'], { cwd: repo }).status, 128, 'nothing was committed');

    fs.writeFileSync(path.join(repo, 'stack.yml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "127.0.0.1:5432:5432"\n');
    git('add', '-A');
    const passed = spawnSync('git', ['commit', '-m', 'local port'], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout + passed.stderr, /Docker Port Safety\.+Passed/);
  });
});
