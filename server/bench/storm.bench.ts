/**
 * Alarm storm on one node: 100, 300 and 1,000 alarms/s POSTed to Vigil for `--duration` seconds
 * each, to `--clients` screens, on PostgreSQL and on PGlite. For each rate it prints POST → every
 * screen p50/p99, the POSTs that failed (503 busy included), how many alarms were stored, and,
 * measured in the same run, two baselines: bare Socket.IO (the same fan-out with no Vigil in
 * it) and plain inserts of the same rows (an alarm row and its event row, autocommit, no lock)
 * into the same database. A report: exits 0 whatever the figures (1 only when the bench breaks).
 *
 *   pnpm bench:storm [--db pglite|postgres|both] [--rates 100,300,1000] [--duration 15] [--clients 50] [--profile server.cpuprofile]
 *   (postgres: a scratch database made next to DATABASE_URL's, dropped afterwards)
 *
 * The server (and PGlite, until it runs off the main thread) is this process; the screens and the
 * sender run in a child process (alarms.clients.ts, shared with bench:alarms), so generating the
 * load does not share the server's event loop. Both still share the machine's cores.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/db/client.js';
import { alarms, events } from '../src/db/schema/index.js';
import { newAlarmRow } from '../src/repositories/alarms.repository.js';
import { presentAlarm } from '../src/presenters/alarm.presenter.js';
import { appendQueueOf } from '../src/services/append-queue.js';
import {
  BroadcastLog, CONNECT_TIMEOUT_MS, INGEST_KEY_FOR_BENCH,
  benchBare, measure, observeBroadcasts, openTarget, startBenchVigil, stats, summarize, type Measurement, type Options,
} from './alarms.bench.js';
import { clock, keyOfEvent, MESSAGE_PREFIX, type PhaseName } from './alarms.protocol.js';

type DbKind = Options['db'];
const TARGET_P99_MS = 1_000;
const TARGETS: Record<DbKind, number> = { postgres: 1_000, pglite: 300 };
/** Plain inserts in flight at once: a pool's worth on PostgreSQL; PGlite runs one at a time whatever is asked. */
const PLAIN_CONCURRENCY = 8;
/** A storm can leave a backlog: the screens get this long after the last POST to receive everything. */
const STORM_DRAIN_MS = 30_000;

interface StormOptions {
  dbs: DbKind[];
  rates: number[];
  duration: number;
  clients: number;
  /** A .cpuprofile of the server during the Vigil steps only (the last rate's overwrites the others'). */
  profile: string | null;
}

function readOptions(): StormOptions {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { db: { type: 'string' }, rates: { type: 'string' }, duration: { type: 'string' }, clients: { type: 'string' }, profile: { type: 'string' } },
  });
  const positive = (raw: string, name: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number, not "${raw}"`);
    return value;
  };
  const db = values.db ?? process.env.BENCH_DB ?? 'both';
  if (db !== 'pglite' && db !== 'postgres' && db !== 'both') throw new Error('--db: must be pglite, postgres or both');
  return {
    dbs: db === 'both' ? ['postgres', 'pglite'] : [db],
    rates: (values.rates ?? '100,300,1000').split(',').map((raw) => positive(raw.trim(), 'rates')),
    duration: positive(values.duration ?? process.env.BENCH_DURATION ?? '15', 'duration'),
    clients: Math.round(positive(values.clients ?? process.env.BENCH_CLIENTS ?? '50', 'clients')),
    profile: values.profile ?? null,
  };
}

interface VigilRun {
  measurement: Measurement;
  stored: number;
  maxDepth: number;
  batches: number;
  plain: { rows: number; seconds: number; latencies: number[]; errors: number };
}

const count = async (db: Db, prefix: string) =>
  Number(((await db.execute(sql`select count(*)::int as n from alarms where message like ${`${prefix}%`}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

/** The same rows as an alarm POST stores (an alarm and its `alarm.raised` event), as plain autocommit inserts, back to back. */
async function plainInserts(db: Db, rows: number, concurrency: number): Promise<VigilRun['plain']> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = clock();
  const worker = async () => {
    while (next < rows) {
      const index = next++;
      const now = new Date();
      const row = newAlarmRow({
        id: randomUUID(), siteId: 'test', stream: 'live', dedupKey: `plain-${index}`, kind: 'intrusion', priority: 2,
        source: { externalId: `plain-${index}` }, deviceId: null, zoneId: null, message: `Plain alarm ${index}`, attributes: {}, occurredAt: now, at: now,
      });
      const t0 = clock();
      try {
        await db.insert(alarms).values(row);
        await db.insert(events).values({ stream: 'live', at: now, siteId: 'test', type: 'alarm.raised', actor: { kind: 'integration', id: 'plain', name: 'plain' }, payload: { alarm: presentAlarm(row) } });
        latencies.push(clock() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rows, seconds: (clock() - started) / 1000, latencies, errors };
}

async function benchVigil(kind: DbKind, rate: number, options: StormOptions): Promise<VigilRun> {
  const { target, drop } = await openTarget(kind);
  let database: Database | undefined;
  try {
    database = await openDatabase(target);
    const { app, url, cookie } = await startBenchVigil(database);
    try {
      const totals: Record<PhaseName, number> = { warm: Math.ceil(rate), run: Math.round(rate * options.duration) };
      const broadcasts = new BroadcastLog(totals);
      observeBroadcasts(app.io, keyOfEvent, broadcasts);
      const queue = appendQueueOf(database.db);
      let maxDepth = 0;
      const sampler = setInterval(() => (maxDepth = Math.max(maxDepth, queue.depth)), 20);
      const batchesBefore = queue.batches;
      let measurement: Measurement;
      const session = options.profile ? new Session() : null;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      try {
        measurement = await measure({
          target: 'vigil', url, cookie, ingestKey: INGEST_KEY_FOR_BENCH, clients: options.clients, rate, totals,
          connectTimeoutMs: CONNECT_TIMEOUT_MS, drainTimeoutMs: STORM_DRAIN_MS,
        }, broadcasts);
      } finally {
        clearInterval(sampler);
        if (session && options.profile) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(options.profile, JSON.stringify(profile));
          session.disconnect();
        }
      }
      const batches = queue.batches - batchesBefore;
      const stored = await count(database.db, `${MESSAGE_PREFIX}run:`);
      const plain = await plainInserts(database.db, totals.run, kind === 'postgres' ? PLAIN_CONCURRENCY : 1);
      return { measurement, stored, maxDepth, batches, plain };
    } finally {
      await app.close();
    }
  } finally {
    await database?.close();
    await drop();
  }
}

const f = (value: number, digits = 1) => (Number.isNaN(value) ? '—' : value.toFixed(digits));

async function main(): Promise<void> {
  const options = readOptions();
  process.stdout.write(`Vigil alarm storm: ${options.clients} screens, ${options.rates.join(' / ')} alarms/s for ${options.duration} s each (+1 s warm-up), on ${options.dbs.join(' and ')}\n`);
  process.stdout.write(`(sender and screens in a child process; Node ${process.version}, ${availableParallelism()} cores; targets: p99 < ${TARGET_P99_MS} ms, nothing refused, every alarm stored once, at 1,000/s on PostgreSQL and 300/s on PGlite)\n`);
  const verdicts: string[] = [];
  for (const kind of options.dbs) {
    process.stdout.write(`\n== ${kind === 'postgres' ? 'PostgreSQL (scratch database)' : 'PGlite in memory (on its worker thread)'} ==\n`);
    process.stdout.write(`  ${'rate/s'.padStart(6)} | ${'Vigil POST→screen p50 / p99 (ms)'.padEnd(33)} | ${'POST p99'.padStart(8)} | ${'errors'.padStart(6)} | ${'stored'.padStart(13)} | ${'delivered'.padStart(9)} | ${'batches (mean size, max queue)'.padEnd(30)} | ${'bare p50 / p99'.padEnd(15)} | plain inserts (rows/s, p99 ms)\n`);
    for (const rate of options.rates) {
      let vigil: VigilRun;
      try {
        vigil = await benchVigil(kind, rate, options);
      } catch (error) {
        // A rate the node cannot take at all (the sender or the screens gave up): reported, and the bench goes on.
        process.stdout.write(`  ${String(rate).padStart(6)} | broke: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
        if (rate === TARGETS[kind]) verdicts.push(`  FAIL  ${kind} at ${rate}/s: the run broke`);
        continue;
      }
      const bare = await benchBare({ clients: options.clients, rate, duration: options.duration, db: kind }, vigil.measurement.sample);
      const run = summarize(vigil.measurement.run, vigil.measurement.broadcasts);
      const warm = summarize(vigil.measurement.warm, vigil.measurement.broadcasts);
      const base = summarize(bare.run, bare.broadcasts);
      const v = stats(run.latencies);
      const b = stats(base.latencies);
      const post = stats(run.responses);
      const lag = stats(run.sendLag);
      const plain = stats(vigil.plain.latencies);
      const total = vigil.measurement.run.total;
      const errors = run.failures;
      const delivered = run.latencies.length / Math.max(1, run.expected);
      const appends = total + vigil.measurement.warm.total;
      process.stdout.write(
        `  ${String(rate).padStart(6)} | ${`${f(v.p50)} / ${f(v.p99)}`.padEnd(33)} | ${f(post.p99).padStart(8)} | ${String(errors).padStart(6)} | ${`${vigil.stored}/${total}`.padStart(13)} | ${`${f(delivered * 100, 1)}%`.padStart(9)} | ${`${vigil.batches} (${f(appends / Math.max(1, vigil.batches))}, ${vigil.maxDepth})`.padEnd(30)} | ${`${f(b.p50)} / ${f(b.p99)}`.padEnd(15)} | ${f(vigil.plain.rows / vigil.plain.seconds, 0)}/s, ${f(plain.p99)}${vigil.plain.errors ? `, ${vigil.plain.errors} errors` : ''}\n`,
      );
      const failure = run.firstFailure || warm.firstFailure;
      if (failure) process.stdout.write(`         first POST failure: ${failure}\n`);
      if (lag.p99 > 100) process.stdout.write(`         (the sender fell behind its schedule: send lag p99 ${f(lag.p99)} ms, so the offered rate was lower)\n`);
      const load = vigil.measurement;
      process.stdout.write(`         server: event loop ${f(load.server.usage.eventLoop * 100, 0)}% busy, CPU ${f(load.server.usage.cpu * 100, 0)}%; clients CPU ${f(load.clients.usage.cpu * 100, 0)}%; machine ${f(load.machine * 100, 0)}% (100% = one core)\n`);
      if (rate === TARGETS[kind]) {
        const ok = v.p99 < TARGET_P99_MS && errors === 0 && vigil.stored === total && run.complete;
        verdicts.push(`  ${ok ? 'PASS' : 'FAIL'}  ${kind} at ${rate}/s: p99 ${f(v.p99)} ms (< ${TARGET_P99_MS}), ${errors} refused or failed, ${vigil.stored}/${total} stored, ${f(delivered * 100, 1)}% delivered`);
      }
    }
  }
  if (verdicts.length > 0) process.stdout.write(`\n${verdicts.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
