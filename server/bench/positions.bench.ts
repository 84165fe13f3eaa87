/**
 * Tracker fixes over HTTP, as trackers send them: `POST /osmand/<token>?id=…` to a Vigil on a
 * real PostgreSQL, one keep-alive connection per tracker, at stepped rates; and, in the same
 * run and driven by the same load generator, a baseline: a bare Fastify route that parses the
 * request and stores nothing. A report: exits 0 whatever the figures (1 when the bench breaks).
 *
 *   pnpm bench:positions [--trackers 2000] [--rates 1000,2000,4000,8000] [--seconds 10] [--profile server.cpuprofile]
 *   (PostgreSQL at DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch
 *    database is created and dropped)
 *
 * This process is the server (so `process.cpuUsage()` is the server's CPU); the trackers and
 * one socket.io client run in a child process (positions.trackers.ts). Per step it prints fixes
 * per second submitted, acknowledged (200: stored) and stored (rows counted), refusals (503 with
 * Retry-After when the write buffer is full), POST latency p50/p99, fix sent → socket frame
 * p99 (frames are paced at ≤4/s per site: ~250 ms of it is the pacing), and server CPU µs per fix.
 * The old lane-level bench (no HTTP) is `pnpm bench:positions-lane`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { guards } from '../src/db/schema/index.js';
import { LISTEN_BACKLOG } from '../src/ingest/osmand-listener.js';
import { sha256 } from '../src/lib/tokens.js';
import { countPositions } from '../src/repositories/positions.repository.js';
import { lastSeq } from '../src/repositories/events.repository.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { demoSite } from '../src/sim/demo-site.js';
import type { GeneratorCommand, GeneratorMessage, StepResult, TrackerSpec } from './positions.trackers.js';

const ADMIN_PASSWORD = 'bench-admin-password';
const HERE = dirname(fileURLToPath(import.meta.url));

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { trackers: { type: 'string' }, rates: { type: 'string' }, seconds: { type: 'string' }, profile: { type: 'string' } },
  });
  const positive = (raw: string, name: string) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  return {
    trackers: Math.round(positive(values.trackers ?? '2000', 'trackers')),
    rates: (values.rates ?? '1000,2000,4000,8000').split(',').map((rate) => positive(rate, 'rates')),
    seconds: positive(values.seconds ?? '10', 'seconds'),
    /** A .cpuprofile of the server during the Vigil steps only (open it in Chrome DevTools). */
    profile: values.profile ?? null,
  };
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vigil_bench_http_${Date.now().toString(36)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** The baseline: the same URL shape, parsed by Fastify (route, query string), answered 200, nothing stored. */
async function bareRoute(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  const handler = async (request: { query: unknown }) => {
    const query = request.query as Record<string, string>;
    return query.id ? '' : 'no id';
  };
  app.post('/osmand/:token', handler);
  app.get('/osmand/:token', handler);
  const url = await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  return { app, url };
}

class Generator {
  private readonly child: ChildProcess;
  private pending: { resolve: (message: GeneratorMessage) => void; reject: (error: Error) => void } | null = null;

  constructor() {
    this.child = fork(join(HERE, 'positions.trackers.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: GeneratorMessage) => {
      const pending = this.pending;
      this.pending = null;
      if (message.kind === 'error') pending?.reject(new Error(`load generator: ${message.error}`));
      else pending?.resolve(message);
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`load generator exited (${code})`)));
  }

  ask(command: GeneratorCommand): Promise<GeneratorMessage> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(command);
    });
  }

  async step(url: string, rate: number, seconds: number, frames: boolean): Promise<StepResult> {
    const message = await this.ask({ kind: 'step', url, rate, seconds, frames });
    if (message.kind !== 'result') throw new Error('load generator: expected a result');
    return message.result;
  }

  close(): void {
    this.child.send({ kind: 'exit' } satisfies GeneratorCommand);
  }
}

const ms = (value: number | null) => (value === null || Number.isNaN(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const pad = (text: string | number, width: number) => String(text).padStart(width);

async function main(): Promise<void> {
  const config = options();
  const scratch = await scratchDatabase();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  const lines: string[] = [];
  const out = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  let generator: Generator | null = null;
  let bare: { app: FastifyInstance; url: string } | null = null;
  let app: FastifyInstance | null = null;
  try {
    await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, demoSite });
    const specs: TrackerSpec[] = [];
    const rows = [];
    for (let i = 0; i < config.trackers; i += 1) {
      const token = `bench-token-${i.toString().padStart(6, '0')}-xxxxxxxx`;
      specs.push({ trackerId: `trk-${i}`, token, guardId: `bench-${i}` });
      rows.push({ id: `bench-${i}`, siteId: demoSite.id, callsign: `B${i}`, name: `Guard ${i}`, status: 'available' as const, onShift: true, trackerId: `trk-${i}`, trackerTokenHash: sha256(token), userId: null, zoneIds: [] });
    }
    for (let i = 0; i < rows.length; i += 500) await database.db.insert(guards).values(rows.slice(i, i + 500));
    app = await buildApp({ database, logger: { level: 'warn' } });
    const vigilUrl = await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
    bare = await bareRoute();
    const login = await fetch(`${vigilUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    generator = new Generator();
    await generator.ask({ kind: 'setup', trackers: specs, vigilUrl, cookie });

    out('');
    out(`OsmAnd over HTTP: ${config.trackers} trackers, one keep-alive connection each, POST /osmand/<token>?id=…; ${config.seconds} s per step; PostgreSQL`);
    out(`${pad('target', 9)} ${pad('rate', 6)} ${pad('submitted/s', 12)} ${pad('acked/s', 8)} ${pad('stored/s', 9)} ${pad('503', 6)} ${pad('other', 6)} ${pad('POST p50', 9)} ${pad('p99 ms', 7)} ${pad('frame p99', 10)} ${pad('µs CPU/fix', 11)} ${pad('lag p99', 8)} ${pad('gen CPU', 8)}`);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const row = (target: string, rate: number, result: StepResult, stored: number | null, cpuUs: number) =>
      out(
        `${pad(target, 9)} ${pad(rate, 6)} ${pad((result.sent / result.seconds).toFixed(0), 12)} ${pad((result.acked / result.seconds).toFixed(0), 8)} ${pad(stored === null ? '—' : (stored / result.seconds).toFixed(0), 9)} ${pad(result.refused, 6)} ${pad(result.failed, 6)} ${pad(ms(result.latencyP50), 9)} ${pad(ms(result.latencyP99), 7)} ${pad(ms(result.frameP99), 10)} ${pad(cpuUs.toFixed(0), 11)} ${pad(ms(lag.percentile(99) / 1e6), 8)} ${pad(`${(result.generatorCpu * 100).toFixed(0)}%`, 8)}`,
      );
    const checks: string[] = [];
    let events = 0;
    const inserted: string[] = [];

    // Warm-up (JIT, the tracker cache, the pool, each guard's first zones): every tracker twice, not reported.
    const warmUpSeconds = Math.max(2, (2 * config.trackers) / 1000);
    await generator.step(bare.url, 1000, warmUpSeconds, false);
    await generator.step(vigilUrl, 1000, warmUpSeconds, false);
    await app.positions.lane.flush();

    for (const rate of config.rates) {
      const cpu = process.cpuUsage();
      lag.reset();
      const result = await generator.step(bare.url, rate, config.seconds, false);
      const used = process.cpuUsage(cpu);
      row('baseline', rate, result, null, ((used.user + used.system) / Math.max(1, result.acked)));
    }
    const session = config.profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    for (const rate of config.rates) {
      const before = await countPositions(database.db);
      const seqBefore = await lastSeq(database.db);
      const cpu = process.cpuUsage();
      const writes = app.positions.lane.writeStats;
      lag.reset();
      const result = await generator.step(vigilUrl, rate, config.seconds, true);
      await app.positions.lane.flush();
      const used = process.cpuUsage(cpu);
      const stored = (await countPositions(database.db)) - before;
      row('vigil', rate, result, stored, (used.user + used.system) / Math.max(1, result.acked));
      events += (await lastSeq(database.db)) - seqBefore;
      const wrote = app.positions.lane.writeStats;
      const inserts = wrote.inserts - writes.inserts;
      inserted.push(`${rate}/s: ${inserts} inserts, ${((wrote.rows - writes.rows) / Math.max(1, inserts)).toFixed(0)} rows and ${((wrote.ms - writes.ms) / Math.max(1, inserts)).toFixed(1)} ms each`);
      if (stored < result.acked) checks.push(`rate ${rate}: ${result.acked} fixes acked but only ${stored} rows stored`);
      if (result.failed > 0) checks.push(`rate ${rate}: ${result.failed} answers neither 200 nor 503 (${JSON.stringify(result.statuses)})`);
    }
    if (session && config.profile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(config.profile, JSON.stringify(profile));
      session.disconnect();
    }
    out('  submitted: fixes sent per second (a tracker waits for each answer, so a slow server lowers it); acked: 200 (stored);');
    out('  stored: rows counted in the table after the step; frame p99: fix sent → the socket frame carrying it (≤4 frames/s per site)');
    out('  µs CPU/fix: this server process (user+system) per acked fix, write batches included; lag p99: its event-loop delay (ms);');
    out('  gen CPU: the load generator, share of a core');
    out(checks.length === 0 ? '  every acknowledged fix was stored' : `  CHECKS FAILED: ${checks.join('; ')}`);
    out(`  events appended to the log while measuring: ${events} (trackers walk circles inside one set of zones: fixes, not zone events, are measured)`);
    out(`  batched inserts (mean): ${inserted.join('; ')}`);
    out(`  tracker cache: ${app.trackers.directory.hits} hits, ${app.trackers.directory.misses} misses`);
  } finally {
    generator?.close();
    await bare?.app.close();
    await app?.close();
    await database.close();
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
