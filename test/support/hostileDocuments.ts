/**
 * Texts no one means to write, that any document may hold for a moment (a paste gone wrong, a
 * generated file, a binary opened as text): the LSP test sends each to every kind of open
 * document, the fuzzer's soak mixes them in and the bench times them. Each is built on demand.
 */

/**
 * The eight that once took the server down together (five documents open, each sent all of them in
 * turn), and the shapes later changes were made fast for: a page's YAML block holding thousands of
 * Kubernetes documents, each parsed on its own and its facts moved into place (kubernetes.ts reads a stream a document at a time).
 */
export const HOSTILE_DOCUMENTS: readonly { name: string; make: () => string }[] = [
  { name: 'a docker run with 20,000 -p flags', make: () => 'docker run ' + '-p 8080:80 '.repeat(20000) + 'img\n' },
  {
    name: 'a Compose file with 20,000 port entries',
    make: () => 'services:\n  app:\n    image: x\n    ports:\n' + Array.from({ length: 20000 }, (_, i) => `      - "${1024 + (i % 60000)}:80"\n`).join(''),
  },
  { name: '5,000 nested brackets', make: () => 'services: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n' },
  {
    name: '2,000 YAML aliases',
    make: () => 'x-0: &a0 ["1:1"]\n' + Array.from({ length: 2000 }, (_, i) => `x-${i + 1}: &a${i + 1} [*a${i}, *a${i}]\n`).join('') + 'services:\n  a:\n    image: x\n    ports: *a2000\n',
  },
  { name: 'a 2 MB line', make: () => 'docker run ' + '-e A=1 '.repeat((2 * 1024 * 1024) / 7) + ' img\n' },
  { name: 'EXPOSE with 100,000 ports', make: () => 'FROM x\nEXPOSE ' + Array.from({ length: 100000 }, (_, i) => String(1 + (i % 65535))).join(' ') + '\n' },
  { name: '50,000 backslashes', make: () => 'docker run -p 1:1 x ' + '\\'.repeat(50000) + '\n' },
  { name: '100 KB of binary', make: () => Buffer.from(Array.from({ length: 100 * 1024 }, (_, i) => (i * 7919) % 256)).toString('latin1') },
  {
    name: '5,000 Kubernetes documents with a hostPort in a page block',
    make: () =>
      '```yaml\n' +
      Array.from({ length: 5000 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 80\n      hostPort: ${1024 + i}\n`).join('---\n') +
      '```\n',
  },
];

/** More nesting, the other ways YAML and JSON nest: each deeper than a thread's stack holds. */
export const DEEP_DOCUMENTS: readonly { name: string; make: () => string }[] = [
  { name: '20,000 nested flow mappings', make: () => 'services: ' + '{a: '.repeat(20000) + '1' + '}'.repeat(20000) + '\n' },
  { name: '20,000 compact nested sequences', make: () => 'services:\n  a:\n    ports:\n      ' + '- '.repeat(20000) + '"80:80"\n' },
  { name: '50,000 nested JSON arrays', make: () => '{"runArgs": ' + '['.repeat(50000) + ']'.repeat(50000) + '}\n' },
  { name: '5,000 nested brackets in a page', make: () => '```yaml\nservices: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n```\n' },
  { name: '100,000 defaults inside defaults', make: () => 'services:\n  a:\n    ports:\n      - "' + '${A:-'.repeat(100000) + '80' + '}'.repeat(100000) + ':80"\n' },
];

/** The open documents of the sequence: each kind of document, and plain YAML named like Compose. */
export const OPEN_DOCUMENTS: readonly { uri: string; languageId: string }[] = [
  { uri: 'file:///hostile/compose.yaml', languageId: 'dockercompose' },
  { uri: 'file:///hostile/run.sh', languageId: 'shellscript' },
  { uri: 'file:///hostile/Dockerfile', languageId: 'dockerfile' },
  { uri: 'file:///hostile/README.md', languageId: 'markdown' },
  { uri: 'file:///hostile/docker-compose.yml', languageId: 'yaml' },
  { uri: 'file:///hostile/.devcontainer/devcontainer.json', languageId: 'jsonc' },
  { uri: 'file:///hostile/.github/workflows/ci.yml', languageId: 'yaml' },
];
