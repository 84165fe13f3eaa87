import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '@vigil/shared';
import { countPositions } from '../src/repositories/positions.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite, gpsAt, recordFrames } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();
const spot = gpsAt(site, [60, 30]);
const secondsAgo = (s: number) => Math.floor(Date.now() / 1000) - s;

describe(`OsmAnd reports without a position, combined alarms, and removing guards (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  let watcher: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
    operator = await createUser(server, admin, 'reports-op', 'operator');
    watcher = new TestClient(server, operator);
    await watcher.connected();
  });
  afterAll(async () => {
    watcher?.close();
    await server?.close();
    await handle?.destroy();
  });

  const sosFor = (guardId: string) =>
    watcher.events.flatMap((e) => (e.type === 'alarm.raised' && e.payload.alarm.kind === 'sos' && e.payload.alarm.attributes.guardId === guardId ? [e.payload.alarm] : [])) as Alarm[];

  it('answers 200 to a cell/Wi-Fi-only report, keeps the last position and takes its battery', async () => {
    const guard = await addGuard(server, admin, { onShift: true });
    const recorder = recordFrames(watcher.socket);
    expect((await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&timestamp=${secondsAgo(60)}&batt=80`)).status).toBe(200);
    const before = server.app.positions.lane.latestFix(guard.id)!;
    const cellOnly = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&timestamp=${secondsAgo(5)}&cell=460,0,9876,5432&wifi=aa-bb-cc-dd-ee-ff,-60&batt=33`);
    expect(cellOnly.status).toBe(200);
    const json = await api(server, 'POST', guard.osmand, { body: { device_id: guard.trackerId, location: { timestamp: new Date().toISOString(), battery: { level: 0.32 } } } });
    expect(json.status).toBe(200);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
    const after = server.app.positions.lane.latestFix(guard.id)!;
    expect(after).toMatchObject({ position: before.position, at: before.at, battery: 32 });
    await waitFor(() => recorder.frames.some(({ frame }) => frame.fixes.some((f) => f.guardId === guard.id && f.battery === 32)), 'a frame with the new battery');
    expect(sosFor(guard.id)).toEqual([]);
  });

  it('raises SOS from a report without a position at the last known one, and from a combined alarm', async () => {
    const located = await addGuard(server, admin, { onShift: true });
    await api(server, 'GET', `${located.osmand}?id=${located.trackerId}&lat=${spot.lat}&lon=${spot.lon}&timestamp=${secondsAgo(30)}`);
    const known = server.app.positions.lane.latestFix(located.id)!;
    expect((await api(server, 'GET', `${located.osmand}?id=${located.trackerId}&alarm=lowBattery,sos&batt=9`)).status).toBe(200);
    await waitFor(() => sosFor(located.id).length === 1, 'the SOS from the cell-only report');
    expect(sosFor(located.id)[0]!.location).toEqual({ position: known.position, floor: known.floor });

    const combined = await addGuard(server, admin, { onShift: true });
    expect((await api(server, 'GET', `${combined.osmand}?id=${combined.trackerId}&lat=${spot.lat}&lon=${spot.lon}&alarm=sos,lowBattery`)).status).toBe(200);
    await waitFor(() => sosFor(combined.id).length === 1, 'the SOS from the combined alarm');

    const neverFixed = await addGuard(server, admin, { onShift: true });
    expect((await api(server, 'GET', `${neverFixed.osmand}?id=${neverFixed.trackerId}&alarm=sos`)).status).toBe(200);
    await waitFor(() => sosFor(neverFixed.id).length === 1, 'the SOS of a guard with no position yet');
    expect(sosFor(neverFixed.id)[0]!.location).toBeNull();
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, neverFixed.id)).toBe(0);
  });

  it('still refuses a report with lat and no lon, naming the field', async () => {
    const guard = await addGuard(server, admin);
    const half = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}`);
    expect(half.status).toBe(400);
    expect(half.body.message).toMatch(/^lon:/);
  });

  it('removes a guard (admin only; not while its SOS is open): every screen drops it, its positions stay', async () => {
    const guard = await addGuard(server, admin, { onShift: true });
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&alarm=sos`);
    await waitFor(() => sosFor(guard.id).length === 1, 'the SOS');
    const commander = await createUser(server, admin, 'reports-cmd', 'commander');
    expect((await api(server, 'DELETE', `/api/v1/guards/${guard.id}`, { cookie: operator })).status).toBe(403);
    expect((await api(server, 'DELETE', `/api/v1/guards/${guard.id}`, { cookie: commander })).status).toBe(403);
    const open = await api(server, 'DELETE', `/api/v1/guards/${guard.id}`, { cookie: admin });
    expect(open.status).toBe(409);
    expect(open.body.message).toMatch(/^id: guard T\d+ has an open SOS/);

    const alarmId = sosFor(guard.id)[0]!.id;
    expect((await watcher.socket.emitWithAck('alarm.acknowledge', { commandId: `ack-${alarmId}`, alarmId })).ok).toBe(true);
    const resolved = await watcher.socket.emitWithAck('alarm.resolve', { commandId: `resolve-${alarmId}`, alarmId, disposition: 'confirmed' });
    expect(resolved.ok).toBe(true);
    const removed = await api(server, 'DELETE', `/api/v1/guards/${guard.id}`, { cookie: admin });
    expect(removed.status).toBe(200);
    await waitFor(() => watcher.events.some((e) => e.type === 'guard.removed' && e.payload.guardId === guard.id), 'guard.removed on the operator socket');

    const listed = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    expect(listed.body.guards.some((g: { id: string }) => g.id === guard.id)).toBe(false);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
    const fresh = new TestClient(server, operator);
    const frames = recordFrames(fresh.socket);
    await fresh.connected();
    const snapshot = fresh.syncs[0];
    expect(snapshot?.kind === 'snapshot' && snapshot.state.guards[guard.id]).toBe(undefined);
    await waitFor(() => frames.frames.some(({ frame }) => frame.full), 'the full frame');
    expect(frames.frames.flatMap(({ frame }) => frame.fixes).some((f) => f.guardId === guard.id)).toBe(false);
    fresh.close();

    const trails = await api(server, 'GET', '/api/v1/sites/test/trails', { cookie: operator });
    expect(trails.body.trails[guard.id]).toBeUndefined();

    // Its tracker URL and id are gone with it.
    expect((await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}`)).status).toBe(401);
    expect((await api(server, 'DELETE', `/api/v1/guards/${guard.id}`, { cookie: admin })).status).toBe(404);

    // Nor does a restart bring it back onto the map from its stored positions.
    watcher.close();
    await server.close();
    server = await startServer(handle, { site });
    expect(server.app.positions.lane.latestFix(guard.id)).toBeUndefined();
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
  });
});
