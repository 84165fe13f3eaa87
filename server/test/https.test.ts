import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, VIDEO_NAMESPACE } from '@vigil/shared';
import { loadConfig } from '../src/config.js';
import { createLocalCa, issueServerCert } from '../src/tls/local-ca.js';
import { httpsInfo, type HttpsInfo } from '../src/tls/https-info.js';
import { createHttpsListener, type HttpsListener } from '../src/tls/https-listener.js';
import { loadLocalTls, loadTls, type TlsMaterial } from '../src/tls/tls-store.js';
import { createTestDatabase, type TestDatabaseHandle } from './helpers/database.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './helpers/server.js';

const PHONE_HOST = 'phone.vigil.test';
const NAMES = { dns: [PHONE_HOST, 'localhost'], ips: ['127.0.0.1', '::1', '192.168.77.5'] };

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A plain request to 127.0.0.1 with any Host header (fetch would not send one of ours). */
function send(
  url: string,
  options: { method?: string; host?: string; body?: unknown; headers?: Record<string, string>; ca?: string } = {},
): Promise<Answer> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.host) headers.host = options.host;
  if (body) headers['content-type'] = 'application/json';
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers,
        ca: options.ca,
        servername: PHONE_HOST,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The certificate a TLS server presents for `servername`, and whether the CA validates it. */
function presented(port: number, ca: string | undefined): Promise<{ cert: X509Certificate; authorized: boolean; error: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: PHONE_HOST, ca, rejectUnauthorized: false }, () => {
      const peer = socket.getPeerX509Certificate();
      socket.end();
      if (!peer) return reject(new Error('no certificate presented'));
      resolve({ cert: peer, authorized: socket.authorized, error: socket.authorizationError?.toString() });
    });
    socket.on('error', reject);
  });
}

describe('the generated certificates', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are made on first run with private keys only the owner can read, and kept across restarts', async () => {
    const first = await loadLocalTls(dir, NAMES, new Date());
    expect(first.issued).toBe(true);
    for (const key of ['ca.key', 'server.key']) expect(statSync(join(dir, key)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(first.caCert);

    const again = await loadLocalTls(dir, NAMES, new Date());
    expect(again.issued).toBe(false);
    expect(again.caCert).toBe(first.caCert);
    expect(again.cert).toBe(first.cert);
    expect(again.key).toBe(first.key);
  });

  it('get a new server certificate, from the same CA, when an address is added or the old one nears its end', async () => {
    const before = await loadLocalTls(dir, NAMES, new Date());
    const moved = await loadLocalTls(dir, { ...NAMES, ips: [...NAMES.ips, '10.1.2.3'] }, new Date());
    expect(moved.issued).toBe(true);
    expect(moved.caCert).toBe(before.caCert);
    expect(new X509Certificate(moved.cert).subjectAltName).toContain('IP Address:10.1.2.3');
    expect(new X509Certificate(moved.cert).checkIssued(new X509Certificate(before.caCert!))).toBe(true);

    const sameNamesNextYear = await loadLocalTls(dir, { ...NAMES, ips: [...NAMES.ips, '10.1.2.3'] }, new Date(Date.now() + 380 * 86_400_000));
    expect(sameNamesNextYear.issued).toBe(true);
    expect(sameNamesNextYear.caCert).toBe(before.caCert);
  });

  it('refuse to start on a damaged CA rather than replace one phones trust', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
    await loadLocalTls(damaged, NAMES);
    writeFileSync(join(damaged, 'ca.key'), (await createLocalCa('other', new Date())).key);
    await expect(loadLocalTls(damaged, NAMES)).rejects.toThrow(/local CA .* is unusable/);
    rmSync(damaged, { recursive: true, force: true });
  });
});

describe('the HTTPS settings', () => {
  it('default to port 3443, may be off, and want the certificate and key together', () => {
    expect(loadConfig({}).https.port).toBe(3443);
    expect(loadConfig({ HTTPS_PORT: 'off' }).https.port).toBeNull();
    expect(() => loadConfig({ HTTPS_PORT: 'on' })).toThrow(/HTTPS_PORT/);
    expect(() => loadConfig({ TLS_CERT_FILE: '/etc/vigil/cert.pem' })).toThrow('TLS_KEY_FILE: must be set together with TLS_CERT_FILE');
    expect(() => loadConfig({ HTTPS_URL: 'http://vigil.lan' })).toThrow(/HTTPS_URL: must be an https:\/\/ URL/);
    expect(loadConfig({ TLS_NAMES: 'vigil.lan, 10.0.0.9' }).https.extraNames).toEqual(['vigil.lan', '10.0.0.9']);
  });
});

describe('Vigil over HTTPS', () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let listener: HttpsListener;
  let tls: TlsMaterial;
  let info: HttpsInfo;
  let dataDir: string;
  let https: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-tls-app-'));
    tls = await loadTls({ certFile: undefined, keyFile: undefined, dataDir, names: () => NAMES });
    info = httpsInfo({ caCert: tls.caCert });
    handle = await createTestDatabase();
    // As with a TLS proxy on this machine (TRUST_PROXY=127.0.0.1) besides Vigil's own HTTPS.
    server = await startServer(handle, { https: info, trustProxy: '127.0.0.1' });
    listener = createHttpsListener(server.app, tls, server.app.log);
    info.httpPort = Number(new URL(server.url).port);
    info.port = await listener.listen(0, '127.0.0.1');
    https = `https://${PHONE_HOST}:${info.port}`;
  });

  afterAll(async () => {
    await listener?.close();
    await server?.close();
    await handle?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('presents a certificate for the phone host name that the downloadable CA validates', async () => {
    const download = await send(`${server.url}/api/v1/tls/ca.crt`, { host: `${PHONE_HOST}:${info.httpPort}` });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(download.headers['content-disposition']).toBe('attachment; filename="vigil-local-ca.crt"');
    const ca = new X509Certificate(download.body); // DER
    expect(ca.ca).toBe(true);
    const pem = await send(`${server.url}/api/v1/tls/ca.pem`);
    expect(pem.headers['content-type']).toBe('application/x-pem-file');
    expect(new X509Certificate(pem.body).fingerprint256).toBe(ca.fingerprint256);

    const trusted = await presented(info.port!, ca.toString());
    expect(trusted.authorized).toBe(true);
    expect(trusted.cert.checkHost(PHONE_HOST)).toBe(PHONE_HOST);
    expect(trusted.cert.checkIP('192.168.77.5')).toBe('192.168.77.5');
    const untrusted = await presented(info.port!, undefined);
    expect(untrusted.authorized).toBe(false);
  });

  it('puts a new certificate in place, without a restart, when the machine gets a new address', async () => {
    const names = { ...NAMES, ips: [...NAMES.ips] };
    const renewing = createHttpsListener(server.app, tls, server.app.log, () => loadTls({ certFile: undefined, keyFile: undefined, dataDir, names: () => names }));
    try {
      const port = await renewing.listen(0, '127.0.0.1');
      expect(await renewing.renew()).toBe(false);
      expect((await presented(port, tls.caCert!)).cert.checkIP('10.20.30.40')).toBeUndefined();
      names.ips.push('10.20.30.40');
      expect(await renewing.renew()).toBe(true);
      const after = await presented(port, tls.caCert!);
      expect(after.authorized).toBe(true);
      expect(after.cert.checkIP('10.20.30.40')).toBe('10.20.30.40');
    } finally {
      await renewing.close();
    }
  });

  it('tells the phone where HTTPS and the CA are, for the host it asked by', async () => {
    const answer = await send(`${server.url}/api/v1/tls`, { host: `${PHONE_HOST}:${info.httpPort}` });
    const body = JSON.parse(answer.body.toString()) as Record<string, unknown>;
    expect(body).toEqual({
      httpsUrl: `https://${PHONE_HOST}:${info.port}`,
      httpUrl: `http://${PHONE_HOST}:${info.httpPort}`,
      ca: { downloadPath: '/api/v1/tls/ca.crt', pemPath: '/api/v1/tls/ca.pem', fingerprint256: new X509Certificate(tls.caCert!).fingerprint256 },
    });
  });

  it('sends the phone page from plain HTTP by a LAN name to HTTPS, and leaves localhost and the API alone', async () => {
    const lan = await send(`${server.url}/guard?from=qr`, { host: `${PHONE_HOST}:${info.httpPort}` });
    expect(lan.status).toBe(302);
    expect(lan.headers.location).toBe(`${https}/guard?from=qr`);
    const byAddress = await send(`${server.url}/guard`, { host: `192.168.77.5:${info.httpPort}` });
    expect(byAddress.headers.location).toBe(`https://192.168.77.5:${info.port}/guard`);

    for (const host of [`localhost:${info.httpPort}`, `127.0.0.1:${info.httpPort}`, `[::1]:${info.httpPort}`]) {
      expect((await send(`${server.url}/guard`, { host })).status, host).not.toBe(302);
    }
    expect((await send(`${server.url}/api/v1/auth/me`, { host: `${PHONE_HOST}:${info.httpPort}` })).status).toBe(401);
    expect((await send(`${server.url}/wall`, { host: `${PHONE_HOST}:${info.httpPort}` })).status).not.toBe(302);
    // A TLS proxy in front says so; its request is already secure.
    expect((await send(`${server.url}/guard`, { host: PHONE_HOST, headers: { 'x-forwarded-proto': 'https' } })).status).not.toBe(302);
    // Over HTTPS itself: no loop.
    expect((await send(`${https}/guard`, { host: `${PHONE_HOST}:${info.port}`, ca: tls.caCert! })).status).not.toBe(302);
  });

  it('sets the session cookie Secure over HTTPS, and not over plain HTTP', async () => {
    const body = { username: 'admin', password: ADMIN_PASSWORD };
    const secure = await send(`${https}/api/v1/auth/login`, { method: 'POST', body, ca: tls.caCert!, host: `${PHONE_HOST}:${info.port}` });
    expect(secure.status).toBe(200);
    const secureCookie = String(secure.headers['set-cookie']);
    expect(secureCookie).toMatch(/; Secure/);
    const plain = await send(`${server.url}/api/v1/auth/login`, { method: 'POST', body });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/);

    // The HTTPS session works for the API over HTTPS.
    const me = await send(`${https}/api/v1/auth/me`, { ca: tls.caCert!, headers: { cookie: secureCookie.split(';')[0]! } });
    expect(JSON.parse(me.body.toString())).toMatchObject({ user: { username: 'admin' } });
  });

  it('serves Socket.IO, the live stream and the /video namespace, over HTTPS', async () => {
    const login = await send(`${https}/api/v1/auth/login`, { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD }, ca: tls.caCert! });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const options = { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, ca: tls.caCert!, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } };
    const url = `https://127.0.0.1:${info.port}`;
    const live = connectSocket(url, options);
    const video = connectSocket(`${url}${VIDEO_NAMESPACE}`, options);
    try {
      const sync = await new Promise<{ kind: string }>((resolve, reject) => {
        live.on('sync', resolve);
        live.on('connect_error', reject);
      });
      expect(sync.kind).toBe('snapshot');
      await new Promise<void>((resolve, reject) => {
        video.on('connect', resolve);
        video.on('connect_error', reject);
      });
      expect(live.io.engine.transport.name).toBe('websocket');
    } finally {
      live.disconnect();
      video.disconnect();
    }
  });
});

describe("the admin's own certificate", () => {
  it('is served instead of a generated one, and no CA is offered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-own-cert-'));
    const theirCa = await createLocalCa('their-pki', new Date());
    const own = await issueServerCert(theirCa, { dns: [PHONE_HOST], ips: [] }, new Date());
    writeFileSync(join(dir, 'cert.pem'), own.cert);
    writeFileSync(join(dir, 'key.pem'), own.key);
    const other = await createLocalCa('x', new Date());
    writeFileSync(join(dir, 'other.key'), other.key);
    await expect(loadTls({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'other.key'), dataDir: dir, names: () => NAMES })).rejects.toThrow(
      /TLS_KEY_FILE: .* is not the key of the certificate in TLS_CERT_FILE/,
    );

    const tls = await loadTls({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem'), dataDir: dir, names: () => NAMES });
    expect(tls.source).toBe('provided');
    const handle = await createTestDatabase();
    const info = httpsInfo({ caCert: tls.caCert });
    const server = await startServer(handle, { https: info });
    const listener = createHttpsListener(server.app, tls, server.app.log);
    try {
      info.port = await listener.listen(0, '127.0.0.1');
      const seen = await presented(info.port, theirCa.cert);
      expect(seen.authorized).toBe(true);
      expect(seen.cert.fingerprint256).toBe(new X509Certificate(own.cert).fingerprint256);
      expect(seen.cert.checkPrivateKey(createPrivateKey(own.key))).toBe(true);
      const ca = await send(`${server.url}/api/v1/tls/ca.crt`);
      expect(ca.status).toBe(404);
      expect(JSON.parse(ca.body.toString())).toMatchObject({ error: 'not_found', message: expect.stringContaining('TLS_CERT_FILE') });
    } finally {
      await listener.close();
      await server.close();
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
