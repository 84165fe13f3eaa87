import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Alarm } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();
type Ack = { ok: true; seq: number } | { ok: false; error: string };

describe(`a guard's SOS through the one append path (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let users = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  /** A guard on the roster with a phone login, the phone's socket connected. */
  async function guardWithPhone(fields: Record<string, unknown> = {}) {
    users += 1;
    const username = `sos-guard-${users}`;
    const cookie = await createUser(server, admin, username, 'guard');
    const list = await api(server, 'GET', '/api/v1/users', { cookie: admin });
    const userId = list.body.users.find((u: { username: string }) => u.username === username).id as string;
    const guard = await addGuard(server, admin, { userId, ...fields });
    const phone = new TestClient(server, cookie);
    await phone.connected();
    return { guard, phone };
  }

  const emit = (client: TestClient, name: 'guard.sos' | 'guard.setStatus', body: Record<string, unknown>) =>
    new Promise<Ack>((resolve) => (client.socket.emit as (n: string, b: unknown, a: (r: Ack) => void) => void)(name, body, resolve));

  const sosAlarms = async (guardId: string) => {
    const response = await api(server, 'GET', '/api/v1/alarms?state=open', { cookie: admin });
    return (response.body.alarms as Alarm[]).filter((alarm) => alarm.kind === 'sos' && alarm.attributes.guardId === guardId);
  };
  const guardStatus = async (guardId: string) => {
    const response = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    return (response.body.guards as { id: string; status: string }[]).find((g) => g.id === guardId)?.status;
  };

  it('raises one SOS for the same command id sent twice at once and again after, with the same seq', async () => {
    const { guard, phone } = await guardWithPhone();
    const wall = new TestClient(server, admin);
    await wall.connected();
    const [first, second] = await Promise.all([emit(phone, 'guard.sos', { commandId: 'sos-twice-1' }), emit(phone, 'guard.sos', { commandId: 'sos-twice-1' })]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    const later = await emit(phone, 'guard.sos', { commandId: 'sos-twice-1' });
    expect(later).toEqual(first);

    const alarms = await sosAlarms(guard.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ priority: 1, count: 1 });
    expect(await guardStatus(guard.id)).toBe('sos');
    // The wall saw one alarm and one status change, and the answer's seq is the last of them.
    await waitFor(() => wall.lastSeq >= (first.ok ? first.seq : Infinity), 'the SOS on the wall');
    const mine = wall.events.filter(
      (e) => (e.type === 'alarm.raised' && e.payload.alarm.attributes.guardId === guard.id) || (e.type === 'guard.statusChanged' && e.payload.guardId === guard.id),
    );
    expect(mine.map((e) => e.type)).toEqual(['alarm.raised', 'guard.statusChanged']);
    expect(first.ok && first.seq).toBe(mine[1]!.seq);
    // The same id for another command is refused, naming it; nothing changes.
    expect(await emit(phone, 'guard.setStatus', { commandId: 'sos-twice-1', status: 'busy' })).toMatchObject({
      ok: false,
      error: 'commandId: already used for another command',
    });
    expect(await guardStatus(guard.id)).toBe('sos');
    phone.close();
    wall.close();
  });

  it('takes the guard out of sos, back to the status before, when the control room resolves the SOS', async () => {
    const { guard, phone } = await guardWithPhone();
    expect(await emit(phone, 'guard.setStatus', { commandId: 'status-before-1', status: 'busy' })).toMatchObject({ ok: true });
    const sos = await emit(phone, 'guard.sos', { commandId: 'sos-resolve-1' });
    expect(sos.ok).toBe(true);
    const [alarm] = await sosAlarms(guard.id);
    expect(await guardStatus(guard.id)).toBe('sos');

    const operator = new TestClient(server, admin);
    await operator.connected();
    const resolve = (commandId: string) =>
      new Promise<Ack>((done) => operator.socket.emit('alarm.resolve', { commandId, alarmId: alarm!.id, disposition: 'confirmed' }, done));
    const acknowledged = await new Promise<Ack>((done) => operator.socket.emit('alarm.acknowledge', { commandId: 'ack-sos-1', alarmId: alarm!.id }, done));
    expect(acknowledged.ok).toBe(true);
    expect(await guardStatus(guard.id)).toBe('sos');
    const resolved = await resolve('resolve-sos-1');
    expect(resolved.ok).toBe(true);
    expect(await guardStatus(guard.id)).toBe('busy');

    // The phone hears it as a guard.statusChanged, committed with the resolve (its seq is the answer).
    const leftSos = () => phone.events.find((e) => e.type === 'guard.statusChanged' && e.payload.guardId === guard.id && e.payload.previous === 'sos');
    await waitFor(() => leftSos() !== undefined, 'the status on the phone');
    const change = leftSos()!;
    expect(change).toMatchObject({ payload: { status: 'busy', previous: 'sos' }, actor: { kind: 'user' } });
    expect(resolved.ok && resolved.seq).toBe(change.seq);
    expect(await resolve('resolve-sos-1')).toEqual(resolved);
    phone.close();
    operator.close();
  });

  it('leaves a guard that was available before the SOS available, and keeps a guard not in sos as it is', async () => {
    const { guard, phone } = await guardWithPhone({ onShift: true });
    expect(await guardStatus(guard.id)).toBe('available');
    expect((await emit(phone, 'guard.sos', { commandId: 'sos-avail-1' })).ok).toBe(true);
    const [alarm] = await sosAlarms(guard.id);
    // The guard set another status meanwhile (told the control room by radio): resolving leaves it.
    const other = await guardWithPhone();
    expect((await emit(other.phone, 'guard.sos', { commandId: 'sos-other-1' })).ok).toBe(true);
    const [otherAlarm] = await sosAlarms(other.guard.id);
    expect((await emit(other.phone, 'guard.setStatus', { commandId: 'other-on-scene', status: 'on_scene' })).ok).toBe(true);

    const operator = new TestClient(server, admin);
    await operator.connected();
    const resolve = async (commandId: string, alarmId: string) => {
      await new Promise<Ack>((done) => operator.socket.emit('alarm.acknowledge', { commandId: `ack-${commandId}`, alarmId }, done));
      return new Promise<Ack>((done) => operator.socket.emit('alarm.resolve', { commandId, alarmId, disposition: 'false' }, done));
    };
    expect(await resolve('resolve-avail-1', alarm!.id)).toMatchObject({ ok: true });
    expect(await guardStatus(guard.id)).toBe('available');
    expect(await resolve('resolve-other-1', otherAlarm!.id)).toMatchObject({ ok: true });
    expect(await guardStatus(other.guard.id)).toBe('on_scene');
    phone.close();
    other.phone.close();
    operator.close();
  });

  it('keeps a guard in sos, and its SOS open, when the roster takes it off shift or puts it on', async () => {
    const { guard, phone } = await guardWithPhone({ onShift: true });
    expect((await emit(phone, 'guard.sos', { commandId: 'sos-shift-1' })).ok).toBe(true);
    const [alarm] = await sosAlarms(guard.id);
    const shift = async (onShift: boolean) => {
      const patched = await api(server, 'PATCH', `/api/v1/guards/${guard.id}`, { cookie: admin, body: { onShift } });
      expect(patched.status).toBe(200);
      expect(patched.body.guard).toMatchObject({ onShift, status: 'sos' });
      // The phone hears the roster change and no status change with it.
      await waitFor(() => phone.lastSeq >= (patched.body.seq as number), 'the roster change on the phone');
      expect(phone.events.find((e) => e.seq === patched.body.seq)).toMatchObject({ type: 'guard.saved', payload: { guard: { onShift, status: 'sos' } } });
    };
    await shift(false);
    await shift(true);
    expect(await guardStatus(guard.id)).toBe('sos');
    expect((await sosAlarms(guard.id)).map((open) => open.id)).toEqual([alarm!.id]);
    expect(phone.events.flatMap((e) => (e.type === 'guard.statusChanged' && e.payload.guardId === guard.id ? [e.payload.status] : []))).toEqual(['sos']);
    phone.close();
  });

  it('sends no event row that does not fit its schema, and goes on delivering the events after it', async () => {
    const wall = new TestClient(server, admin);
    await wall.connected();
    const before = wall.lastSeq;
    await server.database.db.execute(sql`
      insert into events (stream, at, site_id, type, actor, payload)
      values ('live', now(), 'test', 'alarm.held', '{"kind":"user","id":"x","name":"x"}'::jsonb, '{"alarmId":42}'::jsonb)`);
    const { guard, phone } = await guardWithPhone();
    expect((await emit(phone, 'guard.setStatus', { commandId: 'after-bad-row', status: 'busy' })).ok).toBe(true);
    await waitFor(() => wall.events.some((e) => e.type === 'guard.statusChanged' && e.payload.guardId === guard.id), 'the event after the bad row');
    expect(wall.events.some((e) => e.type === 'alarm.held')).toBe(false);
    // A screen catching up from before the bad row gets the good events only.
    const late = new TestClient(server, admin, { lastSeq: before });
    await late.connected();
    expect(late.syncs[0]?.kind).toBe('events');
    expect(late.events.some((e) => e.type === 'alarm.held')).toBe(false);
    expect(late.events.some((e) => e.type === 'guard.statusChanged' && e.payload.guardId === guard.id)).toBe(true);
    phone.close();
    wall.close();
    late.close();
  });
});
