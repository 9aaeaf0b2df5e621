/**
 * Public by design or by accident, over the real protocol, on stacks written the way people write
 * them: a reverse proxy, a DNS sinkhole, a VPN, a mail server, a game server, a database the app
 * reaches, a script that starts Caddy; the marker with a reason, publicPorts and
 * explicitAllInterfaces as settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { parse } from 'yaml';
import { applyLspEdits, LspClient } from '../support/lspClient';

const INFORMATION = 3;
const WARNING = 2;
const ERROR = 1;

const TRAEFIK = `services:
  reverse-proxy:
    image: traefik:v3.1
    command:
      - --api.insecure=true
      - --providers.docker=true
      - --entrypoints.web.address=:80
      - --entrypoints.websecure.address=:443
    ports:
      - "80:80"
      - "443:443"
      # The Web UI (enabled by --api.insecure=true)
      - "8080:8080"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
  whoami:
    image: traefik/whoami
    labels:
      - traefik.http.routers.whoami.rule=Host(\`whoami.example.com\`)
`;

const PIHOLE = `services:
  pihole:
    container_name: pihole
    image: pihole/pihole:latest
    ports:
      # DNS
      - "53:53/tcp"
      - "53:53/udp"
      # DHCP, if Pi-hole serves it
      - "67:67/udp"
      # the web interface on a free port
      - "8081:80/tcp"
    environment:
      TZ: Europe/Berlin
    restart: unless-stopped
`;

const WG_EASY = `services:
  wg-easy:
    image: ghcr.io/wg-easy/wg-easy:15
    container_name: wg-easy
    ports:
      - "51820:51820/udp"
      - "51821:51821/tcp"
    cap_add:
      - NET_ADMIN
`;

const MAILSERVER = `services:
  mailserver:
    image: ghcr.io/docker-mailserver/docker-mailserver:latest
    hostname: mail.example.com
    ports:
      - "25:25"    # SMTP
      - "465:465"  # ESMTP (implicit TLS)
      - "587:587"  # ESMTP (explicit TLS)
      - "993:993"  # IMAP4 (implicit TLS)
`;

const MINECRAFT = `services:
  mc:
    image: itzg/minecraft-server:java21
    environment:
      EULA: "TRUE"
    ports:
      - 25565:25565
      - 25575:25575
`;

const SHOP = `services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
  app:
    build: .
    depends_on:
      - db
    environment:
      DATABASE_URL: postgres://shop:secret@db:5432/shop
    ports:
      # docker-port-safety public: the storefront, served to the LAN
      - "3000:3000"
  jellyfin:
    image: jellyfin/jellyfin
    ports:
      - "8096:8096"
      - 0.0.0.0:7359:7359/udp
`;

const SCRIPT = `#!/bin/sh
set -e
docker run -d --name caddy -p 80:80 -p 443:443 -p 443:443/udp -v caddy_data:/data caddy:2
docker run -d --name admin -p 127.0.0.1:2019:2019 caddy:2
`;

describe('public by design or by accident, over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start('stdio');
  });
  after(() => client.stop());

  async function opened(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    await client.open(uri, languageId, text);
    return client.waitForDiagnostics(uri, (p) => p.version === 1);
  }
  /** Public-bind diagnostics as `line text → severity`. */
  function levels(text: string, diagnostics: Diagnostic[]): string[] {
    const lines = text.split('\n');
    return diagnostics.filter((d) => d.code === 'public-bind').map((d) => `${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)} ${d.severity}`);
  }
  async function hover(uri: string, text: string, needle: string): Promise<string> {
    const before_ = text.slice(0, text.indexOf(needle) + 1).split('\n');
    const result = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: before_.length - 1, character: before_[before_.length - 1].length },
    })) as Hover;
    return (result.contents as { value: string }).value;
  }
  async function actionsAt(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  }
  async function fixAll(uri: string): Promise<CodeAction[]> {
    return (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.dockerPortSafety'] },
    })) as CodeAction[];
  }

  it('Traefik: 80 and 443 are information, the dashboard a warning; fix-all leaves 80 and 443 as they are', async () => {
    const uri = 'file:///stacks/traefik/compose.yaml';
    const diagnostics = await opened(uri, 'dockercompose', TRAEFIK);
    assert.deepEqual(levels(TRAEFIK, diagnostics), [`80:80 ${INFORMATION}`, `443:443 ${INFORMATION}`, `8080:8080 ${WARNING}`]);
    const web = diagnostics.find((d) => d.code === 'public-bind' && d.severity === INFORMATION)!;
    assert.match(String(web.message), /^Public by design \(host port 80\/tcp serves the web\)/);
    const dashboard = diagnostics.find((d) => d.severity === WARNING)!;
    assert.match(String(dashboard.message), /Accidental: host port 8080\/tcp is the dashboard and API \(--api.insecure\) of Traefik, an admin port/);
    const webActions = await actionsAt(uri, web);
    assert.ok(webActions.some((a) => a.title === 'Bind to 127.0.0.1 (this machine only)'), 'still offered');
    assert.ok(!webActions.some((a) => a.isPreferred), 'but not preferred');
    assert.equal(applyLspEdits(TRAEFIK, (await fixAll(uri))[0].edit!.changes![uri]), TRAEFIK.replace('"8080:8080"', '"127.0.0.1:8080:8080"'));
    assert.match(await hover(uri, TRAEFIK, '443:443'), /\*\*Public by design\*\*: host port 443\/tcp serves the web\. Bind it to 127\.0\.0\.1 only if this machine should not serve the network\./);
    assert.match(await hover(uri, TRAEFIK, '8080:8080'), /\*\*Accidental\?\*\* Host port 8080\/tcp is the dashboard/);
  });

  it("Pi-hole: DNS and DHCP on their own host ports are by design, the web interface on 8081 is not", async () => {
    const uri = 'file:///stacks/pihole/docker-compose.yml';
    const diagnostics = await opened(uri, 'yaml', PIHOLE);
    assert.deepEqual(levels(PIHOLE, diagnostics), [`53:53/tcp ${INFORMATION}`, `53:53/udp ${INFORMATION}`, `67:67/udp ${INFORMATION}`, `8081:80/tcp ${WARNING}`]);
    const dns = await hover(uri, PIHOLE, '53:53/udp');
    assert.match(dns, /\*\*Public by design\*\*: Pi-hole is a DNS server and host port 53\/udp is its DNS port/);
    assert.match(dns, /\[Pi-hole's documentation\]\(https:\/\/github\.com\/pi-hole\/docker-pi-hole/);
  });

  it('wg-easy: WireGuard is by design, the web interface is an admin port', async () => {
    const uri = 'file:///stacks/wg-easy/compose.yaml';
    const diagnostics = await opened(uri, 'dockercompose', WG_EASY);
    assert.deepEqual(levels(WG_EASY, diagnostics), [`51820:51820/udp ${INFORMATION}`, `51821:51821/tcp ${WARNING}`]);
    assert.match(await hover(uri, WG_EASY, '51821:51821'), /the web interface of wg-easy, an admin port/);
  });

  it('docker-mailserver: every mail port is by design', async () => {
    const uri = 'file:///stacks/mail/compose.yaml';
    const diagnostics = await opened(uri, 'dockercompose', MAILSERVER);
    assert.deepEqual(levels(MAILSERVER, diagnostics), ['25:25', '465:465', '587:587', '993:993'].map((s) => `${s} ${INFORMATION}`));
    assert.deepEqual(await fixAll(uri), [], 'nothing for fix-all to change');
  });

  it('a game server: the game port is by design, RCON is not', async () => {
    const uri = 'file:///stacks/minecraft/compose.yaml';
    const diagnostics = await opened(uri, 'dockercompose', MINECRAFT);
    assert.deepEqual(levels(MINECRAFT, diagnostics), [`25565:25565 ${INFORMATION}`, `25575:25575 ${WARNING}`]);
    assert.match(await hover(uri, MINECRAFT, '25575:25575'), /RCON, the remote console of Minecraft \(Java Edition\)/);
  });

  it('a database the app reaches: an error with Stop publishing, which leaves the same Compose file minus that port', async () => {
    const uri = 'file:///stacks/shop/compose.yaml';
    const diagnostics = await opened(uri, 'dockercompose', SHOP);
    assert.deepEqual(levels(SHOP, diagnostics), [`5432:5432 ${ERROR}`, `3000:3000 ${INFORMATION}`, `8096:8096 ${WARNING}`, `0.0.0.0:7359:7359/udp ${WARNING}`]);
    const actions = await actionsAt(uri, diagnostics.find((d) => d.severity === ERROR)!);
    assert.equal(actions.find((a) => a.isPreferred)!.title, 'Bind to 127.0.0.1 (this machine only)');
    const stop = actions.find((a) => a.title.startsWith('Stop publishing'))!;
    assert.equal(stop.title, 'Stop publishing: `app` reaches `db:5432` over the Compose network');
    assert.equal(stop.isPreferred, false);
    const after_ = parse(applyLspEdits(SHOP, stop.edit!.changes![uri]));
    const expected = parse(SHOP);
    delete expected.services.db.ports;
    assert.deepEqual(after_, expected);
  });

  it('a consumer in compose.override.yaml: Stop publishing names it and its file, and edits compose.yaml only', async () => {
    const overrideUri = 'file:///stacks/crm/compose.override.yaml';
    const override = 'services:\n  app:\n    depends_on:\n      - db\n    environment:\n      DATABASE_URL: postgres://crm:dev@db:5432/crm\n';
    await opened(overrideUri, 'dockercompose', override);
    const uri = 'file:///stacks/crm/compose.yaml';
    const base = 'services:\n  db:\n    image: postgres:16\n    ports:\n      # psql from the host\n      - "5432:5432"\n  app:\n    build: .\n';
    const diagnostics = await opened(uri, 'dockercompose', base);
    const [database] = diagnostics.filter((d) => d.code === 'public-bind');
    const actions = await actionsAt(uri, database);
    const stop = actions.find((a) => a.title.startsWith('Stop publishing'))!;
    assert.equal(stop.title, 'Stop publishing: `app` in compose.override.yaml reaches `db:5432` over the Compose network');
    assert.equal(stop.isPreferred, false);
    assert.deepEqual(Object.keys(stop.edit!.changes!), [uri]);
    assert.equal(applyLspEdits(base, stop.edit!.changes![uri]), 'services:\n  db:\n    image: postgres:16\n      # psql from the host\n  app:\n    build: .\n');
    const [all] = await fixAll(uri);
    assert.match(applyLspEdits(base, all.edit!.changes![uri]), /- "127\.0\.0\.1:5432:5432"/, 'fix-all binds the port, never removes it');
  });

  it('the marker with a reason: declared public, and the hover shows the reason', async () => {
    const uri = 'file:///stacks/shop/compose.yaml';
    const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'public-bind' && d.severity === INFORMATION)!;
    assert.match(String(diagnostic.message), /^Declared public \(the storefront, served to the LAN\)/);
    assert.match(await hover(uri, SHOP, '3000:3000'), /\*\*Declared public\*\* in this file: the storefront, served to the LAN/);
  });

  it('Mark as public by design and Deploy-time address on an accidental port', async () => {
    const uri = 'file:///stacks/shop/compose.yaml';
    const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'public-bind' && d.range.start.line === 17)!;
    const actions = await actionsAt(uri, diagnostic);
    const mark = actions.find((a) => a.title.startsWith('Mark as public by design'))!;
    assert.equal(applyLspEdits(SHOP, mark.edit!.changes![uri]), SHOP.replace('      - "8096:8096"', '      # docker-port-safety public\n      - "8096:8096"'));
    const deploy = actions.find((a) => a.title.startsWith('Deploy-time address'))!;
    assert.equal(applyLspEdits(SHOP, deploy.edit!.changes![uri]), SHOP.replace('"8096:8096"', '"${JELLYFIN_BIND_ADDRESS:-127.0.0.1}:8096:8096"'));
  });

  it('publicPorts and explicitAllInterfaces from the settings make ports declared public', async () => {
    const uri = 'file:///stacks/shop/compose.yaml';
    client.settings = { publicPorts: ['8096'], explicitAllInterfaces: 'declared' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.severity === WARNING && d.code === 'public-bind'));
    assert.deepEqual(levels(SHOP, diagnostics), [`5432:5432 ${ERROR}`, `3000:3000 ${INFORMATION}`, `8096:8096 ${INFORMATION}`, `0.0.0.0:7359:7359/udp ${INFORMATION}`]);
    assert.match(String(diagnostics.find((d) => d.range.start.line === 17)!.message), /^Declared public \(host port 8096\/tcp is listed in publicPorts\)/);
    assert.match(String(diagnostics.find((d) => d.range.start.line === 18)!.message), /^Declared public \(the address 0\.0\.0\.0 is written out and explicitAllInterfaces is "declared"\)/);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.severity === WARNING && d.code === 'public-bind'));
  });

  it('docker run -p 443:443 caddy in a script: by design; the loopback admin port says what loopback does not stop', async () => {
    const uri = 'file:///stacks/caddy/start.sh';
    const diagnostics = await opened(uri, 'shellscript', SCRIPT);
    assert.deepEqual(levels(SCRIPT, diagnostics), [`80:80 ${INFORMATION}`, `443:443 ${INFORMATION}`, `443:443/udp ${INFORMATION}`]);
    assert.deepEqual(await fixAll(uri), [], 'nothing for fix-all to change');
    const loopback = await hover(uri, SCRIPT, '127.0.0.1:2019');
    assert.match(loopback, /Before 28\.0, hosts on the same network segment could reach ports published on 127\.0\.0\.1 \(\[moby#49325\]/);
    assert.match(loopback, /until 28\.3\.3 \(\[CVE-2025-54388\]/);
  });
});
