/** minimalEdit: the one edit between two texts, equal to the character-by-character definition. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, minimalEdit } from '../../server/src/engine/edits';

/** The definition: the longest common prefix, then the longest common suffix of what is left. */
function byCharacters(before: string, after: string) {
  if (before === after) return undefined;
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

describe('minimalEdit', () => {
  const long = 'docker run -p 8080:80 nginx\n'.repeat(40);
  const cases: [string, string, string][] = [
    ['same text', long, long],
    ['one character added in the middle', long, `${long.slice(0, 500)}x${long.slice(500)}`],
    ['one character removed at a chunk boundary', long, long.slice(0, 256) + long.slice(257)],
    ['a change in the first and the last character', `a${long}b`, `c${long}d`],
    ['the repeated text grows by a line (prefix and suffix overlap)', long, long + 'docker run -p 8080:80 nginx\n'],
    ['from empty', '', long],
    ['to empty', long, ''],
    ['a surrogate pair changed', `${long}😀${long}`, `${long}😃${long}`],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      const edit = minimalEdit(before, after);
      assert.deepEqual(edit, byCharacters(before, after));
      if (edit) assert.equal(applyEdits(before, [edit]), after);
    });
  }

  it('equals the definition on 2,000 generated pairs of every length around the chunk size', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const alphabet = 'ab\n';
    for (let k = 0; k < 2000; k++) {
      const length = random(1200);
      let before = '';
      for (let i = 0; i < length; i++) before += alphabet[random(alphabet.length)];
      const at = random(length + 1);
      const removed = random(Math.min(300, length - at) + 1);
      let inserted = '';
      for (let i = random(300); i > 0; i--) inserted += alphabet[random(alphabet.length)];
      const after = before.slice(0, at) + inserted + before.slice(at + removed);
      const edit = minimalEdit(before, after);
      assert.deepEqual(edit, byCharacters(before, after), `pair ${k}`);
      if (edit) assert.equal(applyEdits(before, [edit]), after);
    }
  });
});
