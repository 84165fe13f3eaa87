import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_AFTER_MS } from '@vigil/shared';
import { insertPositions } from '../src/repositories/positions.repository.js';
import { eventsAfter } from '../src/repositories/events.repository.js';
import { REDIS_URL } from './helpers/cluster.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { addGuard, buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();
/** The nodes' own silence timers, short: the last step waits for them to run (twice, to see no second alarm). */
const SILENCE_CHECK_MS = 2_000;

/**
 * Two nodes in one process (each its own app, pool, LISTEN session and Redis adapter) on one
 * PostgreSQL, with their own clocks: what must not depend on which node did it.
 */
if (testDbKind === 'postgres') {
  describe('two nodes, one clock and one silence check (postgres)', () => {
    let handle: TestDatabaseHandle;
    const prefix = `vigil-test-${randomUUID().slice(0, 8)}`;
    const servers: TestServer[] = [];
    let databaseUrl = '';
    const cluster = () => ({ databaseUrl, redisUrl: REDIS_URL, redisPrefix: prefix, leaderIntervalMs: 200 });

    beforeAll(async () => {
      handle = await createTestDatabase();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      databaseUrl = handle.target.url;
    });
    afterAll(async () => {
      for (const server of servers) await server.close();
      await handle?.destroy();
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      await redis.del(`${prefix}:socket.io`);
      await redis.close();
    });

    it('stamps `at` from the database inside the append, so it rises with seq whichever node appends, whatever their clocks say', { timeout: 60_000 }, async () => {
      // One node an hour behind, one an hour ahead.
      const behind = await startServer(handle, { site, clock: () => new Date(Date.now() - 3_600_000), cluster: cluster() });
      servers.push(behind);
      const ahead = await startServer(handle, { site, clock: () => new Date(Date.now() + 3_600_000), cluster: cluster() });
      servers.push(ahead);
      const before = Date.now();
      for (let i = 0; i < 10; i += 1) {
        const node = i % 2 === 0 ? behind : ahead;
        const posted = await postAlarm(node, buildAlarm({ source: { externalId: `clock-${i}` }, occurredAt: undefined }));
        expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      }
      const after = Date.now();
      const raised = (await eventsAfter(behind.database.db, 'live', 0, 1_000)).filter((event) => event.type === 'alarm.raised');
      expect(raised).toHaveLength(10);
      const times = raised.map((event) => Date.parse(event.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // The database's clock (this machine's), not either node's.
      for (const time of times) {
        expect(time).toBeGreaterThanOrEqual(before - 1_000);
        expect(time).toBeLessThanOrEqual(after + 1_000);
      }
      for (const server of servers.splice(0)) await server.close();
    });

    it('calls a guard silent once, on the leader only, and not while another node stored a newer fix', { timeout: 90_000 }, async () => {
      let offset = 0;
      const clock = () => new Date(Date.now() + offset);
      const leader = await startServer(handle, { site, clock, cluster: cluster(), silenceCheckMs: SILENCE_CHECK_MS });
      servers.push(leader);
      await waitFor(() => leader.app.leadership.isLeader(), 'the first node to lead');
      const follower = await startServer(handle, { site, clock, cluster: cluster(), silenceCheckMs: SILENCE_CHECK_MS });
      servers.push(follower);
      const admin = await login(follower);
      const guard = await addGuard(follower, admin, { onShift: true });
      const spot = gpsAt(site, [90, 60]);
      // The tracker reports to the follower; the leader learns the fix through the adapter.
      expect((await api(follower, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&batt=50`)).status).toBe(200);
      await waitFor(() => leader.app.positions.lane.latestFix(guard.id)?.battery === 50, 'the leader to adopt the fix');
      await follower.app.positions.lane.flush();

      // Near the silence limit, a fix reaches only the positions table (its frame lost on the way).
      offset = SILENT_AFTER_MS - 10_000;
      const row = { guardId: guard.id, at: clock(), receivedAt: clock(), siteId: 'test', x: 91, y: 60, floor: 0, lat: spot.lat, lon: spot.lon, accuracy: null, heading: null, speed: null, battery: 49, source: 'osmand' as const };
      await insertPositions(follower.database.db, [row]);
      offset = SILENT_AFTER_MS + 20_000;
      leader.app.positions.lane.checkSilence();
      await leader.app.positions.lane.silenceChecked();
      await leader.app.positions.idle();
      const silentEvents = async () =>
        (await eventsAfter(leader.database.db, 'live', 0, 10_000)).filter(
          (event) =>
            (event.type === 'alarm.raised' && event.payload.alarm.kind === 'guard_silent' && event.payload.alarm.attributes.guardId === guard.id) ||
            event.type === 'alarm.repeated',
        );
      expect(await silentEvents()).toEqual([]);
      expect(leader.app.positions.lane.latestFix(guard.id)?.battery).toBe(49);

      // Really quiet now: the nodes' own timers run; only the leader's calls the guard silent, once.
      offset = 2 * SILENT_AFTER_MS + 20_000;
      await expect.poll(async () => (await silentEvents()).length, { timeout: SILENCE_CHECK_MS + 10_000, interval: 500 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, SILENCE_CHECK_MS + 2_000));
      await follower.app.positions.idle();
      expect((await silentEvents()).map((event) => event.type)).toEqual(['alarm.raised']);
    });
  });
}

describe(`one node (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('keeps `at` from its own clock without REDIS_URL (a fake clock in tests still stamps events)', async () => {
    const fixed = new Date(Date.now() - 3_600_000);
    server = await startServer(handle, { clock: () => fixed });
    expect(server.app.cluster).toBeNull();
    expect(server.app.leadership.isLeader()).toBe(true);
    const posted = await postAlarm(server, buildAlarm({ occurredAt: undefined }));
    expect(posted.status).toBe(201);
    const raised = (await eventsAfter(server.database.db, 'live', 0, 100)).filter((event) => event.type === 'alarm.raised');
    expect(raised.map((event) => event.at)).toEqual([fixed.toISOString()]);
  });
});
