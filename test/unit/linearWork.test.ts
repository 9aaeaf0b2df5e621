/**
 * Linear in the size of the document, whatever its mix, counted rather than timed: going from
 * 2,000 to 4,000 instructions adds at most twice the work that going from 1,000 to 2,000 added
 * (a fixed part, such as a base stage, cancels out; quadratic work would add four times as much).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDockerfile, resolutionWork } from '../../server/src/engine/readers/dockerfile/dockerfile';
import { extractCompose } from '../../server/src/engine/readers/compose/compose';

/** Dockerfiles of `n` instructions, in the mixes that once made ARG and ENV resolution quadratic, and others. */
const DOCKERFILE_MIXES: [string, (n: number) => string][] = [
  ['one stage, a quarter ENV and a quarter EXPOSE', (n) => {
    const lines = ['FROM node:22 AS app', 'ARG PORT=3000'];
    for (let i = 0; lines.length < n; i++) {
      const r = i % 4;
      lines.push(r === 0 ? `ENV VAR_${i}=value_${i} PORT_${i}=\${PORT}` : r === 1 ? `EXPOSE \${PORT_${i - 1}} ${8000 + (i % 1000)}/tcp` : r === 2 ? `RUN echo step ${i}` : `COPY --from=build /src/file${i} /app/`);
    }
    return lines.join('\n') + '\n';
  }],
  ['global ARGs, then many stages that declare them again', (n) => {
    const lines = Array.from({ length: n / 4 }, (_, i) => `ARG GLOBAL_${i}=${i}`);
    for (let i = 0; lines.length < n; i++) lines.push(`FROM alpine AS s${i}`, `ARG GLOBAL_${i}`, `ENV OWN=\${GLOBAL_${i}:-80}`, `EXPOSE \${OWN} \${GLOBAL_${i}}`);
    return lines.join('\n') + '\n';
  }],
  ['stages that inherit a base stage with many ENV', (n) => {
    const lines = ['FROM alpine AS base', ...Array.from({ length: 50 }, (_, i) => `ENV BASE_${i}=${i}`)];
    for (let i = 0; lines.length < n; i++) lines.push(`FROM base AS s${i}`, `ENV PORT=${1000 + i}`, `EXPOSE \${PORT} \${BASE_${i % 50}}`);
    return lines.join('\n') + '\n';
  }],
  ['one ENV line with many variables, each used by EXPOSE', (n) => {
    const names = Array.from({ length: n / 2 }, (_, i) => `V${i}=${i}`);
    return `FROM alpine\nENV ${names.join(' ')}\n` + Array.from({ length: n / 2 }, (_, i) => `EXPOSE \${V${i}}`).join('\n') + '\n';
  }],
];

function workOn(text: string): number {
  extractDockerfile(text);
  return resolutionWork.lookups + resolutionWork.copiedVariables;
}

describe('work linear in the document', () => {
  it('Compose aliases: each document is walked once for its anchors, however many aliases it has', () => {
    // The package's own exports, which the compiled readers call through.
    const yaml = require('yaml') as { visit: (...args: unknown[]) => unknown; Alias: { prototype: { resolve: (...args: unknown[]) => unknown } } };
    const [visit, resolve] = [yaml.visit, yaml.Alias.prototype.resolve];
    let walks = 0;
    let resolved = 0;
    yaml.visit = (...args) => (walks++, visit(...args));
    yaml.Alias.prototype.resolve = function (this: unknown, ...args) {
      resolved++;
      return resolve.apply(this, args);
    };
    try {
      for (const count of [1000, 2000]) {
        walks = 0;
        const text = 'x-base: &base ["8080:80"]\nservices:\n' + Array.from({ length: count }, (_, i) => `  s${i}:\n    image: x\n    ports: *base\n`).join('');
        assert.equal(extractCompose(text).publishes.length, 1, 'the aliased entry, read once');
        assert.equal(walks, 1, `${count} aliases: one walk`);
      }
      assert.equal(resolved, 0, "the package's resolve walks the whole document for each alias");
    } finally {
      [yaml.visit, yaml.Alias.prototype.resolve] = [visit, resolve];
    }
  });

  for (const [mix, make] of DOCKERFILE_MIXES) {
    it(`Dockerfile ARG/ENV resolution: ${mix}`, () => {
      const [one, two, four] = [1000, 2000, 4000].map((n) => workOn(make(n)));
      assert.ok(two - one > 0, 'the count sees the work');
      assert.ok(four - two <= 2 * (two - one) * 1.01, `lookups and copies: ${one}, ${two}, ${four} for 1,000, 2,000 and 4,000 instructions`);
    });
  }
});
