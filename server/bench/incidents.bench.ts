/**
 * Incidents at load: 20 concurrent incidents with running plans, 300 guards moving, 50 screens.
 * Prints figures; exits 0 whatever they are (1 only when the bench itself breaks).
 *
 *   pnpm bench:incidents [--screens 50] [--guards 300] [--incidents 20] [--db pglite|postgres]
 *
 * 1. Step path against the alarm path, in the same run, interleaved: a `plan.completeStep` on a
 *    commander's socket → `plan.stepCompleted` on every screen, against POST /api/v1/alarms →
 *    `alarm.raised` on every screen. Each sample is the time until the LAST of the screens has it.
 * 2. Ranking: `rankGuards` for 300 guards in this process (wall and CPU time), against a sort by
 *    straight-line distance of the same guards; and `dispatch.suggest` round trips on a socket.
 * 3. Timers: the server's CPU over an idle window before and after 1,000 plan steps with pending
 *    warning and due times are running (the scheduler keeps one timer from the database).
 *
 * The screens (socket.io-client) run in this process beside the server, as in the alarm and
 * position benches' simplest mode: both paths pay the same client work, so the ratio is fair,
 * while absolute figures include it. The machine is shared: run it twice and report both.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io as connectSocket, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  createWalkGridCache,
  openSteps,
  rankGuards,
  type ClientToServerEvents,
  type DomainEvent,
  type GuardFix,
  type GuardLive,
  type Incident,
  type ServerToClientEvents,
} from '@vigil/shared';
import { buildApp } from '../src/app.js';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/client.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { demoSite } from '../src/sim/demo-site.js';
import type { FastifyInstance } from 'fastify';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const ADMIN_PASSWORD = 'bench-admin-password';
const INGEST_KEY = 'bench-ingest-key-0123456789';
const COMMANDER_PASSWORD = 'violet-harbour-lantern-42';

interface Options { screens: number; guards: number; incidents: number; db: 'pglite' | 'postgres' }

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { screens: { type: 'string' }, guards: { type: 'string' }, incidents: { type: 'string' }, db: { type: 'string' } },
  });
  const count = (raw: string | undefined, fallback: number, name: string) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: must be a positive integer`);
    return value;
  };
  const db = values.db ?? process.env.BENCH_DB ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db: must be pglite or postgres');
  return { screens: count(values.screens, 50, 'screens'), guards: count(values.guards, 300, 'guards'), incidents: count(values.incidents, 20, 'incidents'), db };
}

const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');
const row = (label: string, values: readonly number[]) =>
  console.log(`  ${label.padEnd(44)} n=${String(values.length).padStart(4)}  p50 ${ms(percentile(values, 50)).padStart(10)}  p99 ${ms(percentile(values, 99)).padStart(10)}  max ${ms(Math.max(...values)).padStart(10)}`);
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function http<T>(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`login ${username}: ${response.status}`);
  return cookie;
}

function connect(url: string, cookie: string): Promise<Client> {
  const socket: Client = connectSocket(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } });
  return new Promise((resolve, reject) => {
    socket.once('sync', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves when `count` screens have seen an event that `matches`, with the time the last one did. */
class Arrivals {
  private readonly waiting = new Map<string, { seen: number; resolve: (at: number) => void }>();
  constructor(private readonly count: number) {}
  expect(key: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(key, { seen: 0, resolve }));
  }
  saw(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    entry.seen += 1;
    if (entry.seen === this.count) {
      this.waiting.delete(key);
      entry.resolve(performance.now());
    }
  }
}

const keyOf = (event: DomainEvent): string | null => {
  if (event.type === 'alarm.raised') return `alarm:${event.payload.alarm.source.externalId ?? ''}`;
  if (event.type === 'plan.stepCompleted') return `step:${event.payload.incidentId}:${event.payload.stepId}`;
  return null;
};

/** Places a plan point on the earth with the demo site's anchor (axis-aligned there). */
function toLatLon([x, y]: [number, number]): { lat: number; lon: number } {
  return { lat: 30.2741 + (y / 300) * (30.276798 - 30.2741), lon: 120.1551 + (x / 420) * (120.159474 - 120.1551) };
}

/** Guards wander on the open ground in front of the buildings, a fix each per second. */
function startWalking(app: FastifyInstance, guards: GuardLive[], stop: { done: boolean }): Promise<void> {
  const places = guards.map((_, index) => [20 + ((index * 37) % 380), 20 + ((index * 53) % 260)] as [number, number]);
  return (async () => {
    let tick = 0;
    while (!stop.done) {
      tick += 1;
      const at = new Date();
      await app.positions.lane.submit(
        guards.map((guard, index) => {
          const place = places[index]!;
          place[0] = Math.min(410, Math.max(10, place[0] + Math.sin(tick + index)));
          return { guard, at, ...toLatLon(place), floor: 0, accuracy: 5, heading: null, speed: 1.2, battery: 80, sos: false, source: 'simulator' as const };
        }),
      );
      await sleep(1000);
    }
  })();
}

async function main(): Promise<void> {
  const options = readOptions();
  const { target, drop } = await openTarget(options.db);
  const database: Database = await openDatabase(target);
  await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, ingestApiKey: INGEST_KEY, demoSite });
  const app = await buildApp({ database, logger: false, video: { cameraHealth: false } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const stop = { done: false };
  const sockets: Client[] = [];
  try {
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    await http(url, admin, 'POST', '/api/v1/users', { username: 'bench-commander', displayName: '值班主管', role: 'commander', password: COMMANDER_PASSWORD });
    const commanderCookie = await login(url, 'bench-commander', COMMANDER_PASSWORD);
    for (let index = 0; index < options.guards; index += 1) {
      await http(url, admin, 'POST', '/api/v1/guards', { siteId: demoSite.id, callsign: `B${index}`, name: `Bench guard ${index}`, onShift: true });
    }
    const guards = Object.values(await waitForGuards(app, options.guards));
    const walking = startWalking(app, guards, stop);
    await sleep(1500);

    // 50 screens (commanders' consoles see every incident and alarm of the site).
    const arrivals = new Arrivals(options.screens);
    for (let index = 0; index < options.screens; index += 1) {
      const socket = await connect(url, commanderCookie);
      socket.on('event', (event) => {
        const key = keyOf(event);
        if (key) arrivals.saw(key);
      });
      sockets.push(socket);
    }
    const commander = await connect(url, commanderCookie);
    sockets.push(commander);

    // 20 incidents, each running the fire plan, placed around the compound.
    const incidentIds: string[] = [];
    for (let index = 0; index < options.incidents; index += 1) {
      const ack = await commander.timeout(10_000).emitWithAck('incident.open', {
        commandId: `bench-open-${index}-${Date.now()}`,
        siteId: demoSite.id,
        alarmIds: [],
        type: 'fire',
        location: { position: [30 + ((index * 41) % 360), 30 + ((index * 67) % 240)], floor: 0, zoneId: null },
        planId: 'fire',
      });
      if (!ack.ok) throw new Error(`incident.open: ${ack.error}`);
      incidentIds.push(ack.incidentId);
    }

    // 1. Step path against alarm path, interleaved, ~10 of each per second.
    const stepTimes: number[] = [];
    const alarmTimes: number[] = [];
    let alarmIndex = 0;
    const incidentOf = (id: string): Incident => app.broadcaster.snapshot('live').incidents.get(id)!;
    for (let round = 0; round < 12; round += 1) {
      for (const incidentId of incidentIds) {
        const run = incidentOf(incidentId).plan;
        const step = run ? openSteps(run).find((candidate) => candidate.kind !== 'auto') : undefined;
        if (step) {
          const answer = step.kind === 'yes_no' ? 'yes' : step.kind === 'choice' ? step.options[0]!.id : 'done';
          const arrived = arrivals.expect(`step:${incidentId}:${step.id}`);
          const start = performance.now();
          const ack = await commander.timeout(10_000).emitWithAck('plan.completeStep', { commandId: `bench-step-${incidentId}-${step.id}`, incidentId, stepId: step.id, answer });
          if (ack.ok) stepTimes.push((await withTimeout(arrived, 10_000)) - start);
        }
        const externalId = `bench-alarm-${alarmIndex++}`;
        const raised = arrivals.expect(`alarm:${externalId}`);
        const start = performance.now();
        const response = await fetch(`${url}/api/v1/alarms`, {
          method: 'POST',
          headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ source: { externalId }, siteId: demoSite.id, kind: 'intrusion', priority: 4, message: 'bench' }),
        });
        if (response.ok) alarmTimes.push((await withTimeout(raised, 10_000)) - start);
        await sleep(50);
      }
    }

    // 2. Ranking 300 guards for an incident's place.
    const cache = createWalkGridCache();
    const live = app.broadcaster.snapshot('live');
    const site = live.sites[demoSite.id]!;
    const grid = cache.gridFor(site);
    const fixes: Record<string, GuardFix> = {};
    for (const guard of guards) {
      const fix = app.positions.lane.latestFix(guard.id);
      if (fix) fixes[guard.id] = fix;
    }
    const rankWall: number[] = [];
    const rankCpu: number[] = [];
    const straight: number[] = [];
    let ranked = 0;
    for (let index = 0; index < 300; index += 1) {
      const incident = { position: [10 + ((index * 97) % 400), 10 + ((index * 61) % 280)] as [number, number], floor: 0, zoneId: null };
      const cpu = process.cpuUsage();
      const start = performance.now();
      const ranking = rankGuards({ site, grid, guards: [...live.guards.values()], fixes, incident, now: new Date() });
      rankWall.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      rankCpu.push((used.user + used.system) / 1000);
      ranked = ranking.ranked.length;
      const baseline = performance.now();
      Object.values(fixes)
        .map((fix) => ({ id: fix.guardId, d: Math.hypot(fix.position[0] - incident.position[0], fix.position[1] - incident.position[1]) }))
        .sort((a, b) => a.d - b.d);
      straight.push(performance.now() - baseline);
    }
    const suggest: number[] = [];
    for (let index = 0; index < 50; index += 1) {
      const start = performance.now();
      const ack = await commander.timeout(10_000).emitWithAck('dispatch.suggest', { incidentId: incidentIds[index % incidentIds.length]! });
      if (ack.ok) suggest.push(performance.now() - start);
    }

    // 3. CPU of running step timers: an idle window before and after 1,000 pending steps.
    const idleCpu = async (seconds: number) => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      await sleep(seconds * 1000);
      const used = process.cpuUsage(cpu);
      return ((used.user + used.system) / 1000 / (performance.now() - start)) * 100;
    };
    stop.done = true;
    await walking;
    const pendingBefore = countPendingSteps(app);
    const before = await idleCpu(10);
    for (let index = 0; countPendingSteps(app) < 1000 && index < 500; index += 1) {
      const ack = await commander.timeout(10_000).emitWithAck('incident.open', {
        commandId: `bench-timers-${index}-${Date.now()}`,
        siteId: demoSite.id,
        alarmIds: [],
        type: 'fire',
        location: { position: [200, 150], floor: 0, zoneId: null },
        planId: 'fire',
      });
      if (!ack.ok) throw new Error(`incident.open: ${ack.error}`);
    }
    const pendingAfter = countPendingSteps(app);
    const after = await idleCpu(10);

    const heap = process.memoryUsage();
    console.log(`\nbench:incidents — ${options.screens} screens, ${options.guards} guards moving (1 fix/s each), ${options.incidents} incidents running the fire plan, ${options.db}`);
    console.log('\n1. To every screen (time until the last of them has it)');
    row('plan.completeStep → plan.stepCompleted', stepTimes);
    row('baseline: POST /alarms → alarm.raised', alarmTimes);
    console.log(`  ratio p50 ${(percentile(stepTimes, 50) / percentile(alarmTimes, 50)).toFixed(2)}, p99 ${(percentile(stepTimes, 99) / percentile(alarmTimes, 99)).toFixed(2)}`);
    console.log(`\n2. Ranking ${guards.length} guards by walking time (${ranked} ranked, grid ${grid.columns}×${grid.rows} of ${grid.cellSize} m)`);
    row('rankGuards, wall time', rankWall);
    row('rankGuards, CPU time', rankCpu);
    row('baseline: sort by straight line', straight);
    row('dispatch.suggest round trip on a socket', suggest);
    console.log(`  target p99 < 20 ms: ${percentile(rankWall, 99) < 20 ? 'met' : 'NOT met'} (wall), ${percentile(rankCpu, 99) < 20 ? 'met' : 'NOT met'} (CPU)`);
    console.log('\n3. Server CPU while idle (scheduler, positions lane, sockets; this process)');
    console.log(`  ${String(pendingBefore).padStart(5)} pending plan steps: ${before.toFixed(2)} % of a core`);
    console.log(`  ${String(pendingAfter).padStart(5)} pending plan steps: ${after.toFixed(2)} % of a core`);
    console.log(`\nheap used ${(heap.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(heap.rss / 2 ** 20).toFixed(1)} MiB\n`);
  } finally {
    stop.done = true;
    for (const socket of sockets) socket.disconnect();
    await app.close();
    await database.close();
    await drop();
  }
}

/** PGlite in memory, or a fresh database on the PostgreSQL of DATABASE_URL (dropped after). */
async function openTarget(db: Options['db']): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (db === 'pglite') return { target: { kind: 'pglite', dataDir: null }, drop: async () => {} };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vigil_bench_incidents_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: url.toString() }, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

function countPendingSteps(app: FastifyInstance): number {
  let pending = 0;
  for (const incident of app.broadcaster.snapshot('live').incidents.values()) {
    for (const state of Object.values(incident.plan?.states ?? {})) if (state.status === 'pending') pending += 1;
  }
  return pending;
}

async function waitForGuards(app: FastifyInstance, count: number): Promise<Record<string, GuardLive>> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const guards = app.broadcaster.snapshot('live').guards;
    const bench = Object.fromEntries([...guards.entries()].filter(([, guard]) => guard.callsign.startsWith('B') && guard.name.startsWith('Bench')));
    if (Object.keys(bench).length >= count) return bench;
    await sleep(100);
  }
  throw new Error('the guards did not reach the live projection');
}

function withTimeout(promise: Promise<number>, milliseconds: number): Promise<number> {
  return Promise.race([promise, sleep(milliseconds).then(() => Number.NaN)]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
