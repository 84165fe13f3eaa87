import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvents, checkpointQrText, liveStateFromJson, type AlarmRaised, type Device, type Point } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { command, commandId, guardWithLogin, phoneOf } from './helpers/dispatch.js';
import { buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

/**
 * Electronic patrol end to end on a fake clock: a route drawn by the admin, its tours expanded
 * from the schedule, a guard's phone walking it (fixes and check-ins through the real API), the
 * scheduler's missed-checkpoint alarm, the coverage figure, the offline queue flushed twice.
 */

const checkpoint = (id: string, position: Point): Device => ({
  id,
  siteId: 'test',
  zoneId: null,
  kind: 'checkpoint',
  name: `巡更点${id.slice(-1)}`,
  nameEn: `Checkpoint ${id.slice(-1).toUpperCase()}`,
  position,
  floor: 0,
  status: 'online',
  camera: null,
  linkedCameraIds: [],
});
const base = buildAnchoredSite();
const site = { ...base, devices: [...base.devices, checkpoint('test-cp-a', [20, 20]), checkpoint('test-cp-b', [180, 20]), checkpoint('test-cp-c', [180, 100])] };

// 21:55 in Hangzhou; the night round starts at 22:00 local (14:00 UTC).
let now = new Date('2026-12-03T13:55:00.000Z');
const at = (iso: string) => {
  now = new Date(iso);
};
let fixes = 0;

describe(`patrol: routes, tours, check-ins, missed checkpoints (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let commander: TestClient;
  let guard: { id: string };
  let guardCookie: string;
  let phone: TestClient;
  let routeId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site, clock: () => now });
    admin = await login(server);
    commander = new TestClient(server, await createUser(server, admin, 'patrol-commander', 'commander'));
    await commander.connected();
    ({ guard, cookie: guardCookie } = await guardWithLogin(server, admin));
    phone = await phoneOf(server, guardCookie);
  });
  afterAll(async () => {
    phone?.close();
    commander?.close();
    await server?.close();
    await handle?.destroy();
  });

  /** A fix from the guard's phone at a plan point, at the fake clock's time. */
  const walkTo = async (point: Point) => {
    fixes += 1;
    const { lat, lon } = gpsAt(site, point);
    const ack = await command(phone, 'position.report', { fixes: [{ id: `patrol-fix-${fixes}`, at: now.toISOString(), lat, lon, floor: 0 }] });
    expect(ack).toMatchObject({ ok: true });
    await server.app.positions.idle();
  };
  const checkin = (body: Record<string, unknown>) => api(server, 'POST', '/api/v1/patrol/checkins', { cookie: guardCookie, body });
  const tours = async () => (await api(server, 'GET', '/api/v1/patrol/tours?siteId=test', { cookie: admin })).body.tours as { id: string; startsAt: string; coverage: number; checked: number; missed: number; flagged: number }[];
  const routeBody = () => ({
    siteId: 'test',
    name: '夜巡路线',
    nameEn: 'Night round',
    checkpoints: [
      { deviceId: 'test-cp-a', minutes: 0 },
      { deviceId: 'test-cp-b', minutes: 10, nfcTagId: '04:A2:19:7C' },
      { deviceId: 'test-cp-c', minutes: 10 },
    ],
    schedule: { timeZone: 'Asia/Shanghai', start: '22:00', end: '06:00', everyMinutes: 120 },
    guardId: guard.id,
    radiusM: 20,
    graceMinutes: 5,
  });

  it('refuses a bad route naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...routeBody(), schedule: { ...routeBody().schedule, start: '25:00' } }, 'schedule.start: must be a time HH:MM'],
      [{ ...routeBody(), schedule: { ...routeBody().schedule, timeZone: 'Mars/Olympus' } }, 'schedule.timeZone: must be an IANA time zone'],
      [{ ...routeBody(), checkpoints: [{ deviceId: 'test-cam-01', minutes: 0 }] }, 'checkpoints[0].deviceId: "test-cam-01" is a camera, not a patrol checkpoint'],
      [{ ...routeBody(), radiusM: 0 }, 'radiusM: must be an integer from 3 to 200 metres'],
      [{ ...routeBody(), name: 'a\u0000b' }, 'name: must not contain a NUL character'],
    ];
    for (const [body, message] of cases) {
      const response = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: admin, body });
      expect(response.status, message).toBe(400);
      expect(response.body.message, message).toContain(message);
    }
    const guardTry = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: guardCookie, body: routeBody() });
    expect(guardTry.status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/patrol/routes', { cookie: admin })).body.routes).toEqual([]);
  });

  it('expands the schedule into tours across midnight in the site\'s time zone', async () => {
    const created = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: admin, body: routeBody() });
    expect(created.status).toBe(201);
    routeId = created.body.route.id;
    await server.app.scheduler.tick();
    const list = await tours();
    // 22:00, 00:00, 02:00 and 04:00 local within the next 12 hours.
    expect(list.map((tour) => tour.startsAt)).toEqual(['2026-12-03T14:00:00.000Z', '2026-12-03T16:00:00.000Z', '2026-12-03T18:00:00.000Z', '2026-12-03T20:00:00.000Z']);
    // A second round adds none.
    await server.app.scheduler.tick();
    expect(await tours()).toHaveLength(4);
    await waitFor(() => phone.events.filter((e) => e.type === 'patrol.tourScheduled').length === 4, 'the tours on the phone');
  });

  it('walks the route with one checkpoint missed: the alarm, once, and coverage two of three', async () => {
    const [first] = await tours();
    const tourId = first!.id;
    at('2026-12-03T14:00:40.000Z');
    await walkTo([22, 21]);
    const scanA = await checkin({ clientId: commandId('scan-a'), tourId, method: 'qr', qrText: checkpointQrText('test-cp-a'), scannedAt: now.toISOString() });
    expect(scanA.status).toBe(201);
    expect(scanA.body).toMatchObject({ replayed: false, index: 0, flagged: false, late: false });

    // Offline at B: the scan is queued on the phone with its time, and the queue is flushed twice.
    at('2026-12-03T14:10:10.000Z');
    await walkTo([178, 22]);
    const queued = { clientId: commandId('queued-b'), tourId, method: 'nfc', nfcTagId: '04:A2:19:7C', scannedAt: now.toISOString() };
    at('2026-12-03T14:14:00.000Z');
    const flushed = await checkin(queued);
    const again = await checkin(queued);
    expect(flushed.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true });

    // Nobody at C: due 22:20 local, missed after the 5-minute grace.
    at('2026-12-03T14:24:59.000Z');
    await server.app.scheduler.tick();
    expect(commander.events.some((e) => e.type === 'alarm.raised' && e.payload.alarm.kind === 'patrol_missed')).toBe(false);
    at('2026-12-03T14:25:01.000Z');
    await server.app.scheduler.tick();
    await server.app.scheduler.tick();
    await waitFor(() => commander.events.some((e) => e.type === 'patrol.checkpointMissed'), 'the missed checkpoint');
    const alarms = commander.events.filter((e): e is AlarmRaised => e.type === 'alarm.raised' && e.payload.alarm.kind === 'patrol_missed');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.payload.alarm).toMatchObject({
      deviceId: 'test-cp-c',
      priority: 3,
      text: { code: 'patrolMissed', params: { route: '夜巡路线', routeEn: 'Night round', checkpoint: '巡更点c', checkpointEn: 'Checkpoint C', due: '22:20' } },
    });
    expect(commander.events.filter((e) => e.type === 'patrol.checkpointMissed')).toHaveLength(1);

    const detail = await api(server, 'GET', `/api/v1/patrol/tours/${tourId}`, { cookie: admin });
    expect(detail.body.tour).toMatchObject({ checked: 2, missed: 1, flagged: 0 });
    expect(detail.body.tour.coverage).toBeCloseTo(2 / 3);
    // The queue flushed twice is one check-in, with the phone's scan time.
    expect(detail.body.checkins.map((c: { deviceId: string; method: string; scannedAt: string }) => [c.deviceId, c.method, c.scannedAt])).toEqual([
      ['test-cp-a', 'qr', '2026-12-03T14:00:40.000Z'],
      ['test-cp-b', 'nfc', '2026-12-03T14:10:10.000Z'],
    ]);
    // The walked track beside the plan: the guard's own fixes during the tour.
    expect(detail.body.track).toHaveLength(2);
    // A phone that connects now has the tour as the tables hold it.
    const late = new TestClient(server, guardCookie);
    await late.connected();
    const snapshot = late.syncs[0] as { kind: 'snapshot'; state: { tours: Record<string, { checkpoints: { checkedAt: string | null; missedAt: string | null }[] }> } };
    expect(snapshot.state.tours[tourId]!.checkpoints.map((c) => [c.checkedAt, c.missedAt !== null])).toEqual([
      ['2026-12-03T14:00:40.000Z', false],
      ['2026-12-03T14:10:10.000Z', false],
      [null, true],
    ]);
    late.close();
  });

  it('lists the tours of the coming shift not yet done in a handover, the walked one no longer', async () => {
    const preview = await api(server, 'GET', '/api/v1/handovers/preview?siteId=test', { cookie: admin });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const horizon = now.getTime() + 8 * 3_600_000;
    // Three checkpoints a tour: one with all three checked or missed is done.
    const due = (await tours()).filter((tour) => Date.parse(tour.startsAt) < horizon && tour.checked + tour.missed < 3).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(due.length).toBeGreaterThan(0);
    expect(preview.body.summary.patrolsDue).toEqual(due.map((tour) => ({ id: tour.id, name: '夜巡路线', dueAt: tour.startsAt })));
    expect(preview.body.summary.counts.patrolsDue).toBe(due.length);
    const [walked] = await tours();
    expect(preview.body.summary.patrolsDue.map((tour: { id: string }) => tour.id)).not.toContain(walked!.id);
  });

  it('flags a scan the guard\'s own positions never came near (the anti-fake rule)', async () => {
    const second = (await tours())[1]!;
    at('2026-12-03T16:01:00.000Z');
    // The guard is far from A (at C) around the scan.
    await walkTo([180, 100]);
    const fake = await checkin({ clientId: commandId('fake-a'), tourId: second.id, method: 'qr', qrText: checkpointQrText('test-cp-a'), scannedAt: now.toISOString() });
    expect(fake.status).toBe(201);
    expect(fake.body).toMatchObject({ flagged: true });
    const detail = await api(server, 'GET', `/api/v1/patrol/tours/${second.id}`, { cookie: admin });
    expect(detail.body.checkins[0]).toMatchObject({ deviceId: 'test-cp-a', flagged: true });
    expect(detail.body.checkins[0].nearestM).toBeGreaterThan(100);
    // An arrival check-in that is not near is refused: this route does not even allow one.
    const arrival = await checkin({ clientId: commandId('arr-b'), tourId: second.id, method: 'arrival', deviceId: 'test-cp-b', scannedAt: now.toISOString() });
    expect(arrival.status).toBe(400);
    expect(arrival.body.message).toContain('method: this route does not allow check-in by arrival');
  });

  const dayRoute = () => ({
    ...routeBody(),
    name: '白班巡更',
    checkpoints: [{ deviceId: 'test-cp-a', minutes: 0 }, { deviceId: 'test-cp-b', minutes: 20 }],
    schedule: { timeZone: 'UTC', start: '00:00', end: '00:00', everyMinutes: 60 },
    graceMinutes: 10,
  });
  let dayRouteId: string;
  const toursOf = async (id: string) =>
    ((await api(server, 'GET', '/api/v1/patrol/tours?siteId=test&limit=500', { cookie: admin })).body.tours as { id: string; routeId: string; startsAt: string; checkpoints: { dueAt: string }[] }[]).filter(
      (tour) => tour.routeId === id,
    );

  it('gives a route saved mid-tour the tour already under way, and none whose first checkpoint is already missed', async () => {
    at('2026-12-03T16:05:00.000Z');
    const created = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: admin, body: dayRoute() });
    expect(created.status).toBe(201);
    dayRouteId = created.body.route.id;
    await server.app.scheduler.tick();
    const starts = (await toursOf(dayRouteId)).map((tour) => tour.startsAt);
    // 16:00 began five minutes ago, its first checkpoint still within grace (16:10); 15:00 is over.
    expect(starts[0]).toBe('2026-12-03T16:00:00.000Z');
    expect(starts).toHaveLength(13);

    // The same route saved at 16:11: the 16:00 round's first checkpoint is past its grace before anyone knew, so none then.
    at('2026-12-03T16:11:00.000Z');
    const late = await api(server, 'POST', '/api/v1/patrol/routes', { cookie: admin, body: { ...dayRoute(), name: '白班巡更二', guardId: null } });
    await server.app.scheduler.tick();
    expect((await toursOf(late.body.route.id)).map((tour) => tour.startsAt)[0]).toBe('2026-12-03T17:00:00.000Z');
    await api(server, 'DELETE', `/api/v1/patrol/routes/${late.body.route.id}`, { cookie: admin });
  });

  it("cancels a changed route's tours not yet begun and expands them again; retiring it cancels every tour not done, and nobody is missed on it", async () => {
    const [running, ...upcoming] = await toursOf(dayRouteId);
    expect(running!.startsAt).toBe('2026-12-03T16:00:00.000Z');
    const cancelsOnPhone = () => phone.events.filter((e) => e.type === 'patrol.toursCancelled') as { payload: { reason: string; tours: { id: string }[] } }[];
    const before = cancelsOnPhone().length;

    // B moved to 15 minutes: the round being walked keeps its copy (B at 16:20), the coming ones are made again.
    at('2026-12-03T16:12:00.000Z');
    const changed = await api(server, 'PUT', `/api/v1/patrol/routes/${dayRouteId}`, {
      cookie: admin,
      body: { ...dayRoute(), checkpoints: [{ deviceId: 'test-cp-a', minutes: 0 }, { deviceId: 'test-cp-b', minutes: 15 }] },
    });
    expect(changed.status).toBe(200);
    await waitFor(() => cancelsOnPhone().length === before + 1, 'the cancellation on the phone');
    expect(cancelsOnPhone().at(-1)!.payload).toMatchObject({ reason: 'routeChanged' });
    expect(cancelsOnPhone().at(-1)!.payload.tours.map((tour) => tour.id).sort()).toEqual(upcoming.map((tour) => tour.id).sort());
    await server.app.scheduler.tick();
    const again = await toursOf(dayRouteId);
    expect(again[0]).toMatchObject({ id: running!.id, checkpoints: [{}, { dueAt: '2026-12-03T16:20:00.000Z' }] });
    expect(again.slice(1).map((tour) => tour.startsAt)).toEqual(upcoming.map((tour) => tour.startsAt));
    expect(again[1]!.checkpoints[1]!.dueAt).toBe('2026-12-03T17:15:00.000Z');

    // A scan queued offline at 16:12:30 reaches the server after the route is retired at 16:13: it counts.
    const queued = { clientId: commandId('day-a'), tourId: running!.id, method: 'qr', qrText: checkpointQrText('test-cp-a'), scannedAt: '2026-12-03T16:12:30.000Z' };
    at('2026-12-03T16:13:00.000Z');
    expect((await api(server, 'DELETE', `/api/v1/patrol/routes/${dayRouteId}`, { cookie: admin })).status).toBe(200);
    await waitFor(() => cancelsOnPhone().length === before + 2, 'the retirement on the phone');
    expect(cancelsOnPhone().at(-1)!.payload).toMatchObject({ reason: 'routeRetired' });
    expect(cancelsOnPhone().at(-1)!.payload.tours.map((tour) => tour.id)).toContain(running!.id);
    expect(await toursOf(dayRouteId)).toEqual([]);
    at('2026-12-03T16:14:00.000Z');
    expect((await checkin(queued)).status).toBe(201);
    const afterwards = await checkin({ clientId: commandId('day-b'), tourId: running!.id, method: 'qr', qrText: checkpointQrText('test-cp-b'), scannedAt: now.toISOString() });
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.message).toContain('tourId: this tour was cancelled');

    // B's grace (16:30) passes: no miss, no alarm, on any tour of the retired route (A was missed at 16:11, before).
    const tourIds = new Set([running!.id, ...upcoming.map((tour) => tour.id), ...again.map((tour) => tour.id)]);
    const missAlarms = () => commander.events.filter((e) => e.type === 'alarm.raised' && tourIds.has(String(e.payload.alarm.attributes.tourId))).length;
    const alarmsBefore = missAlarms();
    at('2026-12-03T16:31:00.000Z');
    await server.app.scheduler.tick();
    await server.app.scheduler.tick();
    const rows = (await server.database.db.execute(
      sql`select count(*)::int as n from patrol_tour_checkpoints where missed_at > '2026-12-03T16:13:00Z' and tour_id in (select id from patrol_tours where route_id = ${dayRouteId})`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(rows.rows[0]!.n)).toBe(0);
    expect(missAlarms()).toBe(alarmsBefore);
  });

  it('refuses a bad check-in naming the field, and counts nothing', async () => {
    const [first] = await tours();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ clientId: commandId('x'), tourId: first!.id, method: 'teleport', deviceId: 'test-cp-c', scannedAt: now.toISOString() }, 400, 'method: must be one of qr, nfc, arrival'],
      [{ clientId: commandId('x'), tourId: first!.id, method: 'qr', qrText: 'https://example.com', scannedAt: now.toISOString() }, 400, 'qrText: is not a Vigil checkpoint label'],
      [{ clientId: commandId('x'), tourId: first!.id, method: 'qr', qrText: checkpointQrText('test-cp-a'), scannedAt: now.toISOString() }, 409, 'qrText: checkpoint "test-cp-a" is already checked in'],
      [{ clientId: commandId('x'), tourId: first!.id, method: 'qr', qrText: checkpointQrText('test-cp-c'), scannedAt: 'yesterday' }, 400, 'scannedAt: must be an ISO-8601 date-time'],
      [{ clientId: commandId('x'), tourId: first!.id, method: 'qr', qrText: checkpointQrText('test-cp-c'), scannedAt: new Date(now.getTime() + 3_600_000).toISOString() }, 400, 'scannedAt: is in the future'],
      [{ clientId: 'short', tourId: first!.id, method: 'qr', qrText: checkpointQrText('test-cp-c'), scannedAt: now.toISOString() }, 400, 'clientId: must be 8 to 64 characters'],
    ];
    for (const [body, status, message] of cases) {
      const response = await checkin(body);
      expect(response.status, message).toBe(status);
      expect(response.body.message, message).toContain(message);
    }
    const detail = await api(server, 'GET', `/api/v1/patrol/tours/${first!.id}`, { cookie: admin });
    expect(detail.body.checkins).toHaveLength(2);
    expect(routeId).toBeTruthy();
  });

  it("counts the tours in the week's site report: checked of the checkpoints due, the walked one's miss included", async () => {
    // The tours' own figures, tour by tour (tested above: the walked one two checked, one missed).
    // A cancelled tour counts what was due before it was cancelled: what was checked or missed on it.
    const rows = (await server.database.db.execute(
      sql`select checked_count, missed_count, late_count, case when cancelled_at is null then checkpoint_count else checked_count + missed_count end as checkpoint_count from patrol_tours where site_id = 'test' and stream = 'live'`,
    )) as unknown as {
      rows: Record<'checked_count' | 'missed_count' | 'late_count' | 'checkpoint_count', number>[];
    };
    const sum = (key: 'checked_count' | 'missed_count' | 'late_count' | 'checkpoint_count') => rows.rows.reduce((total, row) => total + Number(row[key]), 0);
    expect(sum('checked_count')).toBeGreaterThanOrEqual(2);
    expect(sum('missed_count')).toBeGreaterThanOrEqual(1);
    const report = await api(server, 'GET', '/api/v1/reports?siteId=test&period=week&start=2026-12-03', { cookie: admin });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.report.patrol).toEqual({
      available: true,
      planned: sum('checkpoint_count'),
      completed: sum('checked_count'),
      missed: sum('missed_count'),
      late: sum('late_count'),
      coverage: sum('checked_count') / (sum('checked_count') + sum('missed_count')),
      previousCoverage: null,
    });
    // A patrolled site with no hazard reported this week: a figure of none, not "no data".
    expect(report.body.report.hazards).toEqual({ available: true, found: 0, rectified: 0, verified: 0, rectification: null, previousRectification: null });
  });
});

describe(`hazards: reported, assigned, rectified, verified (${testDbKind})`, () => {
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

  it('tracks a hazard with a photo from the guard to the commander, in order', async () => {
    const commanderCookie = await createUser(server, admin, 'hazard-commander', 'commander');
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const { cookie, userId } = await guardWithLogin(server, admin);
    const reportId = commandId('hazard');
    const reported = await api(server, 'POST', '/api/v1/hazards', { cookie, body: { commandId: reportId, siteId: 'test', note: '消防通道被杂物堵塞', deviceId: 'test-cp-a' } });
    expect(reported.status).toBe(201);
    const hazardId = reported.body.hazard.id as string;
    expect(reported.body.hazard).toMatchObject({ state: 'open', location: { position: [20, 20], floor: 0 } });
    // The same command again answers the first.
    const retried = await api(server, 'POST', '/api/v1/hazards', { cookie, body: { commandId: reportId, siteId: 'test', note: '消防通道被杂物堵塞', deviceId: 'test-cp-a' } });
    expect(retried.body.hazard.id).toBe(hazardId);

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const photo = await fetch(`${server.url}/api/v1/hazards/${hazardId}/photos?commandId=${commandId('photo')}`, { method: 'POST', headers: { cookie, 'content-type': 'image/png' }, body: png });
    expect(photo.status).toBe(201);
    const notImage = await fetch(`${server.url}/api/v1/hazards/${hazardId}/photos?commandId=${commandId('photo')}`, { method: 'POST', headers: { cookie, 'content-type': 'image/png' }, body: Buffer.from('hello world') });
    expect(notImage.status).toBe(415);
    expect(((await notImage.json()) as { message: string }).message).toContain('photo: is not a JPEG, PNG or WebP image');

    const verifyEarly = await api(server, 'POST', `/api/v1/hazards/${hazardId}/verify`, { cookie: commanderCookie, body: { commandId: commandId('v') } });
    expect(verifyEarly.status).toBe(409);
    expect(verifyEarly.body.message).toContain('state: a hazard that is open cannot be verified');
    const byGuard = await api(server, 'POST', `/api/v1/hazards/${hazardId}/assign`, { cookie, body: { commandId: commandId('a'), userId } });
    expect(byGuard.status).toBe(403);

    expect((await api(server, 'POST', `/api/v1/hazards/${hazardId}/assign`, { cookie: commanderCookie, body: { commandId: commandId('a'), userId } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/v1/hazards/${hazardId}/rectify`, { cookie, body: { commandId: commandId('r'), note: '已清理' } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/v1/hazards/${hazardId}/verify`, { cookie: commanderCookie, body: { commandId: commandId('v') } })).status).toBe(200);

    await waitFor(() => commander.events.some((e) => e.type === 'hazard.verified'), 'the verification on the console');
    expect(commander.events.filter((e) => e.type.startsWith('hazard.')).map((e) => e.type)).toEqual(['hazard.reported', 'hazard.photoAdded', 'hazard.assigned', 'hazard.rectified', 'hazard.verified']);
    const list = await api(server, 'GET', '/api/v1/hazards?siteId=test', { cookie: commanderCookie });
    expect(list.body.hazards).toMatchObject([{ id: hazardId, state: 'verified', rectifyNote: '已清理', photoIds: [photo.status === 201 ? expect.any(String) : ''] }]);
    const stored = await fetch(`${server.url}/api/v1/hazards/${hazardId}/photos/${list.body.hazards[0].photoIds[0]}`, { headers: { cookie: commanderCookie } });
    expect(stored.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await stored.arrayBuffer()).equals(png)).toBe(true);
    commander.close();
  });
  it("counts the hazard in the week's site report, rectified and verified", async () => {
    const report = await api(server, 'GET', `/api/v1/reports?siteId=test&period=week&start=${new Date().toLocaleDateString("sv-SE")}`, { cookie: admin });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.report.hazards).toEqual({ available: true, found: 1, rectified: 1, verified: 1, rectification: 1, previousRectification: null });
  });
  it("gives a hazard someone else reported to a guard's phone, takes it back on reassigning, and refuses a login that could not rectify it", async () => {
    const commanderCookie = await createUser(server, admin, 'hazard-commander-2', 'commander');
    const first = await guardWithLogin(server, admin);
    const second = await guardWithLogin(server, admin);
    const firstPhone = await phoneOf(server, first.cookie);
    const secondPhone = await phoneOf(server, second.cookie);
    /** What the phone holds: its snapshot with the events it was sent since, through the one reducer. */
    const held = (phone: TestClient, hazardId: string) => {
      const snapshot = phone.syncs.find((sync) => sync.kind === 'snapshot');
      if (snapshot?.kind !== 'snapshot') throw new Error('no snapshot on the phone');
      return applyEvents(liveStateFromJson(snapshot.state), phone.events).hazards.get(hazardId);
    };

    const reported = await api(server, 'POST', '/api/v1/hazards', { cookie: commanderCookie, body: { commandId: commandId('hazard'), siteId: 'test', note: '监控立杆松动', deviceId: 'test-cp-b' } });
    expect(reported.status).toBe(201);
    const hazardId = reported.body.hazard.id as string;

    const wall = await createUser(server, admin, 'hazard-wall', 'wall');
    const wallId = (await api(server, 'GET', '/api/v1/auth/me', { cookie: wall })).body.user.id as string;
    const assign = (userId: string) => api(server, 'POST', `/api/v1/hazards/${hazardId}/assign`, { cookie: commanderCookie, body: { commandId: commandId('a'), userId } });
    const toWall = await assign(wallId);
    expect(toWall.status).toBe(400);
    expect(toWall.body.message).toBe('userId: "hazard-wall" is a wall login, which cannot rectify a hazard');
    // A guard login on no roster entry sees no site: it could never open the hazard.
    const unlisted = await createUser(server, admin, 'hazard-unlisted', 'guard');
    const unlistedId = (await api(server, 'GET', '/api/v1/auth/me', { cookie: unlisted })).body.user.id as string;
    expect((await assign(unlistedId)).body.message).toBe('userId: "hazard-unlisted" is not on site "test"');
    const leaver = await guardWithLogin(server, admin);
    expect((await api(server, 'POST', `/api/v1/users/${leaver.userId}/disable`, { cookie: admin })).status).toBe(200);
    const toLeaver = await assign(leaver.userId);
    expect(toLeaver.status).toBe(400);
    expect(toLeaver.body.message).toMatch(/^userId: ".+" is disabled$/);
    const stillOpen = await api(server, 'GET', '/api/v1/hazards?siteId=test&state=open', { cookie: commanderCookie });
    expect(stillOpen.body.hazards.map((hazard: { id: string }) => hazard.id)).toContain(hazardId);

    expect((await assign(first.userId)).status).toBe(200);
    await waitFor(() => held(firstPhone, hazardId)?.state === 'assigned', "the hazard on the first guard's phone");
    expect(held(firstPhone, hazardId)).toMatchObject({ note: '监控立杆松动', deviceId: 'test-cp-b', assignee: { id: first.userId } });
    expect(held(secondPhone, hazardId)).toBeUndefined();

    expect((await assign(second.userId)).status).toBe(200);
    await waitFor(() => held(secondPhone, hazardId)?.state === 'assigned', "the hazard on the second guard's phone");
    // The first guard's phone hears it was taken away: it no longer names them.
    await waitFor(() => held(firstPhone, hazardId)?.assignee?.id === second.userId, "the reassignment on the first guard's phone");
    const byFirst = await api(server, 'POST', `/api/v1/hazards/${hazardId}/rectify`, { cookie: first.cookie, body: { commandId: commandId('r'), note: '已紧固' } });
    expect(byFirst.status).toBe(404);
    expect((await api(server, 'POST', `/api/v1/hazards/${hazardId}/rectify`, { cookie: second.cookie, body: { commandId: commandId('r'), note: '已紧固' } })).status).toBe(200);
    await waitFor(() => held(secondPhone, hazardId)?.state === 'rectified', "the rectification on the second guard's phone");
    expect(held(secondPhone, hazardId)?.rectifyNote).toBe('已紧固');
    const listed = await api(server, 'GET', '/api/v1/hazards', { cookie: second.cookie });
    expect(listed.body.hazards.map((hazard: { id: string }) => hazard.id)).toEqual([hazardId]);
    firstPhone.close();
    secondPhone.close();
    await api(server, 'POST', `/api/v1/hazards/${hazardId}/verify`, { cookie: commanderCookie, body: { commandId: commandId('v') } });
  });
});
