import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AuditEntry, Handover } from '@vigil/shared';
import type { Db } from '../src/db/client.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { DEMO_DRILL_SCENARIOS } from '../src/sim/demo-drills.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';
import { ADMIN_PASSWORD, TestClient, USER_PASSWORD, api, login, postAlarm, startServer, type TestServer } from './helpers/server.js';

interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
  prevCursor: string | null;
}

const SITE = demoSite.id;
const execute = async (db: Db, query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
/** The database's own refusal of a statement (drizzle wraps it as the cause). */
async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    return String((error as { cause?: unknown }).cause ?? error);
  }
  return 'not refused';
}

describe(`the audit log and the shift handover (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const clients: TestClient[] = [];

  const audit = async (query: string, cookie = admin): Promise<AuditPage> => {
    const response = await api(server, 'GET', `/api/v1/audit?${query}`, { cookie });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as AuditPage;
  };

  async function addUser(username: string, role: string): Promise<void> {
    const created = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username, displayName: `${username} 值班`, role, password: USER_PASSWORD } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    userIds[username] = created.body.user.id as string;
    cookies[username] = await login(server, username, USER_PASSWORD);
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: demoSite, guards: demoGuards(demoSite.id) });
    admin = await login(server);
    await addUser('op-day', 'operator');
    await addUser('op-night', 'operator');
    await addUser('cmd-night', 'commander');
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
    await handle?.destroy();
  });

  describe('audit', () => {
    it('records logins, failed logins, an admin creating a user, a command with its actor, and an export', async () => {
      const failed = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'op-day', password: 'not-the-password-1' } });
      expect(failed.status).toBe(401);
      const alarmId = (await postAlarm(server, buildAlarm({ siteId: SITE, message: 'Audit beam 1' }))).body.alarm.id as string;
      const operator = new TestClient(server, cookies['op-day']!);
      clients.push(operator);
      await operator.connected();
      expect(await operator.socket.emitWithAck('alarm.acknowledge', { commandId: 'audit-ack-0001', alarmId })).toMatchObject({ ok: true });
      const exported = await fetch(`${server.url}/api/v1/alarms/export.csv?kind=intrusion&lang=en`, { headers: { cookie: admin } });
      expect(exported.status).toBe(200);
      await exported.arrayBuffer();

      const { entries } = await audit('limit=200');
      const find = (pass: (entry: AuditEntry) => boolean, what: string) => {
        const found = entries.find(pass);
        expect(found, what).toBeDefined();
        return found!;
      };
      expect(find((e) => e.kind === 'login' && e.details.username === 'admin', 'admin login')).toMatchObject({ type: 'auth.loggedIn', stream: 'audit', drill: false, actor: { kind: 'user', name: 'Administrator' } });
      expect(find((e) => e.kind === 'login' && e.details.username === 'op-day', 'op-day login').actor.id).toBe(userIds['op-day']);
      expect(find((e) => e.kind === 'login_failed', 'the failed login')).toMatchObject({
        type: 'auth.loginFailed',
        actor: { name: 'op-day' },
        details: { username: 'op-day', userId: userIds['op-day'], reason: 'password' },
      });
      expect(find((e) => e.kind === 'admin' && e.details.targetName === 'cmd-night', 'user created')).toMatchObject({
        details: { subject: 'user', action: 'created', detail: 'commander' },
        actor: { name: 'Administrator' },
      });
      expect(find((e) => e.kind === 'command' && e.type === 'alarm.acknowledged', 'the acknowledgement')).toMatchObject({
        stream: 'live',
        drill: false,
        siteId: SITE,
        actor: { kind: 'user', id: userIds['op-day'], name: 'op-day 值班' },
        details: { alarmId },
      });
      expect(find((e) => e.kind === 'export', 'the export')).toMatchObject({ type: 'data.exported', details: { export: 'alarms.csv' }, actor: { name: 'Administrator' } });
      expect(JSON.parse(String(find((e) => e.kind === 'export', 'the export').details.filters))).toEqual({ kind: 'intrusion', lang: 'en' });
      // An integration's alarm is no person's command.
      expect(entries.some((e) => e.type === 'alarm.raised' && e.details.alarm === alarmId)).toBe(false);
      // Newest first by seq.
      expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));
    });

    it('records a lockout and a logout', async () => {
      for (let n = 0; n < 5; n += 1) {
        const failed = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'nobody-here', password: `wrong-${n}-password` } });
        expect(failed.status).toBe(401);
      }
      const cookie = await login(server, 'op-night', USER_PASSWORD);
      expect((await api(server, 'POST', '/api/v1/auth/logout', { cookie })).status).toBe(204);
      const { entries } = await audit('kind=lockout,logout,login_failed&actor=nobody-here');
      expect(entries.filter((e) => e.kind === 'login_failed')).toHaveLength(5);
      expect(entries.find((e) => e.kind === 'login_failed')!.details.userId).toBeNull();
      expect(entries.filter((e) => e.kind === 'lockout')).toHaveLength(1);
      const logouts = (await audit('kind=logout')).entries;
      expect(logouts.map((e) => e.details.username)).toEqual(['op-night']);
    });

    it('filters by kind, actor, text and time range', async () => {
      const commands = (await audit('kind=command&limit=200')).entries;
      expect(commands.length).toBeGreaterThan(0);
      expect(commands.every((e) => e.kind === 'command' && e.stream !== 'audit')).toBe(true);
      const byActor = (await audit(`actor=${userIds['op-day']}&limit=200`)).entries;
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor.every((e) => e.actor.id === userIds['op-day'])).toBe(true);
      const byName = (await audit(`actor=${encodeURIComponent('op-day 值')}&kind=login`)).entries;
      expect(byName.map((e) => e.details.username)).toEqual(['op-day']);
      const byText = (await audit(`q=${encodeURIComponent('alarms.csv')}`)).entries;
      expect(byText.map((e) => e.type)).toEqual(['data.exported']);
      const all = (await audit('limit=200')).entries;
      const middle = all[Math.floor(all.length / 2)]!;
      const since = (await audit(`from=${encodeURIComponent(middle.at)}&limit=200`)).entries;
      expect(since.every((e) => Date.parse(e.at) >= Date.parse(middle.at))).toBe(true);
      expect(since.some((e) => e.seq === middle.seq)).toBe(true);
      const until = (await audit(`to=${encodeURIComponent(middle.at)}&limit=200`)).entries;
      expect(until.every((e) => Date.parse(e.at) < Date.parse(middle.at))).toBe(true);
    });

    it('pages by keyset: every entry once, in order, while new entries arrive', async () => {
      const before = (await audit('limit=200')).entries.map((e) => e.seq);
      const seen: number[] = [];
      let page = await audit('limit=3');
      const firstPage = page;
      for (let n = 0; ; n += 1) {
        seen.push(...page.entries.map((e) => e.seq));
        // Entries arriving between pages: a login and a command.
        if (n < 3) {
          await login(server, 'cmd-night', USER_PASSWORD);
          await postAlarm(server, buildAlarm({ siteId: SITE, message: `Paging beam ${n}` }));
        }
        if (!page.nextCursor) break;
        page = await audit(`limit=3&before=${page.nextCursor}`);
      }
      expect(seen).toEqual(before);
      // The newer page from the first page's cursor holds exactly what arrived since.
      const newer = await audit(`limit=200&after=${firstPage.prevCursor}`);
      expect(newer.entries.length).toBe(3);
      expect(newer.entries.every((e) => e.kind === 'login' && e.details.username === 'cmd-night')).toBe(true);
      expect(Math.min(...newer.entries.map((e) => e.seq))).toBeGreaterThan(before[0]!);
    });

    it('exports CSV with the filters, and the export is itself recorded', async () => {
      const response = await fetch(`${server.url}/api/v1/audit/export.csv?kind=login&lang=en`, { headers: { cookie: admin } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="vigil-audit-.*\.csv"/);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer()));
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('"Seq","Time (UTC)","Kind","Action","Actor","Actor id","Stream","Drill","Site","Details"');
      const logins = (await audit('kind=login&limit=200')).entries;
      expect(lines.length - 1).toBe(logins.length);
      expect(lines[1]).toContain(`"${logins[0]!.seq}"`);
      expect(lines.slice(1).every((line) => line.includes('"login","auth.loggedIn"'))).toBe(true);
      const exports = (await audit('kind=export')).entries;
      expect(exports[0]).toMatchObject({ details: { export: 'audit.csv' } });
    });

    it('is for admins only, and bad filters name the field', async () => {
      expect((await api(server, 'GET', '/api/v1/audit', { cookie: cookies['op-day'] })).status).toBe(403);
      expect((await api(server, 'GET', '/api/v1/audit')).status).toBe(401);
      const cases: [string, string][] = [
        ['kind=everything', 'kind'],
        ['before=abc', 'before'],
        ['from=yesterday', 'from'],
        ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
        ['q=%00', 'q'],
        ['limit=1000', 'limit'],
        ['colour=red', 'colour'],
      ];
      for (const [query, field] of cases) {
        const response = await api(server, 'GET', `/api/v1/audit?${query}`, { cookie: admin });
        expect(response.status, query).toBe(400);
        expect(String(response.body.message), query).toContain(field);
      }
    });

    it('is append-only in the database: UPDATE, DELETE and TRUNCATE of events are refused', async () => {
      const db = server.database.db;
      const [entry] = (await audit('kind=login&limit=1')).entries;
      expect(await refusal(execute(db, sql`update events set actor = '{"kind":"user","id":"x","name":"someone else"}'::jsonb where seq = ${entry!.seq}`))).toMatch(/events is append-only: UPDATE refused/);
      expect(await refusal(execute(db, sql`delete from events where seq = ${entry!.seq}`))).toMatch(/events is append-only: DELETE refused/);
      expect(await refusal(execute(db, sql`delete from events where stream = 'live'`))).toMatch(/events is append-only: DELETE refused/);
      expect(await refusal(execute(db, sql`truncate events`))).toMatch(/events is append-only: TRUNCATE refused/);
      const still = await execute(db, sql`select actor ->> 'name' as name from events where seq = ${entry!.seq}`);
      expect(still.rows[0]!.name).toBe(entry!.actor.name);
      // Appending still works.
      expect((await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).status).toBe(200);
    });
  });

  describe('shift handover', () => {
    let handover: Handover;
    let openAlarmIds: string[];

    it('composes what is open on the site: its open alarms, incidents and guards, with the patrol sections', async () => {
      const raised = [];
      for (let n = 0; n < 2; n += 1) raised.push((await postAlarm(server, buildAlarm({ siteId: SITE, message: `Handover beam ${n}` }))).body.alarm.id as string);
      const preview = await api(server, 'GET', `/api/v1/handovers/preview?siteId=${SITE}`, { cookie: cookies['op-day'] });
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      const open = await api(server, 'GET', `/api/v1/alarms?state=open&siteId=${SITE}&limit=500`, { cookie: admin });
      openAlarmIds = (open.body.alarms as { id: string }[]).map((alarm) => alarm.id);
      expect(openAlarmIds).toEqual(expect.arrayContaining(raised));
      expect(new Set(preview.body.summary.alarms.map((alarm: { id: string }) => alarm.id))).toEqual(new Set(openAlarmIds));
      expect(preview.body.summary.counts.alarms).toBe(openAlarmIds.length);
      expect(preview.body.summary.hazardsOpen).toEqual([]);
      // The demo route's tours of the coming shift, if any fall in it at this hour (tests/patrols checks the list).
      expect(preview.body.summary.counts.patrolsDue).toBe(preview.body.summary.patrolsDue.length);
      const onDuty = demoGuards(SITE).filter((guard) => guard.status !== 'off_duty');
      expect(preview.body.summary.guardsOnDuty.map((guard: { id: string }) => guard.id).sort()).toEqual(onDuty.map((guard) => guard.id).sort());
      expect(onDuty.length).toBeGreaterThan(0);
      const officers = (preview.body.officers as { username: string }[]).map((officer) => officer.username);
      expect(officers).toEqual(expect.arrayContaining(['op-night', 'cmd-night', 'admin']));
      expect(officers).not.toContain('op-day');

      const opened = await api(server, 'POST', '/api/v1/handovers', { cookie: cookies['op-day'], body: { siteId: SITE, note: '东门摄像头待修 East gate camera down' } });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      handover = opened.body.handover as Handover;
      expect(handover).toMatchObject({ siteId: SITE, stream: 'live', from: { id: userIds['op-day'], name: 'op-day 值班' }, to: null, note: '东门摄像头待修 East gate camera down', acknowledgedAt: null });
      expect(new Set(handover.summary.alarms.map((alarm) => alarm.id))).toEqual(new Set(openAlarmIds));
      const listed = await api(server, 'GET', `/api/v1/handovers?siteId=${SITE}`, { cookie: cookies['op-night'] });
      expect(listed.body.handovers.map((h: Handover) => h.id)).toEqual([handover.id]);
    });

    it('refuses a second handover while one waits, and bad input naming the field', async () => {
      const again = await api(server, 'POST', '/api/v1/handovers', { cookie: cookies['cmd-night'], body: { siteId: SITE } });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/^siteId: /);
      const cases: [unknown, string, number][] = [
        [{ note: 'no site' }, 'siteId', 400],
        [{ siteId: SITE, note: 'x'.repeat(2001) }, 'note', 400],
        [{ siteId: SITE, note: 'nul \u0000' }, 'note', 400],
        [{ siteId: SITE, toUserId: 'someone' }, 'toUserId', 400],
        [{ siteId: SITE, extra: 1 }, 'extra', 400],
        [{ siteId: 'nowhere' }, 'siteId', 404],
      ];
      for (const [body, field, status] of cases) {
        const response = await api(server, 'POST', '/api/v1/handovers', { cookie: cookies['op-night'], body });
        expect(response.status, JSON.stringify(body)).toBe(status);
        expect(String(response.body.message), JSON.stringify(body)).toMatch(new RegExp(`^${field}`));
      }
      const badAck = await api(server, 'POST', '/api/v1/handovers/not-a-uuid/acknowledge', { cookie: cookies['op-night'], body: {} });
      expect(badAck.status).toBe(400);
      expect(badAck.body.message).toMatch(/^handoverId/);
    });

    it('is acknowledged by another officer only, not by the one who handed over, and recorded in the log', async () => {
      const self = await api(server, 'POST', `/api/v1/handovers/${handover.id}/acknowledge`, { cookie: cookies['op-day'], body: {} });
      expect(self.status).toBe(403);
      expect(self.body.message).toMatch(/^handoverId: /);
      const acked = await api(server, 'POST', `/api/v1/handovers/${handover.id}/acknowledge`, { cookie: cookies['op-night'], body: { note: '已接班' } });
      expect(acked.status, JSON.stringify(acked.body)).toBe(200);
      expect(acked.body.handover).toMatchObject({ id: handover.id, acknowledgedBy: { id: userIds['op-night'], name: 'op-night 值班' }, acknowledgeNote: '已接班' });
      expect(acked.body.handover.acknowledgedAt).not.toBeNull();
      const twice = await api(server, 'POST', `/api/v1/handovers/${handover.id}/acknowledge`, { cookie: cookies['cmd-night'], body: {} });
      expect(twice.status).toBe(409);

      const commands = (await audit('kind=command&q=handover&limit=10')).entries;
      expect(commands.map((e) => [e.type, e.actor.id])).toEqual([
        ['handover.acknowledged', userIds['op-night']],
        ['handover.opened', userIds['op-day']],
      ]);
      const stored = await execute(server.database.db, sql`select payload -> 'handover' -> 'summary' -> 'counts' ->> 'alarms' as alarms from events where type = 'handover.opened'`);
      expect(Number(stored.rows[0]!.alarms)).toBe(openAlarmIds.length);
    });

    it('handed to a named officer: only that officer may acknowledge it', async () => {
      const opened = await api(server, 'POST', '/api/v1/handovers', { cookie: cookies['op-night'], body: { siteId: SITE, toUserId: userIds['cmd-night'] } });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const id = opened.body.handover.id as string;
      expect(opened.body.handover.to).toEqual({ id: userIds['cmd-night'], name: 'cmd-night 值班' });
      const other = await api(server, 'POST', `/api/v1/handovers/${id}/acknowledge`, { cookie: cookies['op-day'], body: {} });
      expect(other.status).toBe(403);
      const named = await api(server, 'POST', `/api/v1/handovers/${id}/acknowledge`, { cookie: cookies['cmd-night'], body: {} });
      expect(named.status).toBe(200);
      const self = await api(server, 'POST', '/api/v1/handovers', { cookie: cookies['op-day'], body: { siteId: SITE, toUserId: userIds['op-day'] } });
      expect(self.status).toBe(422);
      expect(self.body.message).toMatch(/^toUserId: /);
      const listed = await api(server, 'GET', `/api/v1/handovers?siteId=${SITE}`, { cookie: cookies['op-day'] });
      expect(listed.body.handovers.map((h: Handover) => h.id)).toEqual([id, handover.id]);
    });
  });

  describe('drills', () => {
    it('shows a command on a drill stream, marked as drill', async () => {
      const scenario = DEMO_DRILL_SCENARIOS.find((raw) => (raw as { id: string }).id === 'perimeter-north')!;
      const started = await api(server, 'POST', '/api/v1/drills', { cookie: cookies['cmd-night'], body: { scenario } });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const runId = started.body.run.id as string;
      const { entries } = await audit(`kind=command&actor=${userIds['cmd-night']}`);
      const drill = entries.find((e) => e.type === 'drill.started');
      expect(drill).toMatchObject({ stream: `drill:${runId}`, drill: true, kind: 'command', actor: { id: userIds['cmd-night'] } });
      expect(entries.filter((e) => e.stream === 'live').every((e) => !e.drill)).toBe(true);
      expect((await api(server, 'POST', `/api/v1/drills/${runId}/end`, { cookie: cookies['cmd-night'] })).status).toBe(200);
    });
  });
});
