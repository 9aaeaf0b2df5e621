// `npm run fuzz [EDITS] [SEED]`: mutates the fixtures into thousands of edits against one running
// server and fails on a crash, a version that never gets diagnostics, diagnostics that differ from
// a full check of the same text (the server checks incrementally), a range outside the document or
// a request that errors. Every edit waits for its own diagnostics, so nothing is skipped.
// `npm run fuzz -- soak [EDITS] [SEED]`: the soak. Every fixture, long generated documents and
// the bench's large ones stay open at once; tens of thousands of edits of every pattern (top
// insert, middle typing, paste, full sync, comment lines, random edits, hostile documents pasted
// over and taken back, close and reopen) go to documents picked at random, each answer compared
// with a fresh check; the server's peak memory is reported and fails the run past SOAK_PEAK_MB.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LspClient } = require('../out/test/support/lspClient.js');
const { analyze } = require('../out/server/src/engine/analyze.js');
const { documentKindByContent } = require('../out/server/src/engine/readers/documentKind.js');
const { loadBashGrammar } = require('../out/server/src/engine/readers/shell/bashParser.js');
const { loadGrammarFor } = require('../out/server/src/engine/readers/readerGrammars.js');
const { normalizeSettings } = require('../out/server/src/engine/settings.js');
const { HOSTILE_DOCUMENTS, DEEP_DOCUMENTS } = require('../out/test/support/hostileDocuments.js');
await loadBashGrammar();
await Promise.all(['terraform', 'docker-py', 'engine-api-js', 'engine-api-go', 'vagrant'].map(loadGrammarFor));
const settings = normalizeSettings({}).settings;
const SOAK = process.argv[2] === 'soak';
const args = SOAK ? process.argv.slice(3) : process.argv.slice(2);
const EDITS = Number(args[0] ?? (SOAK ? 20000 : 5000));
let seed = Number(args[1] ?? 20261128);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

const LANGUAGE = {
  '.yaml': 'yaml', '.yml': 'yaml', '.sh': 'shellscript', '.md': 'markdown', '.container': 'ini', '.pod': 'ini', '.kube': 'ini',
  '.tf': 'terraform', '.py': 'python', '.js': 'javascript', '.ts': 'typescript', '.tsx': 'typescriptreact', '.go': 'go',
};
/** The language VS Code would give each fixture the server checks; YAML is read by content (Compose, Ansible). */
function languageOf(name) {
  if (/Dockerfile/.test(name)) return 'dockerfile';
  if (/devcontainer\.json$|settings\.json$|\.code-workspace$/.test(name)) return 'jsonc';
  if (/\/compose[^/]*\.ya?ml$/.test(name)) return 'dockercompose';
  if (/(?:^|\/)Vagrantfile$/.test(name)) return 'ruby';
  return LANGUAGE[name.slice(name.lastIndexOf('.'))];
}
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : languageOf(name) ? [full] : [];
  });
}
// Only files the server reads as they are (a Kubernetes manifest or a CI file among the fixtures is not).
const fixtures = ['examples', 'test/fixtures/rules', 'test/fixtures/corpus', 'test/fixtures/readers', 'test/editor/workspace']
  .flatMap(files)
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  // (As the server sees them: under file:///fuzz/N/NAME, so a workflow's .github/workflows path does not count.)
  .filter(({ file, text }) => documentKindByContent(`/fuzz/${basename(file)}`, languageOf(file), text) !== undefined);
// Two long documents, so that opening and re-reading whole go through the reading in parts of long
// scripts and Compose files (and its fallbacks, once edits add heredocs, anchors or broken lines).
const repeat = (count, block) => Array.from({ length: count }, (_, i) => block(i)).join('');
fixtures.push(
  {
    file: 'generated/long-build.sh',
    text: repeat(700, (i) => `docker run -d -p ${1000 + i}:80 app${i}\nif [ -n "$X" ]; then\n  docker run \\\n    -p 127.0.0.1:${2000 + i}:80 b\nfi\nf${i}() { podman run -P "img:${i}"; }\n# step ${i}\n`),
  },
  {
    file: 'generated/compose-long.yaml',
    text: `name: long\nservices:\n${repeat(700, (i) => `  s${i}:\n    image: "example/${i}"\n    ports:\n      - "${3000 + i}:80"\n      - target: 443\n        published: ${5000 + i}\n${i % 50 === 0 ? '    network_mode: host\n' : ''}`)}volumes:\n  data: {}\n`,
  },
);
const TOKENS = ['docker run -p 8080:80 x\n', '-p ', '127.0.0.1:', '0.0.0.0:', '[::]:', '"', "'", '\\\n', '\n', '  ', ':', '80', '/udp', '-P ', '--network host ',
  '${PORT:-80}', '$(', ')', '<<EOF\n', 'EOF\n', '- "22:22"\n', 'ports:\n', '  - target: 80\n', '&a ', '*a', '<<: *a\n', 'EXPOSE 22\n', '# docker-port-safety ignore\n',
  '```sh\n', '```\n', '$ ', '{', '}', '[', ']', ',', '\t', '\r\n', '\u0000', 'é', '🐳',
  '"appPort": "8080:80",', '"allInterfaces"', 'services:\n', 'runs-on: self-hosted\n', '`#optional` ',
  'hostPort: 80\n', 'hostIP: 0.0.0.0\n', 'hostNetwork: true\n', 'listenAddress: ', 'extraPortMappings:\n', '---\n', 'kubectl port-forward --address 0.0.0.0 svc/a 80:80\n', 'k3d cluster create -p 80:80@loadbalancer\n',
  // The code readers: Terraform, docker-py, the Engine API from JavaScript/TypeScript and Go, Vagrant.
  'ports {\n    internal = 80\n  }\n', 'ip = "0.0.0.0"\n', 'network_mode = "host"\n', '"80/tcp": 8080, ', '("127.0.0.1", ', 'None', 'ports=P, ', '{ HostPort: "80" }', 'HostIp: "", ',
  '{HostPort: "80"}, ', 'HostIP: "", ', ', host_ip: "0.0.0.0"', 'config.vm.network "forwarded_port", guest: 1, host: 2\n', '"public_network"', 'do\n', 'end\n', '//', '/*', '*/', '"""'];

/** A random single edit as an LSP change, applied to `text` too. */
function randomEdit(text) {
  let at = Math.floor(random() * (text.length + 1));
  const roll = random();
  let start = at;
  let end = at;
  let insert = '';
  if (roll < 0.1) {
    // A whole line inserted or deleted near the top: everything below shifts.
    const lineEnd = text.indexOf('\n');
    start = end = 0;
    if (random() < 0.5 || lineEnd < 0) insert = pick(['echo top\n', '# top\n', '\n', 'x-top: 1\n', '  top:\n    image: x\n', 'RUN true\n']);
    else end = lineEnd + 1;
  } else if (roll < 0.15) {
    // A paste of several lines copied from elsewhere in the document, at a line start.
    const from = text.lastIndexOf('\n', Math.floor(random() * text.length)) + 1;
    let to = from;
    for (let n = 0, lines = 1 + Math.floor(random() * 30); n < lines && to < text.length; n++) to = (text.indexOf('\n', to) + 1) || text.length;
    insert = text.slice(from, to);
    at = start = end = text.lastIndexOf('\n', at - 1) + 1;
  } else if (roll < 0.45) insert = pick(TOKENS);
  else if (roll < 0.75) end = Math.min(text.length, at + 1 + Math.floor(random() * 20));
  else if (roll < 0.9) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    start = end = lineStart;
    insert = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
  } else {
    end = Math.min(text.length, at + 1);
    insert = String.fromCharCode(32 + Math.floor(random() * 95));
  }
  // Never split a surrogate pair or a CRLF: editors do not either.
  const inside = (i) => i > 0 && i < text.length && (/[\uDC00-\uDFFF]/.test(text[i]) || (text[i - 1] === '\r' && text[i] === '\n'));
  if (inside(start)) start--;
  if (inside(end)) end++;
  return { start, end, insert, next: text.slice(0, start) + insert + text.slice(end) };
}

/** Line starts as LSP counts lines: \r\n, \r and \n all end a line. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

function position(text, offset) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Each line's length without its line break. */
function lineLengths(text) {
  const starts = lineStarts(text);
  return starts.map((start, i) => {
    let end = i + 1 < starts.length ? starts[i + 1] : text.length;
    if (end > start && text[end - 1] === '\n') end--;
    if (end > start && text[end - 1] === '\r') end--;
    return end - start;
  });
}

/**
 * The server's answer for one version against a fresh check of the same text: same rules, same
 * ranges, inside the document. Failures are pushed onto `failures`.
 */
async function compareAnswer(uri, language, text, version, change) {
  // A text the server does not read (YAML that stopped being Compose) gets its diagnostics cleared once.
  const kind = documentKindByContent(uri, language, text);
  // A document the server never read (opened as YAML that is not Compose) gets nothing at all.
  if (kind === undefined && change === 'open') return [];
  let diagnostics;
  try {
    diagnostics = await client.waitForDiagnostics(uri, (p) => (kind !== undefined ? p.version === version : p.diagnostics.length === 0), 60000);
  } catch {
    failures.push(`no diagnostics for version ${version} of ${uri} after ${JSON.stringify(change).slice(0, 300)}`);
    return undefined;
  }
  const starts = lineStarts(text);
  const got = diagnostics.map((d) => `${d.code}@${starts[d.range.start.line] + d.range.start.character}-${starts[d.range.end.line] + d.range.end.character}`).sort();
  // Past maxFileSize the server says so instead of checking.
  const tooLarge = Buffer.byteLength(text) > settings.maxFileSize;
  const expected = tooLarge ? ['undefined@0-0'] : (kind ? analyze(text, kind, { settings }).findings : []).map((f) => `${f.rule}@${f.span.start}-${f.span.end}`).sort();
  if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${uri} v${version}: server ${JSON.stringify(got).slice(0, 500)} but a full check finds ${JSON.stringify(expected).slice(0, 500)}`);
  const lengths = lineLengths(text);
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      if (p.line >= lengths.length || p.character > lengths[p.line]) failures.push(`range ${JSON.stringify(d.range)} outside ${uri} v${version}`);
    }
  }
  return diagnostics;
}

/** Sometimes, a hover and code actions somewhere in the document: they must answer. */
async function someRequests(uri, text, version, diagnostics) {
  if (random() >= 0.2) return;
  const at = position(text, Math.floor(random() * (text.length + 1)));
  requests += 2;
  try {
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
    await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics: diagnostics.slice(0, 3), only: random() < 0.3 ? ['source.fixAll.dockerPortSafety'] : undefined },
    });
  } catch (error) {
    failures.push(`request failed on ${uri} v${version}: ${error.message}`);
  }
}

function saveHistory(history) {
  const saved = join(tmpdir(), 'docker-port-safety-fuzz-failure.json');
  writeFileSync(saved, JSON.stringify(history));
  failures.push(`the document's versions are in ${saved}`);
}

/** One document at a time, 50 random edits each, then closed. */
async function fuzz() {
  while (done < EDITS && failures.length === 0) {
    const { file, text: fixtureText } = pick(fixtures);
    // The fixture's own path under the URI: workflows, dev containers and VS Code settings are recognised by their folders.
    const uri = `file:///fuzz/${done}/${file}`;
    let text = fixtureText;
    const history = { file, language: languageOf(file), start: text, texts: [] };
    let version = 1;
    await client.open(uri, languageOf(file), text, version);
    await client.waitForDiagnostics(uri, (p) => p.version === version, 20000);
    for (let k = 0; k < 50 && done < EDITS; k++, done++) {
      const edit = randomEdit(text);
      const change = { range: { start: position(text, edit.start), end: position(text, edit.end) }, text: edit.insert };
      text = edit.next;
      history.texts.push(text);
      version++;
      // Some clients send the whole document on every change.
      const fullSync = random() < 0.15;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [fullSync ? { text } : change] });
      const diagnostics = await compareAnswer(uri, languageOf(file), text, version, change);
      if (diagnostics) await someRequests(uri, text, version, diagnostics);
      if (crashed) failures.push(`the server stopped at ${uri} v${version}`);
      if (failures.length > 0) {
        saveHistory(history);
        break;
      }
    }
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
}

/** The bench's large documents (a little smaller, so tens of thousands of fresh checks stay affordable). */
function largeDocuments() {
  const compose = 'services:\n' + repeat(1000, (i) => `  svc${i}:\n    image: example/service-${i}:1.0\n    environment:\n      - NAME=svc${i}\n    ports:\n      - "${10000 + i}:80"\n      - ${30000 + i}:443\n`);
  const script = '#!/usr/bin/env bash\n' + repeat(5000, (i) => (i % 3 === 0 ? `docker run -d --name c${i} -p ${30000 + i}:80 nginx\n` : `echo "line ${i}" | tee -a log.txt > /dev/null\n`));
  const dockerfile = 'FROM node:22-alpine AS app\nARG PORT=3000\n' + repeat(5000, (i) => [`ENV VAR_${i}=v PORT_${i}=\${PORT}`, `EXPOSE \${PORT_${i - 1}} ${8000 + (i % 1000)}`, `RUN echo step ${i}`, `COPY --from=build /src/f${i} /app/`][i % 4] + '\n');
  return [
    { file: 'large/compose.yaml', text: compose },
    { file: 'large/build.sh', text: script },
    { file: 'large/Dockerfile', text: dockerfile },
  ];
}

/** The edit patterns of the soak: each returns the change and the text after it. */
const SOAK_PATTERNS = {
  'top insert': (text) => {
    const lineEnd = text.indexOf('\n');
    if (random() < 0.5 || lineEnd < 0) return replace(text, 0, 0, pick(['echo top\n', '# top\n', '\n', 'RUN true\n', '  top:\n    image: x\n']));
    return replace(text, 0, lineEnd + 1, '');
  },
  'middle typing': (text) => {
    const middle = text.indexOf('\n', Math.floor(text.length / 2));
    const at = middle < 0 ? text.length : middle;
    return random() < 0.6 || at === 0 ? replace(text, at, at, pick(['x', ' ', '1', ':', '"'])) : replace(text, at - 1, at, '');
  },
  paste: (text) => {
    const from = text.lastIndexOf('\n', Math.floor(random() * text.length)) + 1;
    let to = from;
    for (let n = 0, lines = 1 + Math.floor(random() * 100); n < lines && to < text.length; n++) to = text.indexOf('\n', to) + 1 || text.length;
    const at = text.lastIndexOf('\n', Math.floor(random() * text.length)) + 1;
    return replace(text, at, at, text.slice(from, to));
  },
  'comment line': (text) => {
    const at = text.lastIndexOf('\n', Math.floor(random() * text.length)) + 1;
    const next = text.indexOf('\n', at);
    // Add one, or take away the comment or blank line that is there.
    if (next >= 0 && /^\s*(#.*)?$/.test(text.slice(at, next))) return replace(text, at, next + 1, '');
    return replace(text, at, at, pick(['# note\n', '\n', '  # indented note\n']));
  },
  random: (text) => {
    const edit = randomEdit(text);
    return replace(text, edit.start, edit.end, edit.insert);
  },
};

function replace(text, start, end, insert) {
  return { start, end, insert, next: text.slice(0, start) + insert + text.slice(end) };
}

/** Resident memory of the server's process now and at its peak, in MB. */
function serverMemory() {
  const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
  const field = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

/** Peak resident memory the soak allows the server (every fixture and three large documents open). */
const SOAK_PEAK_MB = 400;

async function soak() {
  const documents = [...fixtures, ...largeDocuments()].map(({ file, text }, i) => ({
    uri: `file:///soak/${i}/${file}`,
    file,
    language: languageOf(file),
    original: text,
    text,
    version: 1,
    open: false,
  }));
  const open = async (document) => {
    document.version++;
    document.open = true;
    await client.open(document.uri, document.language, document.text, document.version);
    await compareAnswer(document.uri, document.language, document.text, document.version, 'open');
  };
  for (const document of documents) await open(document);
  const counts = {};
  let memory = serverMemory();
  console.log(`soak: ${documents.length} documents open (${(documents.reduce((n, d) => n + d.text.length, 0) / 2 ** 20).toFixed(1)} MiB), server at ${memory.now.toFixed(0)} MB`);
  while (done < EDITS && failures.length === 0) {
    const document = pick(documents);
    const roll = random();
    let pattern;
    if (roll < 0.01) {
      // Closed and opened again, as an editor does when a tab is closed and the file reopened.
      pattern = 'close and reopen';
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: document.uri } });
      await open(document);
    } else if (roll < 0.013) {
      // A hostile document pasted over the whole text, then (next time) the text it replaced.
      pattern = 'hostile document';
      const hostile = pick([...HOSTILE_DOCUMENTS, ...DEEP_DOCUMENTS]).make();
      document.text = document.text === document.original ? hostile : document.original;
      document.version++;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: [{ text: document.text }] });
      await compareAnswer(document.uri, document.language, document.text, document.version, pattern);
    } else {
      pattern = pick(Object.keys(SOAK_PATTERNS));
      const edit = SOAK_PATTERNS[pattern](document.text);
      const change = { range: { start: position(document.text, edit.start), end: position(document.text, edit.end) }, text: edit.insert };
      const fullSync = random() < 0.15;
      if (fullSync) pattern += ' (full sync)';
      document.text = edit.next;
      document.version++;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: [fullSync ? { text: document.text } : change] });
      const diagnostics = await compareAnswer(document.uri, document.language, document.text, document.version, change);
      if (diagnostics) await someRequests(document.uri, document.text, document.version, diagnostics);
    }
    // A document that grew far past its start (pastes add up) starts again from its original text.
    if (document.text.length > 4 * document.original.length + 100_000 && document.text !== document.original) {
      document.text = document.original;
      document.version++;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges: [{ text: document.text }] });
      await compareAnswer(document.uri, document.language, document.text, document.version, 'back to the original');
    }
    counts[pattern] = (counts[pattern] ?? 0) + 1;
    done++;
    if (crashed) failures.push(`the server stopped at ${document.uri} v${document.version}`);
    if (done % 1000 === 0) {
      memory = serverMemory();
      console.log(`  ${done} edits, ${((performance.now() - started) / 1000).toFixed(0)} s, server ${memory.now.toFixed(0)} MB now, ${memory.peak.toFixed(0)} MB at its peak`);
    }
    if (failures.length > 0) saveHistory({ file: document.file, language: document.language, start: document.original, texts: [document.text] });
  }
  memory = serverMemory();
  const restarts = client.logs.filter((line) => /checker thread stopped/.test(line));
  if (restarts.length > 0) failures.push(`the checker thread stopped: ${restarts.join('; ')}`);
  if (memory.peak > SOAK_PEAK_MB) failures.push(`the server's peak memory was ${memory.peak.toFixed(0)} MB (bound ${SOAK_PEAK_MB} MB)`);
  console.log(`soak: edits by pattern: ${Object.entries(counts).map(([p, n]) => `${p} ${n}`).join(', ')}`);
  console.log(`soak: server peak memory ${memory.peak.toFixed(0)} MB (bound ${SOAK_PEAK_MB} MB), ${memory.now.toFixed(0)} MB at the end`);
}

const client = await LspClient.start('stdio');
let crashed = false;
client.connection.onClose(() => (crashed = true));
const started = performance.now();
let done = 0;
let requests = 0;
const failures = [];
try {
  await (SOAK ? soak() : fuzz());
} finally {
  await client.stop();
}
const seconds = (performance.now() - started) / 1000;
console.log(`${SOAK ? 'soak' : 'fuzz'}: ${done} edits over ${fixtures.length} fixtures, ${requests} hover/code-action requests, ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} edits/s), ${failures.length} failures`);
for (const failure of failures.slice(0, 20)) console.log(`  ✖ ${failure}`);
process.exit(failures.length === 0 && done === EDITS ? 0 : 1);
