/**
 * IP literals exactly as Go's `net.ParseIP` (netip.ParseAddr, zones refused) reads them,
 * because Docker validates `-p` host addresses and Compose `host_ip` with it.
 * `localhost`, `127.1`, leading zeros (`127.000.0.1`) and zones (`fe80::1%eth0`) are all refused.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** 4 or 16 bytes; an IPv4-mapped IPv6 literal keeps family 6. */
  bytes: number[];
}

export function parseIpAddress(text: string): IpAddress | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '.') return parseIPv4(text);
    if (c === ':') return parseIPv6(text);
    if (c === '%') return undefined;
  }
  return undefined;
}

function parseIPv4(text: string): IpAddress | undefined {
  const bytes = parseIPv4Fields(text);
  return bytes && { family: 4, bytes };
}

function parseIPv4Fields(text: string): number[] | undefined {
  const fields: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return undefined; // leading zero
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return undefined;
    } else if (c === 46) {
      if (i === 0 || i === text.length - 1 || text[i - 1] === '.') return undefined;
      if (fields.length === 3) return undefined;
      fields.push(value);
      value = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  if (fields.length < 3) return undefined;
  fields.push(value);
  return fields;
}

function parseIPv6(text: string): IpAddress | undefined {
  if (text.includes('%')) return undefined; // zones are refused by net.ParseIP
  const ip = new Array<number>(16).fill(0);
  let s = text;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { family: 6, bytes: ip };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const digit = hexValue(s.charCodeAt(off));
      if (digit < 0) break;
      acc = acc * 16 + digit;
      if (off > 3 || acc > 0xffff) return undefined;
    }
    if (off === 0) return undefined;
    if (off < s.length && s[off] === '.') {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIPv4Fields(s);
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined; // "::" must stand for at least one group
  }
  return { family: 6, bytes: ip };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function isUnspecified(ip: IpAddress): boolean {
  return ip.bytes.every((b) => b === 0);
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.x.x). */
export function isLoopback(ip: IpAddress): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  const v4 = mappedIPv4(ip);
  if (v4) return v4[0] === 127;
  return ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1;
}

function mappedIPv4(ip: IpAddress): number[] | undefined {
  const b = ip.bytes;
  const prefixZero = b.slice(0, 10).every((x) => x === 0);
  return prefixZero && b[10] === 0xff && b[11] === 0xff ? b.slice(12) : undefined;
}

/** A canonical text for comparing addresses (`::ffff:127.0.0.1` and `127.0.0.1` stay distinct on purpose: Docker binds them differently). */
export function canonicalAddress(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] << 8) | ip.bytes[i + 1]).toString(16));
  return groups.join(':');
}

/** How an address is written inside a `-p` / short-syntax spec: IPv6 goes in brackets. */
export function addressForSpec(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
