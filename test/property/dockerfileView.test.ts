/** The Dockerfile view (irrelevant instructions blanked) gives exactly the facts of a full parse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractDockerfile } from '../../server/src/engine/readers/dockerfile/dockerfile';
import { relevantInstructionsView } from '../../server/src/engine/readers/dockerfile/dockerfileView';

const line = fc.oneof(
  fc.constantFrom('FROM alpine', 'FROM node:22 AS build', 'ARG PORT=3000', 'ARG P', 'ENV HTTP=8080', 'ENV A=1 B=2', 'ENV OLD 9000'),
  fc.constantFrom('EXPOSE 80', 'EXPOSE ${PORT}', 'EXPOSE $HTTP/udp 22', 'expose 5432', 'EXPOSE 70000', 'EXPOSE 8080:80', 'EXPOSE ${A}-${B}'),
  fc.constantFrom('RUN echo hi \\', '  && echo EXPOSE 99', 'EXPOSE 1 \\', 'RUN x', 'COPY . .', 'RUN <<EOF', 'EXPOSE 2', 'EOF', '# comment', '', '   ', 'LABEL a=b \\', 'ONBUILD EXPOSE 3', 'WORKDIR /app', 'RUN a \\\r'),
);

describe('Dockerfile view', () => {
  it('never changes the facts dockerfile-ast reads (2,000 generated Dockerfiles)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.boolean(), fc.boolean(), (lines, crlf, escapeDirective) => {
        const text = (escapeDirective ? '# escape=`\n' : '') + lines.join(crlf ? '\r\n' : '\n');
        const view = relevantInstructionsView(text);
        assert.equal(view.length, text.length);
        const strip = (facts: ReturnType<typeof extractDockerfile>) => facts.exposes.map((e) => [e.span, e.written, e.expanded, e.reading]);
        assert.deepEqual(strip(extractDockerfile(text, true)), strip(extractDockerfile(text, false)));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
