import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateNames, createLocalCa, issueServerCert, SERVER_DAYS } from './local-ca.js';
import { machineNames, sameNames } from './machine-names.js';

const now = new Date('2026-12-01T00:00:00Z');

describe('the local CA', () => {
  it('signs a server certificate for exactly the names and addresses given', async () => {
    const ca = await createLocalCa('guardroom-pc', now);
    const names = { dns: ['guardroom-pc', 'localhost'], ips: ['127.0.0.1', '192.168.1.20', '::1', 'fd12:3456::20'] };
    const server = await issueServerCert(ca, names, now);

    const authority = new X509Certificate(ca.cert);
    const leaf = new X509Certificate(server.cert);
    expect(authority.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(authority)).toBe(true);
    expect(leaf.verify(authority.publicKey)).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(server.key))).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(ca.key))).toBe(false);
    expect(leaf.subjectAltName?.split(', ').sort()).toEqual(
      ['DNS:guardroom-pc', 'DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:192.168.1.20', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:FD12:3456:0:0:0:0:0:20'].sort(),
    );
    expect(sameNames(certificateNames(server.cert), names)).toBe(true);
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    const days = (new Date(leaf.validTo).getTime() - now.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(SERVER_DAYS);
  });

  it('is not trusted by a certificate another CA signed', async () => {
    const [ours, theirs] = await Promise.all([createLocalCa('a', now), createLocalCa('b', now)]);
    const leaf = new X509Certificate((await issueServerCert(theirs, { dns: ['localhost'], ips: [] }, now)).cert);
    expect(leaf.verify(new X509Certificate(ours.cert).publicKey)).toBe(false);
  });
});

describe("the machine's names", () => {
  it('are the host name, its .local name, every non-internal address and loopback', () => {
    const names = machineNames(['vigil.lan', '10.9.8.7', 'not a name'], 'guardroom', {
      lo: [
        { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
        { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', mac: '00:00:00:00:00:00', internal: true, cidr: '::1/128', scopeid: 0 },
      ],
      eth0: [
        { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: '192.168.1.20/24' },
        { address: 'FD12:3456:0:0::20', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: 'fd12:3456::20/64', scopeid: 0 },
        { address: 'fe80::a8bb:ccff:fedd:eeff', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: 'fe80::a8bb:ccff:fedd:eeff/64', scopeid: 2 },
      ],
      docker0: [{ address: '172.17.0.1', netmask: '255.255.0.0', family: 'IPv4', mac: '02:42:00:00:00:00', internal: false, cidr: '172.17.0.1/16' }],
    });
    expect(names.dns).toEqual(['guardroom', 'guardroom.local', 'localhost', 'vigil.lan']);
    expect(names.ips).toEqual(['10.9.8.7', '127.0.0.1', '172.17.0.1', '192.168.1.20', '::1', 'fd12:3456::20']);
  });

  it('compare equal however an address is spelled, and differ when one is added', () => {
    const a = { dns: ['Box', 'localhost'], ips: ['fd12:3456:0:0:0:0:0:20', '10.0.0.2'] };
    expect(sameNames(a, { dns: ['localhost', 'box'], ips: ['10.0.0.2', 'FD12:3456::20'] })).toBe(true);
    expect(sameNames(a, { dns: ['localhost', 'box'], ips: ['10.0.0.2', 'fd12:3456::20', '10.0.0.3'] })).toBe(false);
  });
});
