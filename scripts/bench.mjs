// `npm run bench`: how fast diagnostics arrive while typing in large files, and how fast the CLI
// scans a repository. Prints numbers; asserts nothing (the tests stay free of timing).
//   1. The built server over LSP: didOpen → diagnostics and didChange → diagnostics (median of
//      several edits) for a 10,000-instruction Dockerfile, a 2,000-service compose file and a
//      10,000-line shell script, with the server's resident memory; dockerfile-language-server-nodejs
//      on the same Dockerfile in the same run.
//   2. The CLI over a generated tree of 5,000+ files, beside `rg -l` over the same tree.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LspClient } = require('../out/test/support/lspClient.js');
const OTHER_SERVER = resolve('node_modules/dockerfile-language-server-nodejs/bin/docker-langserver');
const EDITS = 15;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** Resident memory once it stops falling (idle collection, heap shrinking): sampled for up to 5 s. */
async function settledRss(pid) {
  let last = rssMb(pid);
  for (let waited = 0, stable = 0; waited < 20000 && stable < 4000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const now = rssMb(pid);
    stable = now >= last - 0.5 ? stable + 250 : 0;
    last = Math.min(last, now);
  }
  return last;
}

/** A long multi-stage Dockerfile with the mix real ones have: mostly RUN and COPY, some ENV/ARG/LABEL, a few EXPOSE. */
function dockerfile() {
  const lines = [];
  for (let i = 0; lines.length < 10000; i++) {
    const r = i % 100;
    if (i % 500 === 0) lines.push(`FROM node:22-alpine AS stage${i}`, 'ARG PORT=3000');
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

function compose() {
  const lines = ['services:'];
  for (let i = 0; i < 2000; i++) {
    lines.push(`  svc${i}:`, `    image: example/service-${i}:1.0`, '    environment:', `      - NAME=svc${i}`);
    if (i % 4 === 0) lines.push('    ports:', `      - "${10000 + i}:80"`);
    if (i % 4 === 1) lines.push('    ports:', `      - "127.0.0.1:${20000 + i}:80"`);
  }
  return lines.join('\n') + '\n';
}

function shell() {
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail'];
  for (let i = 0; lines.length < 10000; i++) {
    if (i % 100 === 0) lines.push(`docker run -d --name c${i} -p ${30000 + i}:80 nginx`);
    else if (i % 7 === 0) lines.push(`if [ -f "file${i}" ]; then echo "found ${i}"; fi`);
    else lines.push(`echo "line ${i}" | tee -a log.txt > /dev/null`);
  }
  return lines.join('\n') + '\n';
}

const OPENS = 5;

/**
 * Opens `text` OPENS times under fresh names (median time to diagnostics), then types a character
 * at the end of the middle line and deletes it, EDITS times, timing each to its diagnostics.
 */
async function measure(client, uri, languageId, text) {
  const opens = [];
  for (let k = 0; k < OPENS; k++) {
    const name = uri.replace('/bench/', `/bench/open${k}/`);
    const started = performance.now();
    await client.open(name, languageId, text, 1);
    await client.waitForDiagnostics(name, (p) => p.version === 1 || p.version === undefined, 120000);
    opens.push(performance.now() - started);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: name } });
  }
  await client.open(uri, languageId, text, 1);
  await client.waitForDiagnostics(uri, (p) => p.version === 1 || p.version === undefined, 120000);
  const lines = text.split('\n');
  // The middle line, or the next ordinary one: typing after `fi` or after a YAML key (`svc1000:`)
  // changes the structure of everything below, which is measured apart, not as typing.
  let line = Math.floor(lines.length / 2);
  while (/^\s*(if|fi|then|else|done|esac)\b|;\s*fi$|:$/.test(lines[line])) line++;
  const column = lines[line].length;
  const changes = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    const started = performance.now();
    const before = client.diagnostics.get(uri);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      // Type a character, then delete it: every edit changes the text.
      contentChanges: [version % 2 === 0
        ? { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' }
        : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' }],
    });
    // Servers that do not send versions: wait for a fresh publication instead.
    await client.waitForDiagnostics(uri, (p) => p.version === version || (p.version === undefined && p !== before), 120000);
    changes.push(performance.now() - started);
  }
  return { open: median(opens), change: median(changes), line, column, version: 2 + EDITS };
}

/** Sends `count` keystrokes without waiting, then counts the checks the server published for them. */
async function rapidTyping(client, uri, at, firstVersion, count = 50) {
  let published = 0;
  const seen = new Set();
  const counter = (p) => {
    if (p.uri === uri && !seen.has(p.version)) {
      seen.add(p.version);
      published++;
    }
  };
  client.publications.push(counter);
  const started = performance.now();
  for (let k = 0; k < count; k++) {
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: firstVersion + k },
      contentChanges: [{ range: { start: { line: at.line, character: at.column + k }, end: { line: at.line, character: at.column + k } }, text: 'y' }],
    });
  }
  await client.waitForDiagnostics(uri, (p) => p.version === firstVersion + count - 1, 120000);
  client.publications.splice(client.publications.indexOf(counter), 1);
  return { published, ms: performance.now() - started };
}

async function serverBench() {
  const documents = [
    ['file:///bench/Dockerfile', 'dockerfile', dockerfile(), '10,000-instruction Dockerfile'],
    ['file:///bench/compose.yaml', 'dockercompose', compose(), '2,000-service compose file'],
    ['file:///bench/build.sh', 'shellscript', shell(), '10,000-line shell script'],
  ];
  const ours = await LspClient.start('stdio');
  const results = [];
  for (const [uri, language, text, label] of documents) {
    results.push({ label, size: text.length, ...(await measure(ours, uri, language, text)) });
  }
  const shellResult = results[2];
  const rapid = await rapidTyping(ours, documents[2][0], shellResult, shellResult.version);
  const memory = await settledRss(ours.pid);
  await ours.stop();

  const theirs = await LspClient.start('stdio', {}, OTHER_SERVER);
  const other = await measure(theirs, documents[0][0], 'dockerfile', documents[0][2]);
  const otherMemory = await settledRss(theirs.pid);
  await theirs.stop();

  console.log(`\nLanguage server (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)})`);
  console.log(`document                         size      open→diagnostics (median of ${OPENS})  change→diagnostics (median of ${EDITS})`);
  for (const r of results) console.log(`${r.label.padEnd(32)} ${(r.size / 1024).toFixed(0).padStart(5)} KiB  ${ms(r.open).padStart(12)}  ${ms(r.change).padStart(12)}`);
  console.log(`${'dockerfile-language-server-nodejs'.padEnd(32)} ${(documents[0][2].length / 1024).toFixed(0).padStart(5)} KiB  ${ms(other.open).padStart(12)}  ${ms(other.change).padStart(12)}   (same Dockerfile)`);
  console.log(`Dockerfile vs dockerfile-language-server-nodejs: open ${(results[0].open / other.open).toFixed(2)}×, change ${(results[0].change / other.change).toFixed(2)}× its time (budget ≤ 0.33×)`);
  console.log(`rapid typing: ${rapid.published} check(s) published for 50 keystrokes sent at once (superseded ones skipped), newest after ${ms(rapid.ms)}`);
  console.log(`server memory with the three open, once settled: ${memory.toFixed(0)} MB resident (budget < 150 MB); dockerfile-language-server-nodejs: ${otherMemory.toFixed(0)} MB`);
}

function cliBench() {
  const root = mkdtempSync(join(tmpdir(), 'dps-bench-tree-'));
  let bytes = 0;
  const write = (name, text) => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
    bytes += Buffer.byteLength(text);
  };
  // Mostly files without container commands, as in a real repository.
  for (let i = 0; i < 5200; i++) {
    const dir = `pkg${i % 40}/src/mod${i % 13}`;
    if (i % 100 === 0) write(`${dir}/deploy${i}.sh`, `#!/bin/sh\nset -e\ndocker run -d -p ${40000 + i}:80 app\n`);
    else if (i % 100 === 1) write(`${dir}/compose.yaml`.replace('compose', `compose.${i}`), `services:\n  a:\n    image: x\n    ports:\n      - "${41000 + i}:80"\n`);
    else if (i % 100 === 2) write(`${dir}/Dockerfile.${i}`, `FROM alpine\nEXPOSE ${i}\n`);
    else if (i % 10 === 3) write(`${dir}/notes${i}.md`, `# Notes ${i}\n\n${'Some prose about the module. '.repeat(20)}\n\n\`\`\`sh\nmake build\n\`\`\`\n`);
    else if (i % 10 === 4) write(`${dir}/script${i}.sh`, `#!/bin/sh\n${'echo building module && make all\n'.repeat(20)}`);
    else write(`${dir}/file${i}.ts`, `export const value${i} = ${i};\n${'// a line of code\n'.repeat(30)}`);
  }
  const time = (command, args) => {
    const runs = [];
    for (let k = 0; k < 3; k++) {
      const started = performance.now();
      const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      runs.push(performance.now() - started);
      if (result.error) return undefined;
    }
    return median(runs);
  };
  const files = Number(execFileSync('find', [root, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n').length);
  const checked = JSON.parse(spawnSync(process.execPath, [resolve('dist/cli.js'), '--format', 'json', '.'], { cwd: root, encoding: 'utf8' }).stdout).length;
  const ourTime = time(process.execPath, [resolve('dist/cli.js'), '--fail-on', 'none', '--format', 'json', '.']);
  const rgTime = time('rg', ['-l', 'docker|podman|nerdctl', '.']);
  const mb = bytes / 2 ** 20;
  console.log(`\nCLI over a generated tree: ${files} files, ${mb.toFixed(1)} MB, ${checked} findings`);
  console.log(`docker-port-safety: ${ms(ourTime)}  ${(files / (ourTime / 1000)).toFixed(0)} files/s  ${(mb / (ourTime / 1000)).toFixed(1)} MB/s  (median of 3, whole process)`);
  if (rgTime === undefined) console.log('rg -l: ripgrep is not installed (apt-get install ripgrep)');
  else console.log(`rg -l (the floor): ${ms(rgTime)}  ${(files / (rgTime / 1000)).toFixed(0)} files/s  ${(mb / (rgTime / 1000)).toFixed(1)} MB/s; docker-port-safety takes ${(ourTime / rgTime).toFixed(1)}× (target within 10×)`);
  rmSync(root, { recursive: true, force: true });
  void statSync;
}

await serverBench();
cliBench();
