import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvents, emptyState, liveStateToJson, siteToDocument, type DomainEvent, type LiveState, type Site, type User } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { commandId, seedUser, send, type AnyAck } from './helpers/incidents.js';
import { INGEST_KEY, TestClient, api, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import type { Database, Db } from '../src/db/client.js';
import { Broadcaster } from '../src/realtime/broadcaster.js';
import { eventsAfter, lastSeq } from '../src/repositories/events.repository.js';
import { guardInsert } from '../src/repositories/guards.repository.js';
import { insertSite } from '../src/repositories/sites.repository.js';
import { monitorDelete, monitorUpsert, presetUpsert } from '../src/repositories/wall.repository.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { runCommand } from '../src/services/append.js';
import { setGuardStatusIn } from '../src/services/guards/set-guard-status.js';
import { importSite } from '../src/services/sites/sites.service.js';
import { systemClock } from '../src/lib/clock.js';
import { seedDemoVideo } from '../src/sim/demo-video.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';
import { demoWall } from '../src/sim/demo-wall.js';

/**
 * Everything needed to rebuild a moment is in the log: folding every `live` event from seq 0
 * with the screens' `applyEvent` gives the state the broadcaster builds from the state tables,
 * the demo bootstrap and a database made before it wrote events included. Latest positions are
 * a separate lane and not in the live state at all, so there is nothing to leave out for them;
 * every alarm here is minutes old, inside start()'s window for resolved alarms.
 */

const now = new Date();
const demoOptions = () => ({ adminPassword: 'log-fold-password', demoSite, demoGuards: demoGuards(demoSite.id), demoWall: demoWall(demoSite.id, now) });

async function liveEvents(db: Db): Promise<DomainEvent[]> {
  return eventsAfter(db, 'live', 0, 1_000_000);
}

/** The live state as the broadcaster's start() builds it from the state tables. */
async function fromTables(db: Db): Promise<LiveState> {
  const broadcaster = new Broadcaster(db, () => undefined, (error) => { throw error; }, () => now);
  await broadcaster.start();
  return broadcaster.snapshot('live');
}

/** The state as plain records, the order of a site's zones and devices set aside (the tables list them by id, events as written). */
function comparable(state: LiveState) {
  const json = liveStateToJson(state);
  const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  const sites = Object.fromEntries(Object.entries(json.sites).map(([id, site]: [string, Site]) => [id, { ...site, zones: byId(site.zones), devices: byId(site.devices) }]));
  return { ...json, sites };
}

async function expectFoldEqualsTables(db: Db): Promise<ReturnType<typeof comparable>> {
  const tables = comparable(await fromTables(db));
  expect(comparable(applyEvents(emptyState(), await liveEvents(db)))).toEqual(tables);
  return tables;
}

describe(`a fold of the log from seq 0 equals the state tables (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let client: TestClient;
  let cookie = '';
  const ok = (ack: AnyAck) => {
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    return ack as Extract<AnyAck, { ok: true }>;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    // The first start of a fresh installation with the demo, as server.ts runs it.
    const first = await handle.open();
    await bootstrap(first.db, demoOptions());
    await first.close();
    server = await startServer(handle, { clock: () => now, site: demoSite });
    cookie = (await seedUser(server, 'fold-admin', 'admin')).cookie;
    client = new TestClient(server, cookie);
    await client.connected();
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('holds the demo site, its guards, wall monitors and presets right after the first start, and a later start appends nothing', async () => {
    const db = server.database.db;
    const tables = await expectFoldEqualsTables(db);
    expect(Object.keys(tables.sites)).toEqual([demoSite.id]);
    expect(tables.sites[demoSite.id]!.devices).toHaveLength(demoSite.devices.length);
    expect(Object.keys(tables.guards).sort()).toEqual(demoGuards(demoSite.id).map((guard) => guard.id).sort());
    expect(Object.keys(tables.monitors).sort()).toEqual(['alarm', 'main', 'perimeter']);
    expect(Object.keys(tables.presets)).toHaveLength(demoWall(demoSite.id, now).presets.length);

    const before = await lastSeq(db);
    await bootstrap(db, demoOptions());
    expect(await lastSeq(db)).toBe(before);
  });

  it('still does after alarms handled, an incident with its plan and a dispatch, a wall change, a device and a guard status change', async () => {
    const db = server.database.db;
    const beam = demoSite.devices.find((device) => device.kind === 'perimeter_beam')!;
    const smoke = demoSite.devices.find((device) => device.kind === 'smoke_detector') ?? beam;
    const raise = async (overrides: Parameters<typeof buildAlarm>[0]) => {
      const posted = await postAlarm(server, buildAlarm({ siteId: demoSite.id, occurredAt: now.toISOString(), ...overrides }));
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      return posted.body.alarm.id as string;
    };
    const resolved = await raise({ source: { deviceId: beam.id }, kind: 'intrusion', priority: 2, message: '对射报警' });
    const acknowledged = await raise({ kind: 'intrusion', priority: 3, message: '周界报警' });
    const fire = await raise({ source: { deviceId: smoke.id }, kind: 'fire', priority: 1, message: '烟感报警' });
    await raise({ kind: 'intrusion', priority: 4, message: '仍未处理' });

    ok(await send(client, 'alarm.acknowledge', { commandId: commandId('ack'), alarmId: resolved }));
    ok(await send(client, 'alarm.resolve', { commandId: commandId('resolve'), alarmId: resolved, disposition: 'false', note: '风吹树枝' }));
    ok(await send(client, 'alarm.acknowledge', { commandId: commandId('ack'), alarmId: acknowledged }));
    const opened = ok(await send(client, 'incident.open', { commandId: commandId('open'), alarmIds: [fire], planId: 'fire' }));
    const guardId = demoGuards(demoSite.id)[0]!.id as string;
    ok(await send(client, 'dispatch.send', { commandId: commandId('send'), incidentId: opened.incidentId, guardIds: [guardId], instruction: '带灭火器' }));
    ok(await send(client, 'wall.setLayout', { commandId: commandId('layout'), monitorId: 'main', layout: '2x2' }));
    const renamed = await api(server, 'PATCH', '/api/v1/monitors/perimeter', { cookie, body: { name: '周界屏' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const camera = demoSite.devices.find((device) => device.kind === 'camera')!;
    const status = await api(server, 'POST', `/api/v1/devices/${camera.id}/status`, { body: { status: 'fault' }, headers: { authorization: `Bearer ${INGEST_KEY}` } });
    expect(status.status, JSON.stringify(status.body)).toBe(200);

    const last = await lastSeq(db, 'live');
    await waitFor(() => server.app.broadcaster.broadcastSeq >= last, 'the broadcaster to catch up');
    const tables = await expectFoldEqualsTables(db);
    expect(tables.alarms[resolved]).toMatchObject({ state: 'resolved', disposition: 'false' });
    expect(tables.alarms[acknowledged]).toMatchObject({ state: 'acknowledged' });
    expect(tables.incidents[opened.incidentId]).toMatchObject({ state: 'in_progress', plan: expect.objectContaining({ planId: 'fire' }) });
    expect(Object.values(tables.dispatches)).toMatchObject([{ incidentId: opened.incidentId, guardId }]);
    expect(tables.guards[guardId]).toMatchObject({ status: 'dispatched' });
    expect(tables.monitors.main!.view.layout).toBe('2x2');
    expect(tables.monitors.perimeter!.name).toBe('周界屏');
    expect(tables.sites[demoSite.id]!.devices.find((device) => device.id === camera.id)).toMatchObject({ status: 'fault' });
    // And the live projection (start() plus every delta since) is that state too.
    expect(comparable(server.app.broadcaster.snapshot('live'))).toEqual(tables);
  });
});

describe(`a database made before the bootstrap wrote events (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let database: Database | undefined;
  const admin: User = { id: 'upgrade-admin', username: 'admin', displayName: 'Administrator', role: 'admin', siteIds: null };

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await handle?.destroy();
  });

  it('gets events describing its sites, guards, monitors and presets on start, once', async () => {
    database = await handle.open();
    const db = database.db;
    const deps = { db, clock: systemClock, stream: 'live' as const, onCommitted: () => undefined };
    // As an earlier version's first start left it: the demo written straight into the state
    // tables, no events. Then some use: a guard's status changed, another site imported (both logged).
    await db.transaction(async (tx) => {
      await insertSite(tx, demoSite);
      for (const guard of demoGuards(demoSite.id)) await guardInsert(tx, guard);
      const wall = demoWall(demoSite.id, now);
      for (const monitor of wall.monitors) await monitorUpsert(tx, monitor);
      for (const preset of wall.presets) await presetUpsert(tx, preset);
      await seedDemoVideo(tx, demoSite.id);
    });
    const guardId = demoGuards(demoSite.id)[1]!.id as string;
    const actor = { kind: 'user' as const, id: admin.id, name: admin.displayName };
    await runCommand(deps, { stream: 'live' }, (log) => setGuardStatusIn(log, guardId, 'busy', actor));
    await importSite(deps, siteToDocument(buildSite({ id: 'other', name: '别的小区' })), admin);
    // A monitor saved and removed through the wall's events, then written back by an old start
    // with none: its last event is the removal, so it too needs describing.
    const alarmMonitor = demoWall(demoSite.id, now).monitors.find((monitor) => monitor.id === 'alarm')!;
    await runCommand(deps, { stream: 'live' }, async (log) => {
      await log.append(monitorUpsert(log.tx, alarmMonitor), { type: 'wall.monitorSaved', siteId: demoSite.id, actor, payload: { monitor: alarmMonitor } });
      await log.append(monitorDelete(log.tx, alarmMonitor.id), { type: 'wall.monitorRemoved', siteId: demoSite.id, actor, payload: { monitorId: alarmMonitor.id } });
    });
    await monitorUpsert(db, alarmMonitor);
    const upgraded = await lastSeq(db);
    expect(upgraded).toBe(4);
    // The log lacks the demo: a fold has only the other site and no guard.
    expect(Object.keys(comparable(applyEvents(emptyState(), await liveEvents(db))).sites)).toEqual(['other']);

    // The first start of this version.
    await bootstrap(db, demoOptions());
    const appended = (await liveEvents(db)).filter((event) => event.seq > upgraded);
    const wall = demoWall(demoSite.id, now);
    expect(appended.map((event) => event.type).sort()).toEqual(
      [
        'site.saved',
        ...demoGuards(demoSite.id).map(() => 'guard.saved'),
        ...wall.monitors.map(() => 'wall.monitorSaved'),
        ...wall.presets.map(() => 'wall.presetSaved'),
      ].sort(),
    );
    const tables = await expectFoldEqualsTables(db);
    expect(Object.keys(tables.sites).sort()).toEqual([demoSite.id, 'other']);
    expect(tables.guards[guardId]).toMatchObject({ status: 'busy' });

    // A second start appends nothing.
    const after = await lastSeq(db);
    await bootstrap(db, demoOptions());
    expect(await lastSeq(db)).toBe(after);
    await expectFoldEqualsTables(db);
  });
});
