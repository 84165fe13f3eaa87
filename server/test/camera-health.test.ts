import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { INGEST_KEY, TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';
import { setStreams, startUpstream, type Upstream } from './helpers/video.js';

describe(`camera health from its stream (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let client: TestClient;
  let upstream: Upstream;
  let mode: 'ok' | 'missing' = 'ok';

  beforeAll(async () => {
    upstream = await startUpstream((_request, response) => {
      if (mode === 'missing') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      response.end('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nseg.ts\n');
    });
    handle = await createTestDatabase();
    server = await startServer(handle, { video: { cameraHealth: { intervalMs: 50, failuresBeforeOffline: 2 } } });
    admin = await login(server);
    client = new TestClient(server, await createUser(server, admin, 'op1', 'operator'));
    await client.connected();
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await handle?.destroy();
    await upstream?.close();
  });

  const statusEvents = () =>
    client.events.filter((event): event is Extract<DomainEvent, { type: 'device.statusChanged' }> => event.type === 'device.statusChanged' && event.payload.deviceId === 'test-cam-01');
  const rounds = async (n: number) => {
    const hits = upstream.hits.length;
    await waitFor(() => upstream.hits.length >= hits + n, `${n} more checks`);
  };

  it('marks a camera offline once when its playlist keeps failing, and online when it answers again', async () => {
    await setStreams(server, admin, 'test-cam-01', { mainUrl: `${upstream.url}/cam/index.m3u8` });
    await rounds(3);
    expect(statusEvents()).toEqual([]);

    mode = 'missing';
    await waitFor(() => statusEvents().length === 1, 'the camera going offline');
    expect(statusEvents()[0]).toMatchObject({ payload: { status: 'offline', previous: 'online' }, actor: { kind: 'system', id: 'camera-health' } });
    await rounds(4);
    expect(statusEvents()).toHaveLength(1); // still failing: no more events

    mode = 'ok';
    await waitFor(() => statusEvents().length === 2, 'the camera coming back online');
    expect(statusEvents()[1]).toMatchObject({ payload: { status: 'online', previous: 'offline' } });
    await rounds(3);
    expect(statusEvents()).toHaveLength(2);
  });

  it('leaves a status it did not set alone (disabled)', async () => {
    const disabled = await api(server, 'POST', '/api/v1/devices/test-cam-01/status', { body: { status: 'disabled' }, headers: { authorization: `Bearer ${INGEST_KEY}` } });
    expect(disabled.status).toBe(200);
    await waitFor(() => statusEvents().length === 3, 'the disabled event');
    mode = 'missing';
    await rounds(5);
    mode = 'ok';
    await rounds(3);
    expect(statusEvents().map((event) => event.payload.status)).toEqual(['offline', 'online', 'disabled']);
  });

  it('stops checking a camera whose streams are removed', async () => {
    await api(server, 'DELETE', '/api/v1/cameras/test-cam-01/streams', { cookie: admin });
    const hits = upstream.hits.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(upstream.hits.length - hits).toBeLessThanOrEqual(1); // at most a round already under way
  });
});
