import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { seedUser } from './helpers/incidents.js';
import { TestClient, api, login, startServer, waitFor, type TestServer } from './helpers/server.js';
import { command, guardWithLogin, phoneOf } from './helpers/dispatch.js';
import { gpsAt, recordFrames } from './helpers/positions.js';
import { DEMO_DRILL_SCENARIOS } from '../src/sim/demo-drills.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';

/**
 * What the drill screens read besides the run's commands: whom the controller may take in, and
 * a participant's copy of a run without the facilitator's notes while it runs (the controller's
 * has them; the debrief after the end has them for everyone).
 */
describe(`drill screens' reads (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let commander: { id: string; cookie: string };
  let participant: { id: string; cookie: string };
  let runId = '';
  const scenario = DEMO_DRILL_SCENARIOS.find((raw) => (raw as { id: string }).id === 'perimeter-north')!;
  const kinds = (injects: { kind: string }[]) => injects.map((inject) => inject.kind);

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: demoSite, guards: demoGuards(demoSite.id) });
    commander = await seedUser(server, 'screens-cmd', 'commander');
    participant = await seedUser(server, 'screens-op', 'operator');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('lists the users a commander may take into a drill, by name and role only; an operator may not', async () => {
    const people = await api(server, 'GET', '/api/v1/drills/people', { cookie: commander.cookie });
    expect(people.status).toBe(200);
    const op = people.body.people.find((person: { id: string }) => person.id === participant.id);
    expect(op).toEqual({ id: participant.id, displayName: expect.any(String), role: 'operator' });
    for (const person of people.body.people) expect(Object.keys(person).sort()).toEqual(['displayName', 'id', 'role']);
    const refused = await api(server, 'GET', '/api/v1/drills/people', { cookie: participant.cookie });
    expect(refused.status).toBe(403);
  });

  it("keeps the facilitator's notes, scripted and ad hoc, out of a participant's copy of the run while it runs", async () => {
    const started = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario, participants: [participant.id] } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    runId = started.body.run.id;
    const stream = `drill:${runId}` as const;
    const controllerScreen = new TestClient(server, commander.cookie, { stream });
    const participantScreen = new TestClient(server, participant.cookie, { stream });
    await Promise.all([controllerScreen.connected(), participantScreen.connected()]);
    const note = { id: 'tell-team', atSec: 0, kind: 'note', text: { zh: '提示：嫌疑人穿黑衣', en: 'Hint: the suspect wears black' } };
    const added = await api(server, 'POST', `/api/v1/drills/${runId}/injects`, { cookie: commander.cookie, body: { inject: note } });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    // The note reaches the controller's screen live, and neither the participant's live nor a catch-up on reconnect.
    const injected = (client: TestClient) => client.events.filter((e) => e.type === 'drill.injected' && e.payload.inject.id === 'tell-team');
    await waitFor(() => injected(controllerScreen).length === 1, "the note on the controller's screen");
    const marker = { id: 'marker', atSec: 0, kind: 'device_state', deviceId: 'demo-cam-01', status: 'fault' };
    expect((await api(server, 'POST', `/api/v1/drills/${runId}/injects`, { cookie: commander.cookie, body: { inject: marker } })).status).toBe(200);
    await waitFor(() => participantScreen.events.some((e) => e.type === 'drill.injected' && e.payload.inject.id === 'marker'), 'the next inject on the participant screen');
    expect(injected(participantScreen)).toEqual([]);
    const reconnected = new TestClient(server, participant.cookie, { stream, lastSeq: 0 });
    await reconnected.connected();
    const caughtUp = reconnected.syncs[0] as { kind: string; events?: { type: string; payload: { inject?: { id: string } } }[]; state?: unknown };
    expect(JSON.stringify(caughtUp)).not.toContain('suspect');
    reconnected.close();
    participantScreen.close();
    controllerScreen.close();

    const controller = (await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: commander.cookie })).body.run;
    expect(kinds(controller.scenario.injects)).toContain('note');
    expect(controller.injectsDone.map((done: { injectId: string }) => done.injectId)).toContain('tell-team');

    const seen = await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: participant.cookie });
    expect(seen.status).toBe(200);
    expect(kinds(seen.body.run.scenario.injects)).not.toContain('note');
    expect(seen.body.run.scenario.injects.length).toBe(controller.scenario.injects.length - 1);
    expect(seen.body.run.injectsDone.map((done: { injectId: string }) => done.injectId)).not.toContain('tell-team');
    expect(JSON.stringify(seen.body)).not.toContain('suspect');
    // The same next inject, among those left in.
    expect(seen.body.run.scenario.injects[seen.body.run.nextInject]?.id).toBe(controller.scenario.injects[controller.nextInject]?.id);
    // Once ended, the debrief shows the team the whole script, notes too.
    expect((await api(server, 'POST', `/api/v1/drills/${runId}/end`, { cookie: commander.cookie })).status).toBe(200);
    const after = (await api(server, 'GET', `/api/v1/drills/${runId}`, { cookie: participant.cookie })).body.run;
    expect(kinds(after.scenario.injects)).toContain('note');
    expect(after.injectsDone.map((done: { injectId: string }) => done.injectId)).toContain('tell-team');
  });

  it("shows a real guard who takes part on the drill's map from their phone's live fixes, and no other guard's", async () => {
    const admin = await login(server);
    const joined = await guardWithLogin(server, admin, { siteId: demoSite.id });
    const stranger = await guardWithLogin(server, admin, { siteId: demoSite.id });
    const started = await api(server, 'POST', '/api/v1/drills', { cookie: commander.cookie, body: { scenario, participants: [joined.userId] } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const stream = `drill:${started.body.run.id as string}` as const;
    const [joinedPhone, strangerPhone] = [await phoneOf(server, joined.cookie), await phoneOf(server, stranger.cookie)];
    let fixes = 0;
    const report = (phone: TestClient, point: [number, number]) =>
      command(phone, 'position.report', { fixes: [{ id: `drill-fix-${(fixes += 1)}`, at: new Date().toISOString(), ...gpsAt(demoSite, point), floor: 0 }] });
    expect(await report(joinedPhone, [100, 100])).toMatchObject({ ok: true });
    expect(await report(strangerPhone, [120, 100])).toMatchObject({ ok: true });

    // A drill screen connecting now gets the taking-part guard's latest fix, and only theirs.
    const screen = new TestClient(server, commander.cookie, { stream });
    const frames = recordFrames(screen.socket);
    await screen.connected();
    await waitFor(() => frames.frames.some(({ frame }) => frame.full), 'the full frame on the drill screen');
    const seen = () => [...new Set(frames.frames.flatMap(({ frame }) => frame.fixes.map((fix) => fix.guardId)))];
    expect(seen()).toEqual([joined.guard.id]);
    // Both walk on: the drill screen sees the one taking part move, never the other.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await report(joinedPhone, [104, 100])).toMatchObject({ ok: true });
    expect(await report(strangerPhone, [124, 100])).toMatchObject({ ok: true });
    await waitFor(() => frames.frames.some(({ frame }) => !frame.full && frame.fixes.some((fix) => fix.guardId === joined.guard.id)), 'the move on the drill screen');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen()).toEqual([joined.guard.id]);
    screen.close();
    joinedPhone.close();
    strangerPhone.close();
    await api(server, 'POST', `/api/v1/drills/${started.body.run.id as string}/end`, { cookie: commander.cookie });
  });
});
