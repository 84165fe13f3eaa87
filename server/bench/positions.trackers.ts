/**
 * The load generator of `pnpm bench:positions`, in its own process (forked by positions.bench.ts,
 * steered over IPC): one keep-alive TCP connection per tracker, each sending OsmAnd fixes as
 * `POST /osmand/<token>?id=…&lat=…&lon=…&timestamp=<ms>` one at a time (a tracker waits for the
 * answer before its next fix, as Traccar Client does; a late one sends its due fixes back to back).
 * HTTP/1.1 is written and read by hand: node:http's client would cost more CPU than the server
 * it measures on a 2-core machine. A socket.io client here times fix sent → frame received.
 */
import { connect, type Socket } from 'node:net';
import { io as connectSocket } from 'socket.io-client';
import { fitPlanTransform, planToGps, PROTOCOL_VERSION, type PositionsFrame } from '@vigil/shared';
import { zonesAt } from '../src/positions/placement.js';
import { demoSite } from '../src/sim/demo-site.js';

export interface TrackerSpec {
  trackerId: string;
  token: string;
  guardId: string;
}

export type GeneratorCommand =
  | { kind: 'setup'; trackers: TrackerSpec[]; vigilUrl: string; cookie: string }
  | { kind: 'step'; url: string; rate: number; seconds: number; frames: boolean }
  | { kind: 'exit' };

export interface StepResult {
  sent: number;
  acked: number;
  refused: number;
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  latencyP50: number;
  latencyP99: number;
  frameP50: number;
  frameP99: number;
  framed: number;
  /** CPU of this generator process over the step, as a share of one core. */
  generatorCpu: number;
}

export type GeneratorMessage = { kind: 'ready' } | { kind: 'result'; result: StepResult } | { kind: 'error'; error: string };

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN);
const send = (message: GeneratorMessage) => process.send!(message);

const fitted = fitPlanTransform(demoSite.anchor!);
if (!fitted.ok) throw new Error(fitted.error);
const transform = fitted.transform;

/** One tracker's connection: requests go out one at a time; `onAnswer` gets each status code. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  readonly ready: Promise<void>;

  constructor(host: string, port: number, onClose: () => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.waiting?.(0);
      this.waiting = null;
      onClose();
    });
  }

  private readonly socket: Socket;

  request(path: string, host: string): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  /** Status line and Content-Length (Fastify always sends one); the body is skipped. */
  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      const length = match ? Number(match[1]) : 0;
      if (this.buffer.length < end + 4 + length) return;
      const status = Number(head.slice(9, 12));
      this.buffer = this.buffer.subarray(end + 4 + length);
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.(status);
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const RADIUS_M = 2;

/**
 * Where each tracker walks its 2 m circle: spots whose circle stays inside one set of zones, so
 * the run measures fixes, not zone entered/exited events (the storm bench measures those).
 */
function walkCentres(count: number): [number, number][] {
  const spots: [number, number][] = [];
  const zoneKey = (x: number, y: number) => zonesAt(demoSite, [x, y], 0).map((zone) => zone.id).join(',');
  for (let y = 10; y < demoSite.plan.height - 10; y += 6) {
    for (let x = 10; x < demoSite.plan.width - 10; x += 6) {
      const key = zoneKey(x, y);
      let steady = true;
      for (let a = 0; a < 16 && steady; a += 1) {
        const angle = (a / 16) * 2 * Math.PI;
        steady = zoneKey(x + (RADIUS_M + 0.5) * Math.cos(angle), y + (RADIUS_M + 0.5) * Math.sin(angle)) === key;
      }
      if (steady) spots.push([x, y]);
    }
  }
  return Array.from({ length: count }, (_, i) => spots[i % spots.length]!);
}

let trackers: TrackerSpec[] = [];
let centres: [number, number][] = [];
/** `guardId|fix ms` → when it was sent (performance.now()), for the frame that carries it. */
const sentAt = new Map<string, number>();
let frameLatencies: number[] = [];
let timingFrames = false;

function setupFrames(url: string, cookie: string): Promise<void> {
  const socket = connectSocket(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, auth: { protocol: PROTOCOL_VERSION } });
  socket.on('positions', (frame: PositionsFrame) => {
    if (frame.full || !timingFrames) return;
    const now = performance.now();
    for (const fix of frame.fixes) {
      const key = `${fix.guardId}|${Date.parse(fix.at)}`;
      const at = sentAt.get(key);
      if (at === undefined) continue;
      frameLatencies.push(now - at);
      sentAt.delete(key);
    }
  });
  return new Promise((resolve, reject) => {
    socket.on('sync', () => resolve());
    socket.on('connect_error', reject);
  });
}

async function step(command: Extract<GeneratorCommand, { kind: 'step' }>): Promise<StepResult> {
  const target = new URL(command.url);
  const host = target.hostname;
  const port = Number(target.port);
  const hostHeader = target.host;
  const connections = trackers.map(() => new Connection(host, port, () => undefined));
  await Promise.all(connections.map((connection) => connection.ready));
  const cpuStart = process.cpuUsage();
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let sent = 0;
  frameLatencies = [];
  sentAt.clear();
  timingFrames = command.frames;
  const intervalMs = (trackers.length / command.rate) * 1000;
  const start = performance.now() + 50;
  const endAt = start + command.seconds * 1000;
  const sweeper = setInterval(() => {
    // Fixes overwritten before any frame carried them are never matched: forget old ones.
    const old = performance.now() - 5_000;
    for (const [key, at] of sentAt) if (at < old) sentAt.delete(key);
  }, 1_000);

  const run = async (index: number) => {
    const tracker = trackers[index]!;
    const connection = connections[index]!;
    const centre = centres[index]!;
    let lastMs = 0;
    for (let k = 0; ; k += 1) {
      const due = start + (index / trackers.length) * intervalMs + k * intervalMs;
      if (due >= endAt) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const atMs = Math.max(Date.now(), lastMs + 1);
      lastMs = atMs;
      const angle = k * 0.3 + index;
      const { lat, lon } = planToGps(transform, [centre[0] + RADIUS_M * Math.cos(angle), centre[1] + RADIUS_M * Math.sin(angle)]);
      const path = `/osmand/${tracker.token}?id=${tracker.trackerId}&lat=${lat.toFixed(7)}&lon=${lon.toFixed(7)}&timestamp=${atMs}&speed=2.5&bearing=90&batt=80`;
      const sentMs = performance.now();
      if (command.frames) sentAt.set(`${tracker.guardId}|${atMs}`, sentMs);
      sent += 1;
      const status = await connection.request(path, hostHeader);
      latencies.push(performance.now() - sentMs);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 0) return;
    }
  };
  await Promise.all(trackers.map((_, index) => run(index)));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sweeper);
  // Frames of the last fixes arrive within a frame interval or two.
  await new Promise((resolve) => setTimeout(resolve, 600));
  timingFrames = false;
  for (const connection of connections) connection.close();
  latencies.sort((a, b) => a - b);
  frameLatencies.sort((a, b) => a - b);
  return {
    sent,
    acked: statuses['200'] ?? 0,
    refused: statuses['503'] ?? 0,
    failed: sent - (statuses['200'] ?? 0) - (statuses['503'] ?? 0),
    statuses,
    seconds,
    latencyP50: percentile(latencies, 50),
    latencyP99: percentile(latencies, 99),
    frameP50: percentile(frameLatencies, 50),
    frameP99: percentile(frameLatencies, 99),
    framed: frameLatencies.length,
    generatorCpu: (cpu.user + cpu.system) / 1000 / (seconds * 1000),
  };
}

process.on('message', (command: GeneratorCommand) => {
  const handle = async () => {
    if (command.kind === 'setup') {
      trackers = command.trackers;
      centres = walkCentres(trackers.length);
      await setupFrames(command.vigilUrl, command.cookie);
      send({ kind: 'ready' });
    } else if (command.kind === 'step') {
      send({ kind: 'result', result: await step(command) });
    } else {
      process.exit(0);
    }
  };
  handle().catch((error: unknown) => send({ kind: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));
