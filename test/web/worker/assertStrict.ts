/** `node:assert/strict` in the worker: the npm package made to be Node's assert in browsers, in its strict mode. */
import assert from 'assert';

export default assert.strict;
