import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, buildStep } from '@vigil/shared/testing';
import type { DomainEvent } from '@vigil/shared';
import { demoSite } from '../src/sim/demo-site.js';
import { LEADER_LOCK } from '../src/cluster/leadership.js';
import {
  CLUSTER_KEY,
  CLUSTER_PASSWORD,
  ClusterClient,
  REDIS_URL,
  haproxyBinary,
  refusedStart,
  startHaproxy,
  startNode,
  type Balancer,
  type NodeProcess,
} from './helpers/cluster.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { asInput } from './helpers/incidents.js';
import { gpsAt } from './helpers/positions.js';
import { api, login, waitFor, type TestServer } from './helpers/server.js';

/** The helpers take a server by its URL only. */
const at = (url: string) => ({ url }) as TestServer;

function postAlarm(url: string, body: unknown, idempotencyKey?: string) {
  return api(at(url), 'POST', '/api/v1/alarms', {
    body,
    headers: { authorization: `Bearer ${CLUSTER_KEY}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  });
}

/** `incident.open` and the like, over a cluster client's socket. */
function command(client: ClusterClient, name: string, body: unknown): Promise<{ ok: boolean } & Record<string, unknown>> {
  return new Promise((resolve) => {
    (client.socket.emit as (...args: unknown[]) => void)(name, body, resolve);
  });
}

/**
 * Several Vigil processes on one PostgreSQL and one Redis, HAProxy in front, as a deployment
 * runs them (DESIGN.md §7): what a screen on one node sees of another node's work, and what
 * happens when a node is killed with -9.
 */
if (testDbKind === 'postgres') {
  describe('several nodes (postgres, Redis, HAProxy)', () => {
    let handle: TestDatabaseHandle;
    let databaseUrl = '';
    const prefix = `vigil-test-${randomUUID().slice(0, 8)}`;
    const nodes: NodeProcess[] = [];
    let balancer: Balancer | undefined;
    const clients: ClusterClient[] = [];
    let cookie = '';
    let sql: pg.Client;

    const env = () => ({ DATABASE_URL: databaseUrl, REDIS_URL, REDIS_PREFIX: prefix });
    const logEvents = async (): Promise<DomainEvent[]> => {
      const { rows } = await sql.query<{ seq: string; type: string; payload: Record<string, unknown>; at: Date }>(
        "select seq, type, payload, at from events where stream = 'live' order by seq",
      );
      return rows.map((row) => ({ seq: Number(row.seq), type: row.type, payload: row.payload, at: row.at.toISOString() }) as unknown as DomainEvent);
    };
    /** The pid in the application_name of the session holding the leader lock, if any. */
    const leaderPid = async (): Promise<number | null> => {
      const { rows } = await sql.query<{ name: string }>(
        "select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.objid = $1 and l.granted and a.datname = current_database()",
        [LEADER_LOCK],
      );
      const match = rows[0]?.name.match(/^vigil-leader \S+-(\d+)-[0-9a-f]+$/);
      return match ? Number(match[1]) : null;
    };

    beforeAll(async () => {
      haproxyBinary();
      handle = await createTestDatabase();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      databaseUrl = handle.target.url;
      sql = new pg.Client({ connectionString: databaseUrl });
      await sql.connect();
      // Started together: migrations and the first-start bootstrap must not race.
      nodes.push(...(await Promise.all([startNode(env()), startNode(env())])));
      balancer = await startHaproxy(nodes);
      cookie = await login(at(nodes[0]!.url), 'admin', CLUSTER_PASSWORD);
    }, 180_000);

    afterAll(async () => {
      for (const client of clients) client.close();
      await balancer?.close();
      await Promise.all(nodes.map((node) => node.kill()));
      await sql?.end();
      await handle?.destroy();
      // The adapter's stream of this test, in the shared Redis.
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      await redis.del(`${prefix}:socket.io`);
      await redis.close();
    });

    it('an alarm posted on node 1 reaches a screen on node 2, once', { timeout: 60_000 }, async () => {
      const screen = new ClusterClient(nodes[1]!.url, cookie, { reconnect: false });
      clients.push(screen);
      await waitFor(() => screen.isSynced, 'the screen on node 2 to sync');
      const first = await postAlarm(nodes[0]!.url, buildAlarm({ siteId: 'demo', source: { externalId: 'cluster-1' }, message: 'posted on node 1' }));
      expect(first.status).toBe(201);
      await waitFor(() => screen.applied.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === first.body.alarm.id), 'the alarm on node 2');
      // One more, so a second copy of the first (through the adapter as well as the log) would have arrived by now.
      const second = await postAlarm(nodes[0]!.url, buildAlarm({ siteId: 'demo', source: { externalId: 'cluster-2' }, message: 'and another' }));
      await waitFor(() => screen.applied.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === second.body.alarm.id), 'the second alarm on node 2');
      expect([...screen.arrivals.values()].every((count) => count === 1)).toBe(true);
      expect(screen.applied.map((event) => event.seq)).toEqual((await logEvents()).map((event) => event.seq).filter((seq) => seq > screen.startSeq!));
      screen.close();
    });

    it('position frames from a tracker reporting to node 1 reach a screen on node 2, and node 2 knows the latest fix', { timeout: 60_000 }, async () => {
      const screen = new ClusterClient(nodes[1]!.url, cookie, { reconnect: false });
      clients.push(screen);
      await waitFor(() => screen.isSynced, 'the screen on node 2 to sync');
      const gps = gpsAt(demoSite, [120, 80]);
      const time = Math.floor(Date.now() / 1000);
      const report = await api(at(nodes[0]!.url), 'GET', `/osmand?id=demo-guard-a1&lat=${gps.lat}&lon=${gps.lon}&timestamp=${time}&batt=64`);
      expect(report.status).toBe(200);
      await waitFor(() => screen.frames.some((frame) => frame.fixes.some((fix) => fix.guardId === 'demo-guard-a1' && fix.battery === 64)), 'the frame on node 2');
      // A screen joining node 2 now gets the fix in its first full frame: node 2 adopted it.
      const late = new ClusterClient(nodes[1]!.url, cookie, { reconnect: false });
      clients.push(late);
      await waitFor(
        () => late.frames.some((frame) => frame.full && frame.fixes.some((fix) => fix.guardId === 'demo-guard-a1' && fix.battery === 64)),
        'the fix in the full frame of a screen joining node 2',
      );
      screen.close();
      late.close();
    });

    it('kill -9 of node 1 mid-burst: every screen, reconnecting through HAProxy, ends with every event once, in order', { timeout: 120_000 }, async () => {
      const screens = Array.from({ length: 6 }, () => new ClusterClient(balancer!.url, cookie));
      clients.push(...screens);
      await waitFor(() => screens.every((screen) => screen.isSynced), 'every screen to sync', 20_000);
      const acknowledged: string[] = [];
      let killed = false;
      // Alarms through the balancer; a request cut by the kill is retried with its Idempotency-Key, as a sender does.
      const send = async (index: number) => {
        const key = `burst-${index}`;
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const response = await postAlarm(balancer!.url, buildAlarm({ siteId: 'demo', source: { externalId: key }, message: `burst ${index}` }), key).catch(() => null);
          if (response?.status === 201 || response?.status === 200) {
            acknowledged.push(response.body.alarm.id as string);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error(`alarm ${index} never acknowledged`);
      };
      const senders = Array.from({ length: 4 }, async (_, lane) => {
        for (let index = lane; index < 160; index += 4) await send(index);
      });
      await waitFor(() => acknowledged.length >= 40, '40 alarms acknowledged', 30_000);
      await nodes[0]!.kill();
      killed = true;
      await Promise.all(senders);
      expect(killed).toBe(true);
      expect(new Set(acknowledged).size).toBe(160);
      const log = await logEvents();
      const raised = new Set(log.flatMap((event) => (event.type === 'alarm.raised' ? [(event.payload as { alarm: { id: string } }).alarm.id] : [])));
      expect(acknowledged.filter((id) => !raised.has(id))).toEqual([]);
      const lastSeq = log.at(-1)!.seq;
      await waitFor(() => screens.every((screen) => screen.lastSeq >= lastSeq), 'every screen to catch up', 30_000);
      for (const screen of screens) {
        expect(screen.applied.map((event) => event.seq)).toEqual(log.map((event) => event.seq).filter((seq) => seq > screen.startSeq!));
      }
      // The screens on node 1 came back through the balancer to node 2.
      expect(screens.filter((screen) => screen.connects > 1).length).toBeGreaterThan(0);
      for (const screen of screens) screen.close();
    });

    it('the leader duty hands over: a step warned on the old leader goes overdue once, on the new one', { timeout: 150_000 }, async () => {
      // Node 1 is gone; node 2 leads. A third node joins, then the leader is killed.
      nodes.push(await startNode(env()));
      const [, second, third] = nodes as [NodeProcess, NodeProcess, NodeProcess];
      await expect.poll(leaderPid, { timeout: 10_000, interval: 200 }).toBe(second.child.pid);
      const plan = buildPlan({
        id: 'cluster-timers',
        steps: [buildStep('assess', { kind: 'confirm', role: 'operator', dueAfterSec: 25, warnAtSec: 3, required: true, next: { done: null } })],
      });
      const published = await api(at(third.url), 'POST', '/api/v1/plans', { cookie, body: asInput(plan) });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      const commander = new ClusterClient(third.url, cookie);
      clients.push(commander);
      await waitFor(() => commander.isSynced, 'the commander to sync');
      const opened = await command(commander, 'incident.open', {
        commandId: randomUUID(),
        siteId: 'demo',
        type: 'fire',
        title: 'handover',
        location: { position: [50, 50], floor: 0, zoneId: null },
        planId: 'cluster-timers',
      });
      expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
      const timers = async (type: string) => (await logEvents()).filter((event) => event.type === type && (event.payload as { incidentId: string }).incidentId === opened.incidentId);
      await expect.poll(async () => (await timers('plan.stepWarned')).length, { timeout: 20_000, interval: 250 }).toBe(1);
      await second.kill();
      await expect.poll(leaderPid, { timeout: 10_000, interval: 200 }).toBe(third.child.pid);
      await expect.poll(async () => (await timers('plan.stepOverdue')).length, { timeout: 40_000, interval: 250 }).toBe(1);
      // A few more of the scheduler's rounds: nothing fires twice.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect((await timers('plan.stepWarned')).length).toBe(1);
      expect((await timers('plan.stepOverdue')).length).toBe(1);
      // The commander on node 3 saw both, each once.
      const seen = commander.applied.filter((event) => event.type === 'plan.stepWarned' || event.type === 'plan.stepOverdue').map((event) => event.type);
      expect(seen).toEqual(['plan.stepWarned', 'plan.stepOverdue']);
    });
  });
}

describe(`a cluster needs PostgreSQL (${testDbKind})`, () => {
  it('refuses REDIS_URL on the embedded database, naming the variable', { timeout: 90_000 }, async () => {
    const refused = await refusedStart({ REDIS_URL, DATABASE_URL: '', DATA_DIR: '/nonexistent' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('REDIS_URL: several nodes need a shared PostgreSQL (DATABASE_URL)');
  });
});
