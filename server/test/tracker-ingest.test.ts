import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_ROWS } from '../src/positions/write-buffer.js';
import { countPositions } from '../src/repositories/positions.repository.js';
import { REDIS_URL } from './helpers/cluster.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { api, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

/** A legacy guard (no tracker URL): it reports at the bare `/osmand?id=`. */
async function legacyGuard(server: TestServer, admin: string, trackerId?: string) {
  const guard = await addGuard(server, admin, trackerId ? { trackerId } : {});
  expect((await api(server, 'DELETE', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin })).status).toBe(200);
  return guard;
}

let step = 0;
/** A fix at the bare path; resolves to the HTTP status. */
async function report(server: TestServer, trackerId: string, x = 60): Promise<{ status: number; body: { message?: string } | null; at: string }> {
  step += 1;
  const spot = gpsAt(site, [x, 60]);
  const at = new Date(Date.now() - 60_000 + step).toISOString();
  const response = await api(server, 'GET', `/osmand?id=${trackerId}&lat=${spot.lat}&lon=${spot.lon}&timestamp=${encodeURIComponent(at)}`);
  return { status: response.status, body: response.body, at };
}

/** Moves tracker id `trackerId` from guard `from` to guard `to`; the seq of the last change. */
async function moveTracker(server: TestServer, admin: string, trackerId: string, from: string, to: string): Promise<number> {
  const freed = await api(server, 'PATCH', `/api/v1/guards/${from}`, { cookie: admin, body: { trackerId: null } });
  expect(freed.status).toBe(200);
  const taken = await api(server, 'PATCH', `/api/v1/guards/${to}`, { cookie: admin, body: { trackerId } });
  expect(taken.status).toBe(200);
  return taken.body.seq as number;
}

describe(`tracker ingest on one node (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('reports a tracker moved from guard A to guard B as B at once, though A was cached', async () => {
    const trackerId = `moving-${randomUUID().slice(0, 8)}`;
    const a = await legacyGuard(server, admin, trackerId);
    const b = await legacyGuard(server, admin);
    // Twice: the second is answered from the cache.
    expect((await report(server, trackerId)).status).toBe(200);
    const second = await report(server, trackerId);
    expect(second.status).toBe(200);
    expect(server.app.positions.lane.latestFix(a.id)?.at).toBe(second.at);

    await moveTracker(server, admin, trackerId, a.id, b.id);
    const moved = await report(server, trackerId);
    expect(moved.status).toBe(200);
    expect(server.app.positions.lane.latestFix(b.id)?.at).toBe(moved.at);
    expect(server.app.positions.lane.latestFix(a.id)?.at).toBe(second.at);

    // Removed: the tracker id is nobody's any more, at once.
    expect((await api(server, 'DELETE', `/api/v1/guards/${b.id}`, { cookie: admin })).status).toBe(200);
    const gone = await report(server, trackerId);
    expect(gone.status).toBe(400);
    expect(gone.body?.message).toBe(`id: no guard has the tracker id "${trackerId}"`);
  });

  it('takes an unknown tracker id as soon as a guard is given it (no stale "unknown" kept)', async () => {
    const trackerId = `late-${randomUUID().slice(0, 8)}`;
    const refused = await report(server, trackerId);
    expect(refused.status).toBe(400);
    expect(refused.body?.message).toBe(`id: no guard has the tracker id "${trackerId}"`);
    const guard = await legacyGuard(server, admin, trackerId);
    const taken = await report(server, trackerId);
    expect(taken.status).toBe(200);
    expect(server.app.positions.lane.latestFix(guard.id)?.at).toBe(taken.at);
  });

  it('refuses bad fixes with a 400 naming the field, and keeps nothing of them', async () => {
    const guard = await addGuard(server, admin);
    const before = await countPositions(server.database.db, guard.id);
    const cases: { query: string; says: string }[] = [
      { query: `id=${guard.trackerId}&lat=91&lon=120`, says: 'lat: must be a number from -90 to 90' },
      { query: `id=${guard.trackerId}&lat=30&lon=-180.5`, says: 'lon: must be a number from -180 to 180' },
      { query: `id=${guard.trackerId}&lat=abc&lon=120`, says: 'lat: must be a number' },
      { query: `id=${guard.trackerId}&lat=30`, says: 'lon: is required with lat (or location=lat,lon)' },
      { query: `id=${guard.trackerId}%00&lat=30&lon=120`, says: 'id:' },
      { query: `id=${guard.trackerId}&lat=30&lon=120&timestamp=12%003`, says: 'timestamp:' },
    ];
    for (const { query, says } of cases) {
      const response = await api(server, 'GET', `${guard.osmand}?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.message, query).toContain(says);
    }
    const json = await api(server, 'POST', guard.osmand, { body: { device_id: guard.trackerId, location: { coords: { latitude: 30, longitude: 200 } } } });
    expect(json.status).toBe(400);
    expect(json.body.message).toContain('location.coords.longitude');
    expect(await countPositions(server.database.db, guard.id)).toBe(before);
    expect(server.app.positions.lane.latestFix(guard.id)).toBeUndefined();
  });

  it(`answers 503 with Retry-After past ${MAX_PENDING_ROWS} unwritten rows, before showing the fix; every fix acknowledged is stored`, { timeout: 120_000 }, async () => {
    const guard = await addGuard(server, admin);
    const spot = gpsAt(site, [40, 100]);
    // Warm the tracker cache while the database still answers.
    const first = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&timestamp=${Date.now() - 3_600_000}`);
    expect(first.status).toBe(200);

    // The database stalls: the positions table is locked until we let go.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let holder: Promise<unknown>;
    let pgClient: pg.Client | null = null;
    if (handle.target.kind === 'postgres') {
      pgClient = new pg.Client({ connectionString: handle.target.url });
      await pgClient.connect();
      await pgClient.query('begin');
      await pgClient.query('lock table positions in exclusive mode');
      locked();
      holder = released.then(() => pgClient!.query('commit'));
    } else {
      holder = server.database.db.transaction(async (tx) => {
        await tx.execute(sql`lock table positions in exclusive mode`);
        locked();
        await released;
      });
    }
    await isLocked;

    const base = Date.now() - 3_000_000;
    const batch = (n: number) => ({
      device_id: guard.trackerId,
      location: Array.from({ length: 500 }, (_, i) => ({
        timestamp: new Date(base + n * 500 + i).toISOString(),
        coords: { latitude: Number(spot.lat.toFixed(6)), longitude: Number(spot.lon.toFixed(6)) },
      })),
    });
    const fitting = MAX_PENDING_ROWS / 500;
    const accepted = Array.from({ length: fitting }, (_, n) => api(server, 'POST', guard.osmand, { body: batch(n) }));
    await waitFor(() => server.app.positions.lane.pendingRows === MAX_PENDING_ROWS, `${MAX_PENDING_ROWS} rows waiting`, 60_000);
    // The newest fixes of all: refused, so neither stored nor shown as the latest.
    const over = await api(server, 'POST', guard.osmand, { body: batch(fitting + 1) });
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('1');
    expect(over.body.message).toBe('positions: the write buffer is full; try again shortly');
    const latestWhileFull = server.app.positions.lane.latestFix(guard.id)!.at;
    expect(Date.parse(latestWhileFull)).toBeLessThan(base + (fitting + 1) * 500);

    release();
    await holder;
    await pgClient?.end();
    const answers = await Promise.all(accepted);
    expect(answers.map((answer) => answer.status)).toEqual(Array(fitting).fill(200));
    expect(await countPositions(server.database.db, guard.id)).toBe(1 + MAX_PENDING_ROWS);
    expect(server.app.positions.lane.latestFix(guard.id)!.at).toBe(new Date(base + fitting * 500 - 1).toISOString());
    // And it takes fixes again.
    const after = await api(server, 'POST', guard.osmand, { body: batch(fitting + 1) });
    expect(after.status).toBe(200);
    expect(await countPositions(server.database.db, guard.id)).toBe(1 + MAX_PENDING_ROWS + 500);
  });
});

if (testDbKind === 'postgres') {
  describe('tracker ingest on two nodes (postgres, Redis)', () => {
    let handle: TestDatabaseHandle;
    const prefix = `vigil-test-${randomUUID().slice(0, 8)}`;
    let a: TestServer;
    let b: TestServer;
    let admin: string;

    beforeAll(async () => {
      handle = await createTestDatabase();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      const cluster = { databaseUrl: handle.target.url, redisUrl: REDIS_URL, redisPrefix: prefix };
      a = await startServer(handle, { site, cluster });
      b = await startServer(handle, { site, cluster });
      admin = await login(a);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      await handle?.destroy();
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      await redis.del(`${prefix}:socket.io`);
      await redis.close();
    });

    it('a tracker moved from guard A to B on node 1 reports as B on node 2 once node 2 has the change', { timeout: 60_000 }, async () => {
      const trackerId = `moving-${randomUUID().slice(0, 8)}`;
      const guardA = await legacyGuard(a, admin, trackerId);
      const guardB = await legacyGuard(a, admin);
      await waitFor(() => b.app.broadcaster.snapshot('live').guards.has(guardB.id), 'node 2 has both guards');
      // Node 2 caches the tracker as A's.
      expect((await report(b, trackerId)).status).toBe(200);
      expect((await report(b, trackerId)).status).toBe(200);
      expect(b.app.trackers.directory.hits).toBeGreaterThan(0);

      const seq = await moveTracker(a, admin, trackerId, guardA.id, guardB.id);
      await waitFor(() => b.app.broadcaster.broadcastSeq >= seq, 'node 2 applies the change');
      const moved = await report(b, trackerId);
      expect(moved.status).toBe(200);
      expect(b.app.positions.lane.latestFix(guardB.id)?.at).toBe(moved.at);
    });

    it('a tracker URL rotated on node 1 is refused on node 2 within moments, not after the cache TTL', { timeout: 60_000 }, async () => {
      const guard = await addGuard(a, admin);
      const spot = gpsAt(site, [70, 60]);
      const fix = () => api(b, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}`);
      await waitFor(() => b.app.broadcaster.snapshot('live').guards.has(guard.id), 'node 2 has the guard');
      expect((await fix()).status).toBe(200);
      expect((await fix()).status).toBe(200);

      const rotated = await api(a, 'POST', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin });
      expect(rotated.status).toBe(200);
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 5_000) {
        status = (await fix()).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(401);
      expect((await api(b, 'GET', `${rotated.body.tracker.path}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}`)).status).toBe(200);
    });
  });
}
