import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import type { ServerNames } from './local-ca.js';

type Interfaces = ReturnType<typeof networkInterfaces>;

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** One spelling per address (IPv6 compressed, lower case), so two lists compare equal. */
export function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

/**
 * The names a phone on the LAN may use for this machine: its host name (and `<name>.local`,
 * which phones resolve by mDNS), every non-internal IPv4/IPv6 address, localhost and loopback,
 * and any extra names the admin gives (TLS_NAMES). IPv6 link-local addresses are left out:
 * they need a zone id, which no certificate and no phone URL carries.
 */
export function machineNames(extra: string[] = [], host = hostname(), interfaces: Interfaces = networkInterfaces()): ServerNames {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  const addName = (name: string) => {
    const lower = name.trim().toLowerCase();
    if (isIP(lower)) ips.add(canonicalIp(lower));
    else if (DNS_NAME.test(lower)) dns.add(lower);
  };
  if (host) {
    addName(host);
    if (!host.includes('.') && DNS_NAME.test(host)) addName(`${host}.local`);
  }
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv6' && /^fe[89ab]/i.test(entry.address)) continue;
      ips.add(canonicalIp(entry.address));
    }
  }
  extra.forEach(addName);
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

export function sameNames(a: ServerNames, b: ServerNames): boolean {
  const key = (names: ServerNames) =>
    JSON.stringify([[...names.dns].map((n) => n.toLowerCase()).sort(), names.ips.map(canonicalIp).sort()]);
  return key(a) === key(b);
}
