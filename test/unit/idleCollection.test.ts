/** The checker thread's collection policy: a full collection right after an answer only when much garbage piled up or a large document was closed. */
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { describe, it } from 'node:test';
import { collectIfGrown } from '../../server/src/lsp/idleCollection';

const used = () => v8.getHeapStatistics().used_heap_size;
const MB = 2 ** 20;

/** About `megabytes` of objects, alive until the caller lets go of them. */
function allocate(megabytes: number): unknown[] {
  return Array.from({ length: megabytes * 64 }, (_, i) => Array.from({ length: 2000 }, (_x, k) => i + k));
}

describe('collection after an answer', () => {
  it('collects when far more than the last survivors piled up, and leaves a heap with little garbage alone', () => {
    // Nothing collected by the policy yet: the heap of this test process holds far less than the allowance.
    let garbage: unknown[] | undefined = allocate(5);
    garbage = undefined;
    const small = used();
    collectIfGrown();
    assert.ok(used() >= small, 'a few megabytes of garbage are left to V8');

    garbage = allocate(120);
    assert.ok(garbage.length > 0);
    garbage = undefined;
    const before = used();
    collectIfGrown();
    assert.ok(before - used() > 60 * MB, `collected ${((before - used()) / MB).toFixed(0)} MB of about 120`);
  });

  it('collects a released document at once, however little garbage piled up', () => {
    collectIfGrown(true);
    let released: unknown[] | undefined = allocate(10);
    assert.ok(released.length > 0);
    released = undefined;
    const before = used();
    collectIfGrown();
    assert.ok(used() >= before, 'ten megabytes of garbage alone are left to V8');
    collectIfGrown(true);
    assert.ok(before - used() > 5 * MB, `collected ${((before - used()) / MB).toFixed(0)} MB of about 10`);
  });
});
