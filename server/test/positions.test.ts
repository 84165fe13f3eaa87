import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_AFTER_MS, type Alarm, type PhoneFix, type PositionReportAck } from '@vigil/shared';
import { countPositions } from '../src/repositories/positions.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite, gpsAt, recordFrames } from './helpers/positions.js';
import { INGEST_KEY, TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

describe(`guard positions end to end (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let offset = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site, clock: () => new Date(Date.now() + offset) });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  const alarmsOf = (client: TestClient) =>
    client.events.flatMap((event) => (event.type === 'alarm.raised' ? [event.payload.alarm] : [])) as Alarm[];
  const framesFor = (recorder: ReturnType<typeof recordFrames>, guardId: string) =>
    recorder.frames.filter(({ frame }) => !frame.full && frame.fixes.some((fix) => fix.guardId === guardId));

  it('takes OsmAnd GET, POST-query, form and JSON fixes to a socket client as frames on the plan', async () => {
    const guard = await addGuard(server, admin);
    const client = new TestClient(server, admin);
    const recorder = recordFrames(client.socket);
    await client.connected();
    await waitFor(() => recorder.frames.some(({ frame }) => frame.full && frame.siteId === 'test'), 'the full frame after sync');

    const gate = gpsAt(site, [100, 10]);
    const t = Math.floor(Date.now() / 1000) - 30;
    const get = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${gate.lat}&lon=${gate.lon}&timestamp=${t}&speed=2&bearing=90&batt=77`);
    expect(get.status).toBe(200);
    expect(get.body).toBeNull(); // an empty body, as trackers expect
    await waitFor(() => framesFor(recorder, guard.id).length >= 1, 'a frame for the GET fix');
    const fix = framesFor(recorder, guard.id)[0]!.frame.fixes.find((f) => f.guardId === guard.id)!;
    expect(fix.position[0]).toBeCloseTo(100, 0);
    expect(fix.position[1]).toBeCloseTo(10, 0);
    expect(fix).toMatchObject({ siteId: 'test', floor: 0, heading: 90, battery: 77, source: 'osmand' });
    expect(fix.speed).toBeCloseTo(2 * 0.514444, 3);

    const p2 = gpsAt(site, [110, 12]);
    const post = await api(server, 'POST', `${guard.osmand}?deviceid=${guard.trackerId}&location=${p2.lat},${p2.lon}&timestamp=${t + 1}000`);
    expect(post.status).toBe(200);
    const p3 = gpsAt(site, [120, 14]);
    const form = await api(server, 'POST', guard.osmand, {
      rawBody: `id=${guard.trackerId}&lat=${p3.lat}&lon=${p3.lon}&timestamp=${new Date((t + 2) * 1000).toISOString()}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(200);
    const p4 = gpsAt(site, [130, 16]);
    const json = await api(server, 'POST', guard.osmand, {
      body: {
        device_id: guard.trackerId,
        location: { timestamp: new Date((t + 3) * 1000).toISOString(), coords: { latitude: p4.lat, longitude: p4.lon, accuracy: 5, speed: 1.2, heading: 45 }, battery: { level: 0.5, is_charging: false }, is_moving: true },
      },
    });
    expect(json.status).toBe(200);
    await waitFor(() => framesFor(recorder, guard.id).some(({ frame }) => frame.fixes.some((f) => f.guardId === guard.id && f.position[0] > 129)), 'the JSON fix in a frame');
    expect(await countPositions(server.database.db, guard.id)).toBe(4);

    // A socket that connects now gets the latest fix in its full frame.
    const late = new TestClient(server, admin);
    const lateFrames = recordFrames(late.socket);
    await late.connected();
    await waitFor(() => lateFrames.frames.length > 0, 'the late full frame');
    const full = lateFrames.frames[0]!.frame;
    expect(full.full).toBe(true);
    expect(full.fixes.find((f) => f.guardId === guard.id)?.position[0]).toBeCloseTo(130, 0);
    const trails = await api(server, 'GET', '/api/v1/sites/test/trails?minutes=5', { cookie: admin });
    expect(trails.status).toBe(200);
    expect(trails.body.trails[guard.id]).toHaveLength(4);
    client.close();
    late.close();
  });

  it('refuses invalid fixes with a 4xx naming the field, and stores nothing', async () => {
    const guard = await addGuard(server, admin);
    const before = await countPositions(server.database.db);
    const ok = gpsAt(site, [50, 50]);
    const future = Math.floor(Date.now() / 1000) + 3600;
    const cases: [string, string][] = [
      [`${guard.osmand}?id=${guard.trackerId}&lat=91&lon=${ok.lon}`, 'lat'],
      [`${guard.osmand}?id=${guard.trackerId}&lat=NaN&lon=${ok.lon}`, 'lat'],
      [`/osmand?lat=${ok.lat}&lon=${ok.lon}`, 'id'],
      [`/osmand?id=no-such-tracker&lat=${ok.lat}&lon=${ok.lon}`, 'id'],
      [`${guard.osmand}?id=${guard.trackerId}&lat=${ok.lat}&lon=${ok.lon}&timestamp=${future}`, 'timestamp'],
    ];
    for (const [path, field] of cases) {
      const response = await api(server, 'GET', path);
      expect(response.status, path).toBe(400);
      expect(response.body.message, path).toMatch(new RegExp(`^${field}:`));
    }
    const noFloor = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${ok.lat}&lon=${ok.lon}&floor=7`);
    expect(noFloor).toMatchObject({ status: 422, body: { message: 'floor: site "test" has no floor with level 7' } });
    const badJson = await api(server, 'POST', guard.osmand, { body: { device_id: guard.trackerId, location: { coords: { latitude: 91, longitude: 120 } } } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toMatch(/^location\.coords\.latitude:/);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db)).toBe(before);
  });

  it('raises a priority-1 SOS alarm at the guard and sets the guard to sos', async () => {
    const guard = await addGuard(server, admin);
    const client = new TestClient(server, admin);
    await client.connected();
    const spot = gpsAt(site, [60, 90]);
    const response = await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&alarm=sos`);
    expect(response.status).toBe(200);
    await waitFor(() => alarmsOf(client).some((alarm) => alarm.kind === 'sos' && alarm.attributes.guardId === guard.id), 'the SOS alarm');
    const alarm = alarmsOf(client).find((a) => a.kind === 'sos' && a.attributes.guardId === guard.id)!;
    expect(alarm.priority).toBe(1);
    expect(alarm.location?.position[0]).toBeCloseTo(60, 0);
    await waitFor(
      () => client.events.some((e) => e.type === 'guard.statusChanged' && e.payload.guardId === guard.id && e.payload.status === 'sos'),
      'the guard status sos',
    );
    client.close();
  });

  it('stores a phone offline queue flushed twice exactly once', async () => {
    const guardCookie = await createUser(server, admin, 'guard-phone', 'guard');
    const users = await api(server, 'GET', '/api/v1/users', { cookie: admin });
    const userId = users.body.users.find((u: { username: string }) => u.username === 'guard-phone').id as string;
    const guard = await addGuard(server, admin, { userId });
    const phone = new TestClient(server, guardCookie);
    await phone.connected();
    const base = Date.now() - 60_000;
    const fixes: PhoneFix[] = [0, 1, 2].map((i) => ({ id: `q-${i}`, at: new Date(base + i * 5_000).toISOString(), ...gpsAt(site, [20 + i, 100]), accuracy: 8 }));
    const report = () => new Promise<PositionReportAck>((resolve) => phone.socket.emit('position.report', { fixes }, resolve));
    expect(await report()).toEqual({ ok: true, accepted: 3, duplicates: 0 });
    expect(await report()).toEqual({ ok: true, accepted: 0, duplicates: 3 });
    expect(await countPositions(server.database.db, guard.id)).toBe(3);
    // The floor the guard picked on the phone goes with the fix; a floor the site lacks is refused.
    const below: PhoneFix = { id: 'q-garage', at: new Date(base + 20_000).toISOString(), ...gpsAt(site, [30, 100]), accuracy: 20, floor: -1 };
    expect(await new Promise<PositionReportAck>((resolve) => phone.socket.emit('position.report', { fixes: [below] }, resolve))).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    expect(server.app.positions.lane.latestFix(guard.id)).toMatchObject({ floor: -1, source: 'phone' });
    const nowhere = [{ ...below, id: 'q-x', at: new Date(base + 25_000).toISOString(), floor: 3 }, { ...below, id: 'q-y', at: new Date(base + 26_000).toISOString(), floor: 0 }];
    const noFloor = await new Promise<PositionReportAck>((resolve) => phone.socket.emit('position.report', { fixes: nowhere }, resolve));
    expect(!noFloor.ok && noFloor.error).toBe('fixes.0.floor: site "test" has no floor with level 3');
    expect(await countPositions(server.database.db, guard.id)).toBe(4);
    const bad = await new Promise<PositionReportAck>((resolve) => phone.socket.emit('position.report', { fixes: [{ ...fixes[0]!, lat: 91 }] }, resolve));
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/^fixes\.0\.lat:/);
    const status = await new Promise<{ ok: boolean }>((resolve) => phone.socket.emit('guard.setStatus', { commandId: 'status-cmd-1', status: 'busy' }, resolve));
    expect(status.ok).toBe(true);
    const notAllowed = await new Promise<{ ok: boolean }>((resolve) => phone.socket.emit('guard.setStatus', { commandId: 'status-cmd-2', status: 'dispatched' as 'busy' }, resolve));
    expect(notAllowed.ok).toBe(false);
    const adminSocket = new TestClient(server, admin);
    await adminSocket.connected();
    const refused = await new Promise<PositionReportAck>((resolve) => adminSocket.socket.emit('position.report', { fixes }, resolve));
    expect(refused).toMatchObject({ ok: false });
    phone.close();
    adminSocket.close();
  });

  it('accepts Traccar position forwarding with the ingest key only', async () => {
    const guard = await addGuard(server, admin);
    const spot = gpsAt(site, [70, 70]);
    const body = {
      position: { deviceId: 7, latitude: spot.lat, longitude: spot.lon, fixTime: new Date(Date.now() - 5_000).toISOString(), speed: 3, course: 180, accuracy: 6, attributes: { batteryLevel: 64 } },
      device: { id: 7, uniqueId: guard.trackerId, name: 'phone' },
    };
    const refused = await api(server, 'POST', '/api/v1/ingest/traccar', { body });
    expect(refused.status).toBe(401);
    const accepted = await api(server, 'POST', '/api/v1/ingest/traccar', { body, headers: { authorization: `Bearer ${INGEST_KEY}` } });
    expect(accepted.status).toBe(200);
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
    expect(server.app.positions.lane.latestFix(guard.id)).toMatchObject({ battery: 64, heading: 180, source: 'traccar' });
  });

  it('sends at most 4 frames a second per site, each with only the guards that changed', async () => {
    const busy = await addGuard(server, admin);
    const quiet = await addGuard(server, admin);
    const client = new TestClient(server, admin);
    const recorder = recordFrames(client.socket);
    await client.connected();
    const start = Date.now();
    const q = gpsAt(site, [30, 30]);
    await api(server, 'GET', `${quiet.osmand}?id=${quiet.trackerId}&lat=${q.lat}&lon=${q.lon}`);
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i += 1) {
      const p = gpsAt(site, [40 + i, 30]);
      sends.push(api(server, 'GET', `${busy.osmand}?id=${busy.trackerId}&lat=${p.lat}&lon=${p.lon}&timestamp=${new Date(Date.now() - 60_000 + i * 100).toISOString()}`));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all(sends);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const frames = recorder.frames.filter(({ frame }) => !frame.full && frame.siteId === 'test');
    const seconds = (Date.now() - start) / 1000;
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 1);
    // Arrival times jitter on a busy machine; in any one second no more than 4 frames (+1 at the edge) arrive.
    for (const { at } of frames) expect(frames.filter((other) => other.at >= at && other.at < at + 1000).length).toBeLessThanOrEqual(5);
    // The quiet guard appears in the frames around its one fix, not in every later one.
    const withQuiet = frames.filter(({ frame }) => frame.fixes.some((fix) => fix.guardId === quiet.id));
    expect(withQuiet.length).toBe(1);
    expect(frames.at(-1)!.frame.fixes.map((fix) => fix.guardId)).toEqual([busy.id]);
    client.close();
  });

  it('raises restricted_entry when a guard walks into a restricted zone, with zone events', async () => {
    const guard = await addGuard(server, admin);
    const client = new TestClient(server, admin);
    await client.connected();
    const outside = gpsAt(site, [140, 30]);
    const inside = gpsAt(site, [165, 30]);
    const t = Date.now() - 10_000;
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${outside.lat}&lon=${outside.lon}&timestamp=${t}`);
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${inside.lat}&lon=${inside.lon}&timestamp=${t + 1000}`);
    await waitFor(() => alarmsOf(client).some((a) => a.kind === 'restricted_entry' && a.attributes.guardId === guard.id), 'the restricted entry alarm');
    const alarm = alarmsOf(client).find((a) => a.kind === 'restricted_entry' && a.attributes.guardId === guard.id)!;
    expect(alarm).toMatchObject({ priority: 2, zoneId: 'test-z-yard' });
    expect(alarm.location?.position[0]).toBeCloseTo(165, 0);
    expect(client.events.some((e) => e.type === 'guard.zoneEntered' && e.payload.guardId === guard.id && e.payload.zoneId === 'test-z-yard')).toBe(true);
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${outside.lat}&lon=${outside.lon}&timestamp=${t + 2000}`);
    await waitFor(() => client.events.some((e) => e.type === 'guard.zoneExited' && e.payload.guardId === guard.id), 'the zone exit');
    const listed = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    expect(listed.body.guards.find((g: { id: string }) => g.id === guard.id).zoneIds).toEqual([]);
    client.close();
  });

  it('raises one guard_silent alarm when an on-shift guard is quiet for 3 minutes (fake clock)', async () => {
    const guard = await addGuard(server, admin, { onShift: true });
    const client = new TestClient(server, admin);
    await client.connected();
    const spot = gpsAt(site, [90, 60]);
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}`);
    server.app.positions.lane.checkSilence();
    offset += SILENT_AFTER_MS + 20_000;
    server.app.positions.lane.checkSilence();
    server.app.positions.lane.checkSilence();
    await server.app.positions.idle();
    await waitFor(() => alarmsOf(client).some((a) => a.kind === 'guard_silent' && a.attributes.guardId === guard.id), 'the silent alarm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const silent = client.events.filter(
      (e) => (e.type === 'alarm.raised' && e.payload.alarm.kind === 'guard_silent' && e.payload.alarm.attributes.guardId === guard.id) || e.type === 'alarm.repeated',
    );
    expect(silent).toHaveLength(1);
    const alarm = alarmsOf(client).find((a) => a.kind === 'guard_silent' && a.attributes.guardId === guard.id)!;
    expect(alarm.location?.position[0]).toBeCloseTo(90, 0);
    client.close();
  });
});
