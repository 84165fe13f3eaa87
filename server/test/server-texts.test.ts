import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_AFTER_MS, type Alarm } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { addGuard, buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

/** Server-made texts are codes with params; each screen renders them in its own language. */
describe(`server-made texts as codes (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let offset = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site, clock: () => new Date(Date.now() + offset) });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  const raised = (client: TestClient, kind: string, guardId: string) =>
    client.events.flatMap((event) =>
      event.type === 'alarm.raised' && event.payload.alarm.kind === kind && event.payload.alarm.attributes.guardId === guardId ? [event.payload.alarm] : [],
    );

  /** The alarm as stored: read back through the REST list, from the database. */
  async function stored(id: string): Promise<Alarm> {
    const listed = await api(server, 'GET', '/api/v1/alarms?state=open&limit=500', { cookie: admin });
    const alarm = (listed.body.alarms as Alarm[]).find((candidate) => candidate.id === id);
    if (!alarm) throw new Error(`alarm ${id} is not listed`);
    return alarm;
  }

  it('an SOS alarm carries code guardSos with the guard, and no message of its own', async () => {
    const guard = await addGuard(server, admin, { callsign: 'X9', name: '保安甲' });
    const client = new TestClient(server, admin);
    await client.connected();
    const spot = gpsAt(site, [60, 90]);
    expect((await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}&alarm=sos`)).status).toBe(200);
    await waitFor(() => raised(client, 'sos', guard.id).length > 0, 'the SOS alarm');
    const alarm = raised(client, 'sos', guard.id)[0]!;
    expect(alarm.message).toBe('');
    expect(alarm.text).toEqual({ code: 'guardSos', params: { callsign: 'X9', name: '保安甲' } });
    expect(await stored(alarm.id)).toMatchObject({ message: '', text: { code: 'guardSos', params: { callsign: 'X9', name: '保安甲' } } });
    client.close();
  });

  it('a guard-silent alarm carries code guardSilent with the guard and the minutes', async () => {
    const guard = await addGuard(server, admin, { onShift: true, callsign: 'X8', name: '保安乙' });
    const client = new TestClient(server, admin);
    await client.connected();
    const spot = gpsAt(site, [90, 60]);
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${spot.lat}&lon=${spot.lon}`);
    server.app.positions.lane.checkSilence();
    offset += SILENT_AFTER_MS + 20_000;
    server.app.positions.lane.checkSilence();
    await server.app.positions.idle();
    await waitFor(() => raised(client, 'guard_silent', guard.id).length > 0, 'the silent alarm');
    const alarm = raised(client, 'guard_silent', guard.id)[0]!;
    expect(alarm.message).toBe('');
    expect(alarm.text).toEqual({ code: 'guardSilent', params: { callsign: 'X8', name: '保安乙', minutes: 3 } });
    expect((await stored(alarm.id)).text).toEqual(alarm.text);
    client.close();
  });

  it('a restricted-zone entry names the zone by id, so a screen shows its current name', async () => {
    const guard = await addGuard(server, admin, { callsign: 'X7', name: '保安丙' });
    const client = new TestClient(server, admin);
    await client.connected();
    const outside = gpsAt(site, [140, 30]);
    const inside = gpsAt(site, [165, 30]);
    const t = Date.now() + offset - 10_000;
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${outside.lat}&lon=${outside.lon}&timestamp=${t}`);
    await api(server, 'GET', `${guard.osmand}?id=${guard.trackerId}&lat=${inside.lat}&lon=${inside.lon}&timestamp=${t + 1000}`);
    await waitFor(() => raised(client, 'restricted_entry', guard.id).length > 0, 'the restricted entry alarm');
    const alarm = raised(client, 'restricted_entry', guard.id)[0]!;
    expect(alarm).toMatchObject({ message: '', text: { code: 'restrictedEntry', params: { callsign: 'X7', name: '保安丙', zoneId: 'test-z-yard' } } });
    client.close();
  });

  it("an integration's alarm keeps its own message and has no text code", async () => {
    const posted = await postAlarm(server, buildAlarm({ siteId: 'test', source: { externalId: 'panel-9' }, message: '3号防区 · zone 3 cut', occurredAt: undefined }));
    expect(posted.status).toBe(201);
    expect(posted.body.alarm).toMatchObject({ message: '3号防区 · zone 3 cut', text: null });
    expect((await stored(posted.body.alarm.id as string)).text).toBeNull();
  });
});

describe(`refusals carry a code and params besides the English message (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let operator: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    operator = new TestClient(server, await login(server));
    await operator.connected();
  });
  afterAll(async () => {
    operator?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('an HTTP validation failure names the field and the rule as codes', async () => {
    const response = await postAlarm(server, buildAlarm({ priority: 12 }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'validation',
      message: 'priority: must be an integer from 1 to 9',
      params: { field: 'priority', rule: 'integerRange', min: 1, max: 9 },
      issues: [{ code: 'validation', params: { field: 'priority', rule: 'integerRange', min: 1, max: 9 } }],
    });
  });

  it('a service refusal and a missing route carry params read from the sentence', async () => {
    const unknownZone = await postAlarm(server, buildAlarm({ zoneId: 'no-such-zone' }));
    expect(unknownZone.status).toBe(422);
    expect(unknownZone.body.error).toBe('unprocessable');
    expect(unknownZone.body.params).toMatchObject({ field: 'zoneId', rule: 'noSuchId', thing: 'zone', id: 'no-such-zone' });
    const missing = await api(server, 'GET', '/api/v1/nothing-here');
    expect(missing.body).toMatchObject({ error: 'not_found', params: { rule: 'noRoute' } });
  });

  it('a socket command refusal acks { ok: false, error, code, params }: an invalid note, a wrong state, a reused id', async () => {
    const posted = await postAlarm(server, buildAlarm({ occurredAt: undefined }));
    const alarmId = posted.body.alarm.id as string;
    await waitFor(() => operator.lastSeq >= (posted.body.seq as number), 'the raised alarm');
    expect(await operator.socket.emitWithAck('alarm.acknowledge', { commandId: 'texts-ack-0001', alarmId })).toMatchObject({ ok: true });

    const longNote = await operator.socket.emitWithAck('alarm.hold', { commandId: 'texts-hold-0001', alarmId, note: 'x'.repeat(1001) });
    expect(longNote).toEqual({
      ok: false,
      error: 'note: must be at most 1000 characters',
      code: 'validation',
      params: { field: 'note', rule: 'maxLength', max: 1000 },
    });

    expect(await operator.socket.emitWithAck('alarm.resolve', { commandId: 'texts-resolve-1', alarmId, disposition: 'false' })).toMatchObject({ ok: true });
    expect(await operator.socket.emitWithAck('alarm.resolve', { commandId: 'texts-resolve-2', alarmId, disposition: 'false' })).toEqual({
      ok: false,
      error: 'state: cannot resolve an alarm that is resolved (allowed from acknowledged or on_hold)',
      code: 'invalid_state',
      params: { command: 'resolve', state: 'resolved' },
    });

    expect(await operator.socket.emitWithAck('alarm.hold', { commandId: 'texts-resolve-1', alarmId })).toMatchObject({
      ok: false,
      code: 'conflict',
      params: { field: 'commandId', rule: 'alreadyUsed' },
    });
  });
});
