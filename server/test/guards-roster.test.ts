import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`the guard roster (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('adds and changes guards through the event log, and lists them', async () => {
    const client = new TestClient(server, admin);
    await client.connected();
    const created = await api(server, 'POST', '/api/v1/guards', {
      cookie: admin,
      body: { siteId: 'test', callsign: 'A1', name: '王磊', trackerId: 'phone-a1', onShift: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.guard).toMatchObject({ callsign: 'A1', status: 'available', onShift: true, trackerId: 'phone-a1', zoneIds: [] });
    const id = created.body.guard.id as string;
    const patched = await api(server, 'PATCH', `/api/v1/guards/${id}`, { cookie: admin, body: { callsign: 'A9', onShift: false } });
    expect(patched.status).toBe(200);
    await waitFor(() => client.events.filter((e) => e.type === 'guard.saved').length === 2, 'two guard.saved events');
    const saved = client.events.filter((e) => e.type === 'guard.saved').at(-1);
    expect(saved?.type === 'guard.saved' && saved.payload.guard.callsign).toBe('A9');
    const listed = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    expect(listed.body.guards.map((g: { callsign: string }) => g.callsign)).toEqual(['A9']);
    client.close();
  });

  it('puts a guard on shift as available and takes it off as off duty, each a guard.statusChanged in the roster change', async () => {
    const wall = new TestClient(server, admin);
    await wall.connected();
    const created = await api(server, 'POST', '/api/v1/guards', { cookie: admin, body: { siteId: 'test', callsign: 'B1', name: '李强' } });
    expect(created.body.guard).toMatchObject({ status: 'off_duty', onShift: false });
    const id = created.body.guard.id as string;
    const ofGuard = () => wall.events.filter((e) => (e.type === 'guard.saved' && e.payload.guard.id === id) || (e.type === 'guard.statusChanged' && e.payload.guardId === id));
    const listed = async () => ((await api(server, 'GET', '/api/v1/guards', { cookie: admin })).body.guards as { id: string; status: string; onShift: boolean }[]).find((g) => g.id === id);
    await waitFor(() => ofGuard().length === 1, 'the new guard on the wall');

    const onShift = await api(server, 'PATCH', `/api/v1/guards/${id}`, { cookie: admin, body: { onShift: true } });
    expect(onShift.status).toBe(200);
    expect(onShift.body.guard).toMatchObject({ status: 'available', onShift: true });
    expect(await listed()).toMatchObject({ status: 'available', onShift: true });
    await waitFor(() => ofGuard().length === 3, 'the shift change on the wall');
    const [saved, changed] = ofGuard().slice(1);
    // The roster change, then the status change the phone's buttons make: one command, one clock reading, seqs in a row.
    expect(saved).toMatchObject({ type: 'guard.saved', payload: { guard: { onShift: true, status: 'off_duty' } } });
    expect(changed).toMatchObject({ type: 'guard.statusChanged', payload: { status: 'available', previous: 'off_duty' }, actor: { kind: 'user' } });
    expect(changed!.seq).toBe(saved!.seq + 1);
    expect(changed!.at).toBe(saved!.at);
    expect(onShift.body.seq).toBe(changed!.seq);

    // The same shift again (a form sending every field) changes no status.
    const renamed = await api(server, 'PATCH', `/api/v1/guards/${id}`, { cookie: admin, body: { callsign: 'B2', onShift: true } });
    expect(renamed.body.guard).toMatchObject({ callsign: 'B2', status: 'available' });
    await waitFor(() => ofGuard().length === 4, 'the rename on the wall');
    expect(ofGuard()[3]!.type).toBe('guard.saved');

    const offShift = await api(server, 'PATCH', `/api/v1/guards/${id}`, { cookie: admin, body: { onShift: false } });
    expect(offShift.body.guard).toMatchObject({ status: 'off_duty', onShift: false });
    expect(await listed()).toMatchObject({ status: 'off_duty', onShift: false });
    await waitFor(() => ofGuard().length === 6, 'going off shift on the wall');
    expect(ofGuard()[5]).toMatchObject({ type: 'guard.statusChanged', payload: { status: 'off_duty', previous: 'available' } });
    wall.close();
  });

  it('names the field that is wrong and refuses roles that may not keep the roster', async () => {
    const missing = await api(server, 'POST', '/api/v1/guards', { cookie: admin, body: { siteId: 'test', name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^callsign:/);
    const site = await api(server, 'POST', '/api/v1/guards', { cookie: admin, body: { siteId: 'nowhere', callsign: 'Z', name: 'z' } });
    expect(site.status).toBe(422);
    expect(site.body.message).toMatch(/^siteId:/);
    const taken = await api(server, 'POST', '/api/v1/guards', { cookie: admin, body: { siteId: 'test', callsign: 'Z', name: 'z', trackerId: 'phone-a1' } });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/^trackerId:/);
    const empty = await api(server, 'PATCH', '/api/v1/guards/nobody', { cookie: admin, body: {} });
    expect(empty.status).toBe(400);
    const unknown = await api(server, 'PATCH', '/api/v1/guards/nobody', { cookie: admin, body: { name: 'x' } });
    expect(unknown.status).toBe(404);
    const operator = await createUser(server, admin, 'op1', 'operator');
    const refused = await api(server, 'POST', '/api/v1/guards', { cookie: operator, body: { siteId: 'test', callsign: 'Z', name: 'z' } });
    expect(refused.status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/guards', { cookie: operator })).status).toBe(200);
  });
});
