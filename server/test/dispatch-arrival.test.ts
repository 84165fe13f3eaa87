import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { command, commandId, guardWithLogin, phoneOf } from './helpers/dispatch.js';
import { openIncident, openIncidentWithoutPlace } from './helpers/dispatch-incidents.js';
import { buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { TestClient, api, createUser, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import { buildAlarm } from './helpers/factories.js';

const site = buildAnchoredSite();
let fixes = 0;

describe(`dispatch: arrival from the guard's fixes, and guards ranked by walking time (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let commander: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
    commander = new TestClient(server, await createUser(server, admin, 'arrival-commander', 'commander'));
    await commander.connected();
  });
  afterAll(async () => {
    commander?.close();
    await server?.close();
    await handle?.destroy();
  });

  /** One fix from the phone at a plan point, `agoMs` before now. */
  const report = async (phone: TestClient, point: Point, floor: number, agoMs = 0) => {
    fixes += 1;
    const { lat, lon } = gpsAt(site, point);
    const at = new Date(Date.now() - agoMs + fixes).toISOString();
    const ack = await command(phone, 'position.report', { fixes: [{ id: `fix-${fixes}`, at, lat, lon, floor }] });
    expect(ack).toMatchObject({ ok: true });
    await server.app.positions.idle();
  };
  const guardStatus = async (guardId: string) => {
    const response = await api(server, 'GET', '/api/v1/guards', { cookie: admin });
    return (response.body.guards as { id: string; status: string }[]).find((g) => g.id === guardId)?.status;
  };
  const arrivals = (dispatchId: string) => commander.events.filter((e) => e.type === 'dispatch.arrived' && e.payload.dispatchId === dispatchId);

  it('puts a guard on scene once when a fix comes within the radius on the incident floor, not on another floor', async () => {
    const incident = await openIncident(commander, { location: { position: [100, 60], floor: 0, zoneId: null } });
    const { guard, cookie } = await guardWithLogin(server, admin);
    const waiting = await guardWithLogin(server, admin);
    const phone = await phoneOf(server, cookie);
    const waitingPhone = await phoneOf(server, waiting.cookie);
    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.id, waiting.guard.id] });
    expect(sent.ok).toBe(true);
    const [dispatchId, waitingId] = sent.dispatchIds as string[];
    expect(await command(phone, 'dispatch.answer', { commandId: commandId('acc'), dispatchId, action: 'accept' })).toMatchObject({ ok: true });

    // Right above or below is not there: the garage under the incident is another floor.
    await report(phone, [100, 60], -1);
    await report(phone, [130, 60], 0);
    // A dispatch not accepted yet is not detected (the guard has not said they are coming).
    await report(waitingPhone, [101, 60], 0);
    expect(arrivals(dispatchId!)).toHaveLength(0);
    expect(await guardStatus(guard.id)).toBe('dispatched');

    await report(phone, [108, 66], 0);
    await report(phone, [104, 62], 0);
    await waitFor(() => arrivals(dispatchId!).length > 0, 'the detected arrival');
    await server.app.positions.idle();
    expect(arrivals(dispatchId!)).toHaveLength(1);
    expect(arrivals(dispatchId!)[0]).toMatchObject({ payload: { arrival: 'detected', guardId: guard.id, incidentId: incident.id } });
    expect(await guardStatus(guard.id)).toBe('on_scene');
    expect(arrivals(waitingId!)).toHaveLength(0);
    await waitFor(() => phone.events.some((e) => e.type === 'dispatch.arrived'), 'the arrival on the phone');
    phone.close();
    waitingPhone.close();
  });

  it('ranks a guard behind a building after a farther guard on an open path, and leaves out the off-duty and stale', async () => {
    // North of building 1 (x 40–80, y 40–80), whose only door faces south.
    const incident = await openIncident(commander, { location: { position: [60, 90], floor: 0, zoneId: null } });
    const behind = await guardWithLogin(server, admin);
    const open = await guardWithLogin(server, admin);
    const stale = await guardWithLogin(server, admin);
    const offShift = await guardWithLogin(server, admin, { onShift: false });
    const phones = await Promise.all([behind, open, stale, offShift].map((g) => phoneOf(server, g.cookie)));
    await report(phones[0]!, [60, 25], 0); // 65 m in a straight line, ~95 m round the building
    await report(phones[1]!, [130, 90], 0); // 70 m, nothing in the way
    await report(phones[2]!, [62, 88], 0, 10 * 60_000); // next to it, ten minutes ago
    await report(phones[3]!, [61, 89], 0);

    const ranking = await command(commander, 'dispatch.suggest', { incidentId: incident.id });
    expect(ranking.ok).toBe(true);
    const ours = new Set([behind.guard.id, open.guard.id, stale.guard.id, offShift.guard.id]);
    const ranked = (ranking.ranked as { guardId: string; walkMetres: number; straightMetres: number; reasons: { code: string }[] }[]).filter((r) => ours.has(r.guardId));
    expect(ranked.map((r) => r.guardId)).toEqual([open.guard.id, behind.guard.id]);
    const [first, second] = ranked;
    expect(second!.straightMetres).toBeLessThan(first!.straightMetres);
    expect(second!.walkMetres).toBeGreaterThan(first!.walkMetres);
    expect(second!.reasons.map((r) => r.code)).toContain('detour');
    const excluded = (ranking.excluded as { guardId: string; reason: string }[]).filter((r) => ours.has(r.guardId));
    expect(Object.fromEntries(excluded.map((r) => [r.guardId, r.reason]))).toEqual({ [stale.guard.id]: 'staleFix', [offShift.guard.id]: 'offShift' });

    // Guards may not ask; an incident with no place has nothing to rank for.
    expect(await command(phones[0]!, 'dispatch.suggest', { incidentId: incident.id })).toMatchObject({ ok: false, code: 'forbidden' });
    const nowhere = await openIncidentWithoutPlace(server, commander);
    expect(await command(commander, 'dispatch.suggest', { incidentId: nowhere.id })).toMatchObject({ ok: false, error: expect.stringMatching(/^incidentId: incident .* has no place on the map/) });
    // An alarm that names only its zone (a fire panel's loop, a power cut) puts the incident in the zone: guards are ranked for it.
    const zoned = await postAlarm(server, buildAlarm({ zoneId: 'test-z-yard' }));
    expect(zoned.status, JSON.stringify(zoned.body)).toBe(201);
    const inYard = await command(commander, 'incident.open', { commandId: commandId('open-zoned'), alarmIds: [zoned.body.alarm.id] });
    expect(inYard, JSON.stringify(inYard)).toMatchObject({ ok: true });
    const placed = await api(server, 'GET', `/api/v1/incidents/${inYard.incidentId as string}`, { cookie: admin });
    expect(placed.body.incident.location).toEqual({ position: [165, 30], floor: 0, zoneId: 'test-z-yard' });
    const forYard = await command(commander, 'dispatch.suggest', { incidentId: inYard.incidentId as string });
    expect(forYard.ok, JSON.stringify(forYard)).toBe(true);
    expect((forYard.ranked as { guardId: string }[]).map((r) => r.guardId)).toContain(open.guard.id);
    phones.forEach((phone) => phone.close());
  });
});
