/**
 * Slow socket readers (issue 8, item 6): what N WebSockets of a logged-in user that never read do
 * to the server's memory and to a normal screen's alarm latency, while valid maximum-size alarms
 * are posted for D seconds. Two measurements in the same run, each on a fresh server process
 * (slow-readers.server.ts, PGlite): a baseline with the same load and no slow sockets, then with
 * the slow sockets. A report: prints figures, asserts nothing (exit 1 only if the bench breaks).
 *
 *   pnpm bench:slow-readers [--slow 300] [--rate 20] [--duration 10] [--prefill 200]
 *
 * First `prefill` maximum-size alarms are raised, so every new socket's snapshot is large (each
 * socket's snapshot is its own copy); then the sockets connect. A slow socket is a real
 * socket.io-client whose TCP socket is paused as soon as it connects, before its sync, so the
 * kernel buffers fill and the server has to hold (or drop) what it sends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '@vigil/shared';
import { buildLargestAlarm } from '../test/helpers/factories.js';
import { BENCH_ADMIN_PASSWORD, BENCH_INGEST_KEY, type ServerMessage } from './slow-readers.server.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const SERVER_SCRIPT = fileURLToPath(new URL('./slow-readers.server.ts', import.meta.url));
const SETTLE_MS = 2_000;

interface Options { slow: number; rate: number; duration: number; prefill: number }

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { slow: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, prefill: { type: 'string' } },
  });
  const positive = (raw: string | undefined, name: string, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  return {
    slow: Math.round(positive(values.slow, 'slow', 300)),
    rate: positive(values.rate, 'rate', 20),
    duration: positive(values.duration, 'duration', 10),
    prefill: values.prefill === '0' ? 0 : Math.round(positive(values.prefill, 'prefill', 200)),
  };
}

class ServerProcess {
  private readonly child: ChildProcess;
  private readonly waiting: ((message: ServerMessage) => void)[] = [];
  constructor() {
    this.child = fork(SERVER_SCRIPT, [], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: ServerMessage) => this.waiting.shift()?.(message));
  }
  next(): Promise<ServerMessage> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async memory(): Promise<Extract<ServerMessage, { kind: 'memory' }>> {
    const reply = this.next();
    this.child.send('memory');
    const message = await reply;
    if (message.kind !== 'memory') throw new Error('expected a memory reply');
    return message;
  }
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send('stop');
    await exited;
  }
}

/** A socket that stops reading the moment it connects: its sync and everything after stay on the server. */
function connectSlow(url: string, cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectSocket(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
    auth: { protocol: PROTOCOL_VERSION },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      pause(socket);
      resolve(socket);
    });
    socket.once('connect_error', reject);
  });
}

function connect(url: string, cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectSocket(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
    auth: { protocol: PROTOCOL_VERSION },
  });
  return new Promise((resolve, reject) => {
    socket.once('sync', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function pause(socket: ClientSocket): void {
  const engine = socket.io.engine as unknown as { transport: { ws: { _socket: { pause(): void } } } };
  engine.transport.ws._socket.pause();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  label: string;
  prefilled: Extract<ServerMessage, { kind: 'memory' }>;
  before: Extract<ServerMessage, { kind: 'memory' }>;
  peak: Extract<ServerMessage, { kind: 'memory' }>;
  after: Extract<ServerMessage, { kind: 'memory' }>;
  posted: number;
  received: number;
  p50: number;
  p99: number;
  slowStillOpen: number;
}

async function measure(label: string, slowCount: number, options: Options): Promise<Result> {
  const server = new ServerProcess();
  const listening = await server.next();
  if (listening.kind !== 'listening') throw new Error('server did not start');
  const url = listening.url;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const post = async (body = buildLargestAlarm()): Promise<{ status: number }> => {
    const response = await fetch(`${url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_INGEST_KEY}` },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { status: response.status };
  };
  for (let i = 0; i < options.prefill; i += 1) await post();
  const prefilled = await server.memory();

  const slow: ClientSocket[] = [];
  for (let i = 0; i < slowCount; i += 1) slow.push(await connectSlow(url, cookie));
  const reader = await connect(url, cookie);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  reader.on('event', (event) => {
    if (event.type !== 'alarm.raised') return;
    const at = sentAt.get(event.payload.alarm.message);
    if (at !== undefined) latencies.push(performance.now() - at);
  });
  await sleep(SETTLE_MS);
  const before = await server.memory();

  let peak = before;
  let posted = 0;
  const total = Math.round(options.rate * options.duration);
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.rate;
    await sleep(Math.max(0, due - performance.now()));
    const body = buildLargestAlarm();
    sentAt.set(body.message, performance.now());
    const sending = post(body).then(({ status }) => {
      if (status === 201) posted += 1;
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
    if (i % Math.max(1, Math.round(options.rate)) === 0) {
      const now = await server.memory();
      if (now.rss > peak.rss) peak = now;
    }
  }
  await Promise.all(inFlight);
  await sleep(SETTLE_MS);
  const after = await server.memory();
  if (after.rss > peak.rss) peak = after;

  // The server's own count (a paused client never reads the close): every connection but the reader's.
  const slowStillOpen = after.connections - 1;
  for (const socket of slow) socket.disconnect();
  reader.disconnect();
  await server.stop();
  const sorted = latencies.sort((a, b) => a - b);
  return { label, prefilled, before, peak, after, posted, received: latencies.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), slowStillOpen };
}

function report(result: Result): void {
  const row = (name: string, value: string) => process.stdout.write(`  ${name.padEnd(30)} ${value}\n`);
  process.stdout.write(`\n${result.label}\n`);
  row('server RSS after the prefill', mb(result.prefilled.rss));
  row('server RSS before / peak / after', `${mb(result.before.rss)} / ${mb(result.peak.rss)} / ${mb(result.after.rss)}`);
  row('server heap before / after', `${mb(result.before.heapUsed)} / ${mb(result.after.heapUsed)}`);
  row('server buffers before / after', `${mb(result.before.arrayBuffers)} / ${mb(result.after.arrayBuffers)}`);
  row('alarms posted (201)', String(result.posted));
  row('received by the normal screen', String(result.received));
  row('normal screen latency p50 / p99', `${result.p50.toFixed(1)} ms / ${result.p99.toFixed(1)} ms`);
  row('slow sockets the server kept', String(result.slowStillOpen));
}

async function main(): Promise<void> {
  const options = readOptions();
  process.stdout.write(
    `slow readers: ${options.prefill} max-size alarms first, then ${options.slow} paused sockets, ${options.rate} max-size alarms/s for ${options.duration} s (PGlite)\n`,
  );
  const baseline = await measure('baseline: no slow sockets', 0, options);
  report(baseline);
  const loaded = await measure(`with ${options.slow} slow sockets`, options.slow, options);
  report(loaded);
  const grew = (r: Result) => r.peak.rss - r.prefilled.rss;
  process.stdout.write(`\n  RSS growth: baseline ${mb(grew(baseline))}, slow ${mb(grew(loaded))}; p99 ratio ${(loaded.p99 / baseline.p99).toFixed(2)}×\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
