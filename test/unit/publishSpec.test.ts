/** The -p / short-syntax grammar: every case of ports.md, table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertCsvPublish, readPublishSpec } from '../../server/src/engine/grammar/publishSpec';
import { parseIpAddress } from '../../server/src/engine/grammar/ipAddress';

const valid: [string, { hostIp: string; hostPorts: string | null; containerPorts: string; protocol: string }][] = [
  ['80', { hostIp: '', hostPorts: null, containerPorts: '80-80', protocol: 'tcp' }],
  ['3456:3000', { hostIp: '', hostPorts: '3456-3456', containerPorts: '3000-3000', protocol: 'tcp' }],
  ['127.0.0.1:3456:3000', { hostIp: '127.0.0.1', hostPorts: '3456-3456', containerPorts: '3000-3000', protocol: 'tcp' }],
  ['127.0.0.1::5000', { hostIp: '127.0.0.1', hostPorts: null, containerPorts: '5000-5000', protocol: 'tcp' }],
  ['::1:6000:6000', { hostIp: '::1', hostPorts: '6000-6000', containerPorts: '6000-6000', protocol: 'tcp' }],
  ['[::1]:6001:6001', { hostIp: '::1', hostPorts: '6001-6001', containerPorts: '6001-6001', protocol: 'tcp' }],
  ['::::80', { hostIp: '::', hostPorts: null, containerPorts: '80-80', protocol: 'tcp' }],
  ['[::]:8080:80', { hostIp: '::', hostPorts: '8080-8080', containerPorts: '80-80', protocol: 'tcp' }],
  ['0.0.0.0:80:80/udp', { hostIp: '0.0.0.0', hostPorts: '80-80', containerPorts: '80-80', protocol: 'udp' }],
  ['53/UDP', { hostIp: '', hostPorts: null, containerPorts: '53-53', protocol: 'udp' }],
  ['80/sctp', { hostIp: '', hostPorts: null, containerPorts: '80-80', protocol: 'sctp' }],
  ['8000-8010:8000-8010', { hostIp: '', hostPorts: '8000-8010', containerPorts: '8000-8010', protocol: 'tcp' }],
  ['8000-8010:80', { hostIp: '', hostPorts: '8000-8010', containerPorts: '80-80', protocol: 'tcp' }],
  ['080:80', { hostIp: '', hostPorts: '80-80', containerPorts: '80-80', protocol: 'tcp' }],
  [':80', { hostIp: '', hostPorts: null, containerPorts: '80-80', protocol: 'tcp' }],
  // Docker 28.2.2 reads only the second `/` field: `80/tcp/udp` is tcp (checked with the CLI).
  ['80/tcp/udp', { hostIp: '', hostPorts: null, containerPorts: '80-80', protocol: 'tcp' }],
  ['1-2-3:80', { hostIp: '', hostPorts: '1-2', containerPorts: '80-80', protocol: 'tcp' }],
];

const invalid: [string, string][] = [
  ['70000', 'invalid containerPort: 70000'],
  ['70000:80', 'invalid hostPort: 70000'],
  ['80/xyz', 'invalid proto: xyz'],
  ['localhost:80:80', 'invalid IP address: localhost'],
  ['127.1:80:80', 'invalid IP address: 127.1'],
  ['127.000.0.1:80:80', 'invalid IP address: 127.000.0.1'],
  ['fe80::1%eth0:80:80', 'invalid IP address: fe80::1%eth0'],
  ['[::1:80:80', "invalid IP address [::1: address [::1:: missing ']' in address"],
  ['80:80,443:443', 'invalid IP address: 80'],
  ['8000-8001:80-82', 'invalid ranges specified for container and host Ports: 80-82 and 8000-8001'],
  ['9-8:80', 'invalid hostPort: 9-8'],
  ['', 'no port specified: <empty>'],
  ['/udp', 'no port specified: /udp<empty>'],
  ['0x50:80', 'invalid hostPort: 0x50'],
  ['+80:80', 'invalid hostPort: +80'],
];

describe('readPublishSpec', () => {
  for (const [spec, expected] of valid) {
    it(`reads ${spec}`, () => {
      const reading = readPublishSpec(spec);
      assert.ok(reading.ok, reading.ok ? '' : reading.error);
      const s = reading.spec;
      const range = (r: { start: number; end: number } | null | 'unknown') => (r === null ? null : r === 'unknown' ? 'unknown' : `${r.start}-${r.end}`);
      assert.deepEqual(
        { hostIp: s.hostIp, hostPorts: range(s.hostPorts), containerPorts: range(s.containerPorts), protocol: s.protocol },
        expected,
      );
    });
  }
  for (const [spec, error] of invalid) {
    it(`refuses ${JSON.stringify(spec)} in Docker's words`, () => {
      const reading = readPublishSpec(spec);
      assert.equal(reading.ok, false);
      if (!reading.ok) assert.equal(reading.error, error);
    });
  }
});

describe('convertCsvPublish (docker run -p published=…)', () => {
  const cases: [string, string, string[]][] = [
    ['published=8080,target=80,host_ip=127.0.0.1', '8080:80/tcp', ['host_ip']],
    ['target=80', ':80/tcp', []],
    ['published=53,target=53,protocol=udp,mode=host', '53:53/udp', ['mode']],
  ];
  for (const [input, shortForm, dropped] of cases) {
    it(`rewrites ${input}`, () => {
      const converted = convertCsvPublish(input);
      assert.ok(converted.ok);
      if (converted.ok) {
        assert.equal(converted.shortForm, shortForm);
        assert.deepEqual(Object.keys(converted.dropped), dropped);
      }
    });
  }
  it('refuses a field without =', () => {
    assert.deepEqual(convertCsvPublish('published=1,bogus'), { ok: false, error: "invalid publish opts format (should be name=value but got 'bogus')" });
  });
});

describe('parseIpAddress (Go net.ParseIP)', () => {
  const table: [string, boolean][] = [
    ['127.0.0.1', true], ['0.0.0.0', true], ['::', true], ['::1', true], ['::ffff:127.0.0.1', true], ['1:2:3:4:5:6:7:8', true],
    ['fe80::1', true], ['2001:db8::', true], ['localhost', false], ['127.1', false], ['01.2.3.4', false], ['256.0.0.1', false],
    ['1::2::3', false], ['1:2:3:4:5:6:7:8:9', false], ['fe80::1%eth0', false], ['', false], ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8::', false], ['::1.2.3.4', true], ['12345::', false],
  ];
  for (const [text, ok] of table) {
    it(`${ok ? 'accepts' : 'refuses'} ${JSON.stringify(text)}`, () => assert.equal(parseIpAddress(text) !== undefined, ok));
  }
});
