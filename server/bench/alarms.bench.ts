/**
 * Alarm latency: POST /api/v1/alarms → `alarm.raised` on every connected screen, against a
 * bare Socket.IO broadcast measured in the same run (DESIGN.md §8). A report: exits 0 whatever
 * the figures (1 only when the bench itself breaks).
 *
 *   pnpm bench:alarms [--clients 50] [--rate 20] [--duration 15] [--db pglite|postgres]
 *   (or BENCH_CLIENTS, BENCH_RATE, BENCH_DURATION, BENCH_DB; postgres uses DATABASE_URL)
 *
 * Server, database (PGlite runs in-process) and clients share one process and one clock, so
 * client-side work competes with the server for the same event loop: the figures are an upper bound.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Server, type Server as IoServer } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AlarmIngestBody, type ClientToServerEvents, type DomainEvent, type HandshakeAuth, type ServerToClientEvents } from '@vigil/shared';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/client.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { buildSite } from '../test/helpers/factories.js';

const ADMIN_PASSWORD = 'bench-admin-password';
const INGEST_KEY = 'bench-ingest-key-0123456789';
const WARM_UP_SECONDS = 1;
const DRAIN_TIMEOUT_MS = 5_000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 3;

interface Options { clients: number; rate: number; duration: number; db: 'pglite' | 'postgres' }

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { clients: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, db: { type: 'string' } },
  });
  const positive = (raw: string | undefined, name: string, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  const db = values.db ?? process.env.BENCH_DB ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db: must be pglite or postgres');
  return {
    clients: Math.round(positive(values.clients ?? process.env.BENCH_CLIENTS, 'clients', 50)),
    rate: positive(values.rate ?? process.env.BENCH_RATE, 'rate', 20),
    duration: positive(values.duration ?? process.env.BENCH_DURATION, 'duration', 15),
    db,
  };
}

/** One timed burst of messages: when each was sent, broadcast, and received by each client. */
class Run {
  readonly sentAt: Float64Array;
  readonly broadcastAt: Float64Array;
  private readonly seen: Uint8Array;
  readonly latencies: number[] = [];
  readonly toBroadcast: number[] = [];
  readonly fromBroadcast: number[] = [];
  readonly broadcastCost: number[] = [];
  readonly responses: number[] = [];
  readonly sendLag: number[] = [];
  failures = 0;
  firstFailure = '';
  lastReceipt = 0;

  constructor(readonly name: string, readonly total: number, readonly clients: number) {
    this.sentAt = new Float64Array(total).fill(Number.NaN);
    this.broadcastAt = new Float64Array(total).fill(Number.NaN);
    this.seen = new Uint8Array(total * clients);
  }

  key(index: number): string {
    return `${this.name}:${index}`;
  }

  private indexOf(key: string): number | undefined {
    const [name, index] = key.split(':');
    const value = Number(index);
    return name === this.name && Number.isInteger(value) && value >= 0 && value < this.total ? value : undefined;
  }

  broadcast(key: string, start: number, end: number): void {
    const index = this.indexOf(key);
    if (index === undefined || !Number.isNaN(this.broadcastAt[index] ?? 0)) return;
    this.broadcastAt[index] = start;
    this.toBroadcast.push(start - (this.sentAt[index] ?? start));
    this.broadcastCost.push(end - start);
  }

  receive(key: string, client: number, now: number): void {
    const index = this.indexOf(key);
    if (index === undefined || this.seen[index * this.clients + client]) return;
    this.seen[index * this.clients + client] = 1;
    this.latencies.push(now - (this.sentAt[index] ?? now));
    const broadcastAt = this.broadcastAt[index] ?? Number.NaN;
    if (!Number.isNaN(broadcastAt)) this.fromBroadcast.push(now - broadcastAt);
    this.lastReceipt = Math.max(this.lastReceipt, now);
  }

  get complete(): boolean {
    return this.latencies.length === this.total * this.clients;
  }

  /** Deliveries per second, from the first send to the last receipt. */
  get throughput(): number {
    const first = this.sentAt[0] ?? 0;
    return this.latencies.length / Math.max(1e-9, (this.lastReceipt - first) / 1000);
  }
}

/** Sends `total` messages at `rate` per second by the wall clock, not back-to-back. */
async function drive(run: Run, rate: number, send: (index: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < run.total; index += 1) {
    const due = start + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    run.sendLag.push(performance.now() - due);
    pending.push(send(index));
  }
  await Promise.all(pending);
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (!run.complete && performance.now() < deadline) await sleep(5);
}

/** Records when the server hands each tagged message to Socket.IO, and how long the fan-out takes. */
function observeBroadcasts(io: IoServer, keyOf: (data: unknown) => string | undefined, onBroadcast: (key: string, start: number, end: number) => void): void {
  const adapter = io.of('/').adapter;
  const original = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet: { data?: unknown }, opts) => {
    const start = performance.now();
    original(packet, opts);
    const [, payload] = Array.isArray(packet.data) ? (packet.data as unknown[]) : [];
    const key = keyOf(payload);
    if (key) onBroadcast(key, start, performance.now());
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function stats(values: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`timed out waiting for ${what}`)))]);
}

// ---- Vigil -------------------------------------------------------------------------------

type VigilSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const MESSAGE_PREFIX = 'Bench alarm ';

function keyOfEvent(data: unknown): string | undefined {
  const event = data as Partial<DomainEvent> | undefined;
  if (event?.type !== 'alarm.raised' || !event.payload || !('alarm' in event.payload)) return undefined;
  const message = event.payload.alarm.message;
  return message.startsWith(MESSAGE_PREFIX) ? message.slice(MESSAGE_PREFIX.length) : undefined;
}

async function openTarget(kind: Options['db']): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { target: { kind: 'pglite', dataDir: null }, drop: async () => undefined };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vigil_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: url.toString() }, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

interface VigilResult { warm: Run; run: Run; memoryStart: NodeJS.MemoryUsage; memoryEnd: NodeJS.MemoryUsage; sample: DomainEvent | null }

async function benchVigil(options: Options): Promise<VigilResult> {
  const { target, drop } = await openTarget(options.db);
  let database: Database | undefined;
  const sockets: VigilSocket[] = [];
  try {
    database = await openDatabase(target);
    await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, ingestApiKey: INGEST_KEY, demoSite: buildSite() });
    const app = await buildApp({ database, logger: false });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0];
      if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);

      let current = new Run('warm', Math.ceil(options.rate * WARM_UP_SECONDS), options.clients);
      let sample: DomainEvent | null = null;
      observeBroadcasts(app.io, keyOfEvent, (key, start, end) => current.broadcast(key, start, end));
      const synced = Array.from({ length: options.clients }, (_, client) => new Promise<void>((resolve, reject) => {
        const socket: VigilSocket = connect(url, {
          transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie },
          auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 } satisfies HandshakeAuth,
        });
        sockets.push(socket);
        socket.on('event', (event) => {
          const now = performance.now();
          const key = keyOfEvent(event);
          if (key) current.receive(key, client, now);
          sample ??= event;
        });
        socket.once('sync', () => resolve());
        socket.once('connect_error', reject);
      }));
      await withTimeout(Promise.all(synced), 30_000, `${options.clients} syncs`);

      const post = async (run: Run, index: number): Promise<void> => {
        const body: AlarmIngestBody = {
          source: { externalId: `bench-${run.key(index)}` }, siteId: 'test', kind: 'intrusion', priority: 2,
          message: `${MESSAGE_PREFIX}${run.key(index)}`,
        };
        const t0 = performance.now();
        run.sentAt[index] = t0;
        const response = await fetch(`${url}/api/v1/alarms`, {
          method: 'POST',
          headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        run.responses.push(performance.now() - t0);
        if (response.status === 201) return;
        run.failures += 1;
        run.firstFailure ||= `${response.status} ${text.slice(0, 200)}`;
      };
      const warm = current;
      await drive(warm, options.rate, (index) => post(warm, index));
      const run = new Run('run', Math.round(options.rate * options.duration), options.clients);
      current = run;
      const memoryStart = process.memoryUsage();
      await drive(run, options.rate, (index) => post(run, index));
      const memoryEnd = process.memoryUsage();
      return { warm, run, memoryStart, memoryEnd, sample };
    } finally {
      sockets.forEach((socket) => socket.disconnect());
      await app.close();
    }
  } finally {
    await database?.close();
    await drop();
  }
}

// ---- Bare Socket.IO baseline ---------------------------------------------------------------

interface Tick { key: string; event: DomainEvent | null }
interface BareServerEvents { tick: (tick: Tick) => void }
interface BareClientEvents { trigger: (tick: Tick) => void }

async function benchBare(options: Options, sample: DomainEvent | null): Promise<Run> {
  const http = createServer();
  const io = new Server<BareClientEvents, BareServerEvents>(http, { serveClient: false });
  io.on('connection', (socket) => socket.on('trigger', (tick) => socket.broadcast.emit('tick', tick)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const sockets: Socket<BareServerEvents, BareClientEvents>[] = [];
  const open = (onTick?: (tick: Tick, now: number) => void) => new Promise<Socket<BareServerEvents, BareClientEvents>>((resolve, reject) => {
    const socket: Socket<BareServerEvents, BareClientEvents> = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    if (onTick) socket.on('tick', (tick) => onTick(tick, performance.now()));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
  try {
    let current = new Run('warm', Math.ceil(options.rate * WARM_UP_SECONDS), options.clients);
    observeBroadcasts(io, (data) => (data as Partial<Tick> | undefined)?.key, (key, start, end) => current.broadcast(key, start, end));
    await withTimeout(Promise.all(Array.from({ length: options.clients }, (_, client) => open((tick, now) => current.receive(tick.key, client, now)))), 30_000, 'bare clients');
    const trigger = await open();
    const emit = (run: Run) => async (index: number): Promise<void> => {
      run.sentAt[index] = performance.now();
      trigger.emit('trigger', { key: run.key(index), event: sample });
    };
    await drive(current, options.rate, emit(current));
    current = new Run('run', Math.round(options.rate * options.duration), options.clients);
    await drive(current, options.rate, emit(current));
    return current;
  } finally {
    sockets.forEach((socket) => socket.disconnect());
    await io.close();
  }
}

// ---- Report ------------------------------------------------------------------------------

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1)).padStart(8);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function row(label: string, values: number[], throughput?: number): string {
  const s = stats(values);
  return `  ${label.padEnd(34)}${String(s.count).padStart(8)}${ms(s.p50)}${ms(s.p99)}${ms(s.max)}${throughput === undefined ? '' : throughput.toFixed(0).padStart(10)}`;
}

async function main(): Promise<void> {
  const options = readOptions();
  const dbLabel = options.db === 'pglite' ? 'PGlite in memory (in-process)' : 'PostgreSQL (throwaway database)';
  process.stdout.write(`Vigil alarm latency: ${options.clients} clients, ${options.rate} alarms/s for ${options.duration} s, ${dbLabel}\n`);
  process.stdout.write(`(${WARM_UP_SECONDS} s warm-up before each measurement, not counted; Node ${process.version})\n\n`);
  const vigil = await benchVigil(options);
  const bare = await benchBare(options, vigil.sample);
  const { run } = vigil;
  const vigilP99 = stats(run.latencies).p99;
  const bareP99 = stats(bare.latencies).p99;
  const ratio = vigilP99 / bareP99;

  const out = [
    `  ${''.padEnd(34)}${'count'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'msgs/s'.padStart(10)}   (ms)`,
    row('Vigil: POST → every client', run.latencies, run.throughput),
    row('  POST sent → server broadcast', run.toBroadcast),
    row('  broadcast call (encode + write)', run.broadcastCost),
    row('  server broadcast → client', run.fromBroadcast),
    row('  POST response (201 after commit)', run.responses),
    row('  send lag behind schedule', run.sendLag),
    row('Bare Socket.IO: emit → every client', bare.latencies, bare.throughput),
    row('  client emit → server broadcast', bare.toBroadcast),
    row('  broadcast call (encode + write)', bare.broadcastCost),
    row('  server broadcast → client', bare.fromBroadcast),
    '',
    `  Delivered: Vigil ${run.latencies.length}/${run.total * run.clients}, bare ${bare.latencies.length}/${bare.total * bare.clients}; POST failures (non-201): ${run.failures + vigil.warm.failures}${run.firstFailure || vigil.warm.firstFailure ? `, first: ${run.firstFailure || vigil.warm.firstFailure}` : ''}`,
    `  Ratio Vigil p99 / bare p99: ${ratio.toFixed(2)}×`,
    `  Memory of this process (server in-process; the ${options.clients} clients and the bench share it${options.db === 'pglite' ? ', and so does PGlite' : ''}):`,
    `    start (clients synced, warm-up done): RSS ${mb(vigil.memoryStart.rss)}, heap used ${mb(vigil.memoryStart.heapUsed)}`,
    `    end (last alarm delivered):           RSS ${mb(vigil.memoryEnd.rss)}, heap used ${mb(vigil.memoryEnd.heapUsed)}`,
    '',
    `  ${vigilP99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}  p99 < ${TARGET_P99_MS} ms (${vigilP99.toFixed(1)} ms)`,
    `  ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}  p99 within ${TARGET_RATIO}× of bare Socket.IO p99 (${ratio.toFixed(2)}×)`,
    `  ${run.complete ? 'PASS' : 'FAIL'}  every alarm reached every client`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
