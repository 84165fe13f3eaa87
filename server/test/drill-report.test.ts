import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DRILL_SCORING_RULE, MAX_DRILL_COMMENTS, type DomainEvent, type Stream } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { commandId, seedUser, send } from './helpers/incidents.js';
import { TestClient, api, startServer, type TestServer } from './helpers/server.js';
import { alarms, dispatches, drillComments, planSteps } from '../src/db/schema/index.js';
import { eventsAfter } from '../src/repositories/events.repository.js';
import { DEMO_DRILL_SCENARIOS } from '../src/sim/demo-drills.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';

/**
 * The debrief side of drills on a fake clock: comments on a run, a pause that stops the drill's
 * plan timers, unanswered dispatches and injects (and moves them on resume), a tabletop walked
 * step by step and evaluated, the report, and a scenario's runs compared over time.
 */
describe(`drill debrief (${testDbKind})`, () => {
  const base = Date.now();
  let offset = 0;
  const clock = () => new Date(base + offset);
  const at = (sec: number) => new Date(base + sec * 1000).toISOString();
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let commander: { id: string; cookie: string };
  let participant: { id: string; cookie: string };
  let outsider: { id: string; cookie: string };
  const perimeter = DEMO_DRILL_SCENARIOS.find((raw) => (raw as { id: string }).id === 'perimeter-north') as Record<string, unknown>;
  /** The perimeter scenario as a tabletop: no guard walks (a tabletop has no guards), its notes and alarms kept. */
  const tabletop = {
    ...perimeter,
    id: 'perimeter-north-tabletop',
    mode: 'tabletop',
    name: { zh: '北侧周界入侵桌面推演', en: 'North perimeter intrusion tabletop' },
    targets: { planStart: 30, dispatch: 120, finish: 600 },
    injects: (perimeter.injects as { kind: string }[]).filter((inject) => inject.kind === 'note'),
  };

  const tickAt = async (seconds: number) => {
    offset = seconds * 1000;
    await server.app.scheduler.tick();
  };
  const startRun = async (scenario: unknown, participants: string[] = []) => {
    const started = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario, participants } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body as { run: { id: string }; incidentId?: string };
  };
  const post = (runId: string, path: string, cookie: string, body?: unknown) => api(server, 'POST', `/api/v1/drills/${runId}${path}`, { cookie, body });
  const streamEvents = (runId: string) => eventsAfter(server.database.db, `drill:${runId}` as Stream, 0, 10_000);
  const typesAfter = async (runId: string, type: DomainEvent['type']) => {
    const types = (await streamEvents(runId)).map((event) => event.type);
    return types.slice(types.lastIndexOf(type) + 1);
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock, site: demoSite, guards: demoGuards(demoSite.id) });
    commander = await seedUser(server, 'debrief-cmd', 'commander');
    participant = await seedUser(server, 'debrief-op', 'operator');
    outsider = await seedUser(server, 'debrief-other', 'operator');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('takes comments from the controller and participants on the drill stream, refusing bad ones naming the field', async () => {
    offset = 0;
    const { run } = await startRun(perimeter, [participant.id]);
    offset = 5_000;
    const cid = commandId('comment');
    const added = await post(run.id, '/comments', participant.cookie, { commandId: cid, text: '  报警确认太慢，第二步应由值班员先做  ' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    // The same command again (a retried post): the comment once.
    expect((await post(run.id, '/comments', participant.cookie, { commandId: cid, text: '报警确认太慢，第二步应由值班员先做' })).status).toBe(201);
    for (const [body, field] of [
      [{ commandId: commandId(), text: '   ' }, 'text: must not be empty'],
      [{ commandId: commandId(), text: 'a\u0000b' }, 'text: must not contain a NUL character'],
      [{ commandId: commandId(), text: 'x'.repeat(2_001) }, 'text: must be at most 2000 characters'],
      [{ commandId: commandId(), text: 'ok', by: 'me' }, 'by'],
      [{ text: 'ok' }, 'commandId'],
    ] as const) {
      const refused = await post(run.id, '/comments', commander.cookie, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    expect((await post(run.id, '/comments', outsider.cookie, { commandId: commandId(), text: '我也想说' })).status).toBe(404);
    offset = 8_000;
    expect((await post(run.id, '/end', commander.cookie)).status).toBe(200);
    // After the end too: the debrief is where most comments are written.
    offset = 600_000;
    expect((await post(run.id, '/comments', commander.cookie, { commandId: commandId(), text: 'Debrief: call 110 earlier next time.' })).status).toBe(201);

    const commented = (await streamEvents(run.id)).filter((event) => event.type === 'drill.commented');
    expect(commented.map((event) => (event.type === 'drill.commented' ? [event.at, event.payload.comment.by.name, event.payload.comment.text] : null))).toEqual([
      [at(5), 'debrief-op', '报警确认太慢，第二步应由值班员先做'],
      [at(600), 'debrief-cmd', 'Debrief: call 110 earlier next time.'],
    ]);
    expect((await eventsAfter(server.database.db, 'live', 0, 10_000)).filter((event) => event.type === 'drill.commented')).toEqual([]);
    const report = await api(server, 'GET', `/api/v1/drills/${run.id}/report`, { cookie: participant.cookie });
    expect(report.status).toBe(200);
    expect(report.body.report.comments.map((comment: { text: string; at: string }) => [comment.at, comment.text])).toEqual([
      [at(5), '报警确认太慢，第二步应由值班员先做'],
      [at(600), 'Debrief: call 110 earlier next time.'],
    ]);
    expect(report.body.report).toMatchObject({ provisional: false, rule: DRILL_SCORING_RULE, replay: { stream: `drill:${run.id}`, from: at(0), to: at(8) } });
    expect((await api(server, 'GET', `/api/v1/drills/${run.id}/report`, { cookie: outsider.cookie })).status).toBe(404);
    expect(await server.database.db.select().from(drillComments).where(eq(drillComments.runId, run.id))).toHaveLength(2);

    // A run keeps at most MAX_DRILL_COMMENTS: the rows filled up to it here, the next one refused naming the list.
    const filler = Array.from({ length: MAX_DRILL_COMMENTS - 2 }, (_, index) => ({
      id: randomUUID(),
      runId: run.id,
      stream: `drill:${run.id}` as Stream,
      at: new Date(base + 700_000 + index),
      byId: commander.id,
      byName: 'debrief-cmd',
      text: `filler ${index}`,
    }));
    await server.database.db.insert(drillComments).values(filler);
    const full = await post(run.id, '/comments', participant.cookie, { commandId: commandId(), text: 'one more' });
    expect(full.status).toBe(409);
    expect(full.body.message).toContain(`comments: this drill already has ${MAX_DRILL_COMMENTS} comments`);
    expect(await server.database.db.select().from(drillComments).where(eq(drillComments.runId, run.id))).toHaveLength(MAX_DRILL_COMMENTS);
  });

  it('pauses its plan timers, unanswered dispatches and injects, and moves them later by the pause on resume', async () => {
    offset = 1_000_000;
    const t0 = 1_000;
    const sec = (s: number) => t0 + s;
    const { run } = await startRun(perimeter);
    const stream = `drill:${run.id}` as Stream;
    const controller = new TestClient(server, commander.cookie, { stream });
    await controller.connected();
    try {
      await tickAt(sec(0));
      const injected = async () => (await streamEvents(run.id)).flatMap((event) => (event.type === 'drill.injected' ? [event.payload.inject.id] : []));
      expect(await injected()).toEqual(['beam']);
      const beam = (await server.database.db.select().from(alarms).where(eq(alarms.stream, stream)))[0]!;
      offset = sec(5) * 1000;
      const opened = await send(controller, 'incident.open', { commandId: commandId(), alarmIds: [beam.id], planId: 'intrusion' });
      expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
      const incidentId = opened.ok ? (opened.incidentId as string) : '';
      offset = sec(10) * 1000;
      expect(await send(controller, 'dispatch.send', { commandId: commandId(), incidentId, guardIds: ['demo-guard-b1'] })).toMatchObject({ ok: true });
      offset = sec(20) * 1000;
      expect((await post(run.id, '/pause', commander.cookie)).status).toBe(200);

      // Past the assess step's warning (50 s) and due time (65 s), the dispatch's answer time (70 s) and two injects (25 s, 40 s).
      await tickAt(sec(110));
      expect(await typesAfter(run.id, 'drill.paused')).toEqual([]);
      // Nobody acts in a paused drill: on the socket or over HTTP, refused with the rule, nothing appended.
      const whilePaused = await send(controller, 'plan.completeStep', { commandId: commandId(), incidentId, stepId: 'assess', answer: 'yes' });
      expect(whilePaused).toMatchObject({ ok: false, code: 'conflict', params: { rule: 'drillPaused' } });
      const overHttp = await post(run.id, '/plan/complete-step', commander.cookie, { commandId: commandId(), incidentId, stepId: 'assess', answer: 'yes' });
      expect([overHttp.status, overHttp.body.params?.rule]).toEqual([409, 'drillPaused']);
      expect(await typesAfter(run.id, 'drill.paused')).toEqual([]);

      offset = sec(120) * 1000;
      expect((await post(run.id, '/resume', commander.cookie)).status).toBe(200);
      const step = async (stepId: string) =>
        (await server.database.db.select().from(planSteps).where(and(eq(planSteps.incidentId, incidentId), eq(planSteps.stepId, stepId))))[0]!;
      // Paused 100 s: every timer still to come is 100 s later.
      expect([(await step('assess')).warnAt.toISOString(), (await step('assess')).dueAt.toISOString()]).toEqual([at(sec(150)), at(sec(165))]);
      expect([(await step('dispatch')).warnAt.toISOString(), (await step('dispatch')).dueAt.toISOString()]).toEqual([at(sec(225)), at(sec(255))]);
      const [dispatch] = await server.database.db.select().from(dispatches).where(eq(dispatches.incidentId, incidentId));
      expect(dispatch!.answerDueAt.toISOString()).toBe(at(sec(170)));

      // fibre was due at 25 s: now at 125 s.
      await tickAt(sec(124));
      expect(await injected()).toEqual(['beam']);
      await tickAt(sec(125));
      expect(await injected()).toEqual(['beam', 'fibre']);
      await tickAt(sec(149));
      expect((await typesAfter(run.id, 'drill.resumed')).filter((type) => type.startsWith('plan.'))).toEqual([]);
      await tickAt(sec(150));
      expect((await typesAfter(run.id, 'drill.resumed')).filter((type) => type.startsWith('plan.'))).toEqual(['plan.stepWarned']);
      offset = sec(155) * 1000;
      expect(await send(controller, 'plan.completeStep', { commandId: commandId(), incidentId, stepId: 'assess', answer: 'yes' })).toMatchObject({ ok: true });
      await tickAt(sec(169));
      expect(await typesAfter(run.id, 'drill.resumed')).not.toContain('dispatch.unanswered');
      await tickAt(sec(170));
      expect(await typesAfter(run.id, 'drill.resumed')).toContain('dispatch.unanswered');
      await tickAt(sec(224));
      expect((await typesAfter(run.id, 'plan.stepCompleted')).filter((type) => type === 'plan.stepWarned')).toEqual([]);
      await tickAt(sec(225));
      expect((await typesAfter(run.id, 'plan.stepCompleted')).filter((type) => type === 'plan.stepWarned')).toEqual(['plan.stepWarned']);

      offset = sec(230) * 1000;
      const ended = await post(run.id, '/end', commander.cookie);
      expect(ended.status).toBe(200);
      // Scored on the drill's clock: the plan started 5 s in, assess was answered 50 s after it (155 − 100 paused − 5; on the wall clock 150 s, late).
      expect(ended.body.evaluation.targets.find((target: { target: string }) => target.target === 'planStart')).toMatchObject({ actualSec: 5, verdict: 'on_time' });
      expect(ended.body.evaluation.steps.find((one: { stepId: string }) => one.stepId === 'assess')).toMatchObject({ actualSec: 50, verdict: 'on_time' });
    } finally {
      controller.close();
    }
  });

  it('runs a tabletop end to end: the plan started with it, walked by the facilitator, evaluated at the end', async () => {
    offset = 2_000_000;
    const t0 = 2_000;
    const started = await startRun(tabletop, [participant.id]);
    const runId = started.run.id;
    expect(started.incidentId).toEqual(expect.any(String));
    const report = async (cookie = commander.cookie) => (await api(server, 'GET', `/api/v1/drills/${runId}/report`, { cookie })).body.report;
    const first = await report();
    expect(first).toMatchObject({ provisional: true, run: { mode: 'tabletop', state: 'running' }, plan: { incidentId: started.incidentId, run: { planId: 'intrusion' } } });
    // No device or guard in a tabletop: its stream has no alarm, no guard status, no dispatch.
    const step = (action: 'complete' | 'skip', cookie: string, body: Record<string, unknown>) =>
      post(runId, `/plan/${action}-step`, cookie, { commandId: commandId(), incidentId: started.incidentId, ...body });

    offset = (t0 + 20) * 1000;
    expect((await step('complete', commander.cookie, { stepId: 'assess', answer: 'yes' })).status).toBe(200);
    offset = (t0 + 200) * 1000;
    expect((await step('complete', commander.cookie, { stepId: 'dispatch', answer: 'done' })).status).toBe(200);
    // A participant operator may not skip (the commander's), nor answer a step that is not open; bad input names the field.
    expect((await step('skip', participant.cookie, { stepId: 'call_110', reason: 'x' })).status).toBe(403);
    expect((await step('complete', commander.cookie, { stepId: 'call_110', answer: 'done' })).status).toBe(409);
    const bad = await step('complete', commander.cookie, { stepId: 'outcome', answer: 'escaped', note: 'a\u0000' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('note');
    offset = (t0 + 250) * 1000;
    expect((await step('complete', commander.cookie, { stepId: 'outcome', answer: 'escaped' })).status).toBe(200);
    offset = (t0 + 300) * 1000;
    expect((await step('skip', commander.cookie, { stepId: 'call_110', reason: '桌面推演不实际报警' })).status).toBe(200);
    expect((await step('skip', commander.cookie, { stepId: 'report' })).status).toBe(400);

    offset = (t0 + 400) * 1000;
    const ended = await post(runId, '/end', commander.cookie);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const evaluation = ended.body.evaluation;
    // By DRILL_SCORING_RULE: targets 50/3 each — planStart at 0 s on time, dispatch (its step done) at 200 s late (within 2 × 120 s),
    // finish never; steps 50/5 each for assess, dispatch, outcome, call_110, report — on time, late, on time, skipped, missed.
    expect(evaluation.targets.map((target: { target: string; actualSec: number | null; verdict: string }) => [target.target, target.actualSec, target.verdict])).toEqual([
      ['planStart', 0, 'on_time'],
      ['dispatch', 200, 'late'],
      ['finish', null, 'missed'],
    ]);
    expect(evaluation.steps.filter((one: { required: boolean }) => one.required).map((one: { stepId: string; verdict: string; points: number }) => [one.stepId, one.verdict, one.points])).toEqual([
      ['assess', 'on_time', 10],
      ['dispatch', 'late', 5],
      ['outcome', 'on_time', 10],
      ['call_110', 'skipped', 2.5],
      ['report', 'missed', 0],
    ]);
    expect(evaluation).toMatchObject({ score: 52.5, grade: 'fail', late: ['dispatch'], skipped: ['call_110'], missed: ['report'] });
    const skipped = evaluation.steps.find((one: { stepId: string }) => one.stepId === 'call_110');
    expect(skipped.reason).toBe('桌面推演不实际报警');
    const types = new Set((await streamEvents(runId)).map((event) => event.type));
    for (const type of ['alarm.raised', 'guard.statusChanged', 'dispatch.sent', 'device.statusChanged'] as const) expect(types.has(type), type).toBe(false);
    expect(await report(participant.cookie)).toMatchObject({ provisional: false, evaluation: { score: 52.5 }, run: { state: 'ended', endedAt: at(t0 + 400) } });
    // An ended drill's steps are not walked any more.
    expect((await step('complete', commander.cookie, { stepId: 'track', answer: 'done' })).status).toBe(409);
  });

  it('compares the ended runs of a scenario over time, with each target’s time', async () => {
    offset = 3_000_000;
    const second = await startRun(tabletop);
    offset = 3_010_000;
    const step = (body: Record<string, unknown>) => post(second.run.id, '/plan/complete-step', commander.cookie, { commandId: commandId(), incidentId: second.incidentId, ...body });
    expect((await step({ stepId: 'assess', answer: 'yes' })).status).toBe(200);
    offset = 3_090_000;
    expect((await step({ stepId: 'dispatch', answer: 'done' })).status).toBe(200);
    offset = 3_100_000;
    expect((await post(second.run.id, '/end', commander.cookie)).status).toBe(200);
    // A run still going is not compared.
    await startRun(tabletop);

    const compared = await api(server, 'GET', '/api/v1/drills/scenarios/perimeter-north-tabletop/runs', { cookie: commander.cookie });
    expect(compared.status).toBe(200);
    const { comparison } = compared.body;
    expect(comparison).toMatchObject({ scenarioId: 'perimeter-north-tabletop', name: tabletop.name, targets: tabletop.targets });
    expect(comparison.runs.map((one: { startedAt: string; score: number; targets: Record<string, number | null> }) => [one.startedAt, one.score, one.targets])).toEqual([
      [at(2_000), 52.5, { planStart: 0, dispatch: 200, finish: null }],
      [at(3_000), expect.any(Number), { planStart: 0, dispatch: 90, finish: null }],
    ]);
    expect(comparison.runs[1].score).toBeGreaterThan(52.5);
    // The participant of the first only sees that one; an outsider none; a bad id is named.
    const mine = await api(server, 'GET', '/api/v1/drills/scenarios/perimeter-north-tabletop/runs', { cookie: participant.cookie });
    expect(mine.body.comparison.runs.map((one: { startedAt: string }) => one.startedAt)).toEqual([at(2_000)]);
    expect((await api(server, 'GET', '/api/v1/drills/scenarios/perimeter-north-tabletop/runs', { cookie: outsider.cookie })).body.comparison.runs).toEqual([]);
    const bad = await api(server, 'GET', `/api/v1/drills/scenarios/${encodeURIComponent('no such!')}/runs`, { cookie: commander.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('scenarioId');
  });
});
