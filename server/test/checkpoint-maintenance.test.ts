import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { commandId, seedUser, send } from './helpers/incidents.js';
import { TestClient, api, postAlarm, startServer, type TestServer } from './helpers/server.js';
import { checkpoints } from '../src/db/schema/index.js';
import { CheckpointMaintenance, DEFAULT_MAINTENANCE_POLICY, type MaintenancePolicy } from '../src/replay/checkpoint-maintenance.js';

/** The writer's policy in this test: a checkpoint every 8 events or hour of log time. */
const POLICY = { everyEvents: 8, everyMs: 60 * 60_000 };

/**
 * Replay's checkpoints kept up on a log that outgrew them: a stretch with none (an installation
 * from before replay) is backfilled so a seek folds one interval again, and old checkpoints are
 * thinned, the picture at every moment staying exactly what it was.
 */
describe(`replay checkpoint maintenance (${testDbKind})`, () => {
  let now = Date.now() - 20 * 24 * 3_600_000;
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: { id: string; cookie: string };
  const moments: number[] = [];
  const pictures = new Map<number, unknown>();

  const iso = (ms: number) => new Date(ms).toISOString();
  const seek = async (moment: number) => {
    const response = await api(server, 'GET', `/api/v1/replay/state?stream=live&at=${iso(moment)}`, { cookie: admin.cookie });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { seq: number; state: unknown; folded: number; checkpointSeq: number };
  };
  const stored = async () => Number((await server.database.db.select({ n: count() }).from(checkpoints).where(eq(checkpoints.stream, 'live')))[0]!.n);
  const maintenance = (policy: Partial<MaintenancePolicy>) =>
    new CheckpointMaintenance(server.database.db, 'live', { ...DEFAULT_MAINTENANCE_POLICY, recent: POLICY, keepAllMs: 365 * 24 * 3_600_000, ...policy });
  /** Runs until a run says it is done; how many runs it took. */
  const runToEnd = async (worker: CheckpointMaintenance) => {
    for (let runs = 1; runs < 100; runs += 1) if ((await worker.run(new Date(now))).done) return runs;
    throw new Error('maintenance never finished');
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock: () => new Date(now), checkpointPolicy: POLICY });
    admin = await seedUser(server, 'replay-admin', 'admin');
    const operator = new TestClient(server, admin.cookie);
    await operator.connected();
    // Ninety alarms over three days, every third resolved: pruning and merging run in the fold.
    for (let step = 0; step < 90; step += 1) {
      now += 47 * 60_000;
      const raised = await postAlarm(server, buildAlarm({ source: { externalId: `maint-${step % 30}` }, message: `alarm ${step}` }));
      expect(raised.status, JSON.stringify(raised.body)).toBeLessThan(300);
      if (step % 3 === 2) {
        const acknowledged = await send(operator, 'alarm.acknowledge', { commandId: commandId('ack'), alarmId: raised.body.alarm.id });
        expect(acknowledged, JSON.stringify(acknowledged)).toMatchObject({ ok: true });
        const ack = await send(operator, 'alarm.resolve', { commandId: commandId('res'), alarmId: raised.body.alarm.id, disposition: 'false' });
        expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
      }
      moments.push(now + 60_000);
    }
    operator.close();
    await server.app.checkpoints.idle();
    for (const moment of moments) pictures.set(moment, (await seek(moment)).state);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('backfills a log with no checkpoints before its last one, a slice per run, to the same pictures', async () => {
    // As an installation from before replay has it: one checkpoint, taken when the server started last.
    const last = (await server.database.db.select({ seq: checkpoints.seq }).from(checkpoints)).reduce((most, row) => Math.max(most, row.seq), 0);
    await server.database.db.delete(checkpoints);
    await server.app.checkpoints.start([{ stream: 'live', state: server.app.broadcaster.snapshot('live') }], new Date(now));
    expect(await stored()).toBe(1);
    const early = await seek(moments[40]!);
    expect(early.checkpointSeq).toBe(0);
    expect(early.folded).toBeGreaterThan(POLICY.everyEvents * 5);

    // At most 40 events per run: several runs, each taking up where the last stopped.
    const runs = await runToEnd(maintenance({ budgetEvents: 40 }));
    expect(runs).toBeGreaterThan(2);
    expect(await stored()).toBeGreaterThan(last / POLICY.everyEvents / 2);
    for (const moment of moments) {
      const picture = await seek(moment);
      expect(picture.state, iso(moment)).toEqual(pictures.get(moment));
      expect(picture.folded, iso(moment)).toBeLessThanOrEqual(POLICY.everyEvents);
    }
    // Nothing left to do: a run writes nothing.
    expect(await maintenance({}).run(new Date(now))).toMatchObject({ written: 0, removed: 0, done: true });
  });

  it('thins checkpoints older than a week to the thinned spacing, and backfill leaves them thinned', async () => {
    const before = await stored();
    const thinned = { keepAllMs: 7 * 24 * 3_600_000, thinnedEveryEvents: 40, thinnedEveryMs: 24 * 3_600_000 };
    // The log's three days are a fortnight old by now.
    now += 14 * 24 * 3_600_000;
    await runToEnd(maintenance(thinned));
    const after = await stored();
    expect(after).toBeLessThan(before / 3);
    for (const moment of moments) {
      const picture = await seek(moment);
      expect(picture.state, iso(moment)).toEqual(pictures.get(moment));
      expect(picture.folded, iso(moment)).toBeLessThanOrEqual(thinned.thinnedEveryEvents);
    }
    expect(await maintenance(thinned).run(new Date(now))).toMatchObject({ written: 0, removed: 0, done: true });
    expect(await stored()).toBe(after);
  });
});
