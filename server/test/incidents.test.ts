import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvents, emptyState, siteToDocument, type Incident, type IncidentReport, type LiveState } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { commandId, seedUser, logEvents, send, type AnyAck } from './helpers/incidents.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

/**
 * Incidents and their running plans, end to end on the shipped fire plan: real server, real
 * sockets, the roles the plan names. The clock stands still (nothing falls due here; the
 * timers have their own test).
 */
describe(`incidents and plan runs (${testDbKind})`, () => {
  const now = new Date();
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const clients: Record<string, TestClient> = {};
  const users: Record<string, { id: string; cookie: string }> = {};
  let fireIncident = '';
  let fireAlarm = '';

  const connect = async (name: string, cookie: string) => {
    clients[name] = new TestClient(server, cookie);
    await clients[name].connected();
  };
  const incident = async (id: string, cookie = admin): Promise<Incident> => {
    const response = await api(server, 'GET', `/api/v1/incidents/${id}`, { cookie });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.incident as Incident;
  };
  const ok = (ack: AnyAck) => {
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    return ack as Extract<AnyAck, { ok: true }>;
  };
  const refused = (ack: AnyAck) => {
    expect(ack.ok, JSON.stringify(ack)).toBe(false);
    return ack as Extract<AnyAck, { ok: false }>;
  };
  const answer = (who: string, incidentId: string, stepId: string, value = 'done', extra: Record<string, unknown> = {}) =>
    send(clients[who]!, 'plan.completeStep', { commandId: commandId(stepId), incidentId, stepId, answer: value, ...extra });

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock: () => now });
    admin = await login(server);
    const other = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const monitor = await api(server, 'POST', '/api/v1/monitors', {
      cookie: admin,
      body: { id: 'alarm', siteId: 'test', name: '报警屏', layout: '2x2', alarmRule: { kinds: ['intrusion'], maxPriority: 3, cameraCount: 2, radius: 60 } },
    });
    expect(monitor.status, JSON.stringify(monitor.body)).toBe(201);
    for (const [name, role, sites] of [
      ['cmd', 'commander', undefined],
      ['op', 'operator', ['test']],
      ['wall', 'wall', undefined],
      ['phone', 'guard', undefined],
      ['elsewhere', 'operator', ['other']],
    ] as const) {
      users[name] = await seedUser(server, name, role, sites ? [...sites] : null);
      await connect(name, users[name].cookie);
    }
  });
  afterAll(async () => {
    Object.values(clients).forEach((client) => client.close());
    await server?.close();
    await handle?.destroy();
  });

  it('opens an incident from a fire alarm with the fire plan: the cameras go to the alarm monitor, the alarm is linked', async () => {
    const posted = await postAlarm(server, buildAlarm({ kind: 'fire', priority: 2, source: { deviceId: 'test-beam-n1' }, message: '北围墙火警' }));
    expect(posted.status).toBe(201);
    fireAlarm = posted.body.alarm.id;
    const opened = ok(await send(clients.op!, 'incident.open', { commandId: commandId('open'), alarmIds: [fireAlarm], planId: 'fire' }));
    fireIncident = opened.incidentId;

    const shown = await incident(fireIncident);
    expect(shown).toMatchObject({ siteId: 'test', type: 'fire', level: 1, state: 'in_progress', title: '北围墙火警', alarmIds: [fireAlarm], owner: null });
    expect(shown.number).toMatch(new RegExp(`^${now.toISOString().slice(0, 10).replaceAll('-', '')}-\\d{3}$`));
    expect(shown.location).toEqual({ position: [60, 119], floor: 0, zoneId: 'test-z-north' });
    expect(shown.plan).toMatchObject({ planId: 'fire', version: 1 });
    // The automatic first step did its action and is done by Vigil.
    expect(shown.plan!.states.cameras).toMatchObject({ status: 'done', answer: 'done', by: { id: 'vigil' } });
    expect(shown.timeline.map((entry) => entry.code)).toEqual(['incidentOpened', 'planStarted', 'stepDone']);
    const monitors = await api(server, 'GET', '/api/v1/monitors', { cookie: admin });
    expect(monitors.body.monitors.find((m: { id: string }) => m.id === 'alarm').view).toEqual({ layout: '1', tiles: [{ kind: 'camera', cameraId: 'test-cam-01' }] });
    const alarms = await api(server, 'GET', '/api/v1/alarms?state=open', { cookie: admin });
    expect(alarms.body.alarms.find((a: { id: string }) => a.id === fireAlarm).incidentId).toBe(fireIncident);

    // Already in an open incident: refused, nothing opened.
    const again = refused(await send(clients.cmd!, 'incident.open', { commandId: commandId('open'), alarmIds: [fireAlarm] }));
    expect(again.error).toMatch(/^alarmIds\.0: alarm ".*" is already in open incident/);
    // By hand, the missing field is named.
    expect(refused(await send(clients.cmd!, 'incident.open', { commandId: commandId('open'), siteId: 'test', type: 'fire' })).params).toMatchObject({ field: 'location', rule: 'required' });
  });

  it('lets only the roles a step names answer it, and the answer picks the branch', async () => {
    const assess = { incidentId: fireIncident, stepId: 'assess', answer: 'yes' };
    expect(refused(await send(clients.wall!, 'plan.completeStep', { commandId: commandId(), ...assess })).params).toMatchObject({ rule: 'roleMayNot', role: 'wall' });
    expect(refused(await send(clients.phone!, 'plan.completeStep', { commandId: commandId(), ...assess })).params).toMatchObject({ rule: 'roleMayNot', role: 'guard' });
    // A user of another site is told nothing about it.
    expect(refused(await send(clients.elsewhere!, 'plan.completeStep', { commandId: commandId(), ...assess })).code).toBe('not_found');
    expect((await api(server, 'GET', `/api/v1/incidents/${fireIncident}`, { cookie: users.elsewhere!.cookie })).status).toBe(404);
    // Not open yet: call 119 lies beyond the unanswered question.
    expect(refused(await answer('cmd', fireIncident, 'call_119')).params).toMatchObject({ field: 'stepId', rule: 'stepNotOpen' });
    expect(refused(await answer('op', fireIncident, 'assess', 'maybe')).error).toBe('answer: must be one of yes, no');

    ok(await answer('op', fireIncident, 'assess', 'yes'));
    const run = (await incident(fireIncident)).plan!;
    expect(run.states.assess).toMatchObject({ status: 'done', answer: 'yes', by: { name: 'op' } });
    // The nearest-guards step became open behind call 119 and completed itself.
    expect(run.states.guards).toMatchObject({ status: 'done', by: { id: 'vigil' } });
    expect(run.states.false_alarm!.status).toBe('pending');

    const commanders = refused(await answer('op', fireIncident, 'call_119'));
    expect(commanders.code).toBe('forbidden');
    expect(commanders.params).toMatchObject({ rule: 'stepRole', stepRole: 'commander', stepId: 'call_119' });
    const calledAt = new Date(now.getTime() - 30_000).toISOString();
    ok(await answer('cmd', fireIncident, 'call_119', 'done', { calledAt, note: '119 已接警' }));
    expect((await incident(fireIncident)).plan!.states.call_119!.call).toEqual({ party: 'fire_119', at: calledAt, note: '119 已接警' });
  });

  it('is idempotent by command id: the same command twice changes nothing the second time', async () => {
    const input = { commandId: commandId('note'), incidentId: fireIncident, kind: 'note', text: '消防车已出发' };
    const first = ok(await send(clients.op!, 'incident.addEntry', input));
    const second = ok(await send(clients.op!, 'incident.addEntry', input));
    expect(second.seq).toBe(first.seq);
    const step = { commandId: commandId('evacuate'), incidentId: fireIncident, stepId: 'evacuate', answer: 'done' };
    const done = ok(await send(clients.cmd!, 'plan.completeStep', step));
    expect(ok(await send(clients.cmd!, 'plan.completeStep', step)).seq).toBe(done.seq);
    const open = { commandId: commandId('open'), siteId: 'test', type: 'medical', location: { position: [10, 10] } };
    const opened = ok(await send(clients.cmd!, 'incident.open', open));
    const reopened = ok(await send(clients.cmd!, 'incident.open', open));
    expect(reopened).toEqual(opened);

    const timeline = (await incident(fireIncident)).timeline;
    expect(timeline.filter((entry) => entry.text === '消防车已出发')).toHaveLength(1);
    expect((await logEvents(server, 'plan.stepCompleted')).filter((event) => event.type === 'plan.stepCompleted' && event.payload.stepId === 'evacuate')).toHaveLength(1);
    expect((await logEvents(server, 'incident.opened')).filter((event) => event.type === 'incident.opened' && event.payload.incident.id === opened.incidentId)).toHaveLength(1);
  });

  it('refuses to resolve while required steps are open, naming them; skipping needs a reason and is on the timeline', async () => {
    const blocked = refused(await send(clients.cmd!, 'incident.setState', { commandId: commandId(), incidentId: fireIncident, state: 'resolved' }));
    expect(blocked.code).toBe('steps_open');
    expect(blocked.params).toMatchObject({ field: 'state', rule: 'requiredStepsOpen', steps: 'dispatch,report' });
    expect(blocked.error).toContain('dispatch (Send 2 guards with extinguishers)');
    expect(blocked.error).not.toContain('false_alarm');
    expect((await incident(fireIncident)).state).toBe('in_progress');

    expect(refused(await send(clients.cmd!, 'plan.skipStep', { commandId: commandId(), incidentId: fireIncident, stepId: 'first_fire', reason: '' })).params).toMatchObject({
      field: 'reason',
      rule: 'required',
    });
    // Operators tick their steps; skipping is the commander's.
    expect(refused(await send(clients.op!, 'plan.skipStep', { commandId: commandId(), incidentId: fireIncident, stepId: 'first_fire', reason: 'x' })).code).toBe('forbidden');
    const skipped = ok(await send(clients.cmd!, 'plan.skipStep', { commandId: commandId(), incidentId: fireIncident, stepId: 'first_fire', reason: '明火已被扑灭' }));
    // Every commander's screen gets the skip as it happens.
    await waitFor(() => clients.cmd!.events.some((event) => event.seq === skipped.seq && event.type === 'plan.stepSkipped'), 'the skip on the commander screen');
    const shown = await incident(fireIncident);
    expect(shown.plan!.states.first_fire).toMatchObject({ status: 'skipped', reason: '明火已被扑灭', by: { name: 'cmd' } });
    expect(shown.timeline.at(-1)).toMatchObject({ kind: 'auto', code: 'stepSkipped', params: { stepId: 'first_fire', reason: '明火已被扑灭' } });
  });

  it('records calls and notes, strikes an entry through once, and raises the level only upwards', async () => {
    ok(await send(clients.op!, 'incident.addEntry', { commandId: commandId(), incidentId: fireIncident, kind: 'call', party: 'property_manager', text: '已通知物业经理' }));
    const wrong = ok(await send(clients.op!, 'incident.addEntry', { commandId: commandId(), incidentId: fireIncident, kind: 'note', text: '3号楼' }));
    const entry = (await incident(fireIncident)).timeline.find((candidate) => candidate.text === '3号楼')!;
    expect(wrong.seq).toBeGreaterThan(0);
    expect(refused(await send(clients.op!, 'incident.strikeEntry', { commandId: commandId(), incidentId: fireIncident, entryId: entry.id, reason: '楼号写错' })).code).toBe('forbidden');
    ok(await send(clients.cmd!, 'incident.strikeEntry', { commandId: commandId(), incidentId: fireIncident, entryId: entry.id, reason: '楼号写错' }));
    expect(refused(await send(clients.cmd!, 'incident.strikeEntry', { commandId: commandId(), incidentId: fireIncident, entryId: entry.id, reason: '再划' })).params).toMatchObject({ rule: 'alreadyStricken' });
    const struck = (await incident(fireIncident)).timeline.find((candidate) => candidate.id === entry.id)!;
    expect(struck).toMatchObject({ text: '3号楼', stricken: { reason: '楼号写错', by: { name: 'cmd' } } });

    expect(refused(await send(clients.cmd!, 'incident.raiseLevel', { commandId: commandId(), incidentId: fireIncident, level: 2 })).params).toMatchObject({ rule: 'notMoreSevere' });
    ok(await send(clients.cmd!, 'incident.setOwner', { commandId: commandId(), incidentId: fireIncident, userId: users.cmd!.id }));
    expect(refused(await send(clients.cmd!, 'incident.setOwner', { commandId: commandId(), incidentId: fireIncident, userId: users.op!.id })).params).toMatchObject({ rule: 'notCommander' });
    expect((await incident(fireIncident)).owner).toEqual({ id: users.cmd!.id, name: 'cmd' });
  });

  it('resolves (its alarms confirmed), closes with a summary, and reports steps against due times, calls and alarms', async () => {
    for (const stepId of ['dispatch', 'power_off', 'guide_brigade', 'notify_manager', 'report']) ok(await answer('cmd', fireIncident, stepId));
    expect(refused(await send(clients.cmd!, 'incident.close', { commandId: commandId(), incidentId: fireIncident, summary: '初期火灾已扑灭' })).params).toMatchObject({ rule: 'notResolved' });
    ok(await send(clients.cmd!, 'incident.setState', { commandId: commandId(), incidentId: fireIncident, state: 'resolved' }));
    const resolved = await api(server, 'GET', '/api/v1/alarms?state=resolved', { cookie: admin });
    expect(resolved.body.alarms.find((alarm: { id: string }) => alarm.id === fireAlarm)).toMatchObject({ disposition: 'confirmed', incidentId: fireIncident });
    expect(refused(await send(clients.cmd!, 'incident.close', { commandId: commandId(), incidentId: fireIncident, summary: ' ' })).params).toMatchObject({ field: 'summary', rule: 'required' });
    ok(await send(clients.cmd!, 'incident.close', { commandId: commandId(), incidentId: fireIncident, summary: '初期火灾已扑灭，无人员伤亡' }));

    const response = await api(server, 'GET', `/api/v1/incidents/${fireIncident}/report`, { cookie: users.op!.cookie });
    expect(response.status).toBe(200);
    const report = response.body.report as IncidentReport;
    expect(report.summary).toBe('初期火灾已扑灭，无人员伤亡');
    expect(report.incident).toMatchObject({ state: 'closed', closedAt: now.toISOString() });
    const step = (id: string) => report.steps.find((candidate) => candidate.stepId === id)!;
    const due = new Date(now.getTime() + 120_000).toISOString();
    expect(step('call_119')).toMatchObject({ status: 'done', timing: 'done', dueAt: due, secondsLeft: 120, by: { name: 'cmd' } });
    expect(step('first_fire')).toMatchObject({ status: 'skipped', reason: '明火已被扑灭' });
    expect(step('false_alarm')).toMatchObject({ status: 'bypassed', timing: 'ok' });
    expect(report.calls.map((call) => [call.party, call.stepId ?? 'entry'])).toEqual([
      ['fire_119', 'call_119'],
      ['property_manager', 'notify_manager'],
      ['property_manager', 'entry'],
    ]);
    expect(report.calls[0]!.at).toBe(new Date(now.getTime() - 30_000).toISOString());
    expect(report.alarms).toEqual([expect.objectContaining({ id: fireAlarm, kind: 'fire', disposition: 'confirmed' })]);
    expect(report.dispatches).toEqual([]);

    const history = await api(server, 'GET', '/api/v1/incidents?state=closed', { cookie: users.op!.cookie });
    expect(history.body.incidents.map((item: Incident) => item.id)).toEqual([fireIncident]);
    expect((await api(server, 'GET', '/api/v1/incidents', { cookie: users.elsewhere!.cookie })).body.incidents).toEqual([]);
  });

  it('takes the other branch on "no": the real-fire steps stop blocking', async () => {
    const opened = ok(await send(clients.op!, 'incident.open', { commandId: commandId(), siteId: 'test', type: 'fire', location: { position: [60, 60], zoneId: 'test-z-b1' } }));
    ok(await send(clients.op!, 'incident.startPlan', { commandId: commandId(), incidentId: opened.incidentId, planId: 'fire' }));
    expect(refused(await send(clients.op!, 'incident.startPlan', { commandId: commandId(), incidentId: opened.incidentId, planId: 'fire' })).params).toMatchObject({ rule: 'planRunning' });
    ok(await answer('op', opened.incidentId, 'assess', 'no'));
    const blocked = refused(await send(clients.cmd!, 'incident.setState', { commandId: commandId(), incidentId: opened.incidentId, state: 'resolved' }));
    expect(blocked.params).toMatchObject({ steps: 'false_alarm,report' });
    expect(refused(await answer('cmd', opened.incidentId, 'call_119')).params).toMatchObject({ rule: 'stepNotOpen' });
    ok(await answer('op', opened.incidentId, 'false_alarm'));
    ok(await answer('cmd', opened.incidentId, 'report'));
    ok(await send(clients.cmd!, 'incident.setState', { commandId: commandId(), incidentId: opened.incidentId, state: 'resolved' }));
  });

  it('builds the same incidents after a restart, and a fold of the log from seq 0 builds them too', async () => {
    const last = (await logEvents(server)).at(-1)!.seq;
    await waitFor(() => server.app.broadcaster.broadcastSeq >= last, 'the broadcaster to catch up');
    const pick = (state: LiveState) => ({ incidents: state.incidents.toObject(), dispatches: state.dispatches.toObject() });
    const before = pick(server.app.broadcaster.snapshot('live'));
    expect(Object.keys(before.incidents)).toHaveLength(3);

    Object.values(clients).forEach((client) => client.close());
    await server.app.close();
    await server.database.close();
    server = await startServer(handle, { clock: () => now });
    const after = pick(server.app.broadcaster.snapshot('live'));
    expect(after).toEqual(before);
    expect(pick(applyEvents(emptyState(), await logEvents(server)))).toEqual(before);
  });
});
