import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from './helpers/cluster.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { addGuard, buildAnchoredSite, gpsAt, recordFrames } from './helpers/positions.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

const site = buildAnchoredSite();

/**
 * One node loses its Redis (a TCP proxy in front of the shared one, so nobody else's Redis is
 * touched): alarms still reach its screens through PostgreSQL, nothing crashes, and frames from
 * the other node come back when Redis does.
 */
if (testDbKind === 'postgres') {
  describe('a node that loses Redis (postgres)', () => {
    let handle: TestDatabaseHandle;
    const prefix = `vigil-test-${randomUUID().slice(0, 8)}`;
    const proxy = new TcpProxy(new URL(REDIS_URL).hostname, Number(new URL(REDIS_URL).port || 6379));
    let a: TestServer;
    let b: TestServer;

    beforeAll(async () => {
      handle = await createTestDatabase();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      const databaseUrl = handle.target.url;
      await proxy.start();
      a = await startServer(handle, { site, cluster: { databaseUrl, redisUrl: REDIS_URL, redisPrefix: prefix } });
      b = await startServer(handle, { site, cluster: { databaseUrl, redisUrl: `redis://127.0.0.1:${proxy.port}`, redisPrefix: prefix } });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      await proxy.close();
      await handle?.destroy();
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      await redis.del(`${prefix}:socket.io`);
      await redis.close();
    });

    it('keeps delivering alarms from the log, and frames again once Redis is back', { timeout: 90_000 }, async () => {
      const admin = await login(b);
      const guard = await addGuard(a, admin);
      const screen = new TestClient(b, admin);
      const frames = recordFrames(screen.socket);
      await screen.connected();
      const report = async (x: number, battery: number) => {
        const spot = gpsAt(site, [x, 60]);
        expect((await api(a, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&batt=${battery}`)).status).toBe(200);
      };
      const framed = (battery: number) => frames.frames.some(({ frame }) => frame.fixes.some((fix) => fix.guardId === guard.id && fix.battery === battery));
      await report(50, 80);
      await waitFor(() => framed(80), 'a frame from node A on node B');

      await proxy.down();
      const posted = await postAlarm(a, buildAlarm({ source: { externalId: 'while-redis-is-away' } }));
      expect(posted.status).toBe(201);
      await waitFor(
        () => screen.events.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === posted.body.alarm.id),
        'the alarm on node B without Redis',
      );
      await report(55, 79);
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      await proxy.up();
      // Redis reconnects with backoff; fixes keep coming, as a tracker's do.
      let battery = 70;
      await expect
        .poll(
          async () => {
            battery -= 1;
            await report(60 + (70 - battery), battery);
            await new Promise((resolve) => setTimeout(resolve, 300));
            return framed(battery);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      // Node B is whole: it answers and its screen is still connected.
      expect((await api(b, 'GET', '/readyz')).status).toBe(200);
      expect(screen.socket.connected).toBe(true);
      screen.close();
    });
  });
}

describe(`a node without REDIS_URL (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('frames its own fixes to its screens with no cluster at all', async () => {
    const admin = await login(server);
    const guard = await addGuard(server, admin);
    const screen = new TestClient(server, admin);
    const frames = recordFrames(screen.socket);
    await screen.connected();
    const spot = gpsAt(site, [40, 40]);
    expect((await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&batt=33`)).status).toBe(200);
    await waitFor(() => frames.frames.some(({ frame }) => frame.fixes.some((fix) => fix.guardId === guard.id && fix.battery === 33)), 'the frame');
    expect(server.app.cluster).toBeNull();
    screen.close();
  });
});
