/**
 * The files of a folder the editor lists (VS Code for the Web, no disk) are the files the walk of
 * the same folder on disk finds (files.test.ts checks that one against git): `.gitignore` files at
 * every level, scripts without an extension recognised by their shebang. The editor here is a fake
 * over the same tree, which also records what was read: an ignored file is never opened.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findFiles } from '../../server/src/workspace/files';
import { EditorFiles, listedFiles } from '../../server/src/workspace/listedFiles';
import { writeTree } from '../support/trees';

const RUN = 'docker run -p 8080:80 nginx\n';
const TREE: Record<string, string> = {
  '.gitignore': '/build/\n*.log.sh\ntmp\n!keep/tmp\n',
  'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n',
  'notes.yaml': 'title: not compose\n',
  'bin/deploy': `#!/bin/sh\n${RUN}`,
  'bin/start': `#!/usr/bin/env bash\n${RUN}`,
  'bin/dash': `#!/bin/dash\n${RUN}`,
  'bin/tool': '#!/usr/bin/env python3\nprint("docker run -p 8080:80 nginx")\n',
  'bin/data': RUN,
  'build/deploy': `#!/bin/sh\n${RUN}`,
  'app/.gitignore': '/local/\nnotes.md\n',
  'app/local/run': `#!/bin/bash\n${RUN}`,
  'app/notes.md': '```sh\ndocker run -p 80:80 x\n```\n',
  'app/docs/guide.md': '```sh\ndocker run -p 80:80 x\n```\n',
  'app/deep/tmp/run.sh': RUN,
  'app/deep/debug.log.sh': RUN,
  'keep/tmp/run.sh': RUN,
  'node_modules/x/run.sh': RUN,
};
const ROOT_URI = 'vscode-vfs://github/example/stack';

/** The editor over TREE: its file search lists every file but node_modules', as the client asks. */
function fakeEditor(read: string[]): EditorFiles {
  return {
    list: async (folders) => folders.map((root) => ({ root, files: Object.keys(TREE).filter((name) => !name.startsWith('node_modules/')).map((name) => `${root}/${name}`) })),
    read: async (uris, maxBytes) =>
      uris.map((uri) => {
        read.push(uri.slice(ROOT_URI.length + 1));
        const text = TREE[uri.slice(ROOT_URI.length + 1)];
        return text === undefined || (maxBytes !== undefined && text.length > maxBytes) ? null : text;
      }),
  };
}

describe('files of a folder the editor lists', () => {
  let disk: string;
  before(() => {
    disk = writeTree(TREE, 'dps-listed-');
  });
  after(() => fs.rmSync(disk, { recursive: true, force: true }));

  it('are the files the walk of the disk finds, with the same kinds', async () => {
    const onDisk = findFiles([disk]).files.map((f) => `${path.relative(disk, f.path).split(path.sep).join('/')} ${f.kind}`);
    const listed = (await listedFiles([ROOT_URI], fakeEditor([]))).map((f) => `${f.path.slice(ROOT_URI.length + 1)} ${f.kind}`);
    assert.deepEqual(listed, onDisk);
    assert.deepEqual(listed.sort(), [
      'app/docs/guide.md markdown',
      'bin/dash shell',
      'bin/deploy shell',
      'bin/start shell',
      'compose.yaml compose',
      'keep/tmp/run.sh shell',
    ]);
  });

  it('reads the .gitignore files, then only the files they leave whose names let them in', async () => {
    const read: string[] = [];
    const files = await listedFiles([ROOT_URI], fakeEditor(read));
    assert.deepEqual(read.slice(0, 2).sort(), ['.gitignore', 'app/.gitignore']);
    // A .gitignore has no extension, so it is looked at for a shebang, on disk as here.
    assert.deepEqual(read.slice(2).sort(), ['.gitignore', 'app/.gitignore', 'app/docs/guide.md', 'bin/dash', 'bin/data', 'bin/deploy', 'bin/start', 'bin/tool', 'compose.yaml', 'keep/tmp/run.sh', 'notes.yaml']);
    for (const file of files) assert.equal(file.text, TREE[file.path.slice(ROOT_URI.length + 1)]);
  });

  it('leaves out a file larger than the limit it is given', async () => {
    const files = await listedFiles([ROOT_URI], fakeEditor([]), TREE['compose.yaml'].length - 1);
    assert.ok(!files.some((f) => f.path.endsWith('/compose.yaml')));
    assert.ok(files.some((f) => f.path.endsWith('/bin/deploy')));
  });
});
