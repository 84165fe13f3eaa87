import { randomUUID } from 'node:crypto';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillStream, siteToDocument, type AlarmKind, type Disposition, type DrillScenario, type IncidentType, type SiteReport } from '@vigil/shared';
import { alarms, dispatches, drillRuns, incidents } from '../src/db/schema/index.js';
import { newAlarmRow } from '../src/repositories/alarms.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { USER_PASSWORD, api, login, startServer, type TestServer } from './helpers/server.js';

/*
 * A known week on the test site, in the control room's time zone (Asia/Shanghai, UTC+8):
 * Monday 2026-11-02 00:00 local = 2026-11-01T16:00Z, to the next Monday. The week before is
 * the previous period. Every figure asserted below is worked out by hand in the comments.
 */
const TZ = 'Asia/Shanghai';
const local = (day: string, time: string) => new Date(`${day}T${time}+08:00`);
const plus = (at: Date, sec: number) => new Date(at.getTime() + sec * 1000);

interface AlarmSeed {
  at: Date;
  kind: AlarmKind;
  zoneId: string | null;
  deviceId: string | null;
  ackSec: number | null;
  resolveSec: number | null;
  disposition: Disposition | null;
  siteId?: string;
  stream?: string;
}

const DRILL_RUN = randomUUID();
const DRILL_STREAM = drillStream(DRILL_RUN);

const alarmSeeds: AlarmSeed[] = [
  // This week (8).
  { at: local('2026-11-02', '09:00:00'), kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', ackSec: 30, resolveSec: 300, disposition: 'false' },
  { at: local('2026-11-02', '09:30:00'), kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', ackSec: 50, resolveSec: 600, disposition: 'false' },
  { at: local('2026-11-03', '14:00:00'), kind: 'intrusion', zoneId: 'test-z-east', deviceId: 'test-beam-e1', ackSec: 90, resolveSec: 1200, disposition: 'confirmed' },
  { at: local('2026-11-04', '02:00:00'), kind: 'fire', zoneId: 'test-z-b1', deviceId: 'test-door-b1', ackSec: 20, resolveSec: 2400, disposition: 'confirmed' },
  { at: local('2026-11-05', '22:00:00'), kind: 'smoke', zoneId: null, deviceId: 'test-water-g1', ackSec: 120, resolveSec: 3600, disposition: 'fault' },
  { at: local('2026-11-07', '23:59:00'), kind: 'door_forced', zoneId: 'test-z-b1', deviceId: 'test-door-b1', ackSec: 40, resolveSec: null, disposition: null },
  { at: local('2026-11-08', '23:30:00'), kind: 'fire', zoneId: 'test-z-b1', deviceId: null, ackSec: null, resolveSec: null, disposition: null },
  // Monday 00:30 local is still Sunday in UTC: it belongs to this week.
  { at: local('2026-11-02', '00:30:00'), kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', ackSec: 10, resolveSec: 60, disposition: 'duplicate' },
  // The week before (2): Sunday 23:59 local is the previous week's last minute.
  { at: local('2026-10-27', '10:00:00'), kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', ackSec: 100, resolveSec: 900, disposition: 'false' },
  { at: local('2026-11-01', '23:59:00'), kind: 'fire', zoneId: 'test-z-b1', deviceId: 'test-door-b1', ackSec: 200, resolveSec: 1800, disposition: 'confirmed' },
  // Never counted: the next week's first minute, a drill's alarm, another site's, one from two weeks back.
  { at: local('2026-11-09', '00:00:00'), kind: 'fire', zoneId: 'test-z-b1', deviceId: 'test-door-b1', ackSec: 5, resolveSec: 5, disposition: 'false' },
  { at: local('2026-11-03', '10:00:00'), kind: 'fire', zoneId: 'test-z-b1', deviceId: 'test-door-b1', ackSec: 1, resolveSec: 2, disposition: 'false', stream: DRILL_STREAM },
  { at: local('2026-11-03', '10:00:00'), kind: 'fire', zoneId: 'other-z-b1', deviceId: 'other-door-b1', ackSec: 1, resolveSec: 2, disposition: 'false', siteId: 'other' },
  { at: local('2026-10-25', '12:00:00'), kind: 'smoke', zoneId: null, deviceId: 'test-water-g1', ackSec: 1, resolveSec: 2, disposition: 'false' },
];

interface DispatchSeed {
  sentSec: number;
  acceptedSec?: number;
  declinedSec?: number;
  enRouteSec?: number;
  onSceneSec?: number;
}
interface IncidentSeed {
  openedAt: Date;
  type: IncidentType;
  resolveSec: number | null;
  dispatches: DispatchSeed[];
  stream?: string;
}

const incidentSeeds: IncidentSeed[] = [
  // This week: response (opened → first on scene) 420 and 260; resolve 1800 and 600.
  { openedAt: local('2026-11-04', '02:01:00'), type: 'fire', resolveSec: 1800, dispatches: [{ sentSec: 60, acceptedSec: 90, enRouteSec: 120, onSceneSec: 420 }, { sentSec: 60, acceptedSec: 150, enRouteSec: 200, onSceneSec: 500 }] },
  { openedAt: local('2026-11-03', '14:02:00'), type: 'intrusion', resolveSec: 600, dispatches: [{ sentSec: 30, declinedSec: 45 }, { sentSec: 50, acceptedSec: 70, enRouteSec: 80, onSceneSec: 260 }] },
  { openedAt: local('2026-11-06', '11:00:00'), type: 'fire', resolveSec: null, dispatches: [] },
  // The week before: response 700.
  { openedAt: local('2026-10-28', '08:00:00'), type: 'fire', resolveSec: 3000, dispatches: [{ sentSec: 100, acceptedSec: 160, enRouteSec: 200, onSceneSec: 700 }] },
  // A drill's incident and dispatch: never counted.
  { openedAt: local('2026-11-03', '10:01:00'), type: 'fire', resolveSec: 10, dispatches: [{ sentSec: 1, acceptedSec: 2, enRouteSec: 3, onSceneSec: 4 }], stream: DRILL_STREAM },
];

describe(`site reports: the figures of a seeded week (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const savedTz = process.env.TZ;

  const report = async (query: string, cookie = admin): Promise<SiteReport> => {
    const response = await api(server, 'GET', `/api/v1/reports?${query}`, { cookie });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.report as SiteReport;
  };

  beforeAll(async () => {
    process.env.TZ = TZ;
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    const imported = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const db = server.database.db;
    await db.insert(alarms).values(
      alarmSeeds.map((seed, i) => ({
        ...newAlarmRow({
          id: randomUUID(), siteId: seed.siteId ?? 'test', stream: (seed.stream ?? 'live') as 'live', dedupKey: `seed-${i}`, kind: seed.kind, priority: 2,
          source: { externalId: `seed-${i}` }, deviceId: seed.deviceId, zoneId: seed.zoneId, message: `seed ${i}`, attributes: {}, occurredAt: seed.at, at: seed.at,
        }),
        state: seed.resolveSec !== null ? ('resolved' as const) : seed.ackSec !== null ? ('acknowledged' as const) : ('new' as const),
        acknowledgedAt: seed.ackSec === null ? null : plus(seed.at, seed.ackSec),
        resolvedAt: seed.resolveSec === null ? null : plus(seed.at, seed.resolveSec),
        disposition: seed.disposition,
      })),
    );
    for (const [i, seed] of incidentSeeds.entries()) {
      const id = randomUUID();
      const stream = seed.stream ?? 'live';
      await db.insert(incidents).values({
        id, stream, siteId: 'test', number: `20261100-${String(i).padStart(3, '0')}`, type: seed.type, level: 2, title: `incident ${i}`,
        state: seed.resolveSec === null ? 'in_progress' : 'resolved', openedAt: seed.openedAt, openedById: 'u', openedByName: 'op',
        resolvedAt: seed.resolveSec === null ? null : plus(seed.openedAt, seed.resolveSec),
      });
      for (const d of seed.dispatches) {
        const at = (sec: number | undefined) => (sec === undefined ? null : plus(seed.openedAt, sec));
        await db.insert(dispatches).values({
          id: randomUUID(), stream, incidentId: id, siteId: 'test', guardId: 'g-1', state: d.onSceneSec !== undefined ? 'on_scene' : d.declinedSec !== undefined ? 'declined' : 'sent',
          sentAt: at(d.sentSec)!, sentById: 'u', sentByName: 'op', answerDueAt: at(d.sentSec + 60)!,
          acceptedAt: at(d.acceptedSec), declinedAt: at(d.declinedSec), enRouteAt: at(d.enRouteSec), onSceneAt: at(d.onSceneSec),
        });
      }
    }
    const scenario = { id: 'fire-b1', name: { zh: '1号楼火警演练', en: 'Building 1 fire drill' }, injects: [] } as unknown as DrillScenario;
    await db.insert(drillRuns).values({
      id: DRILL_RUN, stream: DRILL_STREAM, siteId: 'test', scenario, mode: 'live', state: 'ended', controllerId: randomUUID(), controllerName: 'trainer',
      startedAt: local('2026-11-03', '10:00:00'), endedAt: local('2026-11-03', '10:30:00'),
      evaluation: { targets: [], steps: [], score: 82.5, grade: 'good', late: [], skipped: [], missed: [] },
    });
  });
  afterAll(async () => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
    await server?.close();
    await handle?.destroy();
  });

  it('bounds the week in the control room time zone, Monday first, and the week before it', async () => {
    const week = await report('siteId=test&period=week&start=2026-11-04');
    expect(week).toMatchObject({
      siteId: 'test', siteName: { zh: '测试小区', en: 'Test Estate' }, period: 'week', timeZone: TZ,
      from: '2026-11-01T16:00:00.000Z', to: '2026-11-08T16:00:00.000Z', previousFrom: '2026-10-25T16:00:00.000Z', previousTo: '2026-11-01T16:00:00.000Z',
    });
    // Any day of the week names the same week.
    expect((await report('siteId=test&period=week&start=2026-11-08')).from).toBe(week.from);
    const month = await report('siteId=test&period=month&start=2026-11-20');
    expect([month.from, month.to, month.previousFrom]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z']);
    const quarter = await report('siteId=test&period=quarter&start=2026-11-20');
    expect([quarter.from, quarter.to, quarter.previousFrom]).toEqual(['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z']);
    const day = await report('siteId=test&period=day&start=2026-11-02');
    expect([day.from, day.to]).toEqual(['2026-11-01T16:00:00.000Z', '2026-11-02T16:00:00.000Z']);
    // Monday: alarms at 00:30, 09:00 and 09:30 local.
    expect(day.current.alarms.total).toBe(3);
  });

  it("counts the live stream's alarms of the site: totals, dispositions, acknowledge and resolve P50/P90", async () => {
    const week = await report('siteId=test&period=week&start=2026-11-04');
    // Acknowledged after 10 20 30 40 50 90 120 s: P50 rank 3 → 40; P90 rank 5.4 → 90 + 0.4·30 = 102.
    // Resolved after 60 300 600 1200 2400 3600 s: P50 rank 2.5 → 900; P90 rank 4.5 → 3000.
    expect(week.current.alarms).toEqual({
      total: 8,
      byDisposition: { confirmed: 2, false: 2, duplicate: 1, fault: 1, drill: 0 },
      falseRate: 2 / 6,
      acknowledge: { count: 7, p50: 40, p90: 102 },
      resolve: { count: 6, p50: 900, p90: 3000 },
    });
    expect(week.previous.alarms).toEqual({
      total: 2,
      byDisposition: { confirmed: 1, false: 1, duplicate: 0, fault: 0, drill: 0 },
      falseRate: 0.5,
      acknowledge: { count: 2, p50: 150, p90: 190 },
      resolve: { count: 2, p50: 1350, p90: 1710 },
    });
  });

  it('breaks the alarms down by kind, by zone, by weekday × hour, and lists the noisiest devices first', async () => {
    const week = await report('siteId=test&period=week&start=2026-11-04');
    expect(week.byKind).toEqual([
      { kind: 'intrusion', count: 4, previous: 1 },
      { kind: 'fire', count: 2, previous: 1 },
      { kind: 'door_forced', count: 1, previous: 0 },
      { kind: 'smoke', count: 1, previous: 0 },
    ]);
    expect(week.byZone).toEqual([
      { zoneId: 'test-z-b1', name: { zh: '1号楼', en: 'Building 1' }, count: 3, previous: 1 },
      { zoneId: 'test-z-north', name: { zh: '北围墙', en: 'North perimeter' }, count: 3, previous: 1 },
      { zoneId: 'test-z-east', name: { zh: '东围墙', en: 'East perimeter' }, count: 1, previous: 0 },
      { zoneId: null, name: null, count: 1, previous: 0 },
    ]);
    const cells = week.heatMap.flatMap((hours, day) => hours.flatMap((n, hour) => (n > 0 ? [[day + 1, hour, n]] : [])));
    expect(cells).toEqual([[1, 0, 1], [1, 9, 2], [2, 14, 1], [3, 2, 1], [4, 22, 1], [6, 23, 1], [7, 23, 1]]);
    expect(week.devices.map((d) => [d.deviceId, d.name?.en, d.total, d.byDisposition.false, d.falseRate])).toEqual([
      ['test-beam-n1', 'North beam 1', 3, 2, 2 / 3],
      ['test-door-b1', 'Building 1 lobby door', 2, 0, 0],
      ['test-beam-e1', 'East beam 1', 1, 0, 0],
      ['test-water-g1', 'Garage water 1', 1, 0, 0],
    ]);
    expect(week.devices[0]!.byDisposition).toEqual({ confirmed: 0, false: 2, duplicate: 1, fault: 0, drill: 0 });
  });

  it('times incidents by type and the dispatches: accept, turnout and travel, beside the week before', async () => {
    const week = await report('siteId=test&period=week&start=2026-11-04');
    // Response 260 and 420 (the third incident had no guard on scene): P50 340, P90 260 + 0.9·160 = 404.
    expect(week.current.incidents).toEqual({ total: 3, response: { count: 2, p50: 340, p90: 404 }, resolve: { count: 2, p50: 1200, p90: 1680 } });
    expect(week.previous.incidents).toEqual({ total: 1, response: { count: 1, p50: 700, p90: 700 }, resolve: { count: 1, p50: 3000, p90: 3000 } });
    expect(week.incidentTypes).toEqual([
      { type: 'fire', count: 2, previous: 1, response: { count: 1, p50: 420, p90: 420 }, resolve: { count: 1, p50: 1800, p90: 1800 } },
      { type: 'intrusion', count: 1, previous: 0, response: { count: 1, p50: 260, p90: 260 }, resolve: { count: 1, p50: 600, p90: 600 } },
    ]);
    // Accept 20 30 90 (P90 rank 1.8 → 78); turnout 30 60 140 (P90 124); travel 180 300 300.
    expect(week.current.dispatches).toEqual({
      sent: 4, declined: 1, unanswered: 0,
      accept: { count: 3, p50: 30, p90: 78 }, turnout: { count: 3, p50: 60, p90: 124 }, travel: { count: 3, p50: 300, p90: 300 },
    });
    expect(week.previous.dispatches).toEqual({
      sent: 1, declined: 0, unanswered: 0,
      accept: { count: 1, p50: 60, p90: 60 }, turnout: { count: 1, p50: 100, p90: 100 }, travel: { count: 1, p50: 500, p90: 500 },
    });
  });

  it("lists the period's drills with their scores, and says there is no patrol data yet", async () => {
    const week = await report('siteId=test&period=week&start=2026-11-04');
    expect(week.drills).toEqual([
      { id: DRILL_RUN, name: { zh: '1号楼火警演练', en: 'Building 1 fire drill' }, mode: 'live', state: 'ended', startedAt: '2026-11-03T02:00:00.000Z', endedAt: '2026-11-03T02:30:00.000Z', score: 82.5, grade: 'good' },
    ]);
    expect(week.patrol).toEqual({ available: false });
    expect(week.hazards).toEqual({ available: false });
    expect(week.targets.acknowledgeP90Sec).toBe(60);
    expect((await report('siteId=test&period=week&start=2026-11-11')).drills).toEqual([]);
  });

  it('exports the same tables as CSV and XLSX', async () => {
    const csv = await fetch(`${server.url}/api/v1/reports/export.csv?siteId=test&period=week&start=2026-11-04&lang=en`, { headers: { cookie: admin } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('vigil-report-test-week-2026-11-01.csv');
    const text = await csv.text();
    expect(text).toContain('"Time to acknowledge P90 (s)","102","190","60","not met"');
    expect(text).toContain('"Alarms by kind"\r\n"Kind","This period","Previous period"\r\n"intrusion","4","1"\r\n');
    expect(text).toContain('"North beam 1","3","0","2","1","0","0","66.7"');
    expect(text).toContain('"Patrol coverage (%)","no patrol data"');
    const zh = await (await fetch(`${server.url}/api/v1/reports/export.csv?siteId=test&period=week&start=2026-11-04&lang=zh-CN`, { headers: { cookie: admin } })).text();
    expect(zh).toContain('"误报率（%）","33.3","50","20","未达标"');

    const xlsx = await fetch(`${server.url}/api/v1/reports/export.xlsx?siteId=test&period=week&start=2026-11-04&lang=en`, { headers: { cookie: admin } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const sheets = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['KPI', 'Kinds', 'Zones', 'Hours', 'Devices', 'Incidents', 'Dispatches', 'Drills', 'Report']);
    const kpi = sheets[0]!.data;
    expect(kpi[0]).toEqual(['Key figures', null, null, null, null]);
    expect(kpi.find((row) => row[0] === 'Time to acknowledge P50 (s)')?.slice(1, 3)).toEqual([40, 150]);
    const hours = sheets[3]!.data;
    expect(hours[2]![0]).toBe('Mon');
    expect(hours[2]![1 + 9]).toBe(2);
  });

  it('refuses bad input naming the field, an unknown site as 404, and roles that do not read reports', async () => {
    const cases: [string, string][] = [
      ['period=week&start=2026-11-04', 'siteId'],
      ['siteId=test&start=2026-11-04', 'period'],
      ['siteId=test&period=year&start=2026-11-04', 'period'],
      ['siteId=test&period=week', 'start'],
      ['siteId=test&period=week&start=2026-02-30', 'start'],
      ['siteId=test&period=week&start=04/11/2026', 'start'],
      ['siteId=test&period=week&start=1999-12-31', 'start'],
      ['siteId=te%00st&period=week&start=2026-11-04', 'siteId'],
      ['siteId=test&period=week&start=2026-11-04&extra=1', 'extra'],
    ];
    for (const [query, field] of cases) {
      const response = await api(server, 'GET', `/api/v1/reports?${query}`, { cookie: admin });
      expect(response.status, query).toBe(400);
      expect(String(response.body.message), query).toMatch(new RegExp(`^${field}: `));
    }
    const lang = await api(server, 'GET', '/api/v1/reports/export.csv?siteId=test&period=week&start=2026-11-04&lang=fr', { cookie: admin });
    expect(lang.status).toBe(400);
    expect(String(lang.body.message)).toMatch(/^lang: /);
    const missing = await api(server, 'GET', '/api/v1/reports?siteId=nowhere&period=week&start=2026-11-04', { cookie: admin });
    expect(missing.status).toBe(404);
    expect(String(missing.body.message)).toMatch(/^siteId: /);

    for (const [username, role, allowed] of [['rep-op', 'operator', true], ['rep-wall', 'wall', false], ['rep-guard', 'guard', false]] as const) {
      const created = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username, displayName: username, role, password: USER_PASSWORD, siteIds: role === 'operator' ? ['other'] : undefined } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const cookie = await login(server, username, USER_PASSWORD);
      const response = await api(server, 'GET', '/api/v1/reports?siteId=test&period=week&start=2026-11-04', { cookie });
      // An operator of another site is told the site does not exist, as for any site out of scope.
      expect(response.status, username).toBe(allowed ? 404 : 403);
      if (allowed) expect((await api(server, 'GET', '/api/v1/reports?siteId=other&period=week&start=2026-11-04', { cookie })).status).toBe(200);
    }
  });
});
