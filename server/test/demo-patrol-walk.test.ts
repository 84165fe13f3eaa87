import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { TestClient, api, login, startServer, type TestServer } from './helpers/server.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoPatrolRoute } from '../src/sim/demo-patrol.js';
import { demoSite } from '../src/sim/demo-site.js';
import { createGuardWalker, simulatorCheckin } from '../src/sim/guard-walker.js';

/**
 * The demo's patrol post: A2 walks the ring-road round on the simulated site and checks in by
 * arrival through the real check-in (the anti-fake rule reading its stored fixes), so a demo
 * left running shows rounds walked, not a patrol_missed alarm every eight minutes.
 */

// 11:40 in Hangzhou; the round of 12:00 local is 04:00 UTC.
let now = new Date('2026-12-03T03:40:00.000Z');

describe(`the demo patrol walker (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let commander: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const a2 = demoGuards(demoSite.id).filter((guard) => guard.id === 'demo-guard-a2');
    server = await startServer(handle, { site: demoSite, guards: a2, clock: () => now });
    admin = await login(server);
    commander = new TestClient(server, admin);
    await commander.connected();
  });
  afterAll(async () => {
    commander?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('waits at the first checkpoint for the round, then checks in at all four in time: no miss, no alarm', async () => {
    const { id: _id, ...route } = demoPatrolRoute(demoSite.id);
    const created = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: admin, body: route });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await server.app.scheduler.tick();
    const walker = createGuardWalker(server.app.deps, server.app.positions.lane, () => server.app.broadcaster.snapshot('live'), { debug: () => undefined }, {
      random: () => 0.5,
      stepMs: 4000,
      checkIn: simulatorCheckin(server.app.deps),
    });
    // 50 minutes, four seconds a step: the round runs 04:00–04:26, the last grace ends 04:36.
    for (let step = 0; step < (50 * 60) / 4; step += 1) {
      now = new Date(now.getTime() + 4000);
      await walker.tick();
      if (step % 8 === 0) await server.app.scheduler.tick();
    }
    await server.app.positions.idle();
    await server.app.scheduler.tick();

    const tours = (await api(server, 'GET', `/api/v1/patrol/tours?siteId=${demoSite.id}`, { cookie: admin })).body.tours as { id: string; startsAt: string }[];
    const round = tours.find((tour) => tour.startsAt === '2026-12-03T04:00:00.000Z')!;
    const detail = await api(server, 'GET', `/api/v1/patrol/tours/${round.id}`, { cookie: admin });
    expect(detail.body.tour).toMatchObject({ checked: 4, missed: 0, flagged: 0 });
    const checkins = detail.body.checkins as { deviceId: string; method: string; scannedAt: string; late: boolean }[];
    expect(checkins.map((c) => [c.deviceId, c.method, c.late])).toEqual([
      ['demo-cp-01', 'arrival', false],
      ['demo-cp-02', 'arrival', false],
      ['demo-cp-03', 'arrival', false],
      ['demo-cp-04', 'arrival', false],
    ]);
    // It was waiting at the south-west checkpoint when the round began.
    expect(Date.parse(checkins[0]!.scannedAt) - Date.parse(round.startsAt)).toBeLessThan(8_000);
    expect(commander.events.some((e) => e.type === 'alarm.raised' && e.payload.alarm.kind === 'patrol_missed')).toBe(false);
  }, 120_000);
});
