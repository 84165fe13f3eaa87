import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startOsmAndListener } from '../src/ingest/osmand-listener.js';
import { countPositions } from '../src/repositories/positions.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();
const spot = gpsAt(site, [60, 30]);
const fixQuery = (trackerId: string, second: number) => `id=${trackerId}&lat=${spot.lat}&lon=${spot.lon}&timestamp=${Math.floor(Date.now() / 1000) - 100 + second}`;

describe(`tracker URLs: a secret per tracker at /osmand/<token> (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  let listener: FastifyInstance | undefined;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
    operator = await createUser(server, admin, 'tracker-op', 'operator');
  });
  afterAll(async () => {
    await listener?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('gives a new guard a tracker URL once, stores fixes sent to it and refuses the bare id and a wrong token', async () => {
    const created = await api(server, 'POST', '/api/v1/guards', { cookie: admin, body: { siteId: 'test', callsign: 'U1', name: 'url guard', trackerId: 'url-u1' } });
    expect(created.status).toBe(201);
    const { tracker, guard } = created.body;
    expect(guard).toMatchObject({ trackerId: 'url-u1', trackerSecured: true });
    expect(tracker.path).toBe(`/osmand/${tracker.token}`);
    expect(tracker.url).toBe(`${server.url}/osmand/${tracker.token}`);
    expect(tracker.token.length).toBeGreaterThanOrEqual(32);

    expect((await api(server, 'GET', `${tracker.path}?${fixQuery('url-u1', 1)}`)).status).toBe(200);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, guard.id)).toBe(1);

    const bare = await api(server, 'GET', `/osmand?${fixQuery('url-u1', 2)}`);
    expect(bare.status).toBe(401);
    expect(bare.body.message).toMatch(/^id: tracker "url-u1" must report to its own tracker URL/);
    const wrong = await api(server, 'GET', `/osmand/${'x'.repeat(32)}?${fixQuery('url-u1', 3)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/^token:/);
    // Another guard's URL does not carry this guard's tracker id.
    const other = await addGuard(server, admin);
    const borrowed = await api(server, 'POST', other.osmand, { body: { device_id: 'url-u1', location: { coords: { latitude: spot.lat, longitude: spot.lon } } } });
    expect(borrowed.status).toBe(401);
    expect(borrowed.body.message).toMatch(/^device_id:/);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
    expect(await countPositions(server.database.db, other.id)).toBe(0);
  });

  it('rotates the URL: the old one refuses, the new one stores; only roster keepers may', async () => {
    const guard = await addGuard(server, admin);
    expect((await api(server, 'POST', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: operator })).status).toBe(403);
    const rotated = await api(server, 'POST', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.tracker.path).not.toBe(guard.osmand);
    expect((await api(server, 'GET', `${guard.osmand}?${fixQuery(guard.trackerId, 1)}`)).status).toBe(401);
    expect((await api(server, 'GET', `${rotated.body.tracker.path}?${fixQuery(guard.trackerId, 2)}`)).status).toBe(200);
    expect((await api(server, 'POST', '/api/v1/guards/nobody/tracker-url', { cookie: admin })).status).toBe(404);
  });

  it('lets a legacy guard (no tracker URL) report with the bare id, at /osmand and on the tracker port', async () => {
    const guard = await addGuard(server, admin);
    const cleared = await api(server, 'DELETE', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin });
    expect(cleared.body.guard).toMatchObject({ trackerSecured: false });
    expect((await api(server, 'GET', `/osmand?${fixQuery(guard.trackerId, 1)}`)).status).toBe(200);

    listener = await startOsmAndListener(server.app, 0, '127.0.0.1');
    const port = (listener.server.address() as { port: number }).port;
    const atListener = await fetch(`http://127.0.0.1:${port}/?${fixQuery(guard.trackerId, 2)}`);
    expect(atListener.status).toBe(200);
    const secured = await addGuard(server, admin);
    const token = secured.osmand.replace('/osmand/', '');
    expect((await fetch(`http://127.0.0.1:${port}/${token}?${fixQuery(secured.trackerId, 1)}`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/?${fixQuery(secured.trackerId, 2)}`)).status).toBe(401);
    await server.app.positions.lane.flush();
    expect(await countPositions(server.database.db, guard.id)).toBe(2);
    expect(await countPositions(server.database.db, secured.id)).toBe(1);
  });

  it('shows tracker ids to the roster keepers only: not in an operator\'s list, snapshot or events', async () => {
    const watcher = new TestClient(server, operator);
    await watcher.connected();
    const guard = await addGuard(server, admin, { onShift: true });
    await waitFor(() => watcher.events.some((e) => e.type === 'guard.saved' && e.payload.guard.id === guard.id), 'the guard.saved event');
    const saved = watcher.events.find((e) => e.type === 'guard.saved' && e.payload.guard.id === guard.id)!;
    expect(JSON.stringify(saved)).not.toContain(guard.trackerId);
    expect(saved.type === 'guard.saved' && saved.payload.guard).not.toHaveProperty('trackerId');
    watcher.close();

    const fresh = new TestClient(server, operator);
    await fresh.connected();
    const snapshot = fresh.syncs[0];
    expect(snapshot?.kind).toBe('snapshot');
    const state = snapshot?.kind === 'snapshot' ? snapshot.state : null;
    expect(state?.guards[guard.id]).toBeDefined();
    expect(state?.guards[guard.id]).not.toHaveProperty('trackerId');
    expect(JSON.stringify(state)).not.toContain(guard.trackerId);
    fresh.close();

    const listed = await api(server, 'GET', '/api/v1/guards', { cookie: operator });
    expect(listed.status).toBe(200);
    expect(listed.body.guards.find((g: { id: string }) => g.id === guard.id)).not.toHaveProperty('trackerId');
    expect(JSON.stringify(listed.body)).not.toContain(guard.trackerId);
    const asAdmin = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    expect(asAdmin.body.guards.find((g: { id: string }) => g.id === guard.id)).toMatchObject({ trackerId: guard.trackerId, trackerSecured: true });
    // Never the secret, not even to the admin: only its hash is kept.
    expect(JSON.stringify(asAdmin.body)).not.toContain(guard.osmand.replace('/osmand/', ''));
  });
});

describe(`OSMAND_REQUIRE_TOKEN=on (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site, osmand: { requireToken: true } });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('refuses a legacy guard at the bare path too, and still takes its tracker URL', async () => {
    const admin = await login(server);
    const guard = await addGuard(server, admin);
    await api(server, 'DELETE', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin });
    const bare = await api(server, 'GET', `/osmand?${fixQuery(guard.trackerId, 1)}`);
    expect(bare.status).toBe(401);
    expect(bare.body.message).toMatch(/^id: this server takes tracker fixes only at a tracker URL/);
    const rotated = await api(server, 'POST', `/api/v1/guards/${guard.id}/tracker-url`, { cookie: admin });
    expect((await api(server, 'GET', `${rotated.body.tracker.path}?${fixQuery(guard.trackerId, 2)}`)).status).toBe(200);
  });
});
