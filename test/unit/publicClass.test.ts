/**
 * The four classes of a port published on every interface, as tables: each class, the precedence
 * between them, image matching (registry prefixes, tags, digests, mirrors), protocols and ranges;
 * and a walk of the roles data file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readPublishSpec } from '../../server/src/engine/grammar/publishSpec';
import { sensitivePortTable } from '../../server/src/engine/grammar/sensitivePorts';
import { judgePublic, IntentSettings, PublicClass } from '../../server/src/engine/intent/publicClass';
import { imageMatches, imageRepository, portsCover, readPorts, roleOfImage, SERVER_ROLES, WEB_ROLE } from '../../server/src/engine/intent/serverRoles';
import { publicMarkers } from '../../server/src/engine/intent/publicMarkers';

const ROOT = path.join(__dirname, '..', '..', '..');

function settings(overrides: Partial<{ publicPorts: string[]; explicitAllInterfaces: 'accidental' | 'declared' }> = {}): IntentSettings {
  return {
    sensitivePorts: sensitivePortTable({}),
    publicPorts: (overrides.publicPorts ?? []).map((p) => readPorts(p)!),
    explicitAllInterfaces: overrides.explicitAllInterfaces ?? 'accidental',
  };
}

function classOf(spec: string, image?: string, extra: { marker?: { reason?: string }; publicPorts?: string[]; explicitAllInterfaces?: 'accidental' | 'declared' } = {}): PublicClass {
  const reading = readPublishSpec(spec);
  assert.ok(reading.ok, spec);
  return judgePublic({ spec: reading.spec, image, marker: extra.marker }, settings(extra)).publicClass;
}

describe('public classes', () => {
  const cases: [string, string | undefined, PublicClass, string][] = [
    // must never be public: the container port decides, whatever else holds
    ['5432:5432', 'postgres:16', 'must-never', 'a database'],
    ['443:5432', 'postgres', 'must-never', 'must-never wins over a web host port'],
    ['53:22', 'pihole/pihole', 'must-never', 'must-never wins over a role port'],
    // by design: the web, whatever the image
    ['80:80', undefined, 'by-design', 'host port 80, unknown image'],
    ['443:8443', 'my/app', 'by-design', 'the host port decides, not the container port'],
    ['443:443/udp', 'caddy', 'by-design', 'HTTP/3'],
    ['80-80:80-80', undefined, 'by-design', 'a range of one web port'],
    // by design: a known server on its role's host port
    ['53:53/udp', 'pihole/pihole:latest', 'by-design', 'Pi-hole DNS'],
    ['53:53', 'docker.io/pihole/pihole:2024.07.0', 'by-design', 'Docker Hub prefix'],
    ['67:67/udp', 'pihole/pihole', 'by-design', 'Pi-hole DHCP'],
    ['51820:51820/udp', 'ghcr.io/wg-easy/wg-easy:15', 'by-design', 'ghcr.io prefix and tag'],
    ['51820:51820/udp', 'lscr.io/linuxserver/wireguard@sha256:0123', 'by-design', 'a digest'],
    ['25:25', 'ghcr.io/docker-mailserver/docker-mailserver:14', 'by-design', 'mail'],
    ['993:993', 'mailserver/docker-mailserver', 'by-design', 'IMAPS'],
    ['4190:4190', 'ghcr.io/mailcow/dovecot:2.3.21', 'by-design', 'ManageSieve'],
    ['3478:3478/udp', 'coturn/coturn', 'by-design', 'TURN'],
    ['49160-49200:49160-49200/udp', 'coturn/coturn', 'by-design', "a range inside coturn's relay range"],
    ['25565:25565', 'itzg/minecraft-server:java21', 'by-design', 'a game server'],
    ['2456-2457:2456-2457/udp', 'lloesche/valheim-server', 'by-design', 'a game server range'],
    ['25565:25565', 'ghcr.io/itzg/mc-router:1.29.0', 'by-design', "mc-router, the Minecraft router in front of game servers"],
    ['500:500/udp', 'hwdsl2/ipsec-vpn-server', 'by-design', 'IPsec'],
    ['53:53/udp', 'harbor.example.com/dockerhub/pihole/pihole:latest', 'by-design', "a mirror's project prefix"],
    ['53:53/udp', 'registry.example.com:5000/library/coredns/coredns:1.11', 'by-design', 'a registry with a port'],
    // accidental
    ['8080:80', 'nginx', 'accidental', 'a high port of a web server'],
    ['5353:53/udp', 'pihole/pihole', 'accidental', "the container port is the role's, the host port is not"],
    ['8081:80', 'pihole/pihole', 'accidental', "Pi-hole's web UI on a high port"],
    ['8080:8080', 'traefik:v3.1', 'accidental', "Traefik's dashboard"],
    ['51821:51821/tcp', 'ghcr.io/wg-easy/wg-easy', 'accidental', "wg-easy's web UI"],
    ['81:81', 'jc21/nginx-proxy-manager', 'accidental', "nginx-proxy-manager's admin"],
    ['25564:25564', 'itzg/mc-router', 'accidental', "mc-router's REST API"],
    ['53:53/tcp', 'someone/pihole', 'accidental', 'a different owner is a different image'],
    ['53:53', 'my/dns', 'accidental', 'an unknown image'],
    ['53:53', undefined, 'accidental', 'no image (a build: service)'],
    ['51820:51820/tcp', 'wg-easy/wg-easy', 'accidental', 'WireGuard is udp: tcp is not its port'],
    ['80-81:80-81', undefined, 'accidental', 'a range is public by design only if all of it is'],
    ['2456-2460:2456-2460/udp', 'lloesche/valheim-server', 'accidental', 'a range past the role ports'],
    ['0.0.0.0:8080:80', undefined, 'accidental', 'an explicit 0.0.0.0 is judged like no address by default'],
    ['3000', undefined, 'accidental', 'a random host port'],
  ];
  for (const [spec, image, expected, why] of cases) {
    it(`${spec}${image ? ` (${image})` : ''} is ${expected}: ${why}`, () => assert.equal(classOf(spec, image), expected));
  }
  it('a range that holds a sensitive port is must-never (2200-2300 holds none; 2000-2400 holds 2375)', () => {
    assert.equal(classOf('2200-2300:2200-2300'), 'accidental');
    assert.equal(classOf('2000-2400:2000-2400'), 'must-never');
  });

  const declared: [string, Parameters<typeof classOf>[2], PublicClass][] = [
    ['8096:8096', { marker: {} }, 'declared'],
    ['8096:8096', { marker: { reason: 'Jellyfin on the LAN' } }, 'declared'],
    ['5432:5432', { marker: { reason: 'I mean it' } }, 'must-never'],
    ['8096:8096', { publicPorts: ['8096'] }, 'declared'],
    ['8096:8096/udp', { publicPorts: ['8096'] }, 'accidental'],
    ['1900:1900/udp', { publicPorts: ['1900/udp'] }, 'declared'],
    ['7777-7780:7777-7780/udp', { publicPorts: ['7777-7790/udp'] }, 'declared'],
    ['27015-27020:27015-27020/udp', { publicPorts: ['27015-27030/udp'] }, 'must-never'], // holds MongoDB's 27017
    ['7777-7800:7777-7800/udp', { publicPorts: ['7777-7790/udp'] }, 'accidental'],
    ['8080:8096', { publicPorts: ['8096'] }, 'accidental'],
    ['5432:5432', { publicPorts: ['5432'] }, 'must-never'],
    ['0.0.0.0:8080:80', { explicitAllInterfaces: 'declared' }, 'declared'],
    ['[::]:8080:80', { explicitAllInterfaces: 'declared' }, 'declared'],
    ['8080:80', { explicitAllInterfaces: 'declared' }, 'accidental'],
    ['0.0.0.0:5432:5432', { explicitAllInterfaces: 'declared' }, 'must-never'],
    ['443:443', { marker: { reason: 'the shop' } }, 'declared'],
  ];
  for (const [spec, extra, expected] of declared) {
    it(`${spec} with ${JSON.stringify(extra)} is ${expected}`, () => assert.equal(classOf(spec, undefined, extra), expected));
  }

  it('says why in words: the web, a role, an admin port, a reason', () => {
    const why = (spec: string, image?: string, marker?: { reason?: string }) => judgePublic({ spec: (readPublishSpec(spec) as { ok: true; spec: never }).spec, image, marker }, settings()).why;
    assert.equal(why('443:443'), 'host port 443/tcp serves the web');
    assert.equal(why('53:53/udp', 'pihole/pihole'), 'Pi-hole is a DNS server and host port 53/udp is its DNS port');
    assert.match(why('8080:8080', 'traefik'), /dashboard .* of Traefik, an admin port/);
    assert.match(why('5353:53/udp', 'pihole/pihole'), /not among Pi-hole's DNS server ports/);
    assert.equal(why('8096:8096', undefined, { reason: 'Jellyfin on the LAN' }), 'Jellyfin on the LAN');
  });
});

describe('image references', () => {
  const references: [string, string | undefined][] = [
    ['traefik', 'traefik'],
    ['traefik:v3.1', 'traefik'],
    ['docker.io/library/traefik:v3.1', 'traefik'],
    ['index.docker.io/library/traefik', 'traefik'],
    ['traefik@sha256:4a5b', 'traefik'],
    ['ghcr.io/wg-easy/wg-easy:15', 'wg-easy/wg-easy'],
    ['localhost:5000/caddy:2', 'caddy'],
    ['Pihole/Pihole:Latest', 'pihole/pihole'],
    ['pihole/pihole:${PIHOLE_TAG}', 'pihole/pihole'],
    ['${DOCKER_ORG:-ghcr.io/mailu}/${DOCKER_PREFIX:-}nginx:${MAILU_VERSION:-2024.06}', 'mailu/nginx'],
    ['${REGISTRY}/pihole/pihole', undefined],
    ['…/pihole', undefined],
    ['', undefined],
  ];
  for (const [image, repository] of references) {
    it(`${JSON.stringify(image)} is ${repository ?? 'unknown'}`, () => assert.equal(imageRepository(image), repository));
  }
  it("an official image's one-word name matches itself or library/ under a mirror, never someone else's image of that name", () => {
    assert.ok(imageMatches('traefik', 'traefik'));
    assert.ok(imageMatches('traefik', 'proxy/library/traefik'));
    assert.ok(!imageMatches('traefik', 'someone/traefik'));
    assert.ok(imageMatches('pihole/pihole', 'mirror/pihole/pihole'));
    assert.ok(!imageMatches('pihole/pihole', 'notpihole/pihole'));
  });
  it('ranges: covered only when every port of the range is a role port of that protocol', () => {
    const ports = ['53/udp', '100-200/udp', '201-300/udp', '400/tcp'].map((p) => readPorts(p)!);
    assert.ok(portsCover(ports, { start: 150, end: 300 }, 'udp'), 'adjacent spans join');
    assert.ok(!portsCover(ports, { start: 150, end: 301 }, 'udp'));
    assert.ok(!portsCover(ports, { start: 400, end: 400 }, 'udp'));
    assert.ok(portsCover(ports, { start: 400, end: 400 }, 'tcp'));
  });
  it('a port without a protocol is tcp, as Docker reads a spec', () => assert.deepEqual(readPorts('8096'), { range: { start: 8096, end: 8096 }, protocol: 'tcp' }));
  for (const bad of ['', 'http', '0', '70000', '90-80', '53/icmp', '53/udp/tcp']) it(`${JSON.stringify(bad)} is not a port`, () => assert.equal(readPorts(bad), undefined));
});

describe('the roles data file (serverRoles.json)', () => {
  const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'src', 'engine', 'intent', 'serverRoles.json'), 'utf8')) as { roles: { name: string; images: string[]; ports: string[]; adminPorts?: Record<string, string>; docs: string }[] };
  const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('has reverse proxies, DNS, mail, VPN, TURN and game servers', () => {
    for (const role of ['reverse proxy', 'DNS server', 'mail server', 'VPN server', 'TURN/STUN server', 'game server']) {
      assert.ok(SERVER_ROLES.some((r) => r.role === role), role);
    }
  });
  for (const entry of raw.roles) {
    describe(entry.name, () => {
      const role = SERVER_ROLES.find((r) => r.name === entry.name)!;
      it('names its images as repository paths (no registry, tag or digest), each matched by the classifier', () => {
        assert.ok(entry.images.length > 0);
        for (const image of entry.images) {
          if (image === '*') continue;
          assert.equal(imageRepository(image), image, `${image} is written as its repository path`);
          assert.equal(roleOfImage(`registry.example.com/${image.includes('/') ? '' : 'library/'}${image}:1.0`), role, `${image} under a registry and a tag`);
        }
      });
      it('lists ports that parse, with a protocol written out; admin ports are not role ports', () => {
        assert.ok(entry.ports.length > 0);
        for (const port of entry.ports) assert.match(port, /\/(tcp|udp)$/, port), assert.ok(readPorts(port), port);
        for (const admin of Object.keys(entry.adminPorts ?? {})) {
          const ports = readPorts(admin)!;
          assert.match(admin, /^\d+\/(tcp|udp)$/);
          assert.ok(!portsCover(role.ports, ports.range, ports.protocol), `${admin} is an admin port and a role port`);
        }
      });
      it("says where the image's own documentation lists the ports", () => assert.match(entry.docs, /^https:\/\/\S+$/));
      it('is in the README', () => assert.ok(README.includes(entry.name), `${entry.name} is missing from the README's roles table`));
    });
  }
  it('the web role is every image on host ports 80 and 443, tcp and udp', () => {
    assert.deepEqual(WEB_ROLE.images, ['*']);
    for (const protocol of ['tcp', 'udp'] as const) for (const port of [80, 443]) assert.ok(portsCover(WEB_ROLE.ports, { start: port, end: port }, protocol));
  });
});

describe('the public marker', () => {
  const spans = (text: string, needle: string) => {
    const start = text.indexOf(needle);
    return { span: { start, end: start + needle.length } };
  };
  const cases: [string, string, { reason?: string } | undefined][] = [
    ['services:\n  a:\n    ports:\n      # docker-port-safety public\n      - "8096:8096"\n', '8096:8096', {}],
    ['services:\n  a:\n    ports:\n      # docker-port-safety public: Jellyfin on the LAN\n      - "8096:8096"\n', '8096:8096', { reason: 'Jellyfin on the LAN' }],
    ['services:\n  a:\n    ports:\n      - "8096:8096" # docker-port-safety public: LAN\n', '8096:8096', { reason: 'LAN' }],
    ['services:\r\n  a:\r\n    ports:\r\n      - "8096:8096"  #  docker-port-safety public :  LAN  \r\n', '8096:8096', { reason: 'LAN' }],
    ['docker run -p 443:443 caddy # docker-port-safety public\n', '443:443', {}],
    ['// docker-port-safety public\n"appPort": ["8080:80"]\n', '8080:80', {}],
    ['> <!-- docker-port-safety public: demo -->\n> docker run -p 8080:80 x\n', '8080:80', { reason: 'demo' }],
    ['> # docker-port-safety public\n> docker run -p 8080:80 x\n', '8080:80', {}],
    ['# docker-port-safety public-bind\n- "8080:80"\n', '8080:80', undefined],
    ['# docker-port-safety ignore public-bind\n- "8080:80"\n', '8080:80', undefined],
    ['# docker-port-safety public\n\n- "8080:80"\n', '8080:80', undefined],
    ['# docker-port-safety publicity\n- "8080:80"\n', '8080:80', undefined],
    ['- "8080:80"\n# docker-port-safety public\n', '8080:80', undefined],
  ];
  for (const [text, needle, expected] of cases) {
    it(`${JSON.stringify(text)}: ${expected ? 'declared' : 'not declared'}`, () => assert.deepEqual(publicMarkers(text).of(spans(text, needle)), expected));
  }
  it('above the command that holds a continued spec', () => {
    const text = '# docker-port-safety public: the site\ndocker run -d \\\n  -p 443:443 \\\n  caddy\n';
    assert.deepEqual(publicMarkers(text).of({ ...spans(text, '443:443'), anchor: text.indexOf('docker run') }), { reason: 'the site' });
  });
});
