import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteToDocument, type Alarm, type AlarmKind, type DomainEvent, type Disposition } from '@vigil/shared';
import { alarms } from '../src/db/schema/index.js';
import { newAlarmRow } from '../src/repositories/alarms.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { addGuard } from './helpers/positions.js';
import { TestClient, USER_PASSWORD, api, login, postAlarm, startServer, type TestServer } from './helpers/server.js';

interface Page {
  alarms: Alarm[];
  nextCursor: string | null;
  prevCursor: string | null;
}

/** The seeded history lies in this hour of the past, one alarm a minute; the alarms posted by the tests are newer. */
const WINDOW_FROM = '2026-01-10T00:00:00.000Z';
const WINDOW_TO = '2026-01-10T01:00:00.000Z';
const inWindow = `from=${WINDOW_FROM}&to=${WINDOW_TO}`;
const EXPORT_LIMIT = 20;

interface Seed {
  siteId: string;
  kind: AlarmKind;
  zoneId: string | null;
  deviceId: string | null;
  state: 'new' | 'acknowledged' | 'resolved';
  disposition: Disposition | null;
  message: string;
}

const seeds: Seed[] = [
  { siteId: 'test', kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', state: 'resolved', disposition: 'false', message: 'Beam cut, north wall' },
  { siteId: 'test', kind: 'intrusion', zoneId: 'test-z-east', deviceId: 'test-beam-e1', state: 'resolved', disposition: 'confirmed', message: 'He said "climbing"' },
  { siteId: 'test', kind: 'fire', zoneId: 'test-z-b1', deviceId: 'test-door-b1', state: 'new', disposition: null, message: 'Smoke\nsecond line' },
  { siteId: 'test', kind: 'fire', zoneId: 'test-z-b1', deviceId: null, state: 'acknowledged', disposition: null, message: '=HYPERLINK("http://x","y")' },
  { siteId: 'test', kind: 'smoke', zoneId: null, deviceId: 'test-water-g1', state: 'resolved', disposition: 'fault', message: '+1 smoke' },
  { siteId: 'test', kind: 'door_forced', zoneId: 'test-z-b1', deviceId: 'test-door-b1', state: 'resolved', disposition: 'false', message: '-2 degrees at the door' },
  { siteId: 'test', kind: 'fire', zoneId: 'test-z-north', deviceId: 'test-beam-n1', state: 'resolved', disposition: 'duplicate', message: '@operator 100% sure' },
  { siteId: 'test', kind: 'intrusion', zoneId: 'test-z-north', deviceId: 'test-beam-n1', state: 'new', disposition: null, message: '100 metres, under_score' },
  { siteId: 'test', kind: 'smoke', zoneId: 'test-z-b1', deviceId: null, state: 'resolved', disposition: 'confirmed', message: '一号楼烟感报警 FLOOR 3' },
  { siteId: 'test', kind: 'intrusion', zoneId: 'test-z-east', deviceId: 'test-beam-e1', state: 'acknowledged', disposition: null, message: 'back\\slash beam' },
  { siteId: 'other', kind: 'fire', zoneId: 'other-z-b1', deviceId: 'other-door-b1', state: 'resolved', disposition: 'false', message: 'Smoke on the other site' },
  { siteId: 'other', kind: 'intrusion', zoneId: 'other-z-north', deviceId: 'other-beam-n1', state: 'new', disposition: null, message: 'Beam cut on the other site' },
];

/** RFC 4180, enough to read back what the export wrote: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  expect(quoted, 'the file ends inside a quoted cell').toBe(false);
  expect(cell, 'the file ends without CRLF').toBe('');
  return rows;
}

describe(`the alarm history: search, timeline and CSV (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const cookies: Record<string, string> = {};
  /** Seeded ids by index in `seeds`, oldest first. */
  const ids: string[] = [];
  const clients: TestClient[] = [];

  const get = (path: string, cookie = admin) => api(server, 'GET', path, { cookie });
  const page = async (query: string, cookie = admin): Promise<Page> => {
    const response = await get(`/api/v1/alarms?${query}`, cookie);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as Page;
  };
  /** Every alarm of a query, walking `before` cursors. */
  const all = async (query: string, cookie = admin): Promise<string[]> => {
    const seen: string[] = [];
    let current = await page(`${query}&limit=4`, cookie);
    for (;;) {
      seen.push(...current.alarms.map((alarm) => alarm.id));
      if (!current.nextCursor) return seen;
      current = await page(`${query}&limit=4&before=${current.nextCursor}`, cookie);
    }
  };
  /** The seeded ids, newest first, of the seeds that pass. */
  const expected = (pass: (seed: Seed) => boolean) =>
    seeds
      .map((seed, index) => ({ seed, id: ids[index]! }))
      .filter(({ seed }) => pass(seed))
      .map(({ id }) => id)
      .reverse();
  const exportCsv = async (query: string, cookie = admin) => {
    const response = await fetch(`${server.url}/api/v1/alarms/export.csv?${query}`, { headers: { cookie } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  };

  async function addUser(username: string, role: string, siteIds?: string[]): Promise<string> {
    const created = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username, displayName: username, role, password: USER_PASSWORD, siteIds } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    cookies[username] = await login(server, username, USER_PASSWORD);
    return created.body.user.id as string;
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { alarmExportRowLimit: EXPORT_LIMIT });
    admin = await login(server);
    const imported = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    await addUser('op-test', 'operator', ['test']);
    const phone = await addUser('phone1', 'guard');
    await addGuard(server, admin, { userId: phone });
    const rows = seeds.map((seed, i) => {
      const at = new Date(Date.parse(WINDOW_FROM) + i * 60_000);
      const id = randomUUID();
      ids.push(id);
      return {
        ...newAlarmRow({
          id, siteId: seed.siteId, stream: 'live', dedupKey: `seed-${i}`, kind: seed.kind, priority: 2, source: { externalId: `seed-${i}` },
          deviceId: seed.deviceId, zoneId: seed.zoneId, message: seed.message, attributes: {}, occurredAt: at, at,
        }),
        state: seed.state,
        disposition: seed.disposition,
        resolvedAt: seed.state === 'resolved' ? new Date(at.getTime() + 30_000) : null,
      };
    });
    await server.database.db.insert(alarms).values(rows);
    // A drill's alarm in the same hour: never in the live history.
    await server.database.db.insert(alarms).values(
      newAlarmRow({
        id: randomUUID(), siteId: 'test', stream: 'drill:run-1', dedupKey: 'drill-1', kind: 'fire', priority: 1, source: { externalId: 'drill-1' },
        deviceId: null, zoneId: null, message: 'Drill smoke', attributes: {}, occurredAt: new Date(WINDOW_FROM), at: new Date(WINDOW_FROM),
      }),
    );
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
    await handle?.destroy();
  });

  it('each filter returns exactly the alarms that pass it, newest first', async () => {
    const cases: [string, (seed: Seed) => boolean][] = [
      ['', () => true],
      ['kind=fire', (seed) => seed.kind === 'fire'],
      ['kind=fire&kind=smoke', (seed) => seed.kind === 'fire' || seed.kind === 'smoke'],
      ['kind=fire,door_forced', (seed) => seed.kind === 'fire' || seed.kind === 'door_forced'],
      ['zoneId=test-z-b1', (seed) => seed.zoneId === 'test-z-b1'],
      ['deviceId=test-beam-n1', (seed) => seed.deviceId === 'test-beam-n1'],
      ['state=resolved', (seed) => seed.state === 'resolved'],
      ['state=open', (seed) => seed.state !== 'resolved'],
      ['disposition=false', (seed) => seed.disposition === 'false'],
      ['disposition=confirmed,fault', (seed) => seed.disposition === 'confirmed' || seed.disposition === 'fault'],
      ['siteId=other', (seed) => seed.siteId === 'other'],
      ['q=BEAM', (seed) => /beam/i.test(seed.message)],
      ['q=烟感', (seed) => seed.message.includes('烟感')],
      // LIKE's wildcards and its escape are taken literally.
      ['q=100%25', (seed) => seed.message.includes('100%')],
      ['q=r_s', (seed) => seed.message.includes('r_s')],
      ['q=_', (seed) => seed.message.includes('_')],
      [`q=${encodeURIComponent('k\\s')}`, (seed) => seed.message.includes('k\\s')],
      ['q=%20%20smoke%20', (seed) => /smoke/i.test(seed.message)],
      ['kind=intrusion&zoneId=test-z-north&state=new', (seed) => seed.kind === 'intrusion' && seed.zoneId === 'test-z-north' && seed.state === 'new'],
      ['kind=fire&q=nothing-like-this', () => false],
    ];
    for (const [query, pass] of cases) {
      const want = expected(pass);
      expect(await all(`${inWindow}&${query}`), query).toEqual(want);
    }
    // `from` is inclusive and `to` exclusive: minutes 2 to 4 are the third, fourth and fifth seeds.
    const minute = (n: number) => new Date(Date.parse(WINDOW_FROM) + n * 60_000).toISOString();
    expect(await all(`from=${minute(2)}&to=${minute(5)}`)).toEqual([ids[4], ids[3], ids[2]]);
    expect(await all(`from=${encodeURIComponent('2026-01-10T08:02:00+08:00')}&to=${minute(3)}`)).toEqual([ids[2]]);
    expect(new Set(expected(() => true))).toEqual(new Set(ids));
    expect(expected(() => true)).toHaveLength(seeds.length);
  });

  it('pages forwards and backwards with no duplicate and no gap while new alarms arrive between pages', async () => {
    const query = `from=${WINDOW_FROM}&kind=intrusion,fire`;
    const seeded = expected((seed) => seed.kind === 'intrusion' || seed.kind === 'fire');
    const arrived: string[] = [];
    const arrive = async () => {
      const posted = await postAlarm(server, buildAlarm({ kind: arrived.length % 2 ? 'fire' : 'intrusion', message: `arrived while paging ${arrived.length}` }));
      expect(posted.status).toBe(201);
      arrived.push(posted.body.alarm.id as string);
    };
    await arrive();
    // Older, page by page: each alarm there was at the start, once, in order.
    const first = await page(`${query}&limit=3`);
    const older: string[] = [...first.alarms.map((alarm) => alarm.id)];
    const pages: Page[] = [first];
    let current = first;
    while (current.nextCursor) {
      await arrive();
      current = await page(`${query}&limit=3&before=${current.nextCursor}`);
      pages.push(current);
      older.push(...current.alarms.map((alarm) => alarm.id));
    }
    expect(older).toEqual([arrived[0], ...seeded]);
    expect(pages.length).toBeGreaterThan(2);

    // Newer, back from the oldest page: the same alarms, each once, then the ones that arrived meanwhile.
    const newer: string[] = [];
    let cursor = pages.at(-1)!.prevCursor!;
    newer.push(...pages.at(-1)!.alarms.map((alarm) => alarm.id));
    for (let step = 0; ; step += 1) {
      // Alarms arrive during the first steps; the walk then catches up with them and ends.
      if (step < 3) await arrive();
      const next = await page(`${query}&limit=3&after=${cursor}`);
      if (next.alarms.length === 0) break;
      const times = next.alarms.map((alarm) => alarm.firstAt);
      expect([...times].sort().reverse()).toEqual(times);
      newer.unshift(...next.alarms.map((alarm) => alarm.id));
      cursor = next.prevCursor!;
      if (step > 100) throw new Error('paging newer never ended');
    }
    expect(new Set(newer).size).toBe(newer.length);
    expect(newer).toEqual([...[...arrived].reverse(), ...seeded]);
  });

  it('refuses a bad parameter with a 400 naming the field, on the list and the export', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', 'from'],
      ['to=2026-01-10', 'to'],
      [`from=${WINDOW_TO}&to=${WINDOW_FROM}`, 'to'],
      [`from=${WINDOW_FROM}&to=${WINDOW_FROM}`, 'to'],
      ['kind=ufo', 'kind'],
      ['kind=fire,ufo', 'kind'],
      ['kind=fire&kind=', 'kind'],
      ['disposition=maybe', 'disposition'],
      ['state=closed', 'state'],
      ['zoneId=has%20space', 'zoneId'],
      ['deviceId=', 'deviceId'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=a%00b', 'q'],
      ['sort=firstAt', 'sort'],
    ];
    for (const [query, field] of cases) {
      for (const path of ['/api/v1/alarms', '/api/v1/alarms/export.csv']) {
        const response = await get(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBe(400);
        expect(response.body.message, `${path}?${query}`).toMatch(new RegExp(`^${field}: `));
        expect(response.body.params?.field, `${path}?${query}`).toBe(field);
      }
    }
    for (const [query, field] of [['lang=fr', 'lang'], ['tz=Mars%2FOlympus', 'tz'], ['limit=10', 'limit'], ['before=abc', 'before']] as const) {
      const response = await get(`/api/v1/alarms/export.csv?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.message, query).toMatch(new RegExp(`^${field}: `));
    }
    const timeline = await get('/api/v1/alarms/not-a-uuid/timeline');
    expect(timeline.status).toBe(400);
    expect(timeline.body.message).toMatch(/^id: must be a UUID/);
  });

  it("lists an alarm's events in seq order, and only that alarm's", async () => {
    const client = new TestClient(server, admin);
    clients.push(client);
    await client.connected();
    const body = buildAlarm({ kind: 'fire', message: 'Smoke in the stairwell' });
    const raised = await postAlarm(server, body);
    const id = raised.body.alarm.id as string;
    const other = (await postAlarm(server, buildAlarm({ message: 'another alarm' }))).body.alarm.id as string;
    expect((await postAlarm(server, { ...body, message: 'Smoke in the stairwell again' })).status).toBe(200);
    expect(await client.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: other })).toMatchObject({ ok: true });
    expect(await client.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: id })).toMatchObject({ ok: true });
    expect(await client.socket.emitWithAck('alarm.hold', { commandId: randomUUID(), alarmId: id, note: 'guard on the way' })).toMatchObject({ ok: true });
    expect(await client.socket.emitWithAck('alarm.resume', { commandId: randomUUID(), alarmId: id })).toMatchObject({ ok: true });
    expect(await client.socket.emitWithAck('alarm.resolve', { commandId: randomUUID(), alarmId: id, disposition: 'false', note: 'steam from a kettle' })).toMatchObject({ ok: true });

    const response = await get(`/api/v1/alarms/${id}/timeline`);
    expect(response.status).toBe(200);
    const events = response.body.events as DomainEvent[];
    expect(events.map((event) => event.type)).toEqual(['alarm.raised', 'alarm.repeated', 'alarm.acknowledged', 'alarm.held', 'alarm.resumed', 'alarm.resolved']);
    const seqs = events.map((event) => event.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.at(-1)).toMatchObject({ payload: { alarmId: id, disposition: 'false', note: 'steam from a kettle' } });
    expect(response.body.alarm).toMatchObject({ id, state: 'resolved', disposition: 'false', count: 2 });
    expect(response.body.truncated).toBe(false);

    const seededTimeline = await get(`/api/v1/alarms/${ids[0]}/timeline`);
    expect(seededTimeline.status).toBe(200);
    expect(seededTimeline.body.events).toEqual([]);
    const missing = await get(`/api/v1/alarms/${randomUUID()}/timeline`);
    expect(missing.status).toBe(404);
  });

  it('exports the same filters as CSV: BOM, a header in the chosen language, every field quoted, formulas guarded', async () => {
    const { response, bytes, text } = await exportCsv(`${inWindow}&siteId=test&lang=en&tz=Asia%2FShanghai`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="vigil-alarms-[\d-T]+\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toContain('Alarm id');
    expect(header).toContain('First seen (Asia/Shanghai)');
    expect(header).toContain('Disposition');
    const column = (name: string) => header!.indexOf(name);
    const want = expected((seed) => seed.siteId === 'test');
    expect(rows.map((row) => row[column('Alarm id')])).toEqual(want);
    const byId = new Map(rows.map((row) => [row[column('Alarm id')]!, row]));
    const cellOf = (index: number, name: string) => byId.get(ids[index]!)![column(name)];
    // Commas, quotes, line breaks and Chinese survive the round trip.
    expect(cellOf(0, 'Message')).toBe('Beam cut, north wall');
    expect(cellOf(1, 'Message')).toBe('He said "climbing"');
    expect(cellOf(2, 'Message')).toBe('Smoke\nsecond line');
    expect(cellOf(8, 'Message')).toBe('一号楼烟感报警 FLOOR 3');
    // A cell a spreadsheet would run as a formula is written as text.
    expect(cellOf(3, 'Message')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(cellOf(4, 'Message')).toBe("'+1 smoke");
    expect(cellOf(5, 'Message')).toBe("'-2 degrees at the door");
    expect(cellOf(6, 'Message')).toBe("'@operator 100% sure");
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    // Names in the header's language, times in the time zone asked for.
    expect(cellOf(0, 'Zone')).toBe('North perimeter');
    expect(cellOf(0, 'Device')).toBe('North beam 1');
    expect(cellOf(0, 'Site')).toBe('Test Estate');
    expect(cellOf(0, 'First seen (Asia/Shanghai)')).toBe('2026-01-10 08:00:00');
    expect(cellOf(0, 'Disposition')).toBe('false');
    expect(cellOf(2, 'Disposition')).toBe('');

    // Chinese header and names; without a time zone, ISO 8601 in UTC.
    const chinese = parseCsv((await exportCsv(`${inWindow}&deviceId=test-beam-n1&lang=zh-CN`)).text.slice(1));
    expect(chinese[0]).toContain('报警内容');
    expect(chinese[0]).toContain('首次报警时间 (UTC)');
    expect(chinese.slice(1).map((row) => row[0])).toEqual(expected((seed) => seed.deviceId === 'test-beam-n1'));
    expect(chinese[1]![chinese[0]!.indexOf('区域')]).toBe('北围墙');
    expect(chinese.at(-1)![chinese[0]!.indexOf('首次报警时间 (UTC)')]).toBe(WINDOW_FROM);
    // No language: both in the header.
    const both = parseCsv((await exportCsv(`${inWindow}&q=nothing-like-this`)).text.slice(1));
    expect(both).toEqual([expect.arrayContaining(['报警内容 Message'])]);
  });

  it('cuts an export at its bound and says so in a last line', async () => {
    const extra = Array.from({ length: EXPORT_LIMIT + 5 - seeds.length }, (_, i) => {
      const at = new Date(Date.parse(WINDOW_TO) + 3_600_000 + i * 1000);
      return newAlarmRow({
        id: randomUUID(), siteId: 'test', stream: 'live', dedupKey: `bulk-${i}`, kind: 'vibration', priority: 3, source: { externalId: `bulk-${i}` },
        deviceId: null, zoneId: null, message: `bulk ${i}`, attributes: {}, occurredAt: at, at,
      });
    });
    await server.database.db.insert(alarms).values(extra);
    const query = `from=${WINDOW_FROM}&to=${new Date(Date.parse(WINDOW_TO) + 7_200_000).toISOString()}`;
    const rows = parseCsv((await exportCsv(`${query}&lang=en`)).text.slice(1));
    expect(rows).toHaveLength(1 + EXPORT_LIMIT + 1);
    expect(rows.at(-1)).toEqual([`Only the newest ${EXPORT_LIMIT} alarms were exported: narrow the filters to export the rest.`]);
    const listed = await all(query);
    expect(rows.slice(1, -1).map((row) => row[0])).toEqual(listed.slice(0, EXPORT_LIMIT));
    // Exactly at the bound: no note.
    const exact = parseCsv((await exportCsv(`${query}&kind=vibration`)).text.slice(1));
    expect(exact).toHaveLength(1 + extra.length);
  });

  it("keeps a site-limited login and a guard's phone to their own alarms on all three routes", async () => {
    const operator = cookies['op-test']!;
    expect(await all(inWindow, operator)).toEqual(expected((seed) => seed.siteId === 'test'));
    expect(await all(`${inWindow}&siteId=other`, operator)).toEqual([]);
    expect(await all(`${inWindow}&q=other%20site`, operator)).toEqual([]);
    const exported = parseCsv((await exportCsv(`${inWindow}&lang=en`, operator)).text.slice(1));
    expect(exported.slice(1).map((row) => row[0])).toEqual(expected((seed) => seed.siteId === 'test'));

    const otherId = ids[seeds.findIndex((seed) => seed.siteId === 'other')]!;
    const refused = await get(`/api/v1/alarms/${otherId}/timeline`, operator);
    const missingId = randomUUID();
    const missing = await get(`/api/v1/alarms/${missingId}/timeline`, operator);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body).replaceAll(otherId, 'X')).toBe(JSON.stringify(missing.body).replaceAll(missingId, 'X'));
    expect((await get(`/api/v1/alarms/${ids[0]}/timeline`, operator)).status).toBe(200);
    expect((await get(`/api/v1/alarms/${otherId}/timeline`)).status).toBe(200);

    const phone = cookies.phone1!;
    expect(await all(inWindow, phone)).toEqual([]);
    expect(parseCsv((await exportCsv(inWindow, phone)).text.slice(1))).toHaveLength(1);
    expect((await get(`/api/v1/alarms/${ids[0]}/timeline`, phone)).status).toBe(404);
  });
});
