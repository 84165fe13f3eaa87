import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { siteToDocument, type DomainEvent, type Site } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { INGEST_KEY, TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`editing a site (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let watcher: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    watcher = new TestClient(server, admin);
    await watcher.connected();
  });
  afterAll(async () => {
    watcher?.close();
    await server?.close();
    await handle?.destroy();
  });

  /** Rows of the state tables and the log: a refused edit must change none of them. */
  async function counts(): Promise<string> {
    const result = await server.database.db.execute(sql`
      select (select count(*) from sites) as sites, (select count(*) from zones) as zones,
             (select count(*) from devices) as devices, (select count(*) from events) as events,
             (select md5(coalesce(string_agg(d::text, ',' order by d.id), '')) from devices d) as device_hash,
             (select md5(coalesce(string_agg(z::text, ',' order by z.id), '')) from zones z) as zone_hash`);
    return JSON.stringify((result as unknown as { rows: unknown[] }).rows[0]);
  }

  async function seen<T extends DomainEvent['type']>(type: T, seq: number): Promise<Extract<DomainEvent, { type: T }>> {
    await waitFor(() => watcher.events.some((event) => event.seq === seq), `${type} #${seq}`);
    const event = watcher.events.find((candidate) => candidate.seq === seq)!;
    expect(event.type).toBe(type);
    return event as Extract<DomainEvent, { type: T }>;
  }

  const currentSite = async (): Promise<Site> =>
    ((await api(server, 'GET', '/api/v1/sites', { cookie: admin })).body.sites as Site[]).find((site) => site.id === 'test')!;

  it('saves and removes a zone and a device, each reaching a socket client as its event', async () => {
    const zone = { name: '2号楼', nameEn: 'Building 2', kind: 'building', floor: 0, geometry: { type: 'Polygon', coordinates: [[[100, 20], [140, 20], [140, 50], [100, 20]]] } };
    const putZone = await api(server, 'PUT', '/api/v1/sites/test/zones/test-z-b2', { cookie: admin, body: zone });
    expect(putZone.status, JSON.stringify(putZone.body)).toBe(200);
    expect((await seen('site.zoneSaved', putZone.body.seq)).payload.zone).toMatchObject({ id: 'test-z-b2', siteId: 'test', ...zone });

    const device = { name: '2号楼摄像机', nameEn: 'B2 camera', kind: 'camera', floor: 0, zoneId: 'test-z-b2', position: [120, 30], camera: { heading: 45, angle: 70, range: 35 } };
    const putDevice = await api(server, 'PUT', '/api/v1/sites/test/devices/test-cam-b2', { cookie: admin, body: device });
    expect(putDevice.status, JSON.stringify(putDevice.body)).toBe(200);
    expect((await seen('site.deviceSaved', putDevice.body.seq)).payload.device).toMatchObject({ id: 'test-cam-b2', status: 'online', ...device });

    const moved = await api(server, 'PUT', '/api/v1/sites/test/devices/test-cam-b2', { cookie: admin, body: { ...device, position: [125, 35] } });
    expect((await seen('site.deviceSaved', moved.body.seq)).payload.device.position).toEqual([125, 35]);

    const refused = await api(server, 'DELETE', '/api/v1/sites/test/zones/test-z-b2', { cookie: admin });
    expect(refused).toMatchObject({ status: 409, body: { message: expect.stringContaining('test-cam-b2') } });

    const removeDevice = await api(server, 'DELETE', '/api/v1/sites/test/devices/test-cam-b2', { cookie: admin });
    expect(removeDevice.status).toBe(200);
    expect((await seen('site.deviceRemoved', removeDevice.body.seq)).payload).toEqual({ deviceId: 'test-cam-b2' });
    const removeZone = await api(server, 'DELETE', '/api/v1/sites/test/zones/test-z-b2', { cookie: admin });
    expect(removeZone.status).toBe(200);
    expect((await seen('site.zoneRemoved', removeZone.body.seq)).payload).toEqual({ zoneId: 'test-z-b2' });
    expect((await currentSite()).zones.map((z) => z.id)).not.toContain('test-z-b2');
  });

  it('patches the site (name, floors, anchor) → site.saved', async () => {
    const anchor = {
      controlPoints: [
        { plan: [0, 0], lat: 22.5, lon: 114.0 },
        { plan: [200, 0], lat: 22.5, lon: 114.00194 },
        { plan: [0, 120], lat: 22.50108, lon: 114.0 },
      ],
    };
    const patch = await api(server, 'PATCH', '/api/v1/sites/test', {
      cookie: admin,
      body: { nameEn: 'Test Estate (edited)', anchor, floors: [...buildSite().floors, { level: 1, name: '二层', nameEn: 'Level 1' }] },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const event = await seen('site.saved', patch.body.seq);
    expect(event.payload.site).toMatchObject({ nameEn: 'Test Estate (edited)', anchor });
    expect(event.payload.site.floors).toHaveLength(3);
    expect(event.payload.site.devices.length).toBe(buildSite().devices.length);
  });

  it('refuses malformed edits and imports with a 4xx naming the field, writing nothing', async () => {
    const before = await counts();
    const document = siteToDocument(await currentSite());
    const withFeature = (index: number, change: (feature: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(document)) as { features: Record<string, unknown>[] };
      change(copy.features[index]!);
      return copy;
    };
    const props = (feature: Record<string, unknown>) => feature.properties as Record<string, unknown>;
    const deviceIndex = document.features.findIndex((feature) => feature.properties.id === 'test-cam-01');
    const cases: [string, string, unknown, RegExp][] = [
      ['PUT', '/api/v1/sites/test/zones/test-z-x', { name: 'x', kind: 'moat', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }, /^kind: must be one of perimeter/],
      ['PUT', '/api/v1/sites/test/zones/test-z-x', { name: 'x', kind: 'building', geometry: { type: 'Polygon', coordinates: [[[0, 0], [5, 0], [5, 5], [1, 1]]] } }, /^geometry\.coordinates\[0\]: a ring must be closed/],
      ['PUT', '/api/v1/sites/test/zones/test-z-x', { name: 'x', kind: 'road', geometry: { type: 'LineString', coordinates: [[0, 0], [500, 1]] } }, /^geometry\.coordinates\[1\]: must be inside the plan/],
      ['PUT', '/api/v1/sites/test/zones/test-z-x', { name: 'x', kind: 'road', floor: 9, geometry: { type: 'LineString', coordinates: [[0, 0], [5, 1]] } }, /^floor: no floor with level 9/],
      ['PUT', '/api/v1/sites/test/devices/test-d-x', { name: 'x', kind: 'camera', position: [10, 10], camera: { heading: 0, angle: 90, range: 900 } }, /^camera\.range: must be from 1 to 500 metres/],
      ['PUT', '/api/v1/sites/test/devices/test-d-x', { name: 'x', kind: 'door', position: [10, 10], zoneId: 'test-z-nowhere' }, /^zoneId: no zone with id "test-z-nowhere"/],
      ['PUT', '/api/v1/sites/test/devices/test-d-x', { name: 'x', kind: 'door', position: [10, null] }, /^position\[1\]: must be a finite number/],
      ['PUT', '/api/v1/sites/test/devices/bad id!', { name: 'x', kind: 'door', position: [10, 10] }, /^deviceId: may contain only/],
      ['PATCH', '/api/v1/sites/test', { anchor: { controlPoints: [{ plan: [0, 0], lat: 1, lon: 1 }, { plan: [1, 1], lat: 1.1, lon: 1.1 }, { plan: [2, 2], lat: 1.2, lon: 1.2 }] } }, /^anchor\.controlPoints: must not all lie on one line/],
      ['PATCH', '/api/v1/sites/test', { plan: { width: 50, height: 50 } }, /^plan: would leave .* out of place: .*zone test-z-north geometry\.coordinates\[0\]: must be inside the plan/],
      ['PATCH', '/api/v1/sites/test', { floors: [{ level: 0, name: '地面' }] }, /^floors: would leave .*device test-water-g1 floor: no floor with level -1/],
      ['POST', '/api/v1/sites/import', withFeature(deviceIndex, (feature) => (props(feature).kind = 'laser')), new RegExp(`^features\\[${deviceIndex}\\] \\(device test-cam-01\\)\\.properties\\.kind: must be one of`)],
      ['POST', '/api/v1/sites/import', withFeature(0, (feature) => (props(feature).id = 'test-cam-01')), /^features\[\d+\] \(device test-cam-01\)\.properties\.id: "test-cam-01" is already used by features\[0\]/],
      ['POST', '/api/v1/sites/import', withFeature(deviceIndex, (feature) => (props(feature).floor = 5)), /\(device test-cam-01\)\.properties\.floor: no floor with level 5/],
      ['POST', '/api/v1/sites/import', { ...document, site: { ...document.site, id: 'other' } }, /belongs to site "test"/],
    ];
    for (const [method, path, body, message] of cases) {
      const response = await api(server, method, path, { cookie: admin, body: JSON.parse(JSON.stringify(body)) as unknown });
      expect(response.status, `${method} ${path} ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.message, `${method} ${path}`).toMatch(message);
    }
    expect(await counts()).toBe(before);
    expect((await api(server, 'GET', '/readyz')).status).toBe(200);
  });

  it('refuses non-admins', async () => {
    const operator = await createUser(server, admin, 'site-operator', 'operator');
    const before = await counts();
    for (const [method, path, body] of [
      ['PUT', '/api/v1/sites/test/devices/test-d-y', { name: 'y', kind: 'door', position: [1, 1] }],
      ['DELETE', '/api/v1/sites/test/devices/test-door-b1', undefined],
      ['PATCH', '/api/v1/sites/test', { name: 'hijacked' }],
      ['POST', '/api/v1/sites/import', siteToDocument(buildSite({ id: 'evil' }))],
      ['GET', '/api/v1/sites/test/export', undefined],
    ] as const) {
      expect((await api(server, method, path, { cookie: operator, body })).status, `${method} ${path}`).toBe(403);
      expect((await api(server, method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
    }
    expect(await counts()).toBe(before);
  });

  it('export → import round-trips to an identical site; import creates a new one', async () => {
    const site = await currentSite();
    const exported = await api(server, 'GET', '/api/v1/sites/test/export', { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ type: 'FeatureCollection', vigil: 1 });
    const reimported = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: exported.body });
    expect(reimported.status, JSON.stringify(reimported.body)).toBe(200);
    expect((await seen('site.saved', reimported.body.seq)).payload.site).toEqual(site);
    expect(await currentSite()).toEqual(site);

    const other = buildSite({ id: 'other' });
    const created = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(other) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await seen('site.saved', created.body.seq)).payload.site).toEqual(other);
  });

  it('links cameras to a device, and unlinks a camera that is removed or stops being a camera', async () => {
    const camera = (x: number) => ({ name: `C${x}`, kind: 'camera', floor: 0, position: [x, 60], camera: { heading: 0, angle: 60, range: 30 } });
    for (const id of ['test-cam-l1', 'test-cam-l2']) {
      expect((await api(server, 'PUT', `/api/v1/sites/test/devices/${id}`, { cookie: admin, body: camera(id.endsWith('1') ? 60 : 80) })).status).toBe(200);
    }
    const door = { name: '库门', kind: 'door', floor: 0, position: [70, 62], linkedCameraIds: ['test-cam-l1', 'test-cam-l2'] };
    const linked = await api(server, 'PUT', '/api/v1/sites/test/devices/test-door-l', { cookie: admin, body: door });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.device.linkedCameraIds).toEqual(['test-cam-l1', 'test-cam-l2']);
    // Moving it without naming the links keeps them.
    const { linkedCameraIds: _links, ...moved } = door;
    expect((await api(server, 'PUT', '/api/v1/sites/test/devices/test-door-l', { cookie: admin, body: { ...moved, position: [71, 62] } })).body.device.linkedCameraIds).toEqual([
      'test-cam-l1',
      'test-cam-l2',
    ]);
    const notCamera = await api(server, 'PUT', '/api/v1/sites/test/devices/test-door-l', { cookie: admin, body: { ...door, linkedCameraIds: ['test-door-b1'] } });
    expect(notCamera).toMatchObject({ status: 422, body: { message: 'linkedCameraIds[0]: no camera "test-door-b1" in this site' } });

    const removed = await api(server, 'DELETE', '/api/v1/sites/test/devices/test-cam-l1', { cookie: admin });
    expect(removed.status).toBe(200);
    await seen('site.deviceRemoved', removed.body.seq);
    const unlinked = watcher.events.findLast(
      (event): event is Extract<DomainEvent, { type: 'site.deviceSaved' }> => event.type === 'site.deviceSaved' && event.payload.device.id === 'test-door-l',
    );
    expect(unlinked?.payload.device.linkedCameraIds).toEqual(['test-cam-l2']);
    expect(unlinked!.seq).toBeLessThan(removed.body.seq);

    const demoted = await api(server, 'PUT', '/api/v1/sites/test/devices/test-cam-l2', { cookie: admin, body: { ...camera(80), kind: 'speaker', camera: null } });
    expect(demoted.status).toBe(200);
    await seen('site.deviceSaved', demoted.body.seq);
    expect((await currentSite()).devices.find((device) => device.id === 'test-door-l')?.linkedCameraIds).toEqual([]);
    // With no dangling link the site still exports and imports.
    const exported = await api(server, 'GET', '/api/v1/sites/test/export', { cookie: admin });
    expect((await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: exported.body })).status).toBe(200);
  });

  it('a device status change is an event; the same status again is not', async () => {
    const post = (status: unknown, key = INGEST_KEY) =>
      api(server, 'POST', '/api/v1/devices/test-door-b1/status', { body: { status }, headers: { authorization: `Bearer ${key}` } });
    const changed = await post('fault');
    expect(changed.body).toMatchObject({ changed: true, status: 'fault' });
    const event = await seen('device.statusChanged', changed.body.seq);
    expect(event.payload).toEqual({ deviceId: 'test-door-b1', status: 'fault', previous: 'online' });
    expect(event.actor.kind).toBe('integration');

    const before = await counts();
    expect((await post('fault')).body).toEqual({ changed: false, status: 'fault', seq: null });
    expect(await post('broken')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^status: must be one of online/) } });
    expect((await post('online', 'wrong-key-000000')).status).toBe(401);
    expect((await api(server, 'POST', '/api/v1/devices/nope/status', { body: { status: 'online' }, headers: { authorization: `Bearer ${INGEST_KEY}` } })).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await counts()).toBe(before);
    expect(watcher.events.filter((candidate) => candidate.type === 'device.statusChanged')).toHaveLength(1);
  });
});
