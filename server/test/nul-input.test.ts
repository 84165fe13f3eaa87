import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { NUL_RULE, siteToDocument } from '@vigil/shared';
import * as schema from '../src/db/schema/index.js';
import { alarms } from '../src/db/schema/index.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { addGuard } from './helpers/positions.js';
import { INGEST_KEY, TestClient, api, createUser, login, startServer, type TestServer } from './helpers/server.js';

const NUL = '\u0000';
const bearer = { authorization: `Bearer ${INGEST_KEY}` };

/**
 * Each row sends a NUL in one field of one endpoint. Expected: a 4xx whose message names the field
 * and nothing changed in the database — the same on PGlite and PostgreSQL, neither of which can
 * store a NUL. `who`: the admin's session, the ingest key, or nobody.
 */
interface HttpCase {
  name: string;
  method: string;
  path: string;
  who: 'admin' | 'key' | 'none';
  body?: unknown;
  form?: string;
  status?: number;
  /** What the message must say: `<field>: must not contain a NUL character` unless told otherwise. */
  says?: string;
  field: string;
}

const alarm = buildAlarm({ source: { externalId: 'panel-9:zone-1' } });
const site = buildSite();
const document = siteToDocument(site);
const zone = { name: 'Yard', nameEn: 'Yard', kind: 'building', geometry: { type: 'LineString', coordinates: [[1, 1], [5, 5]] } };
const device = { name: 'Door', nameEn: 'Door', kind: 'door', position: [10, 10] };
const guard = { siteId: 'test', callsign: 'N1', name: 'Guard N', trackerId: 'trk-nul-1' };
const monitor = { id: 'mon-nul', siteId: 'test', name: 'Wall', nameEn: 'Wall' };
const traccar = { position: { latitude: 30, longitude: 120, fixTime: new Date().toISOString() }, device: { uniqueId: 'trk-known', name: 'phone' } };

const httpCases: HttpCase[] = [
  { name: 'login username', method: 'POST', path: '/api/v1/auth/login', who: 'none', body: { username: `ad${NUL}min`, password: 'x' }, field: 'username' },
  { name: 'login password', method: 'POST', path: '/api/v1/auth/login', who: 'none', body: { username: 'admin', password: `pw${NUL}` }, field: 'password' },
  { name: 'user username', method: 'POST', path: '/api/v1/users', who: 'admin', body: { username: `u${NUL}1`, displayName: 'U', role: 'operator', password: 'a-long-password-1' }, field: 'username' },
  { name: 'user displayName', method: 'POST', path: '/api/v1/users', who: 'admin', body: { username: 'u1', displayName: `U${NUL}`, role: 'operator', password: 'a-long-password-1' }, field: 'displayName' },
  { name: 'user password', method: 'POST', path: '/api/v1/users', who: 'admin', body: { username: 'u1', displayName: 'U', role: 'operator', password: `a-long-pass${NUL}word` }, field: 'password' },
  { name: 'api key name', method: 'POST', path: '/api/v1/api-keys', who: 'admin', body: { name: `panel${NUL}` }, field: 'name' },
  { name: 'alarm source.externalId', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, source: { externalId: `p${NUL}1` } }, field: 'source.externalId' },
  { name: 'alarm source.deviceId', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, source: { deviceId: `test-beam-n1${NUL}` } }, field: 'source.deviceId' },
  { name: 'alarm siteId', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, siteId: `te${NUL}st` }, field: 'siteId' },
  { name: 'alarm zoneId', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, zoneId: `z${NUL}` }, field: 'zoneId' },
  { name: 'alarm occurredAt', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, occurredAt: `2026${NUL}` }, field: 'occurredAt' },
  { name: 'alarm attribute key', method: 'POST', path: '/api/v1/alarms', who: 'key', body: { ...alarm, attributes: { [`zo${NUL}ne`]: 3 } }, field: 'attributes', says: `attributes: key "zo\\u0000ne" ${NUL_RULE}` },
  { name: 'alarm list query siteId', method: 'GET', path: '/api/v1/alarms?siteId=te%00st', who: 'admin', field: 'siteId' },
  { name: 'alarm list query state', method: 'GET', path: '/api/v1/alarms?state=open%00', who: 'admin', field: 'state' },
  { name: 'an unknown query parameter name', method: 'GET', path: '/api/v1/alarms?li%00mit=1', who: 'admin', field: 'li\\u0000mit' },
  { name: 'a path that is no route', method: 'GET', path: '/api/v1/alarms/%00', who: 'admin', field: 'path' },
  { name: 'site name', method: 'PATCH', path: '/api/v1/sites/test', who: 'admin', body: { name: `Estate${NUL}` }, field: 'name' },
  { name: 'site nameEn', method: 'PATCH', path: '/api/v1/sites/test', who: 'admin', body: { nameEn: `Estate${NUL}` }, field: 'nameEn' },
  { name: 'site floor name', method: 'PATCH', path: '/api/v1/sites/test', who: 'admin', body: { floors: [{ level: 0, name: `G${NUL}`, nameEn: null }] }, field: 'floors[0].name' },
  { name: 'site backdrop url', method: 'PATCH', path: '/api/v1/sites/test', who: 'admin', body: { backdrop: { kind: 'image', url: `/plan${NUL}.png`, bounds: [[0, 0], [10, 10]] } }, field: 'backdrop.url' },
  { name: 'site id in the path', method: 'PATCH', path: '/api/v1/sites/te%00st', who: 'admin', body: { name: 'Estate' }, field: 'siteId' },
  { name: 'zone name', method: 'PUT', path: '/api/v1/sites/test/zones/test-z-new', who: 'admin', body: { ...zone, name: `Yard${NUL}` }, field: 'name' },
  { name: 'zone id in the path', method: 'PUT', path: '/api/v1/sites/test/zones/z%00', who: 'admin', body: zone, field: 'zoneId' },
  { name: 'zone delete id', method: 'DELETE', path: '/api/v1/sites/test/zones/test-z-north%00', who: 'admin', field: 'zoneId' },
  { name: 'device name', method: 'PUT', path: '/api/v1/sites/test/devices/test-d-new', who: 'admin', body: { ...device, name: `Door${NUL}` }, field: 'name' },
  { name: 'device nameEn', method: 'PUT', path: '/api/v1/sites/test/devices/test-d-new', who: 'admin', body: { ...device, nameEn: `Door${NUL}` }, field: 'nameEn' },
  { name: 'device zoneId', method: 'PUT', path: '/api/v1/sites/test/devices/test-d-new', who: 'admin', body: { ...device, zoneId: `test-z-b1${NUL}` }, field: 'zoneId' },
  { name: 'device linked camera', method: 'PUT', path: '/api/v1/sites/test/devices/test-d-new', who: 'admin', body: { ...device, linkedCameraIds: [`test-cam-01${NUL}`] }, field: 'linkedCameraIds[0]' },
  { name: 'device id in the path', method: 'PUT', path: '/api/v1/sites/test/devices/d%00', who: 'admin', body: device, field: 'deviceId' },
  { name: 'device status id', method: 'POST', path: '/api/v1/devices/test-beam-n1%00/status', who: 'key', body: { status: 'fault' }, field: 'deviceId' },
  {
    name: 'site import: a device name',
    method: 'POST',
    path: '/api/v1/sites/import',
    who: 'admin',
    body: { ...document, features: document.features.map((feature, i) => (i === 3 ? { ...feature, properties: { ...feature.properties, name: `Beam${NUL}` } } : feature)) },
    field: 'properties.name',
  },
  { name: 'site import: the site name', method: 'POST', path: '/api/v1/sites/import', who: 'admin', body: { ...document, site: { ...document.site, name: `E${NUL}` } }, field: 'site.name' },
  { name: 'guard callsign', method: 'POST', path: '/api/v1/guards', who: 'admin', body: { ...guard, callsign: `N${NUL}` }, field: 'callsign' },
  { name: 'guard name', method: 'POST', path: '/api/v1/guards', who: 'admin', body: { ...guard, name: `Guard${NUL}` }, field: 'name' },
  { name: 'guard trackerId', method: 'POST', path: '/api/v1/guards', who: 'admin', body: { ...guard, trackerId: `trk${NUL}` }, field: 'trackerId' },
  { name: 'guard siteId', method: 'POST', path: '/api/v1/guards', who: 'admin', body: { ...guard, siteId: `test${NUL}` }, field: 'siteId' },
  { name: 'guard patch name', method: 'PATCH', path: '/api/v1/guards/GUARD', who: 'admin', body: { name: `G${NUL}` }, field: 'name' },
  { name: 'guard id in the path', method: 'PATCH', path: '/api/v1/guards/g%00', who: 'admin', body: { name: 'G' }, field: 'id' },
  { name: 'monitor id', method: 'POST', path: '/api/v1/monitors', who: 'admin', body: { ...monitor, id: `mon${NUL}` }, field: 'id' },
  { name: 'monitor name', method: 'POST', path: '/api/v1/monitors', who: 'admin', body: { ...monitor, name: `Wall${NUL}` }, field: 'name' },
  { name: 'monitor nameEn', method: 'POST', path: '/api/v1/monitors', who: 'admin', body: { ...monitor, nameEn: `Wall${NUL}` }, field: 'nameEn' },
  { name: 'monitor patch name', method: 'PATCH', path: '/api/v1/monitors/mon-1', who: 'admin', body: { name: `W${NUL}` }, field: 'name' },
  { name: 'monitor id in the path', method: 'DELETE', path: '/api/v1/monitors/mon-1%00', who: 'admin', field: 'monitorId' },
  { name: 'camera stream url', method: 'PUT', path: '/api/v1/cameras/test-cam-01/streams', who: 'admin', body: { mainUrl: `http://10.0.0.5/m${NUL}.m3u8` }, field: 'mainUrl' },
  { name: 'camera id in the path', method: 'GET', path: '/api/v1/cameras/test-cam-01%00/streams', who: 'admin', field: 'cameraId' },
  { name: 'trails site id', method: 'GET', path: '/api/v1/sites/te%00st/trails', who: 'admin', field: 'siteId' },
  { name: 'traccar uniqueId', method: 'POST', path: '/api/v1/ingest/traccar', who: 'key', body: { ...traccar, device: { uniqueId: `trk${NUL}` } }, field: 'device.uniqueId' },
  { name: 'traccar device name', method: 'POST', path: '/api/v1/ingest/traccar', who: 'key', body: { ...traccar, device: { ...traccar.device, name: `p${NUL}` } }, field: 'device.name' },
  { name: 'traccar attribute key', method: 'POST', path: '/api/v1/ingest/traccar', who: 'key', body: { ...traccar, position: { ...traccar.position, attributes: { [`al${NUL}`]: 'sos' } } }, field: 'position.attributes', says: 'position.attributes: key "al\\u0000"' },
  { name: 'osmand query id', method: 'GET', path: '/osmand?id=%00&lat=30&lon=120', who: 'none', field: 'id' },
  { name: 'osmand query alarm', method: 'GET', path: '/osmand?id=trk-known&lat=30&lon=120&alarm=sos%00', who: 'none', field: 'alarm' },
  { name: 'osmand form id', method: 'POST', path: '/osmand', who: 'none', form: 'id=trk%00&lat=30&lon=120', field: 'id' },
];

/** Commands over the real socket: a NUL is refused in the ack, naming the field. */
const socketCases: { name: string; command: string; payload: Record<string, unknown>; field: string }[] = [
  { name: 'alarm.acknowledge commandId', command: 'alarm.acknowledge', payload: { commandId: `ack-${NUL}-123456`, alarmId: 'ALARM' }, field: 'commandId' },
  { name: 'alarm.hold note', command: 'alarm.hold', payload: { commandId: 'hold-nul-123456', alarmId: 'ALARM', note: `n${NUL}` }, field: 'note' },
  { name: 'alarm.resolve note', command: 'alarm.resolve', payload: { commandId: 'resolve-nul-1234', alarmId: 'ALARM', disposition: 'false', note: `n${NUL}` }, field: 'note' },
  { name: 'wall.savePreset name', command: 'wall.savePreset', payload: { commandId: 'preset-nul-1234', monitorId: 'mon-1', name: `Night${NUL}` }, field: 'name' },
  { name: 'wall.savePreset nameEn', command: 'wall.savePreset', payload: { commandId: 'preset-nul-5678', monitorId: 'mon-1', name: 'Night', nameEn: `N${NUL}` }, field: 'nameEn' },
  { name: 'wall.assign camera', command: 'wall.assign', payload: { commandId: 'assign-nul-1234', monitorId: 'mon-1', content: { kind: 'camera', cameraId: `test-cam-01${NUL}` } }, field: 'content.cameraId' },
  { name: 'wall.setLayout monitor', command: 'wall.setLayout', payload: { commandId: 'layout-nul-1234', monitorId: `mon-1${NUL}`, layout: '2x2' }, field: 'monitorId' },
];

const phoneCases: { name: string; command: string; payload: Record<string, unknown>; field: string }[] = [
  { name: 'position.report fix id', command: 'position.report', payload: { fixes: [{ id: `f${NUL}`, at: new Date().toISOString(), lat: 30, lon: 120 }] }, field: 'fixes.0.id' },
  { name: 'guard.setStatus commandId', command: 'guard.setStatus', payload: { commandId: `status${NUL}12345`, status: 'busy' }, field: 'commandId' },
  { name: 'guard.sos commandId', command: 'guard.sos', payload: { commandId: `sos${NUL}123456` }, field: 'commandId' },
];

describe(`a NUL character in any input (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let guardId: string;
  let alarmId: string;
  let operator: TestClient;
  let phone: TestClient;

  /** Every table's rows, hashed, sessions aside (a login adds one): nothing changed means the same hashes. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
    const out: Record<string, string> = {};
    for (const table of tables) {
      const name = getTableName(table);
      if (name === 'sessions') continue;
      const result = await server.database.db.execute<{ n: string; h: string | null }>(
        sql`select count(*)::text as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`,
      );
      const row = (result as unknown as { rows: { n: string; h: string }[] }).rows[0]!;
      out[name] = `${row.n}:${row.h}`;
    }
    return out;
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    guardId = (await addGuard(server, admin, { trackerId: 'trk-known' })).id;
    expect((await api(server, 'POST', '/api/v1/monitors', { cookie: admin, body: { id: 'mon-1', siteId: 'test', name: 'Wall 1' } })).status).toBe(201);
    const raised = await api(server, 'POST', '/api/v1/alarms', { headers: bearer, body: buildAlarm() });
    expect(raised.status).toBe(201);
    alarmId = raised.body.alarm.id as string;
    operator = new TestClient(server, admin);
    await operator.connected();
    const guardCookie = await createUser(server, admin, 'guard-nul', 'guard');
    const users = await api(server, 'GET', '/api/v1/users', { cookie: admin });
    const userId = users.body.users.find((u: { username: string }) => u.username === 'guard-nul').id as string;
    await addGuard(server, admin, { userId, trackerId: 'trk-phone' });
    phone = new TestClient(server, guardCookie);
    await phone.connected();
  });
  afterAll(async () => {
    operator?.close();
    phone?.close();
    await server?.close();
    await handle?.destroy();
  });

  it.each(httpCases)('$method $name → 4xx naming "$field", nothing changed', async (testCase) => {
    const before = await fingerprint();
    const headers: Record<string, string> = testCase.who === 'key' ? { ...bearer } : {};
    if (testCase.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await api(server, testCase.method, testCase.path.replace('GUARD', guardId), {
      cookie: testCase.who === 'admin' ? admin : undefined,
      headers,
      body: testCase.body,
      rawBody: testCase.form,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(testCase.status ?? 400);
    expect(response.body.message).toContain(testCase.says ?? `${testCase.field}: ${NUL_RULE}`);
    expect(await fingerprint()).toEqual(before);
  });

  it.each(socketCases)('socket $name → refused naming "$field", nothing changed', async ({ command, payload, field }) => {
    const before = await fingerprint();
    const socket = operator.socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; error?: string }> };
    const answer = await socket.emitWithAck(command, { ...payload, ...(payload.alarmId ? { alarmId } : {}) });
    expect(answer).toMatchObject({ ok: false, error: `${field}: ${NUL_RULE}` });
    expect(await fingerprint()).toEqual(before);
  });

  it.each(phoneCases)('guard phone $name → refused naming "$field", nothing changed', async ({ command, payload, field }) => {
    const before = await fingerprint();
    const socket = phone.socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; error?: string }> };
    expect(await socket.emitWithAck(command, payload)).toMatchObject({ ok: false, error: `${field}: ${NUL_RULE}` });
    expect(await fingerprint()).toEqual(before);
  });

  it('stores an alarm whose message and attribute values hold NULs, with them replaced', async () => {
    const response = await api(server, 'POST', '/api/v1/alarms', {
      headers: bearer,
      body: buildAlarm({ kind: 'fire', message: `Smoke${NUL}floor 2${NUL}${NUL}`, attributes: { panel: `P7${NUL}${NUL}`, label: `a${NUL}b`, zone: 3 } }),
    });
    expect(response.status).toBe(201);
    const [row] = await server.database.db.select().from(alarms).where(eq(alarms.id, response.body.alarm.id as string));
    expect(row?.message).toBe('Smoke\uFFFDfloor 2');
    expect(row?.attributes).toEqual({ panel: 'P7', label: 'a\uFFFDb', zone: 3 });
    expect(response.body.alarm.message).toBe('Smoke\uFFFDfloor 2');
  });
});
