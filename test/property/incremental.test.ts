/**
 * Incremental checking must give exactly what a full check gives: random edit sequences on shell
 * scripts, compose files and Markdown pages, compared after every edit (facts and the fixes they
 * offer). Edits include lines inserted and deleted at the top, pastes of several lines (whole
 * services among them) and whole-document replacements, as clients send them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { extractFacts } from '../../server/src/engine/analyze';
import { IncrementalExtractor } from '../../server/src/engine/incremental/incremental';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import type { DocumentKind } from '../../server/src/engine/model';
import { comparableFacts } from '../support/engine';

const SHELL_LINES = [
  'docker run -p 8080:80 nginx', 'docker run -d -p 127.0.0.1:5432:5432 postgres', 'echo "docker run -p 1:1 x"', 'if true; then', 'fi',
  'docker run --network host a', 'podman run -p 1:1,2:2 b', 'cat <<EOF', 'EOF', 'docker run \\', '  -p 3:3 c', 'f() {', '}', '# comment',
  'x=$(docker run -p 4:4 d)', 'echo "unterminated', "echo 'x'", 'docker run -P e | tee log', 'case $1 in', 'a) docker run -p 5:5 f ;;', 'esac', '',
];
const MARKDOWN_LINES = [
  '# Title 🐳', '```bash', '```', '```console', '$ docker run -p 8080:80 nginx', 'docker run -p 1:1 a', '~~~', '> ```sh', '> docker run -p 2:2 b', '> ```',
  '    docker run -p 3:3 c', '!!! note', '```yaml', 'services:', '  web:', '    ports: ["4:4"]', 'cat <<EOF', 'EOF', "It's prose.", '', '- item', '  ```',
];
const DOCKERFILE_LINES = [
  'FROM node:20 AS build', 'ARG PORT=8080', 'ENV PORT=$PORT', 'EXPOSE $PORT 22', 'RUN echo hi && make', 'RUN apk add \\', '  curl', 'COPY . /app',
  'EXPOSE 5432/tcp', 'env ADMIN 9000', 'expose $ADMIN', '# escape=`', 'RUN <<EOF', 'EOF', 'LABEL a=b', 'WORKDIR /app', '',
];
const COMPOSE_LINES = [
  'services:', '  web:', '    image: nginx', '    ports:', '      - "8080:80"', '      - 5432:5432', '      - 22:22', '  db:', '    network_mode: host',
  '    expose: ["3000"]', '      - target: 80', '        published: 8081', 'x-other: 1', '  cache:', '    ports: ["6379:6379"]', '    deploy: {}', '# note', '',
];

function editArbitrary(lines: string[]) {
  return fc.record({
    kind: fc.constantFrom('insert-line', 'delete-range', 'type', 'replace-line', 'type-at-line-end', 'append', 'top-insert', 'top-delete', 'paste', 'replace-all'),
    position: fc.nat(),
    length: fc.nat({ max: 12 }),
    line: fc.constantFrom(...lines),
    chars: fc.constantFrom('x', ' ', '\n', '"', "'", '\\', ':', '1', '-p 9:9 ', '#', '|', '&&', '  ', '$('),
  });
}

function applyEdit(text: string, edit: { kind: string; position: number; length: number; line: string; chars: string }): string {
  const at = text.length === 0 ? 0 : edit.position % (text.length + 1);
  switch (edit.kind) {
    case 'insert-line': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      return text.slice(0, lineStart) + edit.line + '\n' + text.slice(lineStart);
    }
    case 'delete-range':
      return text.slice(0, at) + text.slice(Math.min(text.length, at + edit.length));
    case 'replace-line': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      return text.slice(0, lineStart) + edit.line + (lineEnd < 0 ? '' : text.slice(lineEnd));
    }
    case 'type-at-line-end': {
      const lineEnd = text.indexOf('\n', at);
      const end = lineEnd < 0 ? text.length : lineEnd;
      return text.slice(0, end) + edit.chars + text.slice(end);
    }
    case 'append':
      return text + edit.chars;
    case 'top-insert':
      return edit.line + '\n' + text;
    case 'top-delete':
      return text.slice(text.indexOf('\n') + 1);
    case 'paste': {
      // Several lines copied from elsewhere in the document, pasted at a line start.
      const from = text.lastIndexOf('\n', at - 1) + 1;
      let to = from;
      for (let n = 0; n <= edit.length && to < text.length; n++) to = text.indexOf('\n', to) + 1 || text.length;
      const lineStart = text.lastIndexOf('\n', (edit.position * 7) % (text.length + 1) - 1) + 1;
      return text.slice(0, lineStart) + text.slice(from, to) + text.slice(lineStart);
    }
    case 'replace-all':
      // A client that sends the whole document: the same text with one line changed.
      return text.replace(/\n[^\n]*\n/, `\n${edit.line}\n`);
    default:
      return text.slice(0, at) + edit.chars + text.slice(at);
  }
}

function checkSequences(kind: DocumentKind, lines: string[], seed: number, runs: number, options: ConstructorParameters<typeof IncrementalExtractor>[0] = {}) {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...lines), { minLength: 3, maxLength: 30 }), fc.array(editArbitrary(lines), { minLength: 1, maxLength: 25 }), (start, edits) => {
      const incremental = new IncrementalExtractor(options);
      try {
        let text = start.join('\n') + '\n';
        for (const edit of [undefined, ...edits]) {
          if (edit) text = applyEdit(text, edit);
          const fast = extractFacts(text, kind, { incremental });
          const full = extractFacts(text, kind);
          assert.deepEqual(comparableFacts(fast), comparableFacts(full), `after ${JSON.stringify(edit)} on:\n${text}`);
        }
      } finally {
        incremental.dispose();
      }
    }),
    { numRuns: runs, seed },
  );
}

describe('incremental checking equals a full check', () => {
  before(() => loadBashGrammar());
  it('shell: 300 random edit sequences', () => checkSequences('shell', SHELL_LINES, 1, 300));
  it('shell read a few lines at a time however short: 300 random edit sequences', () => checkSequences('shell', SHELL_LINES, 6, 300, { shellParts: { from: 0, length: 30 } }));
  it('compose: 300 random edit sequences', () => checkSequences('compose', COMPOSE_LINES, 2, 300));
  it('compose read a few services at a time however short: 300 random edit sequences', () => checkSequences('compose', [...COMPOSE_LINES, 'version: "3"', 'networks:', '  back: {}', '  - x', '\tweb:', '    command: "a', '  b"'], 5, 300, { composeReadInPartsFrom: 0 }));
  it('markdown: 200 random edit sequences', () => checkSequences('markdown', MARKDOWN_LINES, 3, 200));
  it('dockerfile: 300 random edit sequences', () => checkSequences('dockerfile', DOCKERFILE_LINES, 4, 300));

  it('typing files character by character equals a full check after every keystroke', () => {
    const files: [DocumentKind, string][] = [
      ['shell', 'docker run -p 8080:80 app\necho a; docker run -p 1:1 b\nif true; then docker run -P c; fi\n'],
      ['shell', 'f() {\n  docker run \\\n    -p 3:3 d\n}\ncat <<EOF\ndocker run -p 4:4 e\nEOF\n'],
      ['compose', 'services:\n  web:\n    ports:\n      - "8080:80"\n  db:\n    ports: [5432:5432]\n'],
    ];
    for (const [kind, file] of files) {
      for (const step of [1, 2, 3, 5]) {
        const incremental = new IncrementalExtractor();
        try {
          for (let i = 0; i <= file.length; i += step) {
            const text = file.slice(0, i);
            assert.deepEqual(comparableFacts(extractFacts(text, kind, { incremental })), comparableFacts(extractFacts(text, kind)), `${kind} after typing ${JSON.stringify(text)}`);
          }
        } finally {
          incremental.dispose();
        }
      }
    }
  });

  it('the fixes of facts moved by an edit before them are those of a full check (fix functions that hold the spans they were found with)', () => {
    const cases: [DocumentKind, string, (text: string) => string, string][] = [
      ['compose', 'services:\n  a:\n    image: x\n  b:\n    ports:\n      - 8080:80\n      - target: 80\n        published: 8081\n', (t) => t.replace('image: x', 'image: xyz'), 'service'],
      ['compose', 'services:\n  a:\n    image: x\n  b:\n    ports:\n      - 8080:80\n', (t) => t.replace('services:\n', 'services:\n  top:\n    image: x\n'), 'service'],
      ['shell', 'echo start\ndocker run -p published=8080,target=80 a\ndocker run -p 9090:90 b\n', (t) => t.replace('echo start', 'echo started here'), 'statements'],
    ];
    for (const [kind, text, edit, fastPath] of cases) {
      const incremental = new IncrementalExtractor();
      try {
        extractFacts(text, kind, { incremental });
        const edited = edit(text);
        const fast = comparableFacts(extractFacts(edited, kind, { incremental }));
        assert.equal(incremental.lastUpdate, fastPath, `${kind}: the fast path ran`);
        assert.deepEqual(fast, comparableFacts(extractFacts(edited, kind)), `${kind}: ${JSON.stringify(edited)}`);
        // Moved twice: edits keep adding up.
        const again = edit(edited);
        assert.deepEqual(comparableFacts(extractFacts(again, kind, { incremental })), comparableFacts(extractFacts(again, kind)), `${kind}: ${JSON.stringify(again)}`);
      } finally {
        incremental.dispose();
      }
    }
  });

  it('uses the fast paths it claims: one statement or one service re-read', () => {
    const incremental = new IncrementalExtractor();
    const script = Array.from({ length: 200 }, (_, i) => `echo line ${i}`).join('\n') + '\ndocker run -p 80:80 x\n';
    extractFacts(script, 'shell', { incremental });
    extractFacts(script.replace('echo line 100', 'echo line 1000'), 'shell', { incremental });
    assert.equal(incremental.lastUpdate, 'statements');
    incremental.dispose();
    const composeState = new IncrementalExtractor();
    const compose = 'services:\n' + Array.from({ length: 50 }, (_, i) => `  s${i}:\n    image: x\n    ports: ["${1000 + i}:80"]\n`).join('');
    extractFacts(compose, 'compose', { incremental: composeState });
    extractFacts(compose.replace('"1010:80"', '"127.0.0.1:1010:80"'), 'compose', { incremental: composeState });
    assert.equal(composeState.lastUpdate, 'service');
    // A service inserted before the first one and a block of services pasted: only they are read.
    const inserted = compose.replace('services:\n', 'services:\n  top:\n    image: x\n');
    extractFacts(inserted, 'compose', { incremental: composeState });
    assert.equal(composeState.lastUpdate, 'service');
    const pasted = inserted.replace('  s20:', '  p1:\n    image: y\n  p2:\n    ports: ["9:9"]\n  s20:');
    const facts = extractFacts(pasted, 'compose', { incremental: composeState });
    assert.equal(composeState.lastUpdate, 'service');
    assert.deepEqual(comparableFacts(facts), comparableFacts(extractFacts(pasted, 'compose')));
    // Typing in a RUN line of a Dockerfile only moves what follows.
    const dockerState = new IncrementalExtractor();
    const dockerfile = 'FROM x\n' + Array.from({ length: 100 }, (_, i) => `RUN step ${i}\nEXPOSE ${3000 + i}`).join('\n') + '\n';
    extractFacts(dockerfile, 'dockerfile', { incremental: dockerState });
    extractFacts(dockerfile.replace('RUN step 50', 'RUN step 500'), 'dockerfile', { incremental: dockerState });
    assert.equal(dockerState.lastUpdate, 'shifted');
    // A COPY --from line is not a FROM instruction.
    const copying = dockerfile.replace('RUN step 50', 'COPY --from=build /a /b');
    extractFacts(copying, 'dockerfile', { incremental: dockerState });
    extractFacts(copying.replace('COPY --from=build /a /b', 'COPY --from=build /a /b '), 'dockerfile', { incremental: dockerState });
    assert.equal(dockerState.lastUpdate, 'shifted');
  });

  it('Compose: a comment or blank line added or removed anywhere, column 0 included, is read without parsing the file again', () => {
    const compose = '# stack\nname: demo\nservices:\n' + Array.from({ length: 40 }, (_, i) => `  s${i}:\n    image: x\n    ports: ["${1000 + i}:80"]\n`).join('') + 'volumes:\n  data: {}\n';
    const lineStarts = [0, ...Array.from(compose.matchAll(/\n/g), (m) => m.index! + 1).filter((i) => i < compose.length)];
    for (const inserted of ['# note\n', '\n', '    # indented note\n']) {
      for (const at of lineStarts) {
        for (const [readInParts, label] of [[undefined, 'parsed whole'], [0, 'read in parts']] as const) {
          const state = new IncrementalExtractor({ composeReadInPartsFrom: readInParts });
          extractFacts(compose, 'compose', { incremental: state });
          const edited = compose.slice(0, at) + inserted + compose.slice(at);
          const facts = extractFacts(edited, 'compose', { incremental: state });
          const where = `${JSON.stringify(inserted)} at line ${lineStarts.indexOf(at)} (${label})`;
          assert.deepEqual(comparableFacts(facts), comparableFacts(extractFacts(edited, 'compose')), where);
          // Above `name:`-style keys and past the services, lines of other keys may be read whole; the services' lines never are.
          const withinServices = at > compose.indexOf('services:') && at <= compose.indexOf('volumes:');
          if (withinServices || at < compose.indexOf('services:')) assert.equal(state.lastUpdate, 'service', `${where}: read ${state.lastUpdate}`);
          // And removed again.
          const back = extractFacts(compose, 'compose', { incremental: state });
          assert.deepEqual(comparableFacts(back), comparableFacts(extractFacts(compose, 'compose')), `${where}, removed`);
          if (withinServices || at < compose.indexOf('services:')) assert.equal(state.lastUpdate, 'service', `${where}, removed: read ${state.lastUpdate}`);
        }
      }
    }
  });
});
