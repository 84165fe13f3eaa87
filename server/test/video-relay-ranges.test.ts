import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath, type Device } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { api, createUser, login, startServer, type TestServer } from './helpers/server.js';
import { bodyOf, playlistUris, setStreams, startUpstream, videoConnected, videoGet, videoSocket, type Upstream } from './helpers/video.js';

const camera = (n: number): Device => ({
  id: `range-cam-0${n}`,
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
const site = buildSite({ devices: [...base.devices, camera(1), camera(2)] });

/** One file of fMP4 with the init and two segments in it, addressed by byte ranges. */
const FILE = randomBytes(30_000);

/**
 * An origin like nginx or MediaMTX serving byte-range HLS: `/ranged/*` honours `Range` (206),
 * `/plain/*` ignores it (200 and the whole file, as many small camera web servers do). The
 * media playlist is low-latency (CAN-BLOCK-RELOAD, parts, a preload hint).
 */
function origin(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://origin');
  const playlist = [
    '#EXTM3U',
    '#EXT-X-VERSION:9',
    '#EXT-X-TARGETDURATION:1',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6',
    '#EXT-X-PART-INF:PART-TARGET=0.2',
    '#EXT-X-MEDIA-SEQUENCE:7',
    '#EXT-X-MAP:URI="all.mp4",BYTERANGE="1000@0"',
    '#EXTINF:1.0,',
    '#EXT-X-BYTERANGE:12000@1000',
    'all.mp4',
    '#EXTINF:1.0,',
    '#EXT-X-BYTERANGE:17000@13000',
    'all.mp4',
    '#EXT-X-PART:DURATION=0.2,URI="part9.0.mp4"',
    '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part9.1.mp4"',
  ];
  if (url.pathname.endsWith('/index.m3u8')) {
    response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
    response.end(`${playlist.join('\n')}\n`);
    return;
  }
  if (url.pathname === '/ranged/all.mp4' || url.pathname === '/plain/all.mp4') {
    const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    if (url.pathname === '/plain/all.mp4' || !match) {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(FILE.length) });
      response.end(FILE);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(match[2] === '' ? FILE.length - 1 : Number(match[2]), FILE.length - 1);
    if (start >= FILE.length) {
      response.writeHead(416, { 'content-range': `bytes */${FILE.length}` });
      response.end();
      return;
    }
    response.writeHead(206, { 'content-type': 'video/mp4', 'content-range': `bytes ${start}-${end}/${FILE.length}` });
    response.end(FILE.subarray(start, end + 1));
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not here');
}

describe(`the video relay and byte ranges, low-latency playlists (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let operator: string;
  let upstream: Upstream;
  /** The Range header of every upstream request, in order. */
  const rangeHeaders: (string | undefined)[] = [];

  beforeAll(async () => {
    upstream = await startUpstream((request, response) => {
      rangeHeaders.push(request.headers.range);
      origin(request, response);
    });
    handle = await createTestDatabase();
    server = await startServer(handle, { site, video: { upstreamTimeoutMs: 2_000 } });
    const admin = await login(server);
    operator = await createUser(server, admin, 'range-op', 'operator');
    await setStreams(server, admin, 'range-cam-01', { mainUrl: `${upstream.url}/ranged/index.m3u8` });
    await setStreams(server, admin, 'range-cam-02', { mainUrl: `${upstream.url}/plain/index.m3u8` });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
    await upstream?.close();
  });

  const segmentPath = async (cameraId: string) => {
    const media = await api(server, 'GET', cameraPlaylistPath(cameraId, 'main'), { cookie: operator });
    expect(media.status).toBe(200);
    return { text: media.body as string, segment: playlistUris(media.body as string).segments[0]! };
  };
  const getRange = async (path: string, range?: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: operator, ...(range ? { range } : {}) } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('passes a Range upstream and answers 206 with its Content-Range', async () => {
    const { segment } = await segmentPath('range-cam-01');
    const part = await getRange(segment, 'bytes=1000-12999');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-12999/${FILE.length}`);
    expect(part.bytes.equals(FILE.subarray(1000, 13000))).toBe(true);
    expect(rangeHeaders.at(-1)).toBe('bytes=1000-12999');
    const open = await getRange(segment, 'bytes=29000-');
    expect([open.status, open.headers.get('content-range'), open.bytes.length]).toEqual([206, `bytes 29000-29999/${FILE.length}`, 1000]);
    // No Range: the whole file, 200, as before.
    const whole = await getRange(segment);
    expect([whole.status, whole.bytes.equals(FILE)]).toEqual([200, true]);
    // Past the end: 416 naming the range.
    const past = await getRange(segment, 'bytes=99999-100000');
    expect(past.status).toBe(416);
    expect(JSON.parse(past.bytes.toString()).message).toMatch(/^range: bytes=99999-100000 starts past the end/);
  });

  it('cuts the range itself from an upstream that ignores Range, and still answers 206', async () => {
    const { segment } = await segmentPath('range-cam-02');
    const part = await getRange(segment, 'bytes=13000-29999');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 13000-29999/${FILE.length}`);
    expect(part.bytes.equals(FILE.subarray(13000, 30000))).toBe(true);
    expect((await getRange(segment, 'bytes=30000-')).status).toBe(416);
  });

  it('carries ranges over the /video socket too: 206, the bytes, the Content-Range; a bad range names the field', async () => {
    const { segment } = await segmentPath('range-cam-01');
    const socket = videoSocket(server, operator);
    await videoConnected(socket);
    try {
      const answer = await videoGet(socket, { path: segment, range: { start: 0, end: 999 } });
      expect(answer).toMatchObject({ ok: true, status: 206, contentType: 'video/mp4', contentRange: `bytes 0-999/${FILE.length}` });
      expect(bodyOf(answer).equals(FILE.subarray(0, 1000))).toBe(true);
      expect(rangeHeaders.at(-1)).toBe('bytes=0-999');
      const whole = await videoGet(socket, { path: segment });
      expect([whole.status, bodyOf(whole).length]).toEqual([200, FILE.length]);
      expect(await videoGet(socket, { path: segment, range: { start: 10, end: 5 } })).toEqual({ ok: false, status: 400, error: 'range.end: must not end before it starts' });
      expect(await videoGet(socket, { path: segment, range: { start: -1 } })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^range\.start:/) });
    } finally {
      socket.disconnect();
    }
  });

  it('strips low-latency HLS from the relayed playlist: no CAN-BLOCK-RELOAD without the _HLS_ parameters', async () => {
    const { text } = await segmentPath('range-cam-01');
    for (const tag of ['CAN-BLOCK-RELOAD', '#EXT-X-SERVER-CONTROL', '#EXT-X-PART', '#EXT-X-PRELOAD-HINT']) expect(text).not.toContain(tag);
    expect(text).toContain('#EXT-X-BYTERANGE:12000@1000');
    expect(text).toMatch(/#EXT-X-MAP:URI="[^"]+",BYTERANGE="1000@0"/);
    expect(playlistUris(text).segments).toHaveLength(2);
  });
});
