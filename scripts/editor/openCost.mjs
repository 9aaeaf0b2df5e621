// What the extension adds to opening an ordinary Python file in a real VS Code (the VS Code server
// here, its Node extension host): a workspace of 1 MB Python files that never mention Docker,
// opened one after another (test/suite/openCost.suite.ts measures inside the extension host), with
// the extension and without it (an empty extension in its place), each in a fresh editor.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canRunEditorTests, ensureCodeServer } from './codeServer.mjs';
import { openSession, waitFor } from './session.mjs';

const FILES = 6;

/** About `bytes` of ordinary application Python: a model, handlers, tests; `port` and `docker` only in prose and defaults. */
function ordinaryPython(bytes, seed) {
  const parts = ['"""Order service: models, handlers and their tests (runs on the host or in docker)."""\nimport dataclasses\nimport json\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const part =
      `@dataclasses.dataclass\nclass Order${seed}_${i}:\n    id: int\n    items: list\n    total: float = 0.0\n\n` +
      `    def to_json(self):\n        # keep the field order stable for the cache\n        return json.dumps(dataclasses.asdict(self), sort_keys=True)\n\n\n` +
      `def handle_${i}(request, port=8000 + ${i % 100}):\n    order = Order${seed}_${i}(id=${i}, items=request.get("items", []))\n    return {"status": 200, "body": order.to_json(), "port": port}\n\n\n` +
      `def test_handle_${i}():\n    assert handle_${i}({"items": [1, 2]})["status"] == 200\n\n\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

async function measure(extension, workspace, testsPath) {
  const out = join(mkdtempSync(join(tmpdir(), 'dps-open-cost-')), 'result.json');
  const session = await openSession({ workspaceTemplate: workspace, extension, testsPath, env: { DPS_SUITE: 'openCost', DPS_BENCH_OUT: out } });
  try {
    await waitFor(() => existsSync(out), 'the open-cost measurement', 600000);
  } finally {
    await session.close();
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Measures and prints. `before`: an optional extension folder (an older build) measured beside.
 * Returns false when this machine cannot run the editor (no Chromium).
 */
export async function openCostBench({ before } = {}) {
  if (!canRunEditorTests()) {
    console.log('\nOpening an ordinary Python file in VS Code: skipped (no Chromium here; apt-get install chromium)');
    return false;
  }
  ensureCodeServer();
  const root = mkdtempSync(join(tmpdir(), 'dps-open-cost-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  for (let i = 0; i < FILES; i++) writeFileSync(join(workspace, `orders${i}.py`), ordinaryPython(1 << 20, i));
  const empty = join(root, 'no-extension');
  mkdirSync(empty);
  writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'no-extension', publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.91.0' } }));
  const testsPath = resolve('out', 'test', 'suite', 'index.js');
  const rows = [['without the extension', await measure(empty, workspace, testsPath)], ['with the extension', await measure(resolve('.'), workspace, testsPath)]];
  if (before) rows.push([`with ${before}`, await measure(resolve(before), workspace, testsPath)]);
  rmSync(root, { recursive: true, force: true });
  const [, without] = rows[0];
  console.log(`\nOpening an ordinary 1 MB Python file in VS Code (the VS Code server, its Node extension host; ${FILES} files in turn), until the extension host is idle; medians:`);
  console.log(`${''.padEnd(34)}${'activation'.padStart(12)}${'open'.padStart(10)}${'host CPU'.padStart(10)}${'deciding'.padStart(10)}   language server`);
  for (const [label, r] of rows) {
    const server = !r.extension ? '' : !r.activeAfter ? 'the extension did not activate' : r.serverStartedFor === null ? 'not started' : r.serverStartedFor === 'activation' ? 'started on activation' : `started for ${r.serverStartedFor}`;
    const cell = (value, width = 10) => (value === null || value === undefined ? '' : `${value.toFixed(value < 10 ? 1 : 0)} ms`).padStart(width);
    console.log(`${label.padEnd(34)}${cell(r.activationMs, 12)}${cell(median(r.opens))}${cell(median(r.hostCpuMs))}${cell(r.decidingMs && median(r.decidingMs))}   ${server}`);
    if (r !== without) console.log(`${'  ÷ without'.padEnd(34)}${''.padStart(12)}${(median(r.opens) / median(without.opens)).toFixed(2).padStart(10)}${(median(r.hostCpuMs) / median(without.hostCpuMs)).toFixed(2).padStart(10)}`);
  }
  const ours = rows[1][1];
  console.log(`the extension's own share of an open: deciding ${(median(ours.decidingMs) / median(ours.opens) * 100).toFixed(2)} % of the open's time (one read of the text and the cheap test); the editor's own open time varies by more than that between files`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) await openCostBench({ before: process.env.DPS_BENCH_EDITOR_BEFORE });
