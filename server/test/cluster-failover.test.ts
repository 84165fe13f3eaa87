import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@vigil/shared';
import { demoSite } from '../src/sim/demo-site.js';
import { TEST_DUTY_TIMERS } from '../src/scheduler/duty-timers.js';
import { CLUSTER_KEY, CLUSTER_PASSWORD, ClusterClient, REDIS_URL, haproxyBinary, startHaproxy, startNode, type Balancer, type NodeProcess } from './helpers/cluster.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { gpsAt } from './helpers/positions.js';
import { INGEST_KEY, api, login, startServer, waitFor, type TestServer } from './helpers/server.js';
import { loadConfig } from '../src/config.js';

const at = (url: string) => ({ url }) as TestServer;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DUTIES = ['scheduler', 'silence_check', 'camera_health'] as const;
type Duty = (typeof DUTIES)[number];

interface Scrape {
  leader: boolean;
  rounds: Record<Duty, number>;
}

/** A node's own /metrics (loopback, so no token): whether it leads, and its duty rounds so far. */
async function scrape(node: NodeProcess): Promise<Scrape | null> {
  const text = await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(2_000) }).then((r) => (r.ok ? r.text() : null), () => null);
  if (text === null) return null;
  const leader = text.match(/^vigil_leader (\d+)$/m);
  const rounds = Object.fromEntries(
    DUTIES.map((duty) => [duty, Number(text.match(new RegExp(`^vigil_duty_rounds_total\\{duty="${duty}"\\} (\\d+)$`, 'm'))?.[1] ?? Number.NaN)]),
  ) as Record<Duty, number>;
  if (!leader) return null;
  return { leader: leader[1] === '1', rounds };
}

/**
 * Issue 10, "lose a node": three Vigil processes on one PostgreSQL and one Redis, HAProxy in
 * front, trackers and screens through it, the duties on short timers (VIGIL_DUTY_TIMERS=test: a
 * guard quiet for 8 s is silent). The leader is killed with -9 in the middle of a burst of alarms.
 */
if (testDbKind === 'postgres') {
  describe('losing the leader node (postgres, Redis, HAProxy)', () => {
    let handle: TestDatabaseHandle;
    let databaseUrl = '';
    const prefix = `vigil-test-${randomUUID().slice(0, 8)}`;
    const nodes: NodeProcess[] = [];
    let balancer: Balancer | undefined;
    const clients: ClusterClient[] = [];
    let sql: pg.Client | undefined;
    let stopTrackers = () => undefined as void;
    /** When the last node was ready: a node's own start gives every guard a grace period of one silence. */
    let allReadyAt = 0;
    // Whatever happens to the test (a failed expect, a timeout, the worker ending), no process stays.
    const killAll = () => {
      for (const node of nodes) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    };
    process.once('exit', killAll);

    const logEvents = async (): Promise<DomainEvent[]> => {
      const { rows } = await sql!.query<{ seq: string; type: string; payload: Record<string, unknown>; at: Date }>(
        "select seq, type, payload, at from events where stream = 'live' order by seq",
      );
      return rows.map((row) => ({ seq: Number(row.seq), type: row.type, payload: row.payload, at: row.at.toISOString() }) as unknown as DomainEvent);
    };

    beforeAll(async () => {
      haproxyBinary();
      handle = await createTestDatabase();
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      databaseUrl = handle.target.url;
      sql = new pg.Client({ connectionString: databaseUrl });
      await sql.connect();
      const env = { DATABASE_URL: databaseUrl, REDIS_URL, REDIS_PREFIX: prefix, VIGIL_DUTY_TIMERS: 'test' };
      // The first node alone migrates and bootstraps; the others join it.
      nodes.push(await startNode(env));
      nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
      allReadyAt = Date.now();
      balancer = await startHaproxy(nodes);
    }, 240_000);

    afterAll(async () => {
      stopTrackers();
      for (const client of clients) client.close();
      await balancer?.close();
      await Promise.all(nodes.map((node) => node.kill()));
      process.removeListener('exit', killAll);
      await sql?.end();
      await handle?.destroy();
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      await redis.del(`${prefix}:socket.io`);
      await redis.close();
    });

    it(
      'kill -9 of the leader mid-burst: screens resume with every event once and in order, trackers go on, no false "guard silent", one duty runner, a new leader within seconds',
      { timeout: 150_000 },
      async () => {
        const url = balancer!.url;
        const cookie = await login(at(url), 'admin', CLUSTER_PASSWORD);

        // Five guards on shift with trackers at 1 Hz through the balancer, and one off shift for now.
        const create = async (callsign: string, onShift: boolean) => {
          const trackerId = `failover-${callsign}`;
          const created = await api(at(url), 'POST', '/api/v1/guards', { cookie, body: { siteId: 'demo', callsign, name: `Failover ${callsign}`, trackerId, onShift } });
          expect(created.status, JSON.stringify(created.body)).toBe(201);
          return { id: created.body.guard.id as string, path: `${created.body.tracker.path as string}?id=${trackerId}` };
        };
        const reporting = await Promise.all(['F1', 'F2', 'F3', 'F4', 'F5'].map((callsign) => create(callsign, true)));
        // Made on shift, then taken off at once (off duty): a guard "on the roster but off shift"
        // whose coming back on shift (available again) makes it expected again.
        const late = await create('F6', true);
        expect((await api(at(url), 'PATCH', `/api/v1/guards/${late.id}`, { cookie, body: { onShift: false } })).status).toBe(200);
        const spot = gpsAt(demoSite, [200, 150]);
        /** Per guard: when each report was answered 200. */
        const reported = new Map<string, number[]>();
        const trackerFailures: string[] = [];
        const report = async (guard: { id: string; path: string }) => {
          const time = Math.floor(Date.now() / 1000);
          const response = await fetch(`${url}${guard.path}&lat=${spot.lat + Math.random() * 1e-5}&lon=${spot.lon}&timestamp=${time}`, {
            signal: AbortSignal.timeout(3_000),
          }).catch((error: unknown) => error as Error);
          if (response instanceof Response && response.status === 200) {
            reported.set(guard.id, [...(reported.get(guard.id) ?? []), Date.now()]);
          } else {
            trackerFailures.push(response instanceof Response ? String(response.status) : response.message);
          }
        };
        const tracking = new Set(reporting);
        const trackerTimer = setInterval(() => {
          for (const guard of tracking) void report(guard);
        }, 1_000);
        stopTrackers = () => clearInterval(trackerTimer);

        // Metrics of every node twice a second, from now to the end.
        const samples: (Scrape | null)[][] = nodes.map(() => []);
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const round = await Promise.all(nodes.map((node) => (node.child.exitCode === null && node.child.signalCode === null ? scrape(node) : Promise.resolve(null))));
            round.forEach((sample, index) => samples[index]!.push(sample));
            await sleep(500);
          }
        })();

        // The demo guards are on shift and never report: each is silent once, on the first leader.
        const demoGuards = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'].map((suffix) => `demo-guard-${suffix}`);
        const silenceEvents = async () => {
          const log = await logEvents();
          const silentAlarms = new Map<string, string>();
          for (const event of log) {
            if (event.type === 'alarm.raised' && event.payload.alarm.kind === 'guard_silent') silentAlarms.set(event.payload.alarm.id, String(event.payload.alarm.attributes.guardId));
          }
          return {
            raised: log.flatMap((event) => (event.type === 'alarm.raised' && event.payload.alarm.kind === 'guard_silent' ? [String(event.payload.alarm.attributes.guardId)] : [])),
            repeated: log.flatMap((event) => (event.type === 'alarm.repeated' && silentAlarms.has(event.payload.alarmId) ? [silentAlarms.get(event.payload.alarmId)!] : [])),
          };
        };
        await expect.poll(async () => (await silenceEvents()).raised.sort(), { timeout: 30_000, interval: 500 }).toEqual([...demoGuards].sort());

        // Which node leads: the one whose /metrics says so (exactly one).
        const current = await Promise.all(nodes.map(scrape));
        expect(current.filter((sample) => sample?.leader).length).toBe(1);
        const leaderIndex = current.findIndex((sample) => sample?.leader);
        const leader = nodes[leaderIndex]!;

        const screens = Array.from({ length: 6 }, () => new ClusterClient(url, cookie));
        clients.push(...screens);
        await waitFor(() => screens.every((screen) => screen.isSynced), 'every screen to sync', 20_000);

        // A burst of alarms through the balancer; one cut by the kill is retried with its Idempotency-Key.
        const acknowledged: string[] = [];
        const send = async (index: number) => {
          const key = `failover-${index}`;
          for (let attempt = 0; attempt < 30; attempt += 1) {
            const response = await api(at(url), 'POST', '/api/v1/alarms', {
              body: buildAlarm({ siteId: 'demo', source: { externalId: key }, message: `burst ${index}` }),
              headers: { authorization: `Bearer ${CLUSTER_KEY}`, 'idempotency-key': key },
            }).catch(() => null);
            if (response?.status === 201 || response?.status === 200) {
              acknowledged.push(response.body.alarm.id as string);
              return;
            }
            await sleep(200);
          }
          throw new Error(`alarm ${index} never acknowledged`);
        };
        const TOTAL = 120;
        const senders = Array.from({ length: 4 }, async (_, lane) => {
          for (let index = lane; index < TOTAL; index += 4) await send(index);
        });
        await waitFor(() => acknowledged.length >= 30, '30 alarms acknowledged', 30_000);
        // Every node past its own start's grace (one silence), so only knowing when F6 came on shift keeps it from being called silent.
        await sleep(Math.max(0, allReadyAt + TEST_DUTY_TIMERS.silentAfterMs + 3_000 - Date.now()));
        // F6 comes on shift; its tracker starts only 5 s later (the phone is still booting), after
        // the kill. The node that takes over must know F6 was expected only from now, not since
        // that node started (long enough ago to call F6 silent at once).
        expect((await api(at(url), 'PATCH', `/api/v1/guards/${late.id}`, { cookie, body: { onShift: true } })).status).toBe(200);
        setTimeout(() => tracking.add(late), 5_000);
        // F6's on-shift event has reached every node's silence timer by now (1 s rounds).
        await sleep(1_500);
        const killedAt = Date.now();
        await leader.kill();
        const survivors = nodes.filter((node) => node !== leader);

        // Another node leads within seconds.
        let newLeaderAt = 0;
        await expect
          .poll(
            async () => {
              const states = await Promise.all(survivors.map(scrape));
              const leading = states.filter((state) => state?.leader).length;
              if (leading === 1 && newLeaderAt === 0) newLeaderAt = Date.now();
              return leading;
            },
            { timeout: 10_000, interval: 100 },
          )
          .toBe(1);
        expect(newLeaderAt - killedAt).toBeLessThan(5_000);

        await Promise.all(senders);
        expect(new Set(acknowledged).size).toBe(TOTAL);

        // Past two silence windows after the kill: the trackers' guards, F6 included, stayed reporting.
        await sleep(2 * TEST_DUTY_TIMERS.silentAfterMs + 2_000);
        sampling = false;
        await sampler;
        stopTrackers();
        const endedAt = Date.now();

        // Screens: every event exactly once, in the log's order, after resuming through the balancer.
        const log = await logEvents();
        const raised = new Set(log.flatMap((event) => (event.type === 'alarm.raised' ? [event.payload.alarm.id] : [])));
        expect(acknowledged.filter((id) => !raised.has(id))).toEqual([]);
        const lastSeq = log.at(-1)!.seq;
        await waitFor(() => screens.every((screen) => screen.lastSeq >= lastSeq), 'every screen to catch up', 30_000);
        for (const screen of screens) {
          expect(screen.applied.map((event) => event.seq)).toEqual(log.map((event) => event.seq).filter((seq) => seq > screen.startSeq!));
        }
        expect(screens.filter((screen) => screen.connects > 1).length).toBeGreaterThan(0);

        // Trackers kept reporting through the balancer: after the kill, no guard went without an
        // accepted fix for as long as a silence (a handful of requests cut by the kill may fail).
        for (const guard of [...reporting, late]) {
          const times = (reported.get(guard.id) ?? []).filter((time) => time >= killedAt - 1_000);
          expect(times.length, `fixes of ${guard.id} after the kill`).toBeGreaterThan(10);
          const gaps = times.slice(1).map((time, index) => time - times[index]!);
          expect(Math.max(...gaps, endedAt - times.at(-1)!), `the longest gap of ${guard.id}`).toBeLessThan(TEST_DUTY_TIMERS.silentAfterMs / 2);
        }
        expect(trackerFailures.length).toBeLessThan(20);

        // No false "guard silent": none for the reporting guards or F6, and the demo guards'
        // silences (raised by the old leader) not raised or repeated again by the new one.
        const silence = await silenceEvents();
        expect(silence.raised.sort()).toEqual([...demoGuards].sort());
        expect(silence.repeated).toEqual([]);

        // Each duty ran on one node at a time: between two samples, at most one live node's rounds
        // rose (and only a node that led at one of the two); the follower that never led ran none.
        for (const duty of DUTIES) {
          for (let step = 1; step < samples[0]!.length; step += 1) {
            const rose = nodes.flatMap((_, index) => {
              const before = samples[index]![step - 1];
              const after = samples[index]![step];
              if (!before || !after || after.rounds[duty] <= before.rounds[duty]) return [];
              expect(before.leader || after.leader, `node ${index + 1} ran ${duty} while not leading`).toBe(true);
              return [index];
            });
            expect(rose.length, `${duty} rounds on several nodes at sample ${step}: ${rose.join(', ')}`).toBeLessThanOrEqual(1);
          }
        }
        const finalSamples = samples.map((list) => list.filter((sample): sample is Scrape => sample !== null).at(-1)!);
        const newLeader = survivors.find((node) => finalSamples[nodes.indexOf(node)]?.leader)!;
        const bystander = survivors.find((node) => node !== newLeader)!;
        for (const duty of DUTIES) expect(finalSamples[nodes.indexOf(bystander)]!.rounds[duty], `${duty} on the node that never led`).toBe(0);
        // The silence check ran about once a second in all, not once per node: after the kill,
        // only the new leader's rounds, at most one per second since then.
        const newLeaderRounds = finalSamples[nodes.indexOf(newLeader)]!.rounds.silence_check;
        expect(newLeaderRounds).toBeGreaterThan(5);
        expect(newLeaderRounds).toBeLessThanOrEqual(Math.ceil((endedAt - killedAt) / TEST_DUTY_TIMERS.silenceCheckMs) + 1);
        expect(finalSamples[leaderIndex]!.rounds.silence_check).toBeGreaterThan(5);
      },
    );
  });
}

describe(`one node runs every duty and says so (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('shows vigil_leader 1 and rising vigil_duty_rounds_total for the scheduler, the silence check and camera health', { timeout: 30_000 }, async () => {
    server = await startServer(handle, { silenceCheckMs: 200, video: { cameraHealth: { intervalMs: 100 } } });
    const rounds = async () => {
      const text = await (await fetch(`${server!.url}/metrics`)).text();
      expect(text).toMatch(/^vigil_leader 1$/m);
      return Object.fromEntries(DUTIES.map((duty) => [duty, Number(text.match(new RegExp(`^vigil_duty_rounds_total\\{duty="${duty}"\\} (\\d+)$`, 'm'))?.[1])]));
    };
    const first = await rounds();
    // A commit that may add a due time wakes the scheduler: one more round.
    expect((await api(server, 'POST', '/api/v1/alarms', { body: buildAlarm({ source: { externalId: 'duty-rounds' } }), headers: { authorization: `Bearer ${INGEST_KEY}` } })).status).toBe(201);
    await expect.poll(async () => (await rounds()).silence_check, { timeout: 10_000, interval: 200 }).toBeGreaterThan(first.silence_check! + 2);
    const later = await rounds();
    expect(later.camera_health).toBeGreaterThan(first.camera_health!);
    expect(later.scheduler).toBeGreaterThan(first.scheduler!);
  });

  it('reads VIGIL_DUTY_TIMERS: normal by default, test on request, anything else refused by name', () => {
    expect(loadConfig({}).dutyTimers).toBe('normal');
    expect(loadConfig({ VIGIL_DUTY_TIMERS: 'test' }).dutyTimers).toBe('test');
    expect(() => loadConfig({ VIGIL_DUTY_TIMERS: 'fast' })).toThrow(/VIGIL_DUTY_TIMERS: must be normal or test/);
  });
});
