import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteToDocument, type CommandAck, type DomainEvent, type SyncMessage } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { addGuard } from './helpers/positions.js';
import { TestClient, USER_PASSWORD, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

type Snapshot = Extract<SyncMessage, { kind: 'snapshot' }>;

describe(`what each role and site receives (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const logins: Record<string, { id: string; cookie: string }> = {};
  const guards: Record<string, string> = {};
  const clients: TestClient[] = [];

  async function addUser(username: string, role: string, siteIds?: string[] | null): Promise<void> {
    const password = USER_PASSWORD;
    const created = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username, displayName: username, role, password, siteIds } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    logins[username] = { id: created.body.user.id, cookie: await login(server, username, password) };
  }
  function open(username: string): TestClient {
    const client = new TestClient(server, username === 'admin' ? admin : logins[username]!.cookie);
    clients.push(client);
    return client;
  }
  const snapshotOf = (client: TestClient) => client.syncs.find((sync): sync is Snapshot => sync.kind === 'snapshot')!.state;
  const alarmIdsOf = (events: DomainEvent[]) => events.flatMap((e) => (e.type === 'alarm.raised' ? [e.payload.alarm.id] : []));
  const command = (client: TestClient, name: 'guard.sos' | 'wall.setLayout', input: Record<string, unknown>) =>
    new Promise<CommandAck>((resolve) => (client.socket.emit as (n: string, i: unknown, ack: (r: CommandAck) => void) => void)(name, input, resolve));

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    const imported = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    await addUser('op-test', 'operator', ['test']);
    await addUser('phone1', 'guard');
    await addUser('phone2', 'guard');
    guards.mine = (await addGuard(server, admin, { userId: logins.phone1!.id })).id;
    guards.colleague = (await addGuard(server, admin, { userId: logins.phone2!.id })).id;
    guards.elsewhere = (await addGuard(server, admin, { siteId: 'other' })).id;
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
    await handle?.destroy();
  });

  it('validates the site list of a login, naming the field', async () => {
    const unknown = await api(server, 'PATCH', `/api/v1/users/${logins['op-test']!.id}`, { cookie: admin, body: { siteIds: ['nowhere'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/^siteIds\[0\]: no site with id "nowhere"/);
    const bad = await api(server, 'PATCH', `/api/v1/users/${logins['op-test']!.id}`, { cookie: admin, body: { siteIds: 'test' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^siteIds: /);
    expect((await api(server, 'PATCH', '/api/v1/users/not-a-uuid', { cookie: admin, body: {} })).body.message).toMatch(/^userId: /);
    expect((await api(server, 'PATCH', `/api/v1/users/${logins['op-test']!.id}`, { cookie: logins['op-test']!.cookie, body: { siteIds: null } })).status).toBe(403);
    const same = await api(server, 'PATCH', `/api/v1/users/${logins['op-test']!.id}`, { cookie: admin, body: { siteIds: ['test'] } });
    expect(same.status).toBe(200);
    expect(same.body.user).toMatchObject({ username: 'op-test', siteIds: ['test'] });
  });

  it("keeps a guard's phone to its own guard, own SOS and own site; a site-bound operator to its site; an admin gets both", async () => {
    const [adminClient, operator, phone1, phone2] = [open('admin'), open('op-test'), open('phone1'), open('phone2')];
    await Promise.all([adminClient, operator, phone1, phone2].map((client) => client.connected()));

    // The snapshot each gets.
    const phoneState = snapshotOf(phone1);
    expect(Object.keys(phoneState.guards)).toEqual([guards.mine]);
    expect(Object.keys(phoneState.sites)).toEqual(['test']);
    expect(phoneState.monitors).toEqual({});
    expect(phoneState.presets).toEqual({});
    expect(Object.keys(snapshotOf(operator).sites)).toEqual(['test']);
    expect(Object.keys(snapshotOf(operator).guards).sort()).toEqual([guards.mine, guards.colleague].sort());
    expect(Object.keys(snapshotOf(adminClient).sites).sort()).toEqual(['other', 'test']);

    // Alarms on both sites, the colleague's SOS, then this phone's own SOS.
    const onTest = (await postAlarm(server, buildAlarm({ message: 'beam on test' }))).body.alarm.id as string;
    const onOther = (await postAlarm(server, buildAlarm({ siteId: 'other', message: 'beam on other' }))).body.alarm.id as string;
    expect(await command(phone2, 'guard.sos', { commandId: randomUUID() })).toMatchObject({ ok: true });
    expect(await command(phone1, 'guard.sos', { commandId: randomUUID() })).toMatchObject({ ok: true });
    const last = await postAlarm(server, buildAlarm({ siteId: 'other', message: 'the last one' }));
    const lastSeq: number = last.body.seq ?? 0;
    await waitFor(() => alarmIdsOf(adminClient.events).includes(last.body.alarm.id as string), 'the last alarm on the admin screen');
    await waitFor(() => adminClient.lastSeq >= lastSeq, 'everything on the admin screen');

    const raisedOn = (client: TestClient) => client.events.flatMap((e) => (e.type === 'alarm.raised' ? [e.payload.alarm] : []));
    expect(alarmIdsOf(adminClient.events)).toEqual(expect.arrayContaining([onTest, onOther]));
    expect(raisedOn(adminClient).filter((alarm) => alarm.kind === 'sos')).toHaveLength(2);

    await waitFor(() => raisedOn(operator).filter((alarm) => alarm.kind === 'sos').length === 2, 'both SOS alarms on the operator screen');
    expect(operator.events.every((e) => e.siteId === 'test')).toBe(true);
    expect(alarmIdsOf(operator.events)).toContain(onTest);
    expect(alarmIdsOf(operator.events)).not.toContain(onOther);

    await waitFor(() => raisedOn(phone1).length === 1, "the phone's own SOS");
    const ownSos = raisedOn(phone1)[0]!;
    expect(ownSos).toMatchObject({ kind: 'sos', attributes: { guardId: guards.mine } });
    await waitFor(() => phone1.events.some((e) => e.type === 'guard.statusChanged' && e.payload.status === 'sos'), "the phone's own status");
    // Give stray events time to arrive before saying none did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const event of phone1.events) {
      expect(event.siteId, event.type).toBe('test');
      expect(event.type.startsWith('wall.'), event.type).toBe(false);
      if (event.type === 'guard.statusChanged' || event.type === 'guard.zoneEntered' || event.type === 'guard.zoneExited') expect(event.payload.guardId).toBe(guards.mine);
      if (event.type === 'guard.saved') expect(event.payload.guard.id).toBe(guards.mine);
    }
    expect(alarmIdsOf(phone1.events)).toEqual([ownSos.id]);
  });

  it('gives a reconnecting phone only its own missed events, and its lastSeq stays good', async () => {
    const phone = open('phone1');
    await phone.connected();
    phone.close();
    await postAlarm(server, buildAlarm({ message: 'while the phone was away' }));
    const statusChange = await api(server, 'PATCH', `/api/v1/guards/${guards.mine}`, { cookie: admin, body: { name: 'Renamed while away' } });
    expect(statusChange.status, JSON.stringify(statusChange.body)).toBe(200);
    const before = phone.lastSeq;
    await phone.reconnect();
    const sync = phone.syncs.at(-1)!;
    expect(sync.kind).toBe('events');
    const missed = sync.kind === 'events' ? sync.events : [];
    expect(missed.map((e) => e.type)).toEqual(['guard.saved']);
    expect(missed[0]!.seq).toBeGreaterThan(before);
  });

  it("refuses a guard's wall commands", async () => {
    const phone = open('phone1');
    await phone.connected();
    const ack = await command(phone, 'wall.setLayout', { commandId: randomUUID(), monitorId: 'x', layout: 4 });
    expect(ack).toMatchObject({ ok: false, error: 'forbidden: the guard role may not wall.setLayout' });
  });

  it('sends positions frames of a site only to those who see it', async () => {
    const [adminClient, operator, phone] = [open('admin'), open('op-test'), open('phone1')];
    const framesOf = (client: TestClient) => {
      const sites: string[] = [];
      client.socket.on('positions', (frame) => sites.push(frame.siteId));
      return sites;
    };
    const [adminFrames, operatorFrames, phoneFrames] = [framesOf(adminClient), framesOf(operator), framesOf(phone)];
    await Promise.all([adminClient, operator, phone].map((client) => client.connected()));
    const { routeFrame } = await import('../src/realtime/event-routing.js');
    routeFrame(server.app.io, { siteId: 'other', full: false, fixes: [] });
    routeFrame(server.app.io, { siteId: 'test', full: false, fixes: [] });
    await waitFor(() => adminFrames.includes('other') && operatorFrames.includes('test'), 'the frames');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(operatorFrames).not.toContain('other');
    expect(phoneFrames).toEqual([]);
  });
});
