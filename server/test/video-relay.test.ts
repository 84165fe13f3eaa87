import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath, cameraSnapshotPath, type Device } from '@vigil/shared';
import { cameraResourcePath } from '../src/video/relay.js';
import { sealRef } from '../src/video/refs.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { api, createUser, login, startServer, type TestServer } from './helpers/server.js';
import { getBytes, playlistUris, setStreams, startUpstream, type Upstream } from './helpers/video.js';

const camera = (n: number): Device => ({
  id: `test-cam-0${n}`,
  siteId: 'test',
  zoneId: null,
  kind: 'camera',
  name: `摄像机${n}`,
  nameEn: `Camera ${n}`,
  position: [10 * n, 10],
  floor: 0,
  status: 'online',
  camera: null,
  linkedCameraIds: [],
});
const base = buildSite();
const site = buildSite({ devices: [...base.devices, camera(2), camera(3), camera(4)] });

const AUTH = `Basic ${Buffer.from('viewer:pa ss').toString('base64')}`;
const INIT = randomBytes(700);
const SEG100 = randomBytes(90_000);
const SEG101 = randomBytes(80_000);
const KEY = randomBytes(16);
const TS = randomBytes(47 * 188);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(2000)]);
const GO2RTC_SEGMENT = randomBytes(5000);

/** Stands in for an NVR: MediaMTX-like under /cam1 (Basic auth), go2rtc-like under /api. */
function nvr(request: IncomingMessage, response: ServerResponse, upstream: Upstream, other: () => Upstream): void {
  const url = new URL(request.url ?? '/', upstream.url);
  const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': type, ...headers });
    response.end(body);
  };
  const playlist = (lines: string[]) => send(200, 'application/vnd.apple.mpegurl', `${lines.join('\n')}\n`);
  if (url.pathname.startsWith('/cam1/') && request.headers.authorization !== AUTH) return send(401, 'text/plain', 'who are you');
  switch (url.pathname) {
    case '/cam1/index.m3u8':
      return playlist(['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=800000', 'video1_stream.m3u8', '#EXT-X-STREAM-INF:BANDWIDTH=200000', `${upstream.url}/cam1/low/stream.m3u8`]);
    case '/cam1/video1_stream.m3u8':
      return playlist([
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:1',
        '#EXT-X-MEDIA-SEQUENCE:100',
        '#EXT-X-MAP:URI="video1_init.mp4"',
        '#EXT-X-KEY:METHOD=AES-128,URI="/cam1/keys/k1.bin"',
        '#EXTINF:1.0,',
        'video1_seg100.mp4',
        '#EXTINF:1.0,',
        `${upstream.url}/cam1/video1_seg101.mp4`,
        '#EXTINF:1.0,',
        '../private/secret.mp4',
        '#EXTINF:1.0,',
        `http://localhost:${upstream.port}/cam1/video1_seg101.mp4`,
        '#EXTINF:1.0,',
        `${other().url}/cam1/video1_seg101.mp4`,
      ]);
    case '/cam1/low/stream.m3u8':
      return send(200, 'text/plain', '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nseg.ts\n');
    case '/cam1/low/seg.ts':
      return send(200, 'video/mp2t', TS);
    case '/cam1/video1_init.mp4':
      return send(200, 'video/mp4', INIT);
    case '/cam1/video1_seg100.mp4':
      return send(200, 'video/mp4', SEG100);
    case '/cam1/video1_seg101.mp4':
      return send(200, 'video/mp4', SEG101);
    case '/cam1/keys/k1.bin':
      return send(200, 'application/octet-stream', KEY);
    case '/cam1/snap.jpg':
      return send(200, 'image/jpeg', JPEG);
    case '/cam1/snap.html':
      return send(200, 'text/html', '<script>alert(1)</script>');
    case '/cam1/page.m3u8':
      return playlist(['#EXTM3U', '#EXT-X-TARGETDURATION:1', '#EXTINF:1.0,', 'page.mp4']);
    case '/cam1/page.mp4':
      return send(200, 'text/html', '<script>alert(document.cookie)</script>');
    case '/cam1/missing.m3u8':
      return send(404, 'text/plain', 'no such path');
    case '/cam1/broken.m3u8':
      return send(500, 'text/plain', 'oops');
    case '/cam1/login.m3u8':
      return send(200, 'text/html', '<html>log in</html>');
    case '/cam1/hang.m3u8':
      return; // never answers
    case '/cam1/redirect-out.m3u8':
      return send(302, 'text/plain', '', { location: '/private/stolen.m3u8' });
    case '/cam1/redirect-in.m3u8':
      return send(302, 'text/plain', '', { location: 'video1_stream.m3u8' });
    case '/cam1/huge.m3u8':
      return playlist(['#EXTM3U', '#EXT-X-TARGETDURATION:1', '#EXTINF:1.0,', 'huge.mp4']);
    case '/cam1/huge.mp4':
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(40 * 1024 * 1024) });
      return void response.write(randomBytes(1024));
    case '/private/secret.mp4':
    case '/private/stolen.m3u8':
      return send(200, 'video/mp4', 'SECRET');
    case '/api/stream.m3u8':
      return playlist(['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1000000', `hls/playlist.m3u8?id=${url.searchParams.get('src')}-x1`]);
    case '/api/hls/playlist.m3u8':
      return playlist(['#EXTM3U', '#EXT-X-TARGETDURATION:1', '#EXT-X-MAP:URI="init.mp4?id=gate-x1"', '#EXTINF:1.0,', 'segment.m4s?id=gate-x1&n=7']);
    case '/api/hls/init.mp4':
      return send(200, 'video/mp4', INIT);
    case '/api/hls/segment.m4s':
      return url.search === '?id=gate-x1&n=7' ? send(200, 'video/iso.segment', GO2RTC_SEGMENT) : send(404, 'text/plain', 'no');
    default:
      return send(404, 'text/plain', 'not here');
  }
}

describe(`the video relay in front of a real upstream (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  let upstream: Upstream;
  let other: Upstream;
  let cam1Url: string;

  beforeAll(async () => {
    other = await startUpstream((_request, response) => response.end('EVIL'));
    upstream = await startUpstream((request, response, self) => nvr(request, response, self, () => other));
    handle = await createTestDatabase();
    server = await startServer(handle, { site, video: { upstreamTimeoutMs: 800 } });
    admin = await login(server);
    operator = await createUser(server, admin, 'op1', 'operator');
    cam1Url = `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/index.m3u8`;
    await setStreams(server, admin, 'test-cam-01', { mainUrl: cam1Url, snapshotUrl: `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/snap.jpg` });
    await setStreams(server, admin, 'test-cam-02', { mainUrl: `http://127.0.0.1:${upstream.port}/api/stream.m3u8?src=gate` });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
    await upstream?.close();
    await other?.close();
  });

  const get = (path: string) => getBytes(server, path, operator);
  const privateHits = () => upstream.hits.filter((hit) => hit.path.startsWith('/private'));
  const hidesUpstream = (text: string) => {
    for (const secret of ['127.0.0.1', 'localhost', 'viewer', 'pa%20ss', 'cam1', 'video1', String(upstream.port)]) expect(text).not.toContain(secret);
  };

  it('rewrites the master and media playlists and serves every nested resource through refs', async () => {
    const master = await get(cameraPlaylistPath('test-cam-01', 'main'));
    expect(master.status).toBe(200);
    expect(master.headers.get('cache-control')).toBe('no-cache');
    hidesUpstream(master.text);
    const variants = playlistUris(master.text).segments;
    expect(variants).toHaveLength(2);
    for (const uri of variants) expect(uri).toMatch(/^\/api\/v1\/cameras\/test-cam-01\/main\/r\/[A-Za-z0-9_-]+$/);

    const media = await get(variants[0]!);
    expect(media.status).toBe(200);
    expect(media.contentType).toMatch(/mpegurl/);
    hidesUpstream(media.text);
    expect(media.text).toContain('#EXT-X-MEDIA-SEQUENCE:100');
    const { segments, attributes } = playlistUris(media.text);
    expect(attributes).toHaveLength(2);
    expect(segments).toHaveLength(5);

    const init = await get(attributes[0]!);
    expect([init.status, init.contentType, init.bytes.equals(INIT)]).toEqual([200, 'video/mp4', true]);
    const key = await get(attributes[1]!); // root-relative /cam1/keys/k1.bin
    expect([key.status, key.contentType, key.bytes.equals(KEY)]).toEqual([200, 'application/octet-stream', true]);
    const seg100 = await get(segments[0]!); // relative
    expect([seg100.status, seg100.bytes.equals(SEG100)]).toEqual([200, true]);
    const seg101 = await get(segments[1]!); // absolute, same origin
    expect([seg101.status, seg101.bytes.equals(SEG101)]).toEqual([200, true]);

    // The second variant is an absolute URI, and answers as text/plain: a playlist by its path.
    const low = await get(variants[1]!);
    expect(low.contentType).toMatch(/mpegurl/);
    hidesUpstream(low.text);
    const ts = await get(playlistUris(low.text).segments[0]!);
    expect([ts.status, ts.contentType, ts.bytes.equals(TS)]).toEqual([200, 'video/mp2t', true]);

    // Every upstream request carried the configured credentials; fetch refuses them in the URL.
    expect(upstream.hits.filter((hit) => hit.path.startsWith('/cam1/')).every((hit) => hit.authorization === AUTH)).toBe(true);
  });

  it('refuses what a playlist lists outside the configured location: parent directory, another host name, another port', async () => {
    const master = await get(cameraPlaylistPath('test-cam-01', 'main'));
    const media = await get(playlistUris(master.text).segments[0]!);
    const [, , traversal, otherHost, otherPort] = playlistUris(media.text).segments;
    const expected: [string | undefined, RegExp][] = [
      [traversal, /directory/],
      [otherHost, /host/],
      [otherPort, /port/],
    ];
    for (const [uri, reason] of expected) {
      const refused = await api(server, 'GET', uri!, { cookie: operator });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/^camera test-cam-01 main stream: the playlist points outside the camera's configured location/);
      expect(refused.body.message).toMatch(reason);
    }
    expect(privateHits()).toEqual([]);
    expect(other.hits).toEqual([]);
  });

  it('refuses refs that were not made from the configured URL, and cameras without streams', async () => {
    const cases: [string, number, RegExp][] = [
      [cameraResourcePath('test-cam-01', 'main', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 404, /^ref: not a current reference into camera test-cam-01 main stream/],
      [cameraResourcePath('test-cam-01', 'main', Buffer.from(`${upstream.url}/private/secret.mp4`).toString('base64url')), 404, /^ref: not a current reference/],
      ['/api/v1/cameras/test-cam-01/main/r/not.a.ref', 400, /^ref: is not a reference this relay issued/],
      // Sealed with the right key, but pointing outside: confinement is checked on every fetch.
      [cameraResourcePath('test-cam-01', 'main', sealRef(cam1Url, new URL(`${other.url}/cam1/x.mp4`))), 403, /port/],
      [cameraResourcePath('test-cam-01', 'main', sealRef(cam1Url, new URL(`http://127.0.0.1:${upstream.port}/cam1/../private/secret.mp4`))), 403, /directory/],
      [cameraResourcePath('test-cam-01', 'main', sealRef(cam1Url, new URL(`http://127.0.0.1:${upstream.port}/cam1/..%2Fprivate/secret.mp4`))), 403, /encoded/],
      [cameraResourcePath('test-cam-01', 'main', sealRef(cam1Url, new URL(`http://evil.example:${upstream.port}/cam1/x.mp4`))), 403, /host/],
      [cameraPlaylistPath('test-cam-04', 'main'), 404, /^camera test-cam-04: no video streams are configured$/],
      [cameraSnapshotPath('test-cam-04'), 404, /^camera test-cam-04: no video streams are configured$/],
      [cameraPlaylistPath('no-such-cam', 'main'), 404, /^cameraId: no camera with id "no-such-cam"$/],
    ];
    for (const [path, status, message] of cases) {
      const response = await api(server, 'GET', path, { cookie: operator });
      expect(response.status, path).toBe(status);
      expect(response.body.message, path).toMatch(message);
    }
    // A ref of one camera does not open on another.
    const master = await get(cameraPlaylistPath('test-cam-01', 'main'));
    const ref = playlistUris(master.text).segments[0]!.split('/').at(-1)!;
    expect((await api(server, 'GET', cameraResourcePath('test-cam-02', 'main', ref), { cookie: operator })).status).toBe(404);
    // Nor once the admin points the camera elsewhere.
    await setStreams(server, admin, 'test-cam-01', { mainUrl: `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/video1_stream.m3u8` });
    expect((await api(server, 'GET', cameraResourcePath('test-cam-01', 'main', ref), { cookie: operator })).status).toBe(404);
    await setStreams(server, admin, 'test-cam-01', { mainUrl: cam1Url, snapshotUrl: `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/snap.jpg` });
    expect(privateHits()).toEqual([]);
    expect(other.hits).toEqual([]);
  });

  it('follows the go2rtc layout: a query-string playlist with nested hls/ resources', async () => {
    const master = await get(cameraPlaylistPath('test-cam-02', 'sub')); // no sub stream: main
    expect(master.status).toBe(200);
    expect(master.text).not.toContain('gate');
    const media = await get(playlistUris(master.text).segments[0]!);
    const { segments, attributes } = playlistUris(media.text);
    expect((await get(attributes[0]!)).bytes.equals(INIT)).toBe(true);
    const segment = await get(segments[0]!);
    expect([segment.status, segment.contentType, segment.bytes.equals(GO2RTC_SEGMENT)]).toEqual([200, 'video/iso.segment', true]);
  });

  it('relays the snapshot with the credentials', async () => {
    const snapshot = await get(cameraSnapshotPath('test-cam-01'));
    expect([snapshot.status, snapshot.contentType, snapshot.bytes.equals(JPEG)]).toEqual([200, 'image/jpeg', true]);
    await setStreams(server, admin, 'test-cam-03', { mainUrl: `${upstream.url}/cam1/missing.m3u8`, snapshotUrl: `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/snap.html` });
    const html = await api(server, 'GET', cameraSnapshotPath('test-cam-03'), { cookie: operator });
    expect(html.status).toBe(502);
    expect(html.body.message).toBe('camera test-cam-03 snapshot: upstream answered text/html, not an image');
  });

  it('never lets a browser render what an upstream sends', async () => {
    await setStreams(server, admin, 'test-cam-03', { mainUrl: `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/page.m3u8` });
    const media = await get(cameraPlaylistPath('test-cam-03', 'main'));
    const page = await get(playlistUris(media.text).segments[0]!);
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('application/octet-stream');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('maps upstream failures to clear answers naming the camera, and keeps serving', async () => {
    const at = (path: string) => `http://viewer:pa%20ss@127.0.0.1:${upstream.port}/cam1/${path}`;
    const cases: [string, number, string][] = [
      ['missing.m3u8', 404, 'camera test-cam-03 main stream: playlist not found upstream'],
      ['broken.m3u8', 502, 'camera test-cam-03 main stream: upstream answered 500'],
      ['login.m3u8', 502, 'camera test-cam-03 main stream: the upstream playlist is not an HLS playlist (no #EXTM3U)'],
      ['hang.m3u8', 504, 'camera test-cam-03 main stream: upstream did not answer within 0.8 s'],
      ['redirect-out.m3u8', 502, "camera test-cam-03 main stream: upstream redirected where the relay may not follow (path is outside the configured URL's directory)"],
    ];
    for (const [path, status, message] of cases) {
      await setStreams(server, admin, 'test-cam-03', { mainUrl: at(path) });
      const response = await api(server, 'GET', cameraPlaylistPath('test-cam-03', 'main'), { cookie: operator });
      expect(response.status, path).toBe(status);
      expect(response.body, path).toMatchObject({ error: expect.any(String), message });
    }
    await setStreams(server, admin, 'test-cam-03', { mainUrl: `${upstream.url}/cam1/index.m3u8` }); // no credentials
    const refused = await api(server, 'GET', cameraPlaylistPath('test-cam-03', 'main'), { cookie: operator });
    expect([refused.status, refused.body.message]).toEqual([502, 'camera test-cam-03 main stream: upstream refused the configured credentials (401)']);

    await setStreams(server, admin, 'test-cam-03', { mainUrl: at('redirect-in.m3u8') });
    const redirected = await get(cameraPlaylistPath('test-cam-03', 'main'));
    expect(redirected.status).toBe(200);
    expect(redirected.text).toContain('#EXT-X-MEDIA-SEQUENCE:100');

    await setStreams(server, admin, 'test-cam-03', { mainUrl: at('huge.m3u8') });
    const huge = await get(cameraPlaylistPath('test-cam-03', 'main'));
    const tooLarge = await api(server, 'GET', playlistUris(huge.text).segments[0]!, { cookie: operator });
    expect([tooLarge.status, tooLarge.body.message]).toEqual([502, 'camera test-cam-03 main stream: upstream answer is larger than 33554432 bytes']);

    expect(privateHits()).toEqual([]);
    expect((await api(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers 502 while the upstream is down and 200 again once it is back', async () => {
    const before = await get(cameraPlaylistPath('test-cam-01', 'main'));
    expect(before.status).toBe(200);
    await upstream.close();
    const down = await api(server, 'GET', cameraPlaylistPath('test-cam-01', 'main'), { cookie: operator });
    expect(down.status).toBe(502);
    expect(down.body.message).toBe('camera test-cam-01 main stream: upstream unreachable (ECONNREFUSED)');
    const segmentDown = await api(server, 'GET', playlistUris(before.text).segments[0]!, { cookie: operator });
    expect(segmentDown.status).toBe(502);
    await upstream.listen(); // the same port
    const back = await get(cameraPlaylistPath('test-cam-01', 'main'));
    expect(back.status).toBe(200);
    expect(back.text).toBe(before.text);
  });
});
