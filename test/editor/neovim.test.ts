/** A real client that is not VS Code: headless Neovim's built-in LSP client on the built server. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER } from '../support/lspClient';

const NVIM = ['/usr/bin/nvim', '/usr/local/bin/nvim'].find((p) => fs.existsSync(p));
const SCRIPT = path.join(__dirname, '..', '..', '..', 'test', 'editor', 'neovim', 'check.lua');

describe('Neovim', { skip: NVIM ? false : 'nvim is not installed (apt-get install neovim)' }, () => {
  it('receives findings and inlay hints for a compose file (filetype yaml) and a shell script (filetype sh)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dps-nvim-'));
    const compose = path.join(dir, 'compose.yaml');
    const script = path.join(dir, 'run.sh');
    fs.writeFileSync(compose, 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
    fs.writeFileSync(script, '#!/bin/sh\ndocker run -p 3456:3000 app-in-port\n');
    const out = path.join(dir, 'result.json');
    // The README's Lua example for the port map, exactly as documented.
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const example = /```lua\n([\s\S]*?)```/.exec(readme)![1];
    const mapScript = path.join(dir, 'port-map.lua');
    fs.writeFileSync(mapScript, example);
    const result = spawnSync(NVIM!, ['--headless', '--clean', '-u', SCRIPT], {
      env: { ...process.env, DPS_SERVER: SERVER, DPS_OUT: out, DPS_FILES: `${compose}=yaml;${script}=sh`, DPS_MAP_SCRIPT: mapScript },
      encoding: 'utf8',
      timeout: 60000,
    });
    assert.ok(fs.existsSync(out), `nvim wrote no result: ${result.stderr}`);
    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(
      results[compose].diagnostics.map((d: { code: string; line: number; col: number; source: string }) => [d.code, d.line, d.col, d.source]),
      [['public-bind', 4, 9, 'docker-port-safety']],
    );
    assert.deepEqual(
      results[script].diagnostics.map((d: { code: string; line: number; col: number }) => [d.code, d.line, d.col]),
      [['public-bind', 1, 14]],
    );
    // The address Docker binds, before the spec written without one.
    const hints = (file: string) => results[file].inlayHints.map((h: { line: number; col: number; label: string }) => [h.line, h.col, h.label]);
    assert.deepEqual(hints(compose), [[4, 9, '0.0.0.0 + [::]:']]);
    assert.deepEqual(hints(script), [[1, 14, '0.0.0.0 + [::]:']]);
    // One client serves both files; its folder is theirs, so the map lists both files' ports.
    assert.deepEqual(results.portMap.map((line: string) => line.replace(dir, 'DIR')), [
      `public   *:3456/tcp -> 3000  DIR/run.sh:2`,
      `public   *:5432/tcp -> 5432  DIR/compose.yaml:5`,
    ]);
  });
});
