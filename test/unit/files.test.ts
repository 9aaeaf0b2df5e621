/**
 * Which files a walk finds: .gitignore files at every level and above the start, as git reads them
 * (each expected list is what `git ls-files --others --exclude-standard` printed for this tree,
 * less node_modules, which the walk always skips).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findFiles } from '../../server/src/workspace/files';

const TREE: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': '/build/\n*.log.sh\ntmp\n!keep/tmp\n',
  'build/run.sh': '',
  'app/build/run.sh': '',
  'app/.gitignore': '/local/\nnotes.md\n',
  'app/local/run.sh': '',
  'app/notes.md': '',
  'app/docs/notes.md': '',
  'app/docs/guide.md': '',
  'app/deep/er/local/run.sh': '',
  'app/deep/er/debug.log.sh': '',
  'app/deep/er/compose.yaml': '',
  'app/deep/tmp/run.sh': '',
  'keep/tmp/run.sh': '',
  'node_modules/x/run.sh': '',
  'README.md': '',
};

describe('walking a tree', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-walk-'));
    for (const [name, text] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [string, string, string[]][] = [
    ['from the root: anchored, unanchored and nested patterns, each relative to its own .gitignore', '.', [
      'README.md', 'app/build/run.sh', 'app/deep/er/compose.yaml', 'app/deep/er/local/run.sh', 'app/docs/guide.md', 'keep/tmp/run.sh',
    ]],
    ['from a subfolder: the .gitignore files above it still apply', 'app/deep', ['app/deep/er/compose.yaml', 'app/deep/er/local/run.sh']],
    ['from a subfolder with its own .gitignore', 'app', ['app/build/run.sh', 'app/deep/er/compose.yaml', 'app/deep/er/local/run.sh', 'app/docs/guide.md']],
  ];
  for (const [what, start, expected] of cases) {
    it(what, () => {
      const found = findFiles([path.join(root, start)]).files.map((f) => path.relative(root, f.path).split(path.sep).join('/'));
      assert.deepEqual(found.sort(), expected);
    });
  }
});
