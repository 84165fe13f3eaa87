import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath, cameraSnapshotPath } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { eq } from 'drizzle-orm';
import { USER_PASSWORD, api, createUser, login, startServer, type TestServer } from './helpers/server.js';
import { sessions } from '../src/db/schema/index.js';
import { sha256 } from '../src/lib/tokens.js';
import {
  bodyOf,
  getBytes,
  playlistUris,
  setStreams,
  videoConnectError,
  videoConnected,
  videoGet,
  videoSocket,
  type VideoSocket,
} from './helpers/video.js';

describe(`who may watch and configure camera video, and bad input (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  let wall: string;
  let guard: string;
  const frozen = Date.now();
  let offset = 0;
  const sockets: VideoSocket[] = [];
  const open = (cookie?: string) => {
    const socket = videoSocket(server, cookie);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    // A still clock: the demo playlist is the same for the HTTP and the socket request.
    server = await startServer(handle, { clock: () => new Date(frozen + offset) });
    admin = await login(server);
    operator = await createUser(server, admin, 'op1', 'operator');
    wall = await createUser(server, admin, 'wall1', 'wall');
    guard = await createUser(server, admin, 'guard1', 'guard');
    await setStreams(server, admin, 'test-cam-01', { mainUrl: 'demo://demo-cam-09/main', subUrl: 'demo://demo-cam-09/sub', snapshotUrl: 'demo://demo-cam-09/snapshot' });
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await server?.close();
    await handle?.destroy();
  });

  const playlist = cameraPlaylistPath('test-cam-01', 'main');

  it('lets the admin, commander, operator and wall roles watch; refuses no session and the guard', async () => {
    const commander = await createUser(server, admin, 'cmd1', 'commander');
    for (const cookie of [admin, commander, operator, wall]) expect((await getBytes(server, playlist, cookie)).status).toBe(200);
    const { text } = await getBytes(server, playlist, wall);
    const ref = playlistUris(text).segments[0]!;
    for (const path of [playlist, ref, cameraSnapshotPath('test-cam-01'), '/api/v1/cameras/test-cam-01/streams']) {
      const anonymous = await api(server, 'GET', path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.error).toBe('unauthorized');
    }
    for (const path of [playlist, ref, cameraSnapshotPath('test-cam-01')]) {
      const refused = await api(server, 'GET', path, { cookie: guard });
      expect(refused.status, path).toBe(403);
      expect(refused.body.message).toBe('forbidden: the guard role may not use wall.watch');
    }
    expect((await api(server, 'GET', '/api/v1/cameras/test-cam-01/streams', { cookie: 'vigil_session=forged' })).status).toBe(401);
  });

  it('lets only the admin read and set stream URLs', async () => {
    for (const cookie of [operator, wall, guard]) {
      expect((await api(server, 'GET', '/api/v1/cameras/test-cam-01/streams', { cookie })).status).toBe(403);
      const put = await api(server, 'PUT', '/api/v1/cameras/test-cam-01/streams', { cookie, body: { mainUrl: 'http://evil.example/x.m3u8' } });
      expect(put.status).toBe(403);
      expect((await api(server, 'DELETE', '/api/v1/cameras/test-cam-01/streams', { cookie })).status).toBe(403);
    }
    const read = await api(server, 'GET', '/api/v1/cameras/test-cam-01/streams', { cookie: admin });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      cameraId: 'test-cam-01',
      streams: { mainUrl: 'demo://demo-cam-09/main', subUrl: 'demo://demo-cam-09/sub', snapshotUrl: 'demo://demo-cam-09/snapshot', updatedAt: new Date(frozen).toISOString() },
    });
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    const before = await api(server, 'GET', '/api/v1/cameras/test-cam-01/streams', { cookie: admin });
    const gets: [string, number, RegExp][] = [
      ['/api/v1/cameras/test-cam-01/hd/index.m3u8', 400, /^variant: must be one of main, sub$/],
      ['/api/v1/cameras/test-cam-01/MAIN/index.m3u8', 400, /^variant: must be one of main, sub$/],
      ['/api/v1/cameras/bad%20camera/main/index.m3u8', 400, /^cameraId: may contain only/],
      [`/api/v1/cameras/${'c'.repeat(129)}/snapshot`, 400, /^cameraId: must be at most 128 characters$/],
      ['/api/v1/cameras/test-cam-01/main/r/bad.ref!', 400, /^ref: is not a reference this relay issued$/],
      ['/api/v1/cameras/nope/main/index.m3u8', 404, /^cameraId: no camera with id "nope"$/],
      ['/api/v1/cameras/test-door-b1/main/index.m3u8', 404, /^cameraId: device "test-door-b1" is a door, not a camera$/],
      ['/api/v1/cameras/nope/streams', 404, /^cameraId: no camera with id "nope"$/],
      ['/api/v1/cameras/test-door-b1/streams', 422, /^cameraId: device "test-door-b1" is a door, not a camera$/],
    ];
    for (const [path, status, message] of gets) {
      const response = await api(server, 'GET', path, { cookie: admin });
      expect(response.status, path).toBe(status);
      expect(response.body.message, path).toMatch(message);
    }

    const puts: [string, unknown, number, RegExp][] = [
      ['test-cam-01', { mainUrl: 'ftp://nvr/cam1.m3u8' }, 400, /^mainUrl: must be an http:\/\/, https:\/\/ or demo:\/\/ URL$/],
      ['test-cam-01', { mainUrl: 'javascript:alert(1)' }, 400, /^mainUrl: must be an http/],
      ['test-cam-01', { mainUrl: 'http://nvr/a b.m3u8' }, 400, /^mainUrl: must be an http/],
      ['test-cam-01', { mainUrl: 'http://[::1/cam.m3u8' }, 400, /^mainUrl: is not a valid URL$/],
      ['test-cam-01', { mainUrl: 42 }, 400, /^mainUrl: must be a URL string$/],
      ['test-cam-01', {}, 400, /^mainUrl: must be a URL string$/],
      ['test-cam-01', { mainUrl: 'http://nvr/a.m3u8', subUrl: 'rtsp://nvr/sub' }, 400, /^subUrl: must be an http/],
      ['test-cam-01', { mainUrl: 'http://nvr/a.m3u8', extra: 1 }, 400, /^extra: unknown field$/],
      ['test-cam-01', { mainUrl: `http://nvr/${'a'.repeat(2000)}` }, 400, /^mainUrl: must be at most 2000 characters$/],
      ['test-cam-01', { mainUrl: 'demo://demo-cam-99/main' }, 422, /^mainUrl: names no demo stream/],
      ['test-cam-01', { mainUrl: 'demo://demo-cam-01/hd' }, 422, /^mainUrl: names no demo stream/],
      ['test-cam-01', { mainUrl: 'demo://demo-cam-01/main', snapshotUrl: 'demo://demo-cam-01/main' }, 422, /^snapshotUrl: names no demo snapshot/],
      ['nope', { mainUrl: 'http://nvr/a.m3u8' }, 404, /^cameraId: no camera with id "nope"$/],
      ['test-door-b1', { mainUrl: 'http://nvr/a.m3u8' }, 422, /^cameraId: device "test-door-b1" is a door, not a camera$/],
      ['bad%20id', { mainUrl: 'http://nvr/a.m3u8' }, 400, /^cameraId: may contain only/],
    ];
    for (const [cameraId, body, status, message] of puts) {
      const response = await api(server, 'PUT', `/api/v1/cameras/${cameraId}/streams`, { cookie: admin, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.message, JSON.stringify(body)).toMatch(message);
    }
    const notJson = await api(server, 'PUT', '/api/v1/cameras/test-cam-01/streams', { cookie: admin, rawBody: '{"mainUrl":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);

    expect(await api(server, 'GET', '/api/v1/cameras/test-cam-01/streams', { cookie: admin })).toMatchObject({ status: 200, body: before.body });
    expect((await api(server, 'GET', '/api/v1/cameras/test-door-b1/streams', { cookie: admin })).status).toBe(422);
  });

  it('removes a camera’s streams, after which the relay has nothing to play', async () => {
    await setStreams(server, admin, 'test-cam-01', { mainUrl: 'demo://demo-cam-10/main' });
    const removed = await api(server, 'DELETE', '/api/v1/cameras/test-cam-01/streams', { cookie: admin });
    expect(removed).toMatchObject({ status: 200, body: { cameraId: 'test-cam-01', streams: null } });
    const gone = await api(server, 'GET', playlist, { cookie: operator });
    expect([gone.status, gone.body.message]).toEqual([404, 'camera test-cam-01: no video streams are configured']);
    await setStreams(server, admin, 'test-cam-01', { mainUrl: 'demo://demo-cam-09/main', subUrl: 'demo://demo-cam-09/sub', snapshotUrl: 'demo://demo-cam-09/snapshot' });
  });

  it('refuses /video sockets without a session or without wall.watch', async () => {
    expect(await videoConnectError(open())).toBe('unauthorized');
    expect(await videoConnectError(open('vigil_session=forged'))).toBe('unauthorized');
    expect(await videoConnectError(open(guard))).toBe('forbidden: the guard role may not use wall.watch');
    const socket = open(wall);
    await videoConnected(socket);
    expect(socket.connected).toBe(true);
  });

  it('answers video.get with exactly what HTTP answers for the same path', async () => {
    const socket = open(operator);
    await videoConnected(socket);
    for (const variant of ['main', 'sub'] as const) {
      const path = cameraPlaylistPath('test-cam-01', variant);
      const http = await getBytes(server, path, operator);
      const overSocket = await videoGet(socket, { path });
      expect(overSocket).toMatchObject({ ok: true, status: 200, contentType: 'application/vnd.apple.mpegurl' });
      expect(bodyOf(overSocket).equals(http.bytes)).toBe(true);
      const { segments, attributes } = playlistUris(http.text);
      for (const uri of [...new Set(attributes), ...segments]) {
        const [viaHttp, viaSocket] = [await getBytes(server, uri, operator), await videoGet(socket, { path: uri })];
        expect(viaHttp.status).toBe(200);
        expect(viaSocket).toMatchObject({ ok: true, status: 200, contentType: viaHttp.contentType });
        expect(bodyOf(viaSocket).equals(viaHttp.bytes), uri).toBe(true);
      }
    }
    const snapshot = await videoGet(socket, { path: cameraSnapshotPath('test-cam-01') });
    expect(snapshot).toMatchObject({ ok: true, status: 200, contentType: 'image/jpeg' });
    expect(bodyOf(snapshot).equals((await getBytes(server, cameraSnapshotPath('test-cam-01'), operator)).bytes)).toBe(true);

    // Sixteen tiles at once over the one socket.
    const many = await Promise.all(Array.from({ length: 16 }, () => videoGet(socket, { path: cameraPlaylistPath('test-cam-01', 'sub') })));
    expect(many.every((response) => response.ok)).toBe(true);

    // Errors too: the same status, and the HTTP message as the error.
    for (const path of ['/api/v1/cameras/nope/main/index.m3u8', '/api/v1/cameras/test-door-b1/sub/index.m3u8', '/api/v1/cameras/test-cam-01/main/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/api/v1/cameras/test-cam-01/hd/index.m3u8']) {
      const http = await api(server, 'GET', path, { cookie: operator });
      expect(await videoGet(socket, { path }), path).toEqual({ ok: false, status: http.status, error: http.body.message });
    }
  });

  it('refuses bad video.get requests with a 400 naming the field, and keeps the socket', async () => {
    const socket = open(wall);
    await videoConnected(socket);
    const cases: [unknown, RegExp][] = [
      [{}, /^path: must be a string$/],
      [null, /^path: must be a string$/],
      ['just a string', /^path: must be a string$/],
      [{ path: 42 }, /^path: must be a string$/],
      [{ path: '/api/v1/alarms' }, /^path: must be a camera video path under \/api\/v1\/cameras\/$/],
      [{ path: 'http://127.0.0.1:1/api/v1/cameras/test-cam-01/snapshot' }, /^path: must be a camera video path/],
      [{ path: '/api/v1/cameras/test-cam-01/streams' }, /^path: must be a camera playlist/],
      [{ path: '/api/v1/cameras/test-cam-01/../../alarms' }, /^path: must be a camera playlist/],
      [{ path: '/api/v1/cameras/test-cam-01/hd/index.m3u8' }, /^variant: must be one of main, sub$/],
      [{ path: '/api/v1/cameras/bad%20id/snapshot' }, /^cameraId: may contain only/],
      [{ path: `/api/v1/cameras/test-cam-01/main/r/${'A'.repeat(6000)}` }, /^path: must be at most 5000 characters$/],
    ];
    for (const [request, error] of cases) {
      const response = await videoGet(socket, request);
      expect(response.ok, JSON.stringify(request)).toBe(false);
      if (!response.ok) {
        expect(response.status).toBe(400);
        expect(response.error, JSON.stringify(request)).toMatch(error);
      }
    }
    expect(socket.connected).toBe(true);
    expect((await videoGet(socket, { path: playlist })).ok).toBe(true);
  });

  it('stops serving a socket whose session has ended', async () => {
    const cookie = await createUser(server, admin, 'op2', 'operator');
    const socket = open(cookie);
    await videoConnected(socket);
    expect((await videoGet(socket, { path: playlist })).ok).toBe(true);
    // The logout ends the session's sockets at once, /video included.
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const logout = await api(server, 'POST', '/api/v1/auth/logout', { cookie });
    expect(logout.status).toBeLessThan(300);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('refuses video.get once the session is gone by any other way (re-read every 10 s)', async () => {
    const cookie = await login(server, 'op2', USER_PASSWORD);
    const socket = open(cookie);
    await videoConnected(socket);
    // Gone without a logout on this node (another node, an expiry sweep): the periodic re-read notices.
    await server.database.db.delete(sessions).where(eq(sessions.id, sha256(cookie.split('=')[1]!)));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    offset += 10_000;
    // The connection's own re-read after joining may still be on its way (a busy database) and end
    // the socket first: either way no video is served, and the socket ends.
    const answer = await videoGet(socket, { path: playlist }).catch((error: unknown) => ({ ended: String(error) }));
    expect([{ ok: false, status: 401, error: 'unauthorized: the session has ended; log in again' }, { ended: 'Error: socket has been disconnected' }]).toContainEqual(answer);
    await disconnected;
    offset -= 10_000;
  });
});
