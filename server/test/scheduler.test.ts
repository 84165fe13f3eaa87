import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '@vigil/shared/testing';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { asInput, commandId, logEvents, seedUser, send } from './helpers/incidents.js';
import { TestClient, api, postAlarm, startServer, type TestServer } from './helpers/server.js';
import { dispatches } from '../src/db/schema/index.js';

/**
 * The one scheduler, on a fake clock: plan step warnings and overdues, unanswered dispatches
 * and escalations fire once each at their moment, from the due times in the database, also
 * across a restart.
 */
describe(`the scheduler (${testDbKind})`, () => {
  const base = Date.now();
  let offset = 0;
  const clock = () => new Date(base + offset);
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let commander: { id: string; cookie: string };
  let client: TestClient;
  let incidentId = '';

  const typed = async (type: 'plan.stepWarned' | 'plan.stepOverdue' | 'alarm.escalated' | 'dispatch.unanswered') => logEvents(server, type);
  const tickAt = async (seconds: number) => {
    offset = seconds * 1000;
    await server.app.scheduler.tick();
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock });
    const admin = await seedUser(server, 'planner', 'admin');
    commander = await seedUser(server, 'cmd', 'commander');
    const published = await api(server, 'POST', '/api/v1/plans', { cookie: admin.cookie, body: asInput(buildPlan({ id: 'timers' })) });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    client = new TestClient(server, commander.cookie);
    await client.connected();
    const opened = await send(client, 'incident.open', { commandId: commandId(), siteId: 'test', type: 'fire', location: { position: [50, 50] }, planId: 'timers' });
    expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
    incidentId = opened.ok ? (opened.incidentId as string) : '';
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('warns a step once at its warning time', async () => {
    await tickAt(44);
    expect(await typed('plan.stepWarned')).toEqual([]);
    await tickAt(45);
    await tickAt(50);
    const warned = await typed('plan.stepWarned');
    expect(warned.map((event) => [event.type === 'plan.stepWarned' && event.payload.stepId, event.at, event.actor.kind])).toEqual([['assess', at(45), 'system']]);
    const incident = (await api(server, 'GET', `/api/v1/incidents/${incidentId}`, { cookie: commander.cookie })).body.incident;
    expect(incident.plan.states.assess).toMatchObject({ status: 'pending', warnedAt: at(45), overdueAt: null });
    expect(incident.timeline.at(-1)).toMatchObject({ code: 'stepWarned', params: { stepId: 'assess' } });
  });

  it('after a restart in the middle, fires the overdue at its moment from its own timer, once', async () => {
    offset = 59_000;
    client.close();
    await server.app.close();
    await server.database.close();
    server = await startServer(handle, { clock });
    await server.app.scheduler.tick();
    expect(await typed('plan.stepOverdue')).toEqual([]);
    // No tick from the test: the timer armed from the due times read at start fires it.
    offset = 60_000;
    await expect.poll(async () => (await typed('plan.stepOverdue')).length, { timeout: 10_000, interval: 200 }).toBe(1);
    await tickAt(61);
    const overdue = await typed('plan.stepOverdue');
    expect(overdue.map((event) => [event.type === 'plan.stepOverdue' && event.payload.stepId, event.at])).toEqual([['assess', at(60)]]);
    expect(await typed('plan.stepWarned')).toHaveLength(1);
  });

  it('leaves steps alone once answered, and the branch not taken never fires', async () => {
    client = new TestClient(server, commander.cookie);
    await client.connected();
    expect(await send(client, 'plan.completeStep', { commandId: commandId(), incidentId, stepId: 'assess', answer: 'yes' })).toMatchObject({ ok: true });
    await tickAt(400);
    const fired = (await logEvents(server)).flatMap((event) => (event.type === 'plan.stepWarned' || event.type === 'plan.stepOverdue' ? [`${event.type}:${event.payload.stepId}`] : []));
    expect(fired.sort()).toEqual(
      ['plan.stepOverdue:assess', 'plan.stepOverdue:call_119', 'plan.stepOverdue:evacuate', 'plan.stepWarned:assess', 'plan.stepWarned:call_119', 'plan.stepWarned:evacuate'].sort(),
    );
  });

  it('escalates an unacknowledged priority-1 alarm after 60 s, once; an acknowledged one, or one an incident was opened from, never', async () => {
    await tickAt(1000);
    const loud = (await postAlarm(server, buildAlarm({ priority: 1, message: '周界入侵' }))).body.alarm.id as string;
    const handled = (await postAlarm(server, buildAlarm({ priority: 1, message: '已处理' }))).body.alarm.id as string;
    const taken = (await postAlarm(server, buildAlarm({ priority: 1, kind: 'smoke', message: '已立案' }))).body.alarm.id as string;
    expect(await send(client, 'alarm.acknowledge', { commandId: commandId(), alarmId: handled })).toMatchObject({ ok: true });
    // The commander opened an incident from it: it is being handled, though nobody pressed acknowledge.
    expect(await send(client, 'incident.open', { commandId: commandId(), alarmIds: [taken] })).toMatchObject({ ok: true });
    await tickAt(1059);
    expect(await typed('alarm.escalated')).toEqual([]);
    await tickAt(1060);
    await tickAt(1200);
    const escalated = await typed('alarm.escalated');
    expect(escalated.map((event) => [event.type === 'alarm.escalated' && event.payload, event.at])).toEqual([[{ alarmId: loud, afterSec: 60 }, at(1060)]]);
    const open = await api(server, 'GET', '/api/v1/alarms?state=open', { cookie: commander.cookie });
    expect(open.body.alarms.find((alarm: { id: string }) => alarm.id === loud).escalatedAt).toBe(at(1060));
  });

  it('flags a dispatch the guard did not answer in time, once', async () => {
    const dispatchId = randomUUID();
    await server.database.db.insert(dispatches).values({
      id: dispatchId,
      stream: 'live',
      incidentId,
      siteId: 'test',
      guardId: 'g-test',
      state: 'sent',
      sentAt: new Date(at(2000)),
      sentById: commander.id,
      sentByName: 'cmd',
      answerDueAt: new Date(at(2060)),
    });
    await tickAt(2059);
    expect(await typed('dispatch.unanswered')).toEqual([]);
    await tickAt(2060);
    await tickAt(2100);
    const flagged = await typed('dispatch.unanswered');
    expect(flagged.map((event) => [event.payload, event.at])).toEqual([[{ dispatchId, incidentId, guardId: 'g-test' }, at(2060)]]);
  });
});
