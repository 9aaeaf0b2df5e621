/** `# docker-port-safety ignore [rules]` silences the next line in every kind of file. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import type { DocumentKind } from '../../server/src/engine/model';
import { check } from '../support/engine';

const cases: [string, DocumentKind, string, string[]][] = [
  ['Dockerfile, every rule', 'dockerfile', 'FROM x\n# docker-port-safety ignore\nEXPOSE 22\n', []],
  ['Dockerfile, another rule named', 'dockerfile', 'FROM x\n# docker-port-safety ignore invalid-port\nEXPOSE 22\n', ['sensitive-port']],
  ['Compose, one rule of two', 'compose', 'services:\n  a:\n    ports:\n      # docker-port-safety ignore public-bind\n      - 8080:80\n', ['unquoted-port']],
  ['Compose, a list of rules', 'compose', 'services:\n  a:\n    ports:\n      # docker-port-safety ignore public-bind,unquoted-port\n      - 8080:80\n', []],
  ['Compose, only the next line', 'compose', 'services:\n  a:\n    ports:\n      # docker-port-safety ignore\n      - "1:1"\n      - "2:2"\n', ['public-bind']],
  ['shell, every rule', 'shell', '# docker-port-safety ignore\ndocker run -p 80:80 x\n', []],
  ['shell, above a continued command', 'shell', '# docker-port-safety ignore public-bind\ndocker run \\\n  -p 80:80 \\\n  x\n', []],
  ['shell, a comment further up does not count', 'shell', '# docker-port-safety ignore\n\ndocker run -p 80:80 x\n', ['public-bind']],
  ['Markdown, inside the block', 'markdown', '```sh\n# docker-port-safety ignore\ndocker run -p 80:80 x\n```\n', []],
  ['devcontainer.json, // comment', 'devcontainer', '{\n  // docker-port-safety ignore\n  "runArgs": ["-p", "80:80"]\n}\n', []],
];

describe('suppression comments', () => {
  before(() => loadBashGrammar());
  for (const [name, kind, text, rules] of cases) {
    it(name, () => assert.deepEqual(check(text, kind).map((f) => f.rule), rules));
  }
});
