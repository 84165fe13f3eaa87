import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchSent, SyncMessage } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { command, commandId, guardWithLogin, phoneOf } from './helpers/dispatch.js';
import { openIncident, setIncidentState } from './helpers/dispatch-incidents.js';
import { buildAnchoredSite } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

describe(`dispatch: send, the guard's answers, cancel (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let commanderCookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
    commanderCookie = await createUser(server, admin, 'dispatch-commander', 'commander');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  const guardStatus = async (guardId: string) => {
    const response = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    return (response.body.guards as { id: string; status: string }[]).find((g) => g.id === guardId)?.status;
  };

  it('rings the guard with the incident, and the commander sees each answer with its time', async () => {
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander, { title: 'Smoke in building 1' });
    const { guard, cookie } = await guardWithLogin(server, admin);
    const phone = await phoneOf(server, cookie);

    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.id], instruction: '带灭火器到1号楼' });
    expect(sent).toMatchObject({ ok: true, dispatchIds: [expect.any(String)] });
    const dispatchId = sent.dispatchIds[0] as string;
    expect(await guardStatus(guard.id)).toBe('dispatched');

    // The phone gets the dispatch with the incident (which it could not see before).
    await waitFor(() => phone.events.some((e) => e.type === 'dispatch.sent'), 'the dispatch on the phone');
    const ring = phone.events.find((e): e is DispatchSent => e.type === 'dispatch.sent')!;
    expect(ring.payload.dispatch).toMatchObject({ id: dispatchId, guardId: guard.id, state: 'sent', instruction: '带灭火器到1号楼', acceptedAt: null });
    expect(ring.payload.incident).toMatchObject({ id: incident.id, title: 'Smoke in building 1', location: incident.location, state: 'new' });
    expect(ring.payload.incident.timeline.map((entry) => entry.code)).toEqual(['incidentOpened']);
    expect(phone.events.some((e) => e.type === 'guard.statusChanged' && e.payload.status === 'dispatched')).toBe(true);

    for (const action of ['accept', 'en_route', 'arrive', 'clear'] as const) {
      const answer = await command(phone, 'dispatch.answer', { commandId: commandId(action), dispatchId, action });
      expect(answer, action).toMatchObject({ ok: true });
    }
    const types = ['dispatch.sent', 'dispatch.accepted', 'dispatch.enRoute', 'dispatch.arrived', 'dispatch.cleared'];
    await waitFor(() => commander.events.some((e) => e.type === 'dispatch.cleared'), 'the clear on the commander');
    const seen = commander.events.filter((e) => e.type.startsWith('dispatch.'));
    expect(seen.map((e) => e.type)).toEqual(types);
    expect(seen.find((e) => e.type === 'dispatch.arrived')).toMatchObject({ payload: { arrival: 'pressed', guardId: guard.id } });
    const statuses = commander.events.flatMap((e) => (e.type === 'guard.statusChanged' && e.payload.guardId === guard.id ? [e.payload.status] : []));
    expect(statuses).toEqual(['dispatched', 'en_route', 'on_scene', 'available']);

    // The times, as a fresh screen's snapshot holds them.
    const late = new TestClient(server, commanderCookie);
    await late.connected();
    const snapshot = late.syncs[0] as Extract<SyncMessage, { kind: 'snapshot' }>;
    const dispatch = snapshot.state.dispatches[dispatchId]!;
    expect(dispatch.state).toBe('cleared');
    const times = [dispatch.sentAt, dispatch.acceptedAt, dispatch.enRouteAt, dispatch.onSceneAt, dispatch.clearedAt];
    expect(times.every((time) => typeof time === 'string')).toBe(true);
    expect([...times].sort()).toEqual(times);
    expect(snapshot.state.incidents[incident.id]?.timeline.map((entry) => entry.code)).toEqual([
      'incidentOpened',
      'dispatchSent',
      'dispatchAccepted',
      'dispatchEnRoute',
      'dispatchArrived',
      'dispatchCleared',
    ]);
    expect(await guardStatus(guard.id)).toBe('available');
    phone.close();
    commander.close();
    late.close();
  });

  it('answers a retried send with the first answer, and refuses guards who cannot go, naming them', async () => {
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander);
    const { guard } = await guardWithLogin(server, admin);
    const offShift = await guardWithLogin(server, admin, { onShift: false });
    const body = { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.id] };
    const first = await command(commander, 'dispatch.send', body);
    expect(first.ok).toBe(true);
    expect(await command(commander, 'dispatch.send', body)).toEqual(first);

    const again = await command(commander, 'dispatch.send', { ...body, commandId: commandId('send') });
    expect(again).toMatchObject({ ok: false, code: 'conflict', error: expect.stringMatching(/^guardIds: guard T\d+ \(Guard \d+\) is already dispatched to this incident$/) });
    const off = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [offShift.guard.id] });
    expect(off).toMatchObject({ ok: false, error: expect.stringMatching(/^guardIds: guard T\d+ \(Guard \d+\) is off shift$/) });

    // A resolved incident takes no more guards.
    const other = await guardWithLogin(server, admin);
    await setIncidentState(commander, incident, 'resolved');
    const late = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [other.guard.id] });
    expect(late).toMatchObject({ ok: false, error: expect.stringMatching(/^state: incident .* is resolved$/) });
    expect(await guardStatus(other.guard.id)).toBe('available');
    commander.close();
  });

  it('lets only commanders send, a guard answer only their own dispatch, and asks a reason to decline', async () => {
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander);
    const mine = await guardWithLogin(server, admin);
    const theirs = await guardWithLogin(server, admin);
    const operator = new TestClient(server, await createUser(server, admin, `dispatch-operator-${Date.now()}`, 'operator'));
    const wall = new TestClient(server, await createUser(server, admin, `dispatch-wall-${Date.now()}`, 'wall'));
    await Promise.all([operator.connected(), wall.connected()]);
    for (const client of [operator, wall]) {
      const refused = await command(client, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [mine.guard.id] });
      expect(refused).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/^forbidden: the (operator|wall) role may not dispatch\.send$/) });
    }
    expect(await guardStatus(mine.guard.id)).toBe('available');

    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [mine.guard.id, theirs.guard.id] });
    expect(sent.ok).toBe(true);
    const [mineId, theirsId] = sent.dispatchIds as string[];

    const phone = await phoneOf(server, mine.cookie);
    // Another guard's dispatch is as missing as one that does not exist.
    const other = await command(phone, 'dispatch.answer', { commandId: commandId('acc'), dispatchId: theirsId, action: 'accept' });
    const missing = await command(phone, 'dispatch.answer', { commandId: commandId('acc'), dispatchId: '00000000-0000-4000-8000-000000000000', action: 'accept' });
    expect(other).toMatchObject({ ok: false, code: 'not_found', error: `dispatchId: no dispatch with id "${theirsId}"` });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
    // Nor does the phone see the other guard's dispatch.
    expect(phone.events.some((e) => e.type === 'dispatch.sent' && e.payload.dispatch.id === theirsId)).toBe(false);

    const noReason = await command(phone, 'dispatch.answer', { commandId: commandId('dec'), dispatchId: mineId, action: 'decline' });
    expect(noReason).toMatchObject({ ok: false, error: 'reason: must give a reason to decline' });
    expect(await command(phone, 'dispatch.answer', { commandId: commandId('clr'), dispatchId: mineId, action: 'clear' })).toMatchObject({
      ok: false,
      error: 'action: cannot clear a dispatch that is sent (only from on_scene)',
    });
    const declined = await command(phone, 'dispatch.answer', { commandId: commandId('dec'), dispatchId: mineId, action: 'decline', reason: '正在处理漏水' });
    expect(declined.ok).toBe(true);
    expect(await guardStatus(mine.guard.id)).toBe('available');
    expect(await command(phone, 'dispatch.answer', { commandId: commandId('acc'), dispatchId: mineId, action: 'accept' })).toMatchObject({
      ok: false,
      error: 'action: cannot accept a dispatch that is declined (only from sent)',
    });

    // A commander answers on the other guard's behalf (by radio), then calls the dispatch back.
    expect(await command(commander, 'dispatch.answer', { commandId: commandId('acc'), dispatchId: theirsId, action: 'accept' })).toMatchObject({ ok: true });
    expect(await command(operator, 'dispatch.cancel', { commandId: commandId('cxl'), dispatchId: theirsId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await command(commander, 'dispatch.cancel', { commandId: commandId('cxl'), dispatchId: theirsId, reason: '已有人到场' })).toMatchObject({ ok: true });
    expect(await guardStatus(theirs.guard.id)).toBe('available');
    await waitFor(() => commander.events.some((e) => e.type === 'dispatch.cancelled'), 'the cancel');
    expect(commander.events.find((e) => e.type === 'dispatch.declined')).toMatchObject({ payload: { reason: '正在处理漏水', guardId: mine.guard.id } });
    phone.close();
    commander.close();
    operator.close();
    wall.close();
  });

  it('gets a dispatch sent while the phone was offline on reconnect, and in a fresh snapshot', async () => {
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander, { title: 'Water in the garage' });
    const { guard, cookie } = await guardWithLogin(server, admin);
    const phone = await phoneOf(server, cookie);
    await waitFor(() => phone.lastSeq > 0, 'the first snapshot');
    phone.close();
    await waitFor(() => !phone.socket.connected, 'the phone offline');
    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.id] });
    expect(sent.ok).toBe(true);

    await phone.reconnect();
    const catchUp = phone.syncs.at(-1)!;
    expect(catchUp.kind).toBe('events');
    const ring = phone.events.find((e): e is DispatchSent => e.type === 'dispatch.sent');
    expect(ring?.payload.dispatch.id).toBe(sent.dispatchIds[0]);
    expect(ring?.payload.incident).toMatchObject({ id: incident.id, title: 'Water in the garage' });

    const fresh = await phoneOf(server, cookie);
    const snapshot = fresh.syncs[0] as Extract<SyncMessage, { kind: 'snapshot' }>;
    expect(snapshot.kind).toBe('snapshot');
    expect(Object.keys(snapshot.state.dispatches)).toEqual([sent.dispatchIds[0]]);
    expect(snapshot.state.incidents[incident.id]).toMatchObject({ title: 'Water in the garage' });
    phone.close();
    fresh.close();
    commander.close();
  });
});
