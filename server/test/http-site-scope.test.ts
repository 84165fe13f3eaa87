import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath, cameraSnapshotPath, siteToDocument, type Alarm, type Guard, type Monitor, type Site } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { addGuard } from './helpers/positions.js';
import { TestClient, USER_PASSWORD, api, login, postAlarm, startServer, type TestServer } from './helpers/server.js';
import { getBytes, setStreams, videoConnected, videoGet, videoSocket, type VideoSocket } from './helpers/video.js';

/** Item 11 over HTTP and in commands: a login limited to some sites reads and changes only those. */
describe(`what a site-limited login reads and changes over HTTP and in commands (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const cookies: Record<string, string> = {};
  const guards: Record<string, string> = {};
  const alarms: Record<string, string> = {};
  const clients: TestClient[] = [];
  const sockets: VideoSocket[] = [];

  async function addUser(username: string, role: string, siteIds?: string[] | null): Promise<string> {
    const password = USER_PASSWORD;
    const created = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username, displayName: username, role, password, siteIds } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    cookies[username] = await login(server, username, password);
    return created.body.user.id as string;
  }
  const get = (cookie: string, path: string) => api(server, 'GET', path, { cookie });
  const open = async (cookie: string) => {
    const client = new TestClient(server, cookie);
    clients.push(client);
    await client.connected();
    return client;
  };
  const alarmOf = async (id: string) => ((await get(admin, '/api/v1/alarms?limit=100')).body.alarms as Alarm[]).find((alarm) => alarm.id === id);

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    const imported = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    await addUser('op-test', 'operator', ['test']);
    await addUser('admin-test', 'admin', ['test']);
    const phoneUser = await addUser('phone1', 'guard');
    guards.mine = (await addGuard(server, admin, { userId: phoneUser })).id;
    guards.colleague = (await addGuard(server, admin, {})).id;
    guards.elsewhere = (await addGuard(server, admin, { siteId: 'other' })).id;
    for (const [id, siteId] of [['mon-test', 'test'], ['mon-other', 'other']] as const) {
      const created = await api(server, 'POST', '/api/v1/monitors', { cookie: admin, body: { id, siteId, name: id, layout: '2x2', alarmRule: null } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    alarms.test = (await postAlarm(server, buildAlarm({ message: 'beam on test' }))).body.alarm.id as string;
    alarms.other = (await postAlarm(server, buildAlarm({ siteId: 'other', message: 'beam on other' }))).body.alarm.id as string;
    const streams = { mainUrl: 'demo://demo-cam-09/main', subUrl: 'demo://demo-cam-09/sub', snapshotUrl: 'demo://demo-cam-09/snapshot' };
    await setStreams(server, admin, 'test-cam-01', streams);
    await setStreams(server, admin, 'other-cam-01', streams);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    sockets.forEach((socket) => socket.disconnect());
    await server?.close();
    await handle?.destroy();
  });

  it("lists only the login's sites' alarms, sites, guards and monitors; an all-sites admin gets both sites", async () => {
    const operator = cookies['op-test']!;
    const listed = async (cookie: string) => ({
      alarms: ((await get(cookie, '/api/v1/alarms?limit=100')).body.alarms as Alarm[]).map((alarm) => alarm.siteId),
      sites: ((await get(cookie, '/api/v1/sites')).body.sites as Site[]).map((site) => site.id),
      guards: ((await get(cookie, '/api/v1/guards')).body.guards as Guard[]).map((guard) => guard.siteId),
      monitors: ((await get(cookie, '/api/v1/monitors')).body.monitors as Monitor[]).map((monitor) => monitor.id),
    });
    const mine = await listed(operator);
    expect(mine.alarms.length).toBeGreaterThan(0);
    expect(new Set(mine.alarms)).toEqual(new Set(['test']));
    expect(mine.sites).toEqual(['test']);
    expect(mine.guards).toEqual(['test', 'test']);
    expect(mine.monitors).toEqual(['mon-test']);
    const everything = await listed(admin);
    expect(new Set(everything.alarms)).toEqual(new Set(['test', 'other']));
    expect(everything.sites).toEqual(['other', 'test']);
    expect(everything.guards.sort()).toEqual(['other', 'test', 'test']);
    expect(everything.monitors.sort()).toEqual(['mon-other', 'mon-test']);
    // Asking for the other site by name finds nothing either.
    expect((await get(operator, '/api/v1/alarms?siteId=other')).body.alarms).toEqual([]);
  });

  it("answers another site's resources 404 as if they did not exist, naming the field", async () => {
    const operator = cookies['op-test']!;
    const trails = await get(operator, '/api/v1/sites/other/trails');
    expect(trails).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    expect((await get(admin, '/api/v1/sites/other/trails')).status).toBe(200);
    const imageId = 'a'.repeat(64);
    expect(await get(operator, `/api/v1/sites/other/images/${imageId}`)).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    expect((await get(operator, `/api/v1/sites/test/images/${imageId}`)).body.message).toMatch(/^imageId: /);
    expect(await get(cookies['admin-test']!, '/api/v1/sites/other/export')).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    expect(await get(cookies['admin-test']!, '/api/v1/cameras/other-cam-01/streams')).toMatchObject({
      status: 404,
      body: { message: 'cameraId: no camera with id "other-cam-01"' },
    });
    expect((await get(admin, '/api/v1/sites/other/export')).status).toBe(200);
  });

  it("refuses a site-limited admin's edits of another site like a missing site, changing nothing", async () => {
    const limited = cookies['admin-test']!;
    const before = (await get(admin, '/api/v1/sites')).body.sites as Site[];
    const renamed = await api(server, 'PATCH', '/api/v1/sites/other', { cookie: limited, body: { name: '改名' } });
    expect(renamed).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    const zone = await api(server, 'DELETE', '/api/v1/sites/other/zones/other-z-north', { cookie: limited });
    expect(zone).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    const device = await api(server, 'DELETE', '/api/v1/sites/other/devices/other-beam-n1', { cookie: limited });
    expect(device).toMatchObject({ status: 404, body: { message: 'siteId: no site with id "other"' } });
    const monitor = await api(server, 'PATCH', '/api/v1/monitors/mon-other', { cookie: limited, body: { name: '改名' } });
    expect(monitor).toMatchObject({ status: 404, body: { message: 'monitorId: no monitor with id "mon-other"' } });
    const reimport = await api(server, 'POST', '/api/v1/sites/import', { cookie: limited, body: siteToDocument(buildSite({ id: 'other', name: '抢来的' })) });
    expect(reimport.status).toBe(403);
    expect(reimport.body.message).toMatch(/^properties\.id: /);
    expect((await get(admin, '/api/v1/sites')).body.sites).toEqual(before);
    expect(((await get(admin, '/api/v1/monitors')).body.monitors as Monitor[]).find((m) => m.id === 'mon-other')?.name).toBe('mon-other');
    // Its own site it edits as before.
    expect((await api(server, 'PATCH', '/api/v1/sites/test', { cookie: limited, body: { name: '测试小区' } })).status).toBe(200);
  });

  it("refuses a site-limited admin's roster changes on another site's guards like missing ones, changing nothing", async () => {
    const limited = cookies['admin-test']!;
    const missing = `id: no guard with id "${guards.elsewhere}"`;
    const before = ((await get(admin, '/api/v1/guards')).body.guards as Guard[]).find((guard) => guard.id === guards.elsewhere);
    expect(await api(server, 'PATCH', `/api/v1/guards/${guards.elsewhere}`, { cookie: limited, body: { name: '改名' } })).toMatchObject({ status: 404, body: { message: missing } });
    expect(await api(server, 'POST', `/api/v1/guards/${guards.elsewhere}/tracker-url`, { cookie: limited })).toMatchObject({ status: 404, body: { message: missing } });
    expect(await api(server, 'DELETE', `/api/v1/guards/${guards.elsewhere}/tracker-url`, { cookie: limited })).toMatchObject({ status: 404, body: { message: missing } });
    expect(await api(server, 'DELETE', `/api/v1/guards/${guards.elsewhere}`, { cookie: limited })).toMatchObject({ status: 404, body: { message: missing } });
    const moved = await api(server, 'PATCH', `/api/v1/guards/${guards.colleague}`, { cookie: limited, body: { siteId: 'other' } });
    expect(moved).toMatchObject({ status: 422, body: { message: 'siteId: no site with id "other"' } });
    const created = await api(server, 'POST', '/api/v1/guards', { cookie: limited, body: { siteId: 'other', callsign: 'X1', name: 'Intruder', trackerId: 'trk-x1' } });
    expect(created).toMatchObject({ status: 422, body: { message: 'siteId: no site with id "other"' } });
    const after = (await get(admin, '/api/v1/guards')).body.guards as Guard[];
    expect(after.find((guard) => guard.id === guards.elsewhere)).toEqual(before);
    expect(after.find((guard) => guard.id === guards.colleague)?.siteId).toBe('test');
    expect(after.some((guard) => guard.callsign === 'X1')).toBe(false);
  });

  it("refuses a socket command on another site's alarm or monitor exactly like a missing one, changing nothing", async () => {
    const operator = await open(cookies['op-test']!);
    const before = await alarmOf(alarms.other!);
    expect(before).toBeDefined();
    const refused = await operator.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: alarms.other! });
    const missingId = randomUUID();
    const missing = await operator.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: missingId });
    expect(refused).toMatchObject({ ok: false, error: `alarmId: no alarm with id "${alarms.other}"` });
    expect(JSON.stringify(refused).replaceAll(alarms.other!, 'X')).toBe(JSON.stringify(missing).replaceAll(missingId, 'X'));
    expect(await alarmOf(alarms.other!)).toEqual(before);

    const layout = await operator.socket.emitWithAck('wall.setLayout', { commandId: randomUUID(), monitorId: 'mon-other', layout: '1' });
    expect(layout).toMatchObject({ ok: false, error: 'monitorId: no monitor with id "mon-other"' });
    expect(((await get(admin, '/api/v1/monitors')).body.monitors as Monitor[]).find((m) => m.id === 'mon-other')?.view.layout).toBe('2x2');

    // Its own site's alarm it handles.
    expect(await operator.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: alarms.test! })).toMatchObject({ ok: true });
  });

  it("refuses another site's camera over HTTP and over /video, and serves its own", async () => {
    const operator = cookies['op-test']!;
    const theirs = cameraPlaylistPath('other-cam-01', 'main');
    const http = await api(server, 'GET', theirs, { cookie: operator });
    expect(http).toMatchObject({ status: 404, body: { message: 'cameraId: no camera with id "other-cam-01"' } });
    expect((await api(server, 'GET', cameraSnapshotPath('other-cam-01'), { cookie: operator })).status).toBe(404);
    expect((await getBytes(server, cameraPlaylistPath('test-cam-01', 'main'), operator)).status).toBe(200);
    expect((await getBytes(server, theirs, admin)).status).toBe(200);

    const socket = videoSocket(server, operator);
    sockets.push(socket);
    await videoConnected(socket);
    expect(await videoGet(socket, { path: theirs })).toEqual({ ok: false, status: 404, error: 'cameraId: no camera with id "other-cam-01"' });
    expect(await videoGet(socket, { path: cameraPlaylistPath('test-cam-01', 'main') })).toMatchObject({ ok: true, status: 200 });
  });

  it("gives a guard's phone its own guard's site and entry over HTTP, no one else's guards or alarms", async () => {
    const phone = cookies.phone1!;
    expect(((await get(phone, '/api/v1/sites')).body.sites as Site[]).map((site) => site.id)).toEqual(['test']);
    expect(((await get(phone, '/api/v1/guards')).body.guards as Guard[]).map((guard) => guard.id)).toEqual([guards.mine]);
    expect((await get(phone, '/api/v1/alarms?limit=100')).body.alarms).toEqual([]);
    expect((await get(phone, '/api/v1/sites/other/trails')).status).toBe(404);
    const trails = await get(phone, '/api/v1/sites/test/trails');
    expect(trails.status).toBe(200);
    expect(Object.keys(trails.body.trails as object).every((guardId) => guardId === guards.mine)).toBe(true);
    expect((await get(phone, '/api/v1/monitors')).status).toBe(403);
  });

  it('lets an all-sites admin handle any site\'s alarm and monitor', async () => {
    const client = await open(admin);
    expect(await client.socket.emitWithAck('alarm.acknowledge', { commandId: randomUUID(), alarmId: alarms.other! })).toMatchObject({ ok: true });
    expect((await alarmOf(alarms.other!))?.state).toBe('acknowledged');
    expect(await client.socket.emitWithAck('wall.setLayout', { commandId: randomUUID(), monitorId: 'mon-other', layout: '1' })).toMatchObject({ ok: true });
  });
});
