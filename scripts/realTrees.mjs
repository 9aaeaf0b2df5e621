// The six public repositories `npm run bench -- cli` measures the CLI on, beside `rg -l`: real
// documentation, samples and deployment trees (3,590 files, 72 MB), at fixed commits so every run
// reads the same files. They are not part of the project and are never downloaded by install or
// test: `node scripts/realTrees.mjs fetch [folder]` fetches them (git), into DPS_REAL_TREES or
// ~/.cache/docker-port-safety/real-trees, one folder per repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REAL_REPOSITORIES = [
  ['docker-library/docs', 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb'],
  ['docker/awesome-compose', '18f59bdb09ecf520dd5758fbf90dec314baec545'],
  ['jpetazzo/container.training', '565636291ec03abf1f2ab8bf6b935478e00e69a2'],
  ['yeasy/docker_practice', '33bca896b523889d578a29f60fac1082e84d8ceb'],
  ['nextcloud/all-in-one', '50636f2adcf2dc06b7121f771aca8e03af3fcdbe'],
  ['getsentry/self-hosted', '89a143f8e4d396a858cf6f462a832ae7da9fd2db'],
];

export function realTreesFolder() {
  return resolve(process.env.DPS_REAL_TREES ?? join(homedir(), '.cache', 'docker-port-safety', 'real-trees'));
}

/** The folder of one repository's files inside the trees' folder. */
export const repositoryFolder = (root, repository) => join(root, repository.replace('/', '+'));

/** The repositories missing from `root` (all of them when it does not exist). */
export function missingRepositories(root = realTreesFolder()) {
  return REAL_REPOSITORIES.map(([repository]) => repository).filter((repository) => !existsSync(repositoryFolder(root, repository)));
}

function fetchAll(root) {
  for (const [repository, commit] of REAL_REPOSITORIES) {
    const target = repositoryFolder(root, repository);
    if (existsSync(target)) continue;
    const clone = mkdtempSync(join(tmpdir(), 'dps-real-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--filter=blob:none', '--no-checkout', `https://github.com/${repository}.git`, clone], { stdio: 'inherit' });
      mkdirSync(target, { recursive: true });
      // The files of that commit, without .git: what a user's checkout holds.
      execFileSync('sh', ['-c', `git -C "${clone}" archive ${commit} | tar -x -C "${target}"`], { stdio: 'inherit' });
      console.log(`${repository} at ${commit.slice(0, 7)} -> ${target}`);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname) && process.argv[2] === 'fetch') {
  fetchAll(resolve(process.argv[3] ?? realTreesFolder()));
}
