/**
 * Alarm latency: POST /api/v1/alarms → `alarm.raised` on every connected screen, against a
 * bare Socket.IO broadcast measured in the same run (DESIGN.md §8). A report: exits 0 whatever
 * the figures (1 only when the bench itself breaks).
 *
 *   pnpm bench:alarms [--clients 50] [--rate 20] [--duration 15] [--db pglite|postgres]
 *   (or BENCH_CLIENTS, BENCH_RATE, BENCH_DURATION, BENCH_DB; postgres uses DATABASE_URL)
 *
 * This process is the server side only: the real app (`buildApp`; PGlite runs in it too) and,
 * afterwards, a bare Socket.IO server. The measuring side — the N clients and the sender (HTTP
 * POSTs for Vigil, a socket emit for the baseline) — runs in a child process per measurement
 * (alarms.clients.ts), as screens on other machines would, so their receive work does not hold up
 * the server's event loop. Both measurements are set up the same way. End-to-end times are taken
 * by the client process alone, on one clock; the server-side breakdown rows subtract times from
 * both processes, read from the host's monotonic clock (`clock()` in alarms.protocol.ts). The two
 * processes still share the machine's cores.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Server, type Server as IoServer } from 'socket.io';
import type { DomainEvent } from '@vigil/shared';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/client.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { buildSite } from '../test/helpers/factories.js';
import {
  clock, isMessage, keyOfEvent, markUsage, parseKey, PHASES, usageSince,
  type BareClientEvents, type BareServerEvents, type ChildMessage, type ClientsConfig, type ParentMessage, type PhaseName, type PhaseRecord, type Tick, type Usage,
} from './alarms.protocol.js';

const ADMIN_PASSWORD = 'bench-admin-password';
const INGEST_KEY = 'bench-ingest-key-0123456789';
const WARM_UP_SECONDS = 1;
export const INGEST_KEY_FOR_BENCH = INGEST_KEY;
export const CONNECT_TIMEOUT_MS = 30_000;
export const DRAIN_TIMEOUT_MS = 5_000;
/** Headroom for starting the client process (tsx compiles it) and for its reports. */
const CHILD_SLACK_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 3;
const CLIENTS_SCRIPT = fileURLToPath(new URL('./alarms.clients.ts', import.meta.url));

export interface Options { clients: number; rate: number; duration: number; db: 'pglite' | 'postgres' }

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

function totalsOf(options: Options): Record<PhaseName, number> {
  return { warm: Math.ceil(options.rate * WARM_UP_SECONDS), run: Math.round(options.rate * options.duration) };
}

// ---- Server side: when each tagged message is handed to Socket.IO ---------------------------

/** Per phase and message: when the server started the broadcast, and when the call returned (`clock()`). */
export class BroadcastLog {
  private readonly start: Record<PhaseName, Float64Array>;
  private readonly end: Record<PhaseName, Float64Array>;

  constructor(private readonly totals: Record<PhaseName, number>) {
    const filled = () => Object.fromEntries(PHASES.map((phase) => [phase, new Float64Array(totals[phase]).fill(Number.NaN)])) as Record<PhaseName, Float64Array>;
    this.start = filled();
    this.end = filled();
  }

  record(key: string, start: number, end: number): void {
    const tag = parseKey(key, this.totals);
    if (!tag || !Number.isNaN(this.start[tag.phase][tag.index] ?? 0)) return;
    this.start[tag.phase][tag.index] = start;
    this.end[tag.phase][tag.index] = end;
  }

  startOf(phase: PhaseName, index: number): number {
    return this.start[phase][index] ?? Number.NaN;
  }

  endOf(phase: PhaseName, index: number): number {
    return this.end[phase][index] ?? Number.NaN;
  }
}

/** Records when the server hands each tagged message to Socket.IO, and how long the fan-out takes. */
export function observeBroadcasts(io: IoServer, keyOf: (data: unknown) => string | undefined, log: BroadcastLog): void {
  const adapter = io.of('/').adapter;
  const original = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet: { data?: unknown }, opts) => {
    const start = clock();
    original(packet, opts);
    const [, payload] = Array.isArray(packet.data) ? (packet.data as unknown[]) : [];
    const key = keyOf(payload);
    if (key) log.record(key, start, clock());
  };
}

// ---- The machine -------------------------------------------------------------------------

/** Busy and total CPU time summed over every core since boot (ms), as the kernel counts it. */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

/** How many cores' worth of CPU the whole machine used since `mark` (every process, this bench's included). */
export function machineSince(mark: { busy: number; total: number }): number {
  const now = machineTimes();
  const total = now.total - mark.total;
  return total > 0 ? ((now.busy - mark.busy) / total) * cpus().length : Number.NaN;
}

// ---- The client process ------------------------------------------------------------------

/** The forked alarms.clients.ts, with its messages queued until asked for. */
export class ClientsProcess {
  private readonly child: ChildProcess;
  private readonly inbox: ChildMessage[] = [];
  private readonly exited: Promise<void>;
  private ended: string | undefined;
  private wake: (() => void) | undefined;

  constructor(config: ClientsConfig) {
    this.child = fork(CLIENTS_SCRIPT, [JSON.stringify(config)], { execArgv: process.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: unknown) => {
      if (isMessage<ChildMessage>(message)) this.inbox.push(message);
      this.wake?.();
    });
    this.child.once('error', (error) => {
      this.ended ??= `failed: ${error.message}`;
      this.wake?.();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      this.ended ??= `exited (${signal ?? code ?? '?'})`;
      this.wake?.();
      resolve();
    }));
  }

  async next<T extends ChildMessage['type']>(type: T, timeoutMs: number, what: string): Promise<Extract<ChildMessage, { type: T }>> {
    const deadline = clock() + timeoutMs;
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === type) return message as Extract<ChildMessage, { type: T }>;
      if (message?.type === 'failed') throw new Error(`client process failed: ${message.message}`);
      if (message) throw new Error(`client process: expected '${type}', got '${message.type}'`);
      if (this.ended) throw new Error(`client process ${this.ended} while the bench waited for ${what}`);
      const left = deadline - clock();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      this.wake = undefined;
    }
  }

  send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Asks the process to disconnect its clients and exit; kills it if it has not within CLOSE_TIMEOUT_MS. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface Measurement {
  warm: PhaseRecord;
  run: PhaseRecord;
  broadcasts: BroadcastLog;
  sample: DomainEvent | null;
  server: { memoryStart: NodeJS.MemoryUsage; memoryEnd: NodeJS.MemoryUsage; usage: Usage };
  clients: { memoryStart: NodeJS.MemoryUsage; memoryEnd: NodeJS.MemoryUsage; usage: Usage };
  /** Cores' worth of CPU the whole machine used during the run. */
  machine: number;
}

/** Starts the client process against a server that is listening, and collects what it measured. */
export async function measure(config: ClientsConfig, broadcasts: BroadcastLog): Promise<Measurement> {
  const clients = new ClientsProcess(config);
  try {
    const warmUpMs = (config.totals.warm * 1000) / config.rate + config.drainTimeoutMs;
    const warmed = await clients.next('warmed', config.connectTimeoutMs + warmUpMs + CHILD_SLACK_MS, `${config.clients} clients to connect and warm up`);
    const memoryStart = process.memoryUsage();
    const mark = markUsage();
    const machineMark = machineTimes();
    clients.send({ type: 'go' });
    const runMs = (config.totals.run * 1000) / config.rate + config.drainTimeoutMs;
    const done = await clients.next('done', runMs + CHILD_SLACK_MS, 'the measured run');
    const usage = usageSince(mark);
    const machine = machineSince(machineMark);
    const memoryEnd = process.memoryUsage();
    return {
      warm: done.warm, run: done.run, broadcasts, sample: done.sample,
      server: { memoryStart, memoryEnd, usage },
      clients: { memoryStart: warmed.memory, memoryEnd: done.memory, usage: done.usage },
      machine,
    };
  } finally {
    await clients.close();
  }
}

// ---- Vigil -------------------------------------------------------------------------------

export async function openTarget(kind: Options['db']): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
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

/** Vigil on `database` with the demo-like test site (and the built client, when given), listening on a free port, and the admin's session cookie. */
export async function startBenchVigil(database: Database, clientDist: string | null = null): Promise<{ app: Awaited<ReturnType<typeof buildApp>>; url: string; cookie: string }> {
  await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, ingestApiKey: INGEST_KEY, demoSite: buildSite() });
  const app = await buildApp({ database, logger: false, clientDist });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);
    return { app, url, cookie };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function benchVigil(options: Options): Promise<Measurement> {
  const { target, drop } = await openTarget(options.db);
  let database: Database | undefined;
  try {
    database = await openDatabase(target);
    const { app, url, cookie } = await startBenchVigil(database);
    try {
      const totals = totalsOf(options);
      const broadcasts = new BroadcastLog(totals);
      observeBroadcasts(app.io, keyOfEvent, broadcasts);
      return await measure({
        target: 'vigil', url, cookie, ingestKey: INGEST_KEY, clients: options.clients, rate: options.rate, totals,
        connectTimeoutMs: CONNECT_TIMEOUT_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS,
      }, broadcasts);
    } finally {
      await app.close();
    }
  } finally {
    await database?.close();
    await drop();
  }
}

// ---- Bare Socket.IO baseline ---------------------------------------------------------------

export async function benchBare(options: Options, sample: DomainEvent | null): Promise<Measurement> {
  const http = createServer();
  const io = new Server<BareClientEvents, BareServerEvents>(http, { serveClient: false });
  io.on('connection', (socket) => socket.on('trigger', (tick: Tick) => socket.broadcast.emit('tick', tick)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const totals = totalsOf(options);
    const broadcasts = new BroadcastLog(totals);
    observeBroadcasts(io, (data) => (data as Partial<Tick> | undefined)?.key, broadcasts);
    return await measure({
      target: 'bare', url, sample, clients: options.clients, rate: options.rate, totals,
      connectTimeoutMs: CONNECT_TIMEOUT_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS,
    }, broadcasts);
  } finally {
    await io.close();
  }
}

// ---- Report ------------------------------------------------------------------------------

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function stats(values: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** The measured run's figures: end-to-end from the client process's clock alone, breakdown across both processes. */
export interface Summary {
  latencies: number[];
  toBroadcast: number[];
  broadcastCost: number[];
  fromBroadcast: number[];
  responses: number[];
  sendLag: number[];
  expected: number;
  complete: boolean;
  /** Deliveries per second, from the first send to the last receipt. */
  throughput: number;
  failures: number;
  firstFailure: string;
}

export function summarize(record: PhaseRecord, broadcasts: BroadcastLog): Summary {
  const { phase, total, clients, sentAt, receivedAt } = record;
  const latencies: number[] = [];
  const toBroadcast: number[] = [];
  const broadcastCost: number[] = [];
  const fromBroadcast: number[] = [];
  let lastReceipt = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < total; index += 1) {
    const sent = sentAt[index] ?? Number.NaN;
    const start = broadcasts.startOf(phase, index);
    if (!Number.isNaN(start)) {
      toBroadcast.push(start - sent);
      broadcastCost.push(broadcasts.endOf(phase, index) - start);
    }
    for (let client = 0; client < clients; client += 1) {
      const received = receivedAt[index * clients + client] ?? Number.NaN;
      if (Number.isNaN(received)) continue;
      latencies.push(received - sent);
      if (!Number.isNaN(start)) fromBroadcast.push(received - start);
      lastReceipt = Math.max(lastReceipt, received);
    }
  }
  const first = sentAt[0] ?? Number.NaN;
  return {
    latencies, toBroadcast, broadcastCost, fromBroadcast, responses: record.responses, sendLag: record.sendLag,
    expected: total * clients, complete: latencies.length === total * clients,
    throughput: latencies.length / Math.max(1e-9, (lastReceipt - first) / 1000),
    failures: record.failures, firstFailure: record.firstFailure,
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1)).padStart(8);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const percent = (value: number) => `${(value * 100).toFixed(0)}%`;

function row(label: string, values: number[], throughput?: number): string {
  const s = stats(values);
  return `  ${label.padEnd(34)}${String(s.count).padStart(8)}${ms(s.p50)}${ms(s.p99)}${ms(s.max)}${throughput === undefined || Number.isNaN(throughput) ? '' : throughput.toFixed(0).padStart(10)}`;
}

function memoryLine(label: string, memory: NodeJS.MemoryUsage, external = true): string {
  return `    ${label.padEnd(38)}RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}${external ? `, external ${mb(memory.external)}` : ''}`;
}

function usageLine(label: string, measurement: Measurement, others: string): string {
  const { server, clients, machine } = measurement;
  const rest = machine - server.usage.cpu - clients.usage.cpu;
  return `    ${label.padEnd(6)}server: event loop ${percent(server.usage.eventLoop).padStart(4)} busy, CPU ${percent(server.usage.cpu).padStart(4)};  clients: event loop ${percent(clients.usage.eventLoop).padStart(4)}, CPU ${percent(clients.usage.cpu).padStart(4)};  ${others}: CPU ${percent(Math.max(0, rest)).padStart(4)}`;
}

async function main(): Promise<void> {
  const options = readOptions();
  const dbLabel = options.db === 'pglite' ? 'PGlite in memory (on its worker thread)' : 'PostgreSQL (throwaway database)';
  process.stdout.write(`Vigil alarm latency: ${options.clients} clients, ${options.rate} alarms/s for ${options.duration} s, ${dbLabel}\n`);
  process.stdout.write(`(${WARM_UP_SECONDS} s warm-up before each measurement, not counted; clients and sender in a separate process; Node ${process.version}, ${availableParallelism()} cores)\n\n`);
  const vigil = await benchVigil(options);
  const bare = await benchBare(options, vigil.sample);
  const run = summarize(vigil.run, vigil.broadcasts);
  const warm = summarize(vigil.warm, vigil.broadcasts);
  const base = summarize(bare.run, bare.broadcasts);
  const vigilP99 = stats(run.latencies).p99;
  const bareP99 = stats(base.latencies).p99;
  const ratio = vigilP99 / bareP99;
  const failure = run.firstFailure || warm.firstFailure;

  const out = [
    `  ${''.padEnd(34)}${'count'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'msgs/s'.padStart(10)}   (ms)`,
    row('Vigil: POST → every client', run.latencies, run.throughput),
    row('  POST sent → server broadcast', run.toBroadcast),
    row('  broadcast call (encode + write)', run.broadcastCost),
    row('  server broadcast → client', run.fromBroadcast),
    row('  POST response (201 after commit)', run.responses),
    row('  send lag behind schedule', run.sendLag),
    row('Bare Socket.IO: emit → every client', base.latencies, base.throughput),
    row('  client emit → server broadcast', base.toBroadcast),
    row('  broadcast call (encode + write)', base.broadcastCost),
    row('  server broadcast → client', base.fromBroadcast),
    row('  send lag behind schedule', base.sendLag),
    '',
    `  Delivered: Vigil ${run.latencies.length}/${run.expected}, bare ${base.latencies.length}/${base.expected}; POST failures (non-201 or network): ${run.failures + warm.failures}${failure ? `, first: ${failure}` : ''}`,
    `  Ratio Vigil p99 / bare p99: ${ratio.toFixed(2)}×`,
    `  Load during the measured run (CPU: 100% = one core; a process's figure counts all its threads):`,
    usageLine('Vigil', vigil, options.db === 'postgres' ? 'rest of the machine (PostgreSQL included)' : 'rest of the machine'),
    usageLine('Bare', bare, 'rest of the machine'),
    `  Memory of the server process (Vigil app, Socket.IO${options.db === 'pglite' ? ', PGlite' : ''} and the bench's bookkeeping; the clients are not in it):`,
    memoryLine('start (clients synced, warm-up done):', vigil.server.memoryStart),
    memoryLine('end (last alarm delivered):', vigil.server.memoryEnd),
    `  Memory of the client process (${options.clients} socket.io clients + sender), for reference:`,
    memoryLine('start (clients synced, warm-up done):', vigil.clients.memoryStart, false),
    memoryLine('end (last alarm delivered):', vigil.clients.memoryEnd, false),
    '',
    `  ${vigilP99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}  p99 < ${TARGET_P99_MS} ms (${vigilP99.toFixed(1)} ms)`,
    `  ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}  p99 within ${TARGET_RATIO}× of bare Socket.IO p99 (${ratio.toFixed(2)}×)`,
    `  ${run.complete ? 'PASS' : 'FAIL'}  every alarm reached every client`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// Run as a script (`pnpm bench:alarms`); imported (storm.bench.ts shares its parts), it only exports.
if (process.argv[1] === fileURLToPath(import.meta.url)) main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
