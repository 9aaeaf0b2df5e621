// `npm run fuzz [EDITS] [SEED]`: mutates the fixtures into thousands of edits against one running
// server and fails on a crash, a version that never gets diagnostics, diagnostics that differ from
// a full check of the same text (the server checks incrementally), a range outside the document or
// a request that errors. Every edit waits for its own diagnostics, so nothing is skipped.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LspClient } = require('../out/test/support/lspClient.js');
const { analyze } = require('../out/server/src/engine/analyze.js');
const { documentKindByContent } = require('../out/server/src/engine/readers/documentKind.js');
const { loadBashGrammar } = require('../out/server/src/engine/readers/shell/bashParser.js');
const { normalizeSettings } = require('../out/server/src/engine/settings.js');
await loadBashGrammar();
const settings = normalizeSettings({}).settings;
const EDITS = Number(process.argv[2] ?? 5000);
let seed = Number(process.argv[3] ?? 20261128);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

const LANGUAGE = { '.yaml': 'yaml', '.yml': 'yaml', '.sh': 'shellscript', '.md': 'markdown', '.container': 'ini', '.pod': 'ini', '.kube': 'ini' };
/** The language VS Code would give each fixture the server checks; YAML is read by content (Compose, Ansible). */
function languageOf(name) {
  if (/Dockerfile/.test(name)) return 'dockerfile';
  if (/devcontainer\.json$/.test(name)) return 'jsonc';
  if (/\/compose[^/]*\.ya?ml$/.test(name)) return 'dockercompose';
  return LANGUAGE[name.slice(name.lastIndexOf('.'))];
}
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : languageOf(name) ? [full] : [];
  });
}
// Only files the server reads as they are (a Kubernetes manifest or a CI file among the fixtures is not).
const fixtures = ['examples', 'test/fixtures/rules', 'test/fixtures/corpus', 'test/editor/workspace']
  .flatMap(files)
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  .filter(({ file, text }) => documentKindByContent(file, languageOf(file), text) !== undefined);
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
  'hostPort: 80\n', 'hostIP: 0.0.0.0\n', 'hostNetwork: true\n', 'listenAddress: ', 'extraPortMappings:\n', '---\n', 'kubectl port-forward --address 0.0.0.0 svc/a 80:80\n', 'k3d cluster create -p 80:80@loadbalancer\n'];

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

const client = await LspClient.start('stdio');
let crashed = false;
client.connection.onClose(() => (crashed = true));
const started = performance.now();
let done = 0;
let requests = 0;
const failures = [];
try {
  while (done < EDITS && failures.length === 0) {
    const { file, text: fixtureText } = pick(fixtures);
    const uri = `file:///fuzz/${done}/${basename(file)}`;
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
      let diagnostics;
      // A text the server does not read (YAML that stopped being Compose) gets its diagnostics cleared once.
      const read = documentKindByContent(uri, languageOf(file), text) !== undefined;
      try {
        diagnostics = await client.waitForDiagnostics(uri, (p) => (read ? p.version === version : p.diagnostics.length === 0), 20000);
      } catch {
        failures.push(`no diagnostics for version ${version} of ${uri} (${file}) after ${JSON.stringify(change)}`);
        break;
      }
      // The server's answer must be what a full check of the same text finds: same rules, same ranges.
      const kind = documentKindByContent(uri, languageOf(file), text);
      const starts = lineStarts(text);
      const got = diagnostics.map((d) => `${d.code}@${starts[d.range.start.line] + d.range.start.character}-${starts[d.range.end.line] + d.range.end.character}`).sort();
      const expected = (kind ? analyze(text, kind, { settings }).findings : []).map((f) => `${f.rule}@${f.span.start}-${f.span.end}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${uri} v${version}: server ${JSON.stringify(got)} but a full check finds ${JSON.stringify(expected)}`);
      const lengths = lineLengths(text);
      for (const d of diagnostics) {
        for (const p of [d.range.start, d.range.end]) {
          if (p.line >= lengths.length || p.character > lengths[p.line]) failures.push(`range ${JSON.stringify(d.range)} outside ${uri} v${version}`);
        }
      }
      if (random() < 0.2) {
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
      if (crashed) failures.push(`the server stopped at ${uri} v${version}`);
      if (failures.length > 0) {
        const saved = join(tmpdir(), 'docker-port-safety-fuzz-failure.json');
        writeFileSync(saved, JSON.stringify(history));
        failures.push(`the document's versions are in ${saved}`);
        break;
      }
    }
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
} finally {
  await client.stop();
}
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz: ${done} edits over ${fixtures.length} fixtures, ${requests} hover/code-action requests, ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} edits/s), ${failures.length} failures`);
for (const failure of failures.slice(0, 20)) console.log(`  ✖ ${failure}`);
process.exit(failures.length === 0 && done === EDITS ? 0 : 1);
