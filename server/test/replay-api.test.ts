import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStateFromJson, liveStateToJson, scopeState, siteToDocument, type DomainEvent, type LiveState, type ReplayMarker } from '@vigil/shared';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm, buildSite } from './helpers/factories.js';
import { commandId, seedUser, send, type AnyAck } from './helpers/incidents.js';
import { addGuard } from './helpers/positions.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import { project } from '../src/realtime/projection.js';
import { eventsAfter, lastSeq } from '../src/repositories/events.repository.js';
import { insertPositions, type PositionRow } from '../src/repositories/positions.repository.js';
import { onStream } from '../src/services/deps.js';
import { raiseAlarm } from '../src/services/alarms/raise-alarm.js';
import { drillRunInsert } from '../src/repositories/drills.repository.js';
import { randomUUID } from 'node:crypto';
import type { DrillScenario } from '@vigil/shared';

/** Checkpoints every 8 events or an hour of log time, so a short day has many of them. */
const POLICY = { everyEvents: 8, everyMs: 60 * 60_000 };
const DRILL = 'drill:replay-test';

/**
 * Replay over HTTP on a real server: a day of alarms, an incident with its plan and a dispatch,
 * another site's alarms and a drill's, written through the normal commands under a clock that
 * moves minutes at a time. The picture at any moment must be what the live projection was then:
 * the state at server start folded event by event, as the broadcaster folds.
 */
describe(`replay API (${testDbKind})`, () => {
  let now = Date.now() - 12 * 3_600_000;
  const tick = (minutes: number) => {
    now += Math.round(minutes * 60_000);
  };
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let startState: LiveState;
  const clients: Record<string, TestClient> = {};
  const users: Record<string, { id: string; cookie: string }> = {};
  const liveAlarmIds: string[] = [];
  const drillAlarmIds: string[] = [];
  let incidentId = '';
  let drillRun = '';
  let dispatchId = '';
  let guardId = '';
  let otherGuardId = '';
  let dayStart = 0;
  let dayEnd = 0;
  let liveEvents: DomainEvent[] = [];

  const ok = (ack: AnyAck) => {
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    return ack as Extract<AnyAck, { ok: true }>;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const get = (path: string, cookie = admin) => api(server, 'GET', path, { cookie });
  /** The projection at `moment`: the start state and every live event up to it, folded one by one. */
  const foldedAt = (moment: number): LiveState => {
    let state = startState;
    for (const event of liveEvents) {
      if (Date.parse(event.at) > moment) break;
      state = project(state, event);
    }
    return state;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    // No silence round on the wall clock while the fake one jumps hours: it would raise alarms the fold here never read.
    server = await startServer(handle, { clock: () => new Date(now), checkpointPolicy: POLICY, silenceCheckMs: 3_600_000 });
    startState = server.app.broadcaster.snapshot('live');
    dayStart = now;
    admin = await login(server);
    const other = await api(server, 'POST', '/api/v1/sites/import', { cookie: admin, body: siteToDocument(buildSite({ id: 'other', name: '别的小区' })) });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    guardId = (await addGuard(server, admin, { onShift: true })).id;
    otherGuardId = (await addGuard(server, admin, { siteId: 'other' })).id;
    for (const [name, role, sites] of [
      ['cmd', 'commander', null],
      ['op', 'operator', ['test']],
      ['wall', 'wall', null],
      ['phone', 'guard', null],
    ] as const) {
      users[name] = await seedUser(server, name, role, sites ? [...sites] : null);
    }
    clients.cmd = new TestClient(server, users.cmd!.cookie);
    clients.op = new TestClient(server, users.op!.cookie);
    await Promise.all([clients.cmd.connected(), clients.op.connected()]);

    // The drill's run, ended (as at its debrief), run by the commander; nobody else took part yet.
    const drillRunId = randomUUID();
    await drillRunInsert(server.database.db, {
      id: drillRunId, stream: DRILL, siteId: 'test', scenario: { id: 'replay-test' } as unknown as DrillScenario, mode: 'live', state: 'ended',
      controllerId: users.cmd!.id, controllerName: 'cmd', participants: [], startedAt: new Date(now), endedAt: new Date(now + 24 * 3_600_000),
    });
    drillRun = drillRunId;
    const drillDeps = onStream(server.app.deps, DRILL);
    for (let step = 0; step < 60; step += 1) {
      tick(2 + ((step * 7) % 5));
      if (step === 25) tick(95); // a quiet spell: a checkpoint falls due by time, not count
      const siteId = step % 5 === 2 ? 'other' : 'test';
      const posted = await postAlarm(server, buildAlarm({ siteId, kind: step === 9 ? 'fire' : 'intrusion', priority: 1 + (step % 5), message: `Beam ${step}`, occurredAt: iso(now) }));
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      liveAlarmIds.push(posted.body.alarm.id);
      const alarmId = posted.body.alarm.id as string;
      if (step % 3 === 0) ok(await send(clients.cmd, 'alarm.acknowledge', { commandId: commandId('ack'), alarmId }));
      if (step % 3 === 1 && step !== 10) ok(await send(clients.cmd, 'alarm.resolve', { commandId: commandId('res'), alarmId: liveAlarmIds[step - 1]!, disposition: 'false' }));
      if (step % 10 === 5) {
        const drill = await raiseAlarm(drillDeps, buildAlarm({ message: '【演练】北围墙入侵', occurredAt: iso(now) }), { actor: { kind: 'simulator', id: 'drill', name: 'Drill' } });
        drillAlarmIds.push((drill.body as { alarm: { id: string } }).alarm.id);
      }
      if (step === 10) incidentId = ok(await send(clients.cmd, 'incident.open', { commandId: commandId('open'), alarmIds: [liveAlarmIds[9]!], planId: 'fire' })).incidentId;
      if (step === 12) ok(await send(clients.op, 'plan.completeStep', { commandId: commandId('assess'), incidentId, stepId: 'assess', answer: 'yes' }));
      if (step === 14) dispatchId = ok(await send(clients.cmd, 'dispatch.send', { commandId: commandId('send'), incidentId, guardIds: [guardId] })).dispatchIds[0];
      if (step === 16) ok(await send(clients.cmd, 'dispatch.answer', { commandId: commandId('accept'), dispatchId, action: 'accept' }));
      if (step === 18) ok(await send(clients.cmd, 'dispatch.answer', { commandId: commandId('arrive'), dispatchId, action: 'arrive' }));
    }
    dayEnd = now;
    const db = server.database.db;
    // A scheduler round still in flight (an escalation falling due) commits before the day is read.
    await server.app.scheduler.tick();
    const last = await lastSeq(db);
    await waitFor(() => server.app.broadcaster.broadcastSeq >= last, 'the broadcaster to fold the day');
    await server.app.checkpoints.idle();
    liveEvents = (await eventsAfter(db, 'live', startState.seq, 100_000)).filter((event) => event.seq > startState.seq);

    // The positions lane: guard fixes every 30 s for 20 minutes from step 30's time, and one on the other site.
    const fixesFrom = Date.parse(liveEvents[Math.floor(liveEvents.length / 2)]!.at);
    const fix = (guard: string, siteId: string, at: number, x: number): PositionRow => ({
      guardId: guard, siteId, at: new Date(at), receivedAt: new Date(at), x, y: 50, floor: 0, lat: null, lon: null, accuracy: 5, heading: null, speed: null, battery: 80, source: 'phone',
    });
    await insertPositions(db, [
      ...Array.from({ length: 41 }, (_, index) => fix(guardId, 'test', fixesFrom + index * 30_000, 10 + index)),
      fix(otherGuardId, 'other', fixesFrom + 60_000, 5),
      // Not on the roster (a guard taken off it keeps its history): placed on no replayed map.
      fix('gone-guard', 'test', fixesFrom + 60_000, 7),
    ]);
  }, 240_000);

  afterAll(async () => {
    Object.values(clients).forEach((client) => client.close());
    await server?.close();
    await handle?.destroy();
  });

  it('takes checkpoints of the live stream as it goes, none of the drill (not projected here)', async () => {
    const result = await server.database.db.execute(sql`select stream, seq from checkpoints order by seq`);
    const rows = (result as unknown as { rows: { stream: string; seq: string | number }[] }).rows;
    expect(rows.every((row) => row.stream === 'live')).toBe(true);
    expect(liveEvents.length).toBeGreaterThan(100);
    expect(rows.length).toBeGreaterThanOrEqual(Math.floor(liveEvents.length / POLICY.everyEvents));
    expect(Number(rows[0]!.seq)).toBe(startState.seq);
  });

  it('shows at every moment of the day the state a full fold gives, folding at most one checkpoint interval', async () => {
    const moments = [dayStart, ...liveEvents.flatMap((event, index) => {
      const at = Date.parse(event.at);
      const next = liveEvents[index + 1];
      return next ? [at, Math.floor((at + Date.parse(next.at)) / 2)] : [at, at + 3_600_000];
    })];
    let most = 0;
    let checked = 0;
    for (const moment of moments.filter((_, index) => index % 2 === 0 || index % 7 === 0)) {
      const response = await get(`/api/v1/replay/state?stream=live&at=${iso(moment)}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const expected = foldedAt(moment);
      expect(response.body.seq, iso(moment)).toBe(expected.seq);
      expect(response.body.state, iso(moment)).toEqual(liveStateToJson(expected));
      expect(response.body.folded).toBeLessThanOrEqual(POLICY.everyEvents);
      most = Math.max(most, response.body.folded);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
    expect(most).toBeGreaterThan(0);
    // The picture mid-day holds the incident with its plan and the dispatch, as they stood.
    const arrived = liveEvents.find((event) => event.type === 'dispatch.arrived')!;
    const before = (await get(`/api/v1/replay/state?at=${iso(Date.parse(arrived.at) - 1)}`)).body;
    const after = (await get(`/api/v1/replay/state?at=${arrived.at}`)).body;
    expect(before.state.dispatches[dispatchId].state).toBe('accepted');
    expect(after.state.dispatches[dispatchId].state).toBe('on_scene');
    expect(after.state.incidents[incidentId].plan.states.assess.status).toBe('done');
  });

  it('before the server started there is nothing to show', async () => {
    const response = await get(`/api/v1/replay/state?at=${iso(dayStart - 60_000)}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ seq: 0, at: null, positions: [], checkpointSeq: 0, folded: 0 });
    expect(response.body.state.alarms).toEqual({});
  });

  it('cuts the picture to the viewer like the socket snapshot: an operator of one site sees only it', async () => {
    const moment = dayEnd;
    const response = await get(`/api/v1/replay/state?at=${iso(moment)}`, users.op!.cookie);
    expect(response.status).toBe(200);
    const viewer = { userId: users.op!.id, role: 'operator' as const, siteIds: ['test'] };
    expect(response.body.state).toEqual(liveStateToJson(scopeState(viewer, foldedAt(moment))));
    expect(Object.values(response.body.state.alarms as Record<string, { siteId: string }>).every((alarm) => alarm.siteId === 'test')).toBe(true);
    expect(Object.keys(response.body.state.sites)).toEqual(['test']);
  });

  it('plays on from a seek with the events up to a moment, a page at a time, scoped to the viewer', async () => {
    const from = Date.parse(liveEvents[20]!.at);
    const until = Date.parse(liveEvents[70]!.at);
    const seek = (await get(`/api/v1/replay/state?at=${iso(from)}`)).body;
    // The picture at a moment holds every event of that moment (one command may append several).
    expect(seek.seq).toBe(liveEvents.filter((event) => Date.parse(event.at) <= from).at(-1)!.seq);
    const expected = liveEvents.filter((event) => event.seq > seek.seq && Date.parse(event.at) <= until);
    const pages: DomainEvent[] = [];
    let afterSeq = seek.seq as number;
    for (let round = 0; round < 20; round += 1) {
      const response = await get(`/api/v1/replay/events?stream=live&afterSeq=${afterSeq}&untilAt=${iso(until)}&limit=7`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.events.length).toBeLessThanOrEqual(7);
      pages.push(...response.body.events);
      afterSeq = response.body.lastSeq;
      if (!response.body.more) break;
    }
    expect(pages.map((event) => event.seq)).toEqual(expected.map((event) => event.seq));
    // Played onto the seek, they give the picture at the later moment: what a replay screen shows.
    const played = pages.reduce(project, liveStateFromJson(seek.state));
    expect(liveStateToJson(played)).toEqual((await get(`/api/v1/replay/state?at=${iso(until)}`)).body.state);

    const scoped = await get(`/api/v1/replay/events?afterSeq=${seek.seq}&untilAt=${iso(until)}`, users.op!.cookie);
    expect(scoped.body.events.map((event: DomainEvent) => event.seq)).toEqual(expected.filter((event) => event.siteId === 'test').map((event) => event.seq));
    expect(scoped.body.more).toBe(false);
  });

  it("never shows a drill's events in live replay, nor live's in the drill's", async () => {
    const end = iso(dayEnd);
    const live = (await get(`/api/v1/replay/state?stream=live&at=${end}`)).body;
    const drill = (await get(`/api/v1/replay/state?stream=${DRILL}&at=${end}`)).body;
    expect(drillAlarmIds.length).toBe(6);
    for (const id of drillAlarmIds) expect(live.state.alarms[id]).toBeUndefined();
    expect(Object.keys(drill.state.alarms).sort()).toEqual([...drillAlarmIds].sort());
    const drillEvents = (await get(`/api/v1/replay/events?stream=${DRILL}&afterSeq=0&untilAt=${end}`)).body.events as DomainEvent[];
    expect(drillEvents.length).toBe(6);
    expect(drillEvents.every((event) => event.stream === DRILL)).toBe(true);
    const liveAll = (await get(`/api/v1/replay/events?afterSeq=0&untilAt=${end}&limit=500`)).body.events as DomainEvent[];
    expect(liveAll.some((event) => event.stream !== 'live')).toBe(false);
    const range = (await get(`/api/v1/replay/range?stream=${DRILL}&from=${iso(dayStart)}&to=${end}`)).body;
    expect(range.markers.map((marker: ReplayMarker) => marker.id).sort()).toEqual([...drillAlarmIds].sort());
    const liveRange = (await get(`/api/v1/replay/range?from=${iso(dayStart)}&to=${end}`)).body;
    expect(liveRange.markers.some((marker: ReplayMarker) => drillAlarmIds.includes(marker.id))).toBe(false);
  });

  it("replays a drill only for those who run drills and for its controller and participants", async () => {
    const at = `/api/v1/replay/state?stream=${DRILL}&at=${iso(dayEnd)}`;
    expect((await get(at)).status).toBe(200);
    expect((await get(at, users.cmd!.cookie)).status).toBe(200);
    for (const path of [at, `/api/v1/replay/events?stream=${DRILL}&afterSeq=0&untilAt=${iso(dayEnd)}`, `/api/v1/replay/range?stream=${DRILL}&from=${iso(dayStart)}&to=${iso(dayEnd)}`]) {
      const refused = await get(path, users.op!.cookie);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/^stream: you did not take part in the drill/);
      expect((await get(path, users.wall!.cookie)).status).toBe(403);
    }
    await server.database.db.execute(sql`update drill_runs set participants = array[${users.op!.id}]::uuid[] where id = ${drillRun}`);
    const taken = await get(at, users.op!.cookie);
    expect(taken.status).toBe(200);
    expect(Object.keys(taken.body.state.alarms).length).toBeGreaterThan(0);
    const unknown = await get(`/api/v1/replay/state?stream=drill:${randomUUID()}&at=${iso(dayEnd)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/^stream: no drill/);
  });

  it('marks the timeline with the alarms, the incident, its steps and the dispatch', async () => {
    const response = await get(`/api/v1/replay/range?stream=live&from=${iso(dayStart)}&to=${iso(dayEnd)}`);
    expect(response.status).toBe(200);
    const { firstAt, lastAt, markers, truncated } = response.body as { firstAt: string; lastAt: string; markers: ReplayMarker[]; truncated: boolean };
    expect(firstAt).toBe(liveEvents[0]!.at);
    expect(lastAt).toBe(liveEvents.at(-1)!.at);
    expect(truncated).toBe(false);
    const of = (kind: ReplayMarker['kind']) => markers.filter((marker) => marker.kind === kind);
    expect(of('alarm').map((marker) => marker.id)).toEqual(liveAlarmIds);
    expect(of('alarm')[3]).toMatchObject({ type: 'alarm.raised', label: 'Beam 3' });
    expect(of('incident')[0]).toMatchObject({ id: incidentId, type: 'incident.opened', label: 'Beam 9' });
    expect(of('dispatch').map((marker) => [marker.type, marker.id])).toEqual([
      ['dispatch.sent', dispatchId],
      ['dispatch.arrived', dispatchId],
    ]);
    expect(of('step').map((marker) => marker.id)).toEqual(expect.arrayContaining(['cameras', 'assess']));
    expect(of('step').every((marker) => marker.incidentId === incidentId)).toBe(true);
    // In seq order, each at its event's time.
    const bySeq = new Map(liveEvents.map((event) => [event.seq, event]));
    for (const marker of markers) expect(marker.at).toBe(bySeq.get(marker.seq)!.at);
    // A window holds only its own markers.
    const middle = Date.parse(liveEvents[60]!.at);
    const window = (await get(`/api/v1/replay/range?from=${iso(middle)}&to=${iso(dayEnd)}`)).body.markers as ReplayMarker[];
    expect(window.every((marker) => Date.parse(marker.at) >= middle)).toBe(true);
    expect(window.length).toBeLessThan(markers.length);
  });

  it("places each guard at its last fix at or before the moment, and plays the lane's fixes in order", async () => {
    const fixesFrom = Date.parse(liveEvents[Math.floor(liveEvents.length / 2)]!.at);
    const at = fixesFrom + 95_000;
    const state = (await get(`/api/v1/replay/state?at=${iso(at)}`)).body;
    const own = state.positions.find((fix: { guardId: string }) => fix.guardId === guardId);
    expect(own).toMatchObject({ at: iso(fixesFrom + 90_000), position: [13, 50], siteId: 'test' });
    expect(state.positions.map((fix: { guardId: string }) => fix.guardId).sort()).toEqual([guardId, otherGuardId].sort());
    // The operator of one site does not get the other site's guard.
    const scoped = (await get(`/api/v1/replay/state?at=${iso(at)}`, users.op!.cookie)).body;
    expect(scoped.positions.map((fix: { guardId: string }) => fix.guardId)).toEqual([guardId]);
    // A fix older than ten minutes places nobody.
    const later = (await get(`/api/v1/replay/state?at=${iso(fixesFrom + 20 * 60_000 + 11 * 60_000)}`)).body;
    expect(later.positions).toEqual([]);

    const lane = await get(`/api/v1/replay/positions?siteId=test&from=${iso(fixesFrom)}&to=${iso(fixesFrom + 10 * 60_000)}`);
    expect(lane.status, JSON.stringify(lane.body)).toBe(200);
    const fixes = lane.body.fixes as { guardId: string; at: string }[];
    expect(fixes.filter((fix) => fix.guardId === guardId).map((fix) => fix.at)).toEqual(Array.from({ length: 21 }, (_, index) => iso(fixesFrom + index * 30_000)));
    // The lane is history: a guard since taken off the roster is in it (the screen draws the guards of the replayed state).
    expect(fixes.filter((fix) => fix.guardId !== guardId)).toEqual([expect.objectContaining({ guardId: 'gone-guard', at: iso(fixesFrom + 60_000) })]);
    expect(fixes.map((fix) => fix.at)).toEqual([...fixes.map((fix) => fix.at)].sort());
    expect(lane.body.next).toBeNull();
    expect((await get(`/api/v1/replay/positions?siteId=other&from=${iso(fixesFrom)}&to=${iso(fixesFrom + 60_000)}`, users.op!.cookie)).status).toBe(404);
  });

  it('refuses bad parameters with a 400 naming the field, and changes nothing', async () => {
    const seqBefore = await lastSeq(server.database.db);
    const cases: [string, RegExp][] = [
      ['/api/v1/replay/state', /^at: /],
      ['/api/v1/replay/state?at=yesterday', /^at: must be an ISO-8601 date-time/],
      ['/api/v1/replay/state?at=2026-12-01T00:00:00Z&stream=replay', /^stream: must be one of live, drill:<run id>/],
      ['/api/v1/replay/state?at=2026-12-01T00:00:00Z&seq=4', /^seq: unknown field/],
      ['/api/v1/replay/range?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', /^to: must not be before from/],
      ['/api/v1/replay/range?from=2026-12-01T00:00:00Z&to=2026-12-09T00:00:00Z', /^to: must be at most 7 days after from/],
      ['/api/v1/replay/range?to=2026-12-01T00:00:00Z', /^from: /],
      ['/api/v1/replay/events?afterSeq=-1&untilAt=2026-12-01T00:00:00Z', /^afterSeq: must be an integer from 0 to/],
      ['/api/v1/replay/events?afterSeq=0&untilAt=2026-12-01T00:00:00Z&limit=501', /^limit: must be an integer from 1 to 500/],
      ['/api/v1/replay/events?afterSeq=abc&untilAt=2026-12-01T00:00:00Z', /^afterSeq: must be an integer/],
      ['/api/v1/replay/positions?siteId=test&from=2026-12-01T00:00:00Z&to=2026-12-01T00:11:00Z', /^to: must be at most 10 minutes after from/],
      ['/api/v1/replay/positions?siteId=&from=2026-12-01T00:00:00Z&to=2026-12-01T00:01:00Z', /^siteId: must not be empty/],
    ];
    for (const [path, message] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.message, path).toMatch(message);
    }
    expect(await lastSeq(server.database.db)).toBe(seqBefore);
  });

  it("refuses a guard's phone and anyone without a session; the wall may replay", async () => {
    const paths = [
      `/api/v1/replay/range?from=${iso(dayStart)}&to=${iso(dayEnd)}`,
      `/api/v1/replay/state?at=${iso(dayEnd)}`,
      `/api/v1/replay/events?afterSeq=0&untilAt=${iso(dayEnd)}`,
      `/api/v1/replay/positions?siteId=test&from=${iso(dayEnd - 60_000)}&to=${iso(dayEnd)}`,
    ];
    for (const path of paths) {
      expect((await get(path, users.phone!.cookie)).status, path).toBe(403);
      expect((await api(server, 'GET', path)).status, path).toBe(401);
      expect((await get(path, users.wall!.cookie)).status, path).toBe(200);
    }
  });

  it('keeps checkpoints idempotent: a restart carries on and writes no second copy', async () => {
    const count = async () => {
      const result = await server.database.db.execute(sql`select count(*)::int as n from checkpoints`);
      return Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
    };
    const before = await count();
    const writer = server.app.checkpoints;
    // The state at the last checkpoint, offered again (as a second node would): nothing new.
    await writer.start([{ stream: 'live', state: server.app.broadcaster.snapshot('live') }], new Date(now));
    await writer.idle();
    expect(await count()).toBeLessThanOrEqual(before + 1);
    const again = await count();
    await writer.start([{ stream: 'live', state: server.app.broadcaster.snapshot('live') }], new Date(now));
    expect(await count()).toBe(again);
  });
});
