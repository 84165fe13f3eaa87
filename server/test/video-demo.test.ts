import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath, cameraSnapshotPath } from '@vigil/shared';
import { bootstrap } from '../src/services/bootstrap.js';
import { demoSite } from '../src/sim/demo-site.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { ADMIN_PASSWORD, TestClient, api, createUser, login, startServer, type TestServer } from './helpers/server.js';
import { DEMO_ASSETS, getBytes, playlistUris, setStreams, tagValue } from './helpers/video.js';

const LOOP = 8; // segments of 1 s in each demo loop (scripts/make-demo-video.sh)
const TIMESCALE = 15360n; // ticks per second of the demo tracks

/** A segment's baseMediaDecodeTime (tfdt), and its media data (mdat to the end). */
const decodeTime = (segment: Buffer) => segment.readBigUInt64BE(segment.indexOf('tfdt', 0, 'latin1') + 8);
const mdat = (segment: Buffer) => segment.subarray(segment.indexOf('mdat', 0, 'latin1') - 4);

describe(`demo live video through the relay (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  let offset = 0;
  /** Puts the server's clock `secondsIntoLoop` (plus 0.5 s) into a loop of the demo video. */
  const setLoopTime = (secondsIntoLoop: number) => {
    const now = Date.now();
    offset = Math.floor(now / (LOOP * 1000)) * LOOP * 1000 + secondsIntoLoop * 1000 + 500 - now;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: demoSite, clock: () => new Date(Date.now() + offset) });
    admin = await login(server);
    operator = await createUser(server, admin, 'op1', 'operator');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('seeds demo streams for all 22 demo cameras on the first start, and leaves them on the next', async () => {
    for (let n = 1; n <= 22; n += 1) {
      const id = `demo-cam-${String(n).padStart(2, '0')}`;
      const response = await api(server, 'GET', `/api/v1/cameras/${id}/streams`, { cookie: admin });
      expect(response.status, id).toBe(200);
      expect(response.body.streams).toMatchObject({ mainUrl: `demo://${id}/main`, subUrl: `demo://${id}/sub`, snapshotUrl: `demo://${id}/snapshot` });
    }
    await setStreams(server, admin, 'demo-cam-22', { mainUrl: 'demo://demo-cam-21/main' });
    await bootstrap(server.database.db, { adminPassword: ADMIN_PASSWORD, demoSite });
    const kept = await api(server, 'GET', '/api/v1/cameras/demo-cam-22/streams', { cookie: admin });
    expect(kept.body.streams).toMatchObject({ mainUrl: 'demo://demo-cam-21/main', subUrl: null });
    await setStreams(server, admin, 'demo-cam-22', { mainUrl: 'demo://demo-cam-22/main', subUrl: 'demo://demo-cam-22/sub', snapshotUrl: 'demo://demo-cam-22/snapshot' });
  });

  it('answers a live media playlist whose window moves with the clock, with no end', async () => {
    setLoopTime(5);
    const first = await getBytes(server, cameraPlaylistPath('demo-cam-03', 'main'), operator);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^application\/vnd\.apple\.mpegurl/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.text.startsWith('#EXTM3U\n')).toBe(true);
    expect(first.text).not.toContain('#EXT-X-ENDLIST');
    expect(first.text).not.toContain('demo://');
    expect(tagValue(first.text, 'EXT-X-TARGETDURATION')).toBe(1);
    const sequence = tagValue(first.text, 'EXT-X-MEDIA-SEQUENCE');
    expect(sequence).toBe(Math.floor((Date.now() + offset) / 1000) - 5);
    expect(playlistUris(first.text).segments).toHaveLength(5);

    offset += 3000;
    const later = await getBytes(server, cameraPlaylistPath('demo-cam-03', 'main'), operator);
    expect(tagValue(later.text, 'EXT-X-MEDIA-SEQUENCE')).toBe(sequence + 3);
    // The segment numbered sequence+3 is the same resource in both playlists.
    expect(playlistUris(later.text).segments[0]).toBe(playlistUris(first.text).segments[3]);
  });

  it('runs the media timeline on through the wrap of the loop, with no discontinuity', async () => {
    setLoopTime(2); // newest complete segment: the loop's second; the window is 5,6,7 | 0,1
    const { text } = await getBytes(server, cameraPlaylistPath('demo-cam-03', 'main'), operator);
    const sequence = tagValue(text, 'EXT-X-MEDIA-SEQUENCE');
    expect(sequence % LOOP).toBe(LOOP - 3);
    expect(text).not.toContain('DISCONTINUITY');
    const times: bigint[] = [];
    for (const uri of playlistUris(text).segments) times.push(decodeTime((await getBytes(server, uri, operator)).bytes));
    expect(times).toEqual([0, 1, 2, 3, 4].map((i) => BigInt(sequence + i) * TIMESCALE));
  });

  it('serves the init segment as committed and every segment of the window with the loop file\'s media', async () => {
    for (const variant of ['main', 'sub'] as const) {
      for (const secondsIntoLoop of [1, 6]) {
        setLoopTime(secondsIntoLoop);
        const { text } = await getBytes(server, cameraPlaylistPath('demo-cam-07', variant), operator);
        const sequence = tagValue(text, 'EXT-X-MEDIA-SEQUENCE');
        const { segments, attributes } = playlistUris(text);
        const asset = (file: string) => readFileSync(join(DEMO_ASSETS, 'demo-cam-07', variant, file));
        expect(attributes).toHaveLength(1);
        expect(attributes[0]).toMatch(new RegExp(`^/api/v1/cameras/demo-cam-07/${variant}/r/[A-Za-z0-9_-]+$`));
        const init = await getBytes(server, attributes[0]!, operator);
        expect(init.status).toBe(200);
        expect(init.contentType).toBe('video/mp4');
        expect(init.bytes.equals(asset('init.mp4'))).toBe(true);
        for (const [index, uri] of segments.entries()) {
          const segment = await getBytes(server, uri, operator);
          expect(segment.status, uri).toBe(200);
          expect(segment.contentType).toBe('video/mp4');
          expect(segment.headers.get('x-content-type-options')).toBe('nosniff');
          const file = asset(`seg-${String((sequence + index) % LOOP).padStart(2, '0')}.m4s`);
          expect(mdat(segment.bytes).length).toBeGreaterThan(500);
          expect(mdat(segment.bytes).equals(mdat(file)), `${variant} ${uri}`).toBe(true);
          expect(decodeTime(segment.bytes)).toBe(BigInt(sequence + index) * TIMESCALE);
        }
      }
    }
  });

  it('gives each camera its own video, and the snapshot as a JPEG', async () => {
    setLoopTime(4);
    const firstSegment = async (cameraId: string) => {
      const { text } = await getBytes(server, cameraPlaylistPath(cameraId, 'sub'), operator);
      return (await getBytes(server, playlistUris(text).segments[0]!, operator)).bytes;
    };
    expect((await firstSegment('demo-cam-01')).equals(await firstSegment('demo-cam-02'))).toBe(false);
    const snapshot = await getBytes(server, cameraSnapshotPath('demo-cam-12'), operator);
    expect(snapshot.status).toBe(200);
    expect(snapshot.contentType).toBe('image/jpeg');
    expect(snapshot.bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(snapshot.bytes.equals(readFileSync(join(DEMO_ASSETS, 'demo-cam-12', 'snapshot.jpg')))).toBe(true);
  });

  it('plays another camera from a demo stream, falling back to main when there is no sub stream', async () => {
    await setStreams(server, admin, 'demo-cam-20', { mainUrl: 'demo://demo-cam-05/main' });
    setLoopTime(3);
    const { text } = await getBytes(server, cameraPlaylistPath('demo-cam-20', 'sub'), operator);
    const sequence = tagValue(text, 'EXT-X-MEDIA-SEQUENCE');
    const segment = await getBytes(server, playlistUris(text).segments[0]!, operator);
    const file = `seg-${String(sequence % LOOP).padStart(2, '0')}.m4s`;
    expect(mdat(segment.bytes).equals(mdat(readFileSync(join(DEMO_ASSETS, 'demo-cam-05', 'main', file))))).toBe(true);
    const snapshot = await api(server, 'GET', cameraSnapshotPath('demo-cam-20'), { cookie: operator });
    expect(snapshot.status).toBe(404);
    expect(snapshot.body).toMatchObject({ error: 'not_found', message: 'camera demo-cam-20 snapshot: no snapshot URL is configured' });
  });

  it('never puts stream URLs in site payloads or socket snapshots', async () => {
    await setStreams(server, admin, 'demo-cam-19', { mainUrl: 'http://viewer:s3cret@10.9.8.7/cam19/index.m3u8' });
    const sites = await api(server, 'GET', '/api/v1/sites', { cookie: operator });
    expect(sites.status).toBe(200);
    const client = new TestClient(server, operator);
    await client.connected();
    for (const payload of [JSON.stringify(sites.body), JSON.stringify(client.syncs)]) {
      expect(payload).toContain('demo-cam-19');
      expect(payload).not.toContain('s3cret');
      expect(payload).not.toContain('demo://');
      expect(payload).not.toContain('10.9.8.7');
    }
    client.close();
  });
});
