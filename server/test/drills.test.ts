import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PROTOCOL_VERSION, type DomainEvent, type Stream } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { commandId, seedUser, send } from './helpers/incidents.js';
import { TestClient, api, connectError, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import { alarms, devices, drillRuns, guards, monitors } from '../src/db/schema/index.js';
import { eventsAfter } from '../src/repositories/events.repository.js';
import { DEMO_DRILL_SCENARIOS } from '../src/sim/demo-drills.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';

/**
 * A drill (演练) end to end on its own stream, on a fake clock: the perimeter-north demo
 * scenario started, its injects fired by the scheduler on time, participants acting on the
 * drill's socket, a restart in the middle, and the evaluation at the end. Nothing of the drill
 * reaches live, and nothing live reaches the drill.
 */
describe(`drills (${testDbKind})`, () => {
  const base = Date.now();
  let offset = 0;
  const clock = () => new Date(base + offset);
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let commander: { id: string; cookie: string };
  let participant: { id: string; cookie: string };
  let outsider: { id: string; cookie: string };
  let liveClient: TestClient;
  let drillClient: TestClient;
  let controllerClient: TestClient;
  let runId = '';
  let stream: Stream = 'live';
  let liveGuards: { id: string; status: string }[] = [];
  const scenario = DEMO_DRILL_SCENARIOS.find((raw) => (raw as { id: string }).id === 'perimeter-north')!;

  const start = () => startServer(handle, { clock, site: demoSite, guards: demoGuards(demoSite.id) });
  const tickAt = async (seconds: number) => {
    offset = seconds * 1000;
    await server.app.scheduler.tick();
  };
  const drillEvents = () => eventsAfter(server.database.db, stream, 0, 10_000);
  const injected = async () => (await drillEvents()).flatMap((event) => (event.type === 'drill.injected' ? [event.payload.inject.id] : []));
  const guardRows = async () => (await server.database.db.select({ id: guards.id, status: guards.status }).from(guards).orderBy(guards.id)).map((row) => ({ ...row }));
  const connectDrill = async (cookie: string) => {
    const client = new TestClient(server, cookie, { stream });
    await client.connected();
    return client;
  };
  const connectAll = async () => {
    liveClient = new TestClient(server, commander.cookie);
    await liveClient.connected();
    drillClient = await connectDrill(participant.cookie);
    controllerClient = await connectDrill(commander.cookie);
  };
  const closeAll = () => [liveClient, drillClient, controllerClient].forEach((client) => client?.close());
  /** The alarms a screen holds: its snapshot's and those raised after it. */
  const seenAlarms = (client: TestClient) => {
    const seen = new Map<string, { id: string; message: string; stream: Stream }>();
    for (const sync of client.syncs) if (sync.kind === 'snapshot') for (const alarm of Object.values(sync.state.alarms)) seen.set(alarm.id, { id: alarm.id, message: alarm.message, stream: sync.stream });
    for (const event of client.events) if (event.type === 'alarm.raised') seen.set(event.payload.alarm.id, { id: event.payload.alarm.id, message: event.payload.alarm.message, stream: event.stream });
    return [...seen.values()];
  };
  const ofType = <T extends DomainEvent['type']>(events: readonly DomainEvent[], type: T) => events.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type);

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await start();
    commander = await seedUser(server, 'drill-cmd', 'commander');
    participant = await seedUser(server, 'drill-op', 'operator');
    outsider = await seedUser(server, 'other-op', 'operator');
    const admin = await seedUser(server, 'drill-admin', 'admin');
    const monitor = await api(server, 'POST', '/api/v1/monitors', { cookie: admin.cookie, body: { id: 'm-main', siteId: demoSite.id, name: '主屏', layout: '2x2' } });
    expect(monitor.status, JSON.stringify(monitor.body)).toBe(201);
    liveGuards = await guardRows();
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    await handle?.destroy();
  });

  it('refuses a bad scenario naming the field, and an operator who may not run drills', async () => {
    const bad = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario: { ...(scenario as object), targets: { acknowledge: 'soon' } } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('scenario.targets.acknowledge');
    const wrongSite = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario: { ...(scenario as object), planId: 'no-such-plan' } } });
    expect(wrongSite.status).toBe(400);
    expect(JSON.stringify(wrongSite.body)).toContain('scenario.planId');
    const operator = await api(server, 'POST', '/api/v1/drills', { cookie: participant.cookie, body: { scenario } });
    expect(operator.status).toBe(403);
    expect(await server.database.db.select().from(drillRuns)).toEqual([]);
  });

  it('starts a drill on its own stream; its first inject fires on time, marked 【演练】, on the drill socket only', async () => {
    const started = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario, participants: [participant.id] } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    runId = started.body.run.id;
    stream = `drill:${runId}`;
    await connectAll();
    await tickAt(0);
    // The scheduler may have fired it before the socket joined (then it is in the snapshot).
    await waitFor(() => seenAlarms(drillClient).length === 1, 'the drill alarm on the drill socket');
    const [raised] = seenAlarms(drillClient);
    expect(raised!.stream).toBe(stream);
    expect(raised!.message).toMatch(/^【演练】北侧东段红外对射报警 \[DRILL\] North-east beam broken$/);
    expect(await injected()).toEqual(['beam']);
    // The live screens and tables saw none of it.
    expect(liveClient.events.filter((event) => event.stream !== 'live')).toEqual([]);
    expect(await server.database.db.select().from(alarms).where(eq(alarms.stream, 'live'))).toEqual([]);
  });

  it('keeps a live alarm raised meanwhile off the drill, and the drill alarm off live', async () => {
    offset = 10_000;
    const live = await postAlarm(server, { source: { deviceId: 'demo-beam-n1' }, kind: 'intrusion', message: 'real beam' });
    expect(live.status).toBe(201);
    await waitFor(() => liveClient.events.some((event) => event.type === 'alarm.raised'), 'the live alarm on the live socket');
    // Same device and kind: a separate alarm in each stream, no merging across them.
    expect(ofType(liveClient.events, 'alarm.raised').map((event) => event.payload.alarm.message)).toEqual(['real beam']);
    offset = 20_000;
    const drillAlarm = seenAlarms(drillClient)[0]!;
    const ack = await send(drillClient, 'alarm.acknowledge', { commandId: commandId(), alarmId: drillAlarm.id });
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    // A live alarm cannot be acknowledged from the drill's socket: it is not in the drill.
    const liveAck = await send(drillClient, 'alarm.acknowledge', { commandId: commandId(), alarmId: live.body.alarm.id });
    expect(liveAck).toMatchObject({ ok: false });
    await tickAt(24);
    expect(await injected()).toEqual(['beam']);
    await tickAt(30);
    expect(await injected()).toEqual(['beam', 'fibre']);
    await waitFor(() => seenAlarms(drillClient).length === 2, 'the second drill alarm');
    expect(drillClient.events.every((event) => event.stream === stream)).toBe(true);
    expect(seenAlarms(drillClient).every((alarm) => alarm.message.startsWith('【演练】') && alarm.stream === stream)).toBe(true);
    const liveRows = await server.database.db.select().from(alarms).where(eq(alarms.stream, 'live'));
    expect(liveRows.map((row) => [row.message, row.state])).toEqual([['real beam', 'new']]);
  });

  it('refuses a non-participant, an unknown drill and a live socket on the wall from a drill', async () => {
    expect(await connectError(server, { cookie: outsider.cookie, auth: { protocol: PROTOCOL_VERSION, stream } })).toBe(`forbidden: you do not take part in the drill "${stream}"`);
    expect(await connectError(server, { cookie: participant.cookie, auth: { protocol: PROTOCOL_VERSION, stream: 'drill:00000000-0000-4000-8000-000000000000' } })).toBe(
      'stream: no drill "drill:00000000-0000-4000-8000-000000000000"',
    );
    expect(await connectError(server, { cookie: participant.cookie, auth: { protocol: PROTOCOL_VERSION, stream: 'drill:x' } })).toContain('stream: must be');
    // The drill's wall is its own: a layout set from the drill changes the drill's monitor, not live's.
    const wall = await send(controllerClient, 'wall.setLayout', { commandId: commandId(), monitorId: 'm-main', layout: '1' });
    expect(wall, JSON.stringify(wall)).toMatchObject({ ok: true });
    await waitFor(() => drillClient.events.some((event) => event.type === 'wall.viewSet'), 'the drill wall change');
    expect(server.app.broadcaster.snapshot(stream).monitors['m-main']!.view.layout).toBe('1');
    expect(server.app.broadcaster.snapshot('live').monitors['m-main']!.view.layout).toBe('2x2');
    const [liveMonitor] = await server.database.db.select({ view: monitors.view }).from(monitors).where(eq(monitors.id, 'm-main'));
    expect(liveMonitor!.view.layout).toBe('2x2');
    expect(liveClient.events.filter((event) => event.type.startsWith('wall.'))).toEqual([]);
    const preset = await send(controllerClient, 'wall.savePreset', { commandId: commandId(), monitorId: 'm-main', name: 'drill' });
    expect(preset).toMatchObject({ ok: false, error: expect.stringContaining('presets are kept on live') });
  });

  it('resumes after a restart in the middle: the drill state is rebuilt and the next inject fires once, at its time', async () => {
    offset = 35_000;
    closeAll();
    await server.app.close();
    await server.database.close();
    server = await start();
    await connectAll();
    const liveSnapshot = () => {
      const sync = liveClient.syncs[0]!;
      if (sync.kind !== 'snapshot') throw new Error('no live snapshot');
      return sync.state;
    };
    const snapshot = drillClient.syncs[0]!;
    expect(snapshot.kind).toBe('snapshot');
    const state = snapshot.kind === 'snapshot' ? snapshot.state : null;
    expect(Object.values(state!.alarms).map((alarm) => [alarm.message.slice(0, 4), alarm.state]).sort()).toEqual([
      ['【演练】', 'acknowledged'],
      ['【演练】', 'new'],
    ]);
    // Every guard is available in the drill whatever live says; reference data is live's.
    expect(Object.keys(state!.sites)).toEqual([demoSite.id]);
    expect(state!.monitors['m-main']!.view.layout).toBe('1');
    expect(liveSnapshot().monitors['m-main']!.view.layout).toBe('2x2');
    expect(Object.values(state!.guards).every((guard) => guard.status === 'available')).toBe(true);
    expect(Object.values(liveSnapshot().alarms).map((alarm) => alarm.message)).toEqual(['real beam']);
    await tickAt(39);
    expect(await injected()).toEqual(['beam', 'fibre']);
    await tickAt(40);
    await tickAt(41);
    expect(await injected()).toEqual(['beam', 'fibre', 'stand-in']);
    const walk = ofType(await drillEvents(), 'drill.injected').at(-1)!;
    expect(walk.at).toBe(new Date(base + 40_000).toISOString());
    expect(walk.payload.inject).toMatchObject({ kind: 'guard_walk', guardId: 'demo-guard-b1' });
    await waitFor(() => drillClient.events.some((event) => event.type === 'drill.injected'), 'the walk on the drill socket');
  });

  it('keeps an incident, its plan and a dispatch in the drill; the guard is dispatched in the drill only', async () => {
    const beam = (await server.database.db.select().from(alarms).where(eq(alarms.stream, stream))).find((row) => row.deviceId === 'demo-beam-n1')!;
    offset = 60_000;
    const opened = await send(controllerClient, 'incident.open', { commandId: commandId(), alarmIds: [beam.id], type: 'intrusion', planId: 'intrusion' });
    expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
    const incidentId = opened.ok ? (opened.incidentId as string) : '';
    offset = 70_000;
    const answered = await send(controllerClient, 'plan.completeStep', { commandId: commandId(), incidentId, stepId: 'assess', answer: 'yes' });
    expect(answered, JSON.stringify(answered)).toMatchObject({ ok: true });
    await tickAt(120);
    expect(await injected()).toEqual(['beam', 'fibre', 'stand-in', 'suspect-seen']);
    offset = 150_000;
    const sent = await send(controllerClient, 'dispatch.send', { commandId: commandId(), incidentId, guardIds: ['demo-guard-b1'] });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    await waitFor(() => drillClient.events.some((event) => event.type === 'dispatch.sent'), 'the dispatch on the drill socket');
    const types = new Set((await drillEvents()).map((event) => event.type));
    for (const type of ['incident.opened', 'plan.started', 'plan.stepCompleted', 'dispatch.sent', 'guard.statusChanged'] as const) expect(types.has(type), type).toBe(true);
    const status = ofType(await drillEvents(), 'guard.statusChanged').at(-1)!;
    expect(status.payload).toEqual({ guardId: 'demo-guard-b1', status: 'dispatched', previous: 'available' });
    // Live: no incident, no dispatch, no guard status changed, on the socket or in the tables.
    expect(liveClient.events.filter((event) => event.stream !== 'live' || event.type.startsWith('incident.') || event.type.startsWith('dispatch.') || event.type.startsWith('guard.'))).toEqual([]);
    expect(await guardRows()).toEqual(liveGuards);
    const [run] = await server.database.db.select().from(drillRuns).where(eq(drillRuns.id, runId));
    expect(run!.guardStatuses).toEqual({ 'demo-guard-b1': 'dispatched' });
  });

  it('shows a device added and a guard renamed on live to the drill screens at once, the guard keeping its drill status', async () => {
    const admin = await seedUser(server, 'drill-admin-2', 'admin');
    const device = { name: '北门新摄像机', nameEn: 'North gate new camera', kind: 'camera', floor: 0, position: [120, 30], camera: { heading: 45, angle: 70, range: 35 } };
    const put = await api(server, 'PUT', `/api/v1/sites/${demoSite.id}/devices/demo-cam-drill-new`, { cookie: admin.cookie, body: device });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await waitFor(() => drillClient.events.some((event) => event.type === 'site.deviceSaved' && event.payload.device.id === 'demo-cam-drill-new'), 'the new device on the drill socket');
    const renamed = await api(server, 'PATCH', '/api/v1/guards/demo-guard-b1', { cookie: admin.cookie, body: { name: '改名的保安' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const savedOn = (client: TestClient) => ofType(client.events, 'guard.saved').find((event) => event.payload.guard.name === '改名的保安');
    await waitFor(() => savedOn(drillClient) !== undefined && savedOn(liveClient) !== undefined, 'the renamed guard on both sockets');
    // In the drill the guard is still on the drill's dispatch; live never sent them.
    expect(savedOn(drillClient)!.payload.guard.status).toBe('dispatched');
    expect(savedOn(liveClient)!.payload.guard.status).toBe(liveGuards.find((guard) => guard.id === 'demo-guard-b1')!.status);
  });

  it('ends the drill with the evaluation of the scripted run, stored and sent; the stream is closed to new sockets', async () => {
    offset = 200_000;
    const ended = await api(server, 'POST', `/api/v1/drills/${runId}/end`, { cookie: commander.cookie });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const evaluation = ended.body.evaluation;
    expect(evaluation.targets.map((target: { target: string; actualSec: number | null; verdict: string; points: number }) => [target.target, target.actualSec, target.verdict, target.points])).toEqual([
      ['acknowledge', 20, 'on_time', 10],
      ['planStart', 60, 'on_time', 10],
      ['dispatch', 150, 'late', 5],
      ['arrive', null, 'missed', 0],
      ['finish', null, 'missed', 0],
    ]);
    const assess = evaluation.steps.find((step: { stepId: string }) => step.stepId === 'assess');
    expect(assess).toMatchObject({ actualSec: 10, verdict: 'on_time', required: true });
    // By DRILL_SCORING_RULE: targets 10 + 10 + 5 of 50; steps: 1 of the 5 required steps on the branch taken
    // (assess, dispatch — one guard of the two it asks for —, outcome, call_110, report) of 50.
    expect(evaluation.steps.filter((step: { required: boolean }) => step.required).map((step: { stepId: string }) => step.stepId)).toEqual(['assess', 'dispatch', 'outcome', 'call_110', 'report']);
    expect(evaluation.steps.some((step: { stepId: string }) => step.stepId === 'false_alarm')).toBe(false);
    expect(evaluation).toMatchObject({ score: 35, grade: 'fail', late: [], skipped: [], missed: ['dispatch', 'outcome', 'call_110', 'report'] });
    const read = await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: participant.cookie });
    expect(read.body.run).toMatchObject({ state: 'ended', evaluation: { score: evaluation.score } });
    expect(read.body.run.injectsDone.map((done: { injectId: string }) => done.injectId)).toEqual(['beam', 'fibre', 'stand-in', 'suspect-seen']);
    await waitFor(() => drillClient.events.some((event) => event.type === 'drill.ended'), 'drill.ended on the drill socket');
    // Its sockets are closed once the end has gone out; the live one stays.
    await waitFor(() => !drillClient.socket.connected && !controllerClient.socket.connected, 'the drill sockets closed');
    expect(liveClient.socket.connected).toBe(true);
    expect(await connectError(server, { cookie: participant.cookie, auth: { protocol: PROTOCOL_VERSION, stream } })).toBe(`stream: the drill "${stream}" has ended`);
    // Its plan timers and unanswered dispatch stop with it: nothing more in its stream, however late.
    await tickAt(5_000);
    const afterEnd = (await drillEvents()).map((event) => event.type);
    expect(afterEnd.slice(afterEnd.indexOf('drill.ended'))).toEqual(['drill.ended']);
    // An ended drill takes no more commands.
    const again = await api(server, 'POST', `/api/v1/drills/${runId}/inject-next`, { cookie: commander.cookie });
    expect(again.status).toBe(409);
    const outsiderRead = await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: outsider.cookie });
    expect(outsiderRead.status).toBe(404);
    expect((await api(server, 'GET', '/api/v1/drills', { cookie: outsider.cookie })).body.runs).toEqual([]);
    const listed = (await api(server, 'GET', '/api/v1/drills', { cookie: participant.cookie })).body.runs;
    expect(listed.map((one: { id: string; state: string; score: number }) => [one.id, one.state, one.score])).toEqual([[runId, 'ended', 35]]);
    const shipped = (await api(server, 'GET', '/api/v1/drills/scenarios', { cookie: commander.cookie })).body.scenarios;
    expect(shipped.map((one: { id: string }) => one.id)).toContain('perimeter-north');
    expect(liveClient.events.filter((event) => event.stream !== 'live')).toEqual([]);
  });
});

/** The controller's commands: pause and resume move the injects still to come, early and ad hoc injects, a drill's device state. */
describe(`drill control (${testDbKind})`, () => {
  const base = Date.now();
  let offset = 0;
  const clock = () => new Date(base + offset);
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let commander: { id: string; cookie: string };
  let runId = '';
  const scenario = DEMO_DRILL_SCENARIOS.find((raw) => (raw as { id: string }).id === 'ev-fire-garage-night')!;
  const run = async () => (await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: commander.cookie })).body.run;
  const post = (path: string, body?: unknown) => api(server, 'POST', `/api/v1/drills/${runId}${path}`, { cookie: commander.cookie, body });
  const drillEvents = () => eventsAfter(server.database.db, `drill:${runId}`, 0, 10_000);

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock, site: demoSite, guards: demoGuards(demoSite.id) });
    commander = await seedUser(server, 'drill-ctl', 'commander');
    const started = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    runId = started.body.run.id;
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('pauses (nothing fires) and resumes with the injects still to come moved later by the pause', async () => {
    offset = 0;
    await server.app.scheduler.tick();
    expect((await run()).injectsDone.map((done: { injectId: string }) => done.injectId)).toEqual(['smoke']);
    offset = 10_000;
    expect((await post('/pause')).status).toBe(200);
    expect((await post('/pause')).status).toBe(409);
    offset = 50_000;
    await server.app.scheduler.tick();
    expect((await run()).injectsDone).toHaveLength(1);
    offset = 40_000 + 30_000;
    expect((await post('/resume')).status).toBe(200);
    // heat was due at 40 s; paused 60 s (10 → 70): now due at 100 s.
    expect(await run()).toMatchObject({ state: 'running', pausedSec: 60, nextInjectAt: new Date(base + 100_000).toISOString() });
    offset = 99_000;
    await server.app.scheduler.tick();
    expect((await run()).injectsDone).toHaveLength(1);
    offset = 100_000;
    await server.app.scheduler.tick();
    expect((await run()).injectsDone.map((done: { injectId: string }) => done.injectId)).toEqual(['smoke', 'heat']);
  });

  it('fires the next inject early and a device state in the drill only; the devices table keeps the live state', async () => {
    offset = 101_000;
    // Next in time order: first-guard (60 s), then camera-smoke (90 s).
    expect((await post('/inject-next')).body).toMatchObject({ injectId: 'first-guard' });
    expect((await post('/inject-next')).body).toMatchObject({ injectId: 'camera-smoke' });
    const status = (await drillEvents()).filter((event) => event.type === 'device.statusChanged');
    expect(status.map((event) => event.payload)).toEqual([{ deviceId: 'demo-cam-20', status: 'fault', previous: 'online' }]);
    const [device] = await server.database.db.select({ status: devices.status }).from(devices).where(eq(devices.id, 'demo-cam-20'));
    expect(device!.status).toBe('online');
    expect(server.app.broadcaster.snapshot(`drill:${runId}`).sites[demoSite.id]!.devices.find((one) => one.id === 'demo-cam-20')!.status).toBe('fault');
    expect(server.app.broadcaster.snapshot('live').sites[demoSite.id]!.devices.find((one) => one.id === 'demo-cam-20')!.status).toBe('online');
    expect((await run()).injectsDone.map((done: { injectId: string; early: boolean }) => [done.injectId, done.early])).toEqual([
      ['smoke', false],
      ['heat', false],
      ['first-guard', true],
      ['camera-smoke', true],
    ]);
  });

  it('adds an ad hoc inject, refusing a bad one naming the field', async () => {
    const bad = await post('/injects', { inject: { id: 'x', atSec: 0, kind: 'alarm', alarm: { zoneId: 'demo-z-garage', kind: 'lava', message: { zh: '岩浆', en: 'Lava' } } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('inject.alarm.kind');
    const unknownDevice = await post('/injects', { inject: { id: 'y', atSec: 0, kind: 'device_state', deviceId: 'demo-nothing', status: 'fault' } });
    expect(unknownDevice.status).toBe(400);
    expect(JSON.stringify(unknownDevice.body)).toContain('inject.deviceId');
    const good = await post('/injects', { inject: { id: 'crowd', atSec: 0, kind: 'alarm', alarm: { zoneId: 'demo-z-garage', kind: 'panic', priority: 1, message: { zh: '有人被困', en: 'Someone trapped' } } } });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    const raised = (await drillEvents()).filter((event) => event.type === 'alarm.raised').at(-1)!;
    expect(raised.type === 'alarm.raised' && raised.payload.alarm.message).toBe('【演练】有人被困 [DRILL] Someone trapped');
    expect((await run()).injectsDone.at(-1)).toMatchObject({ injectId: 'crowd', adHoc: true, inject: { kind: 'alarm' } });
    expect(await server.database.db.select().from(alarms).where(eq(alarms.stream, 'live'))).toEqual([]);
  });
});
