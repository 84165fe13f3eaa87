/**
 * The load of the cluster bench, in processes of its own (forked by cluster.bench.ts), so the
 * screens' receive work and the senders' requests do not share the bench's event loop. One role
 * per process, given as argv[2] (JSON):
 *
 * - `screens`: N Socket.IO clients through the URL; each `alarm.raised` of the bench is timed
 *   against the send time carried in its message (the host's monotonic clock, same in every process).
 * - `alarms`: POSTs alarms at a steady rate, each message `cluster-bench <clock ms>`.
 * - `trackers`: every guard's tracker URL once a second (OsmAnd GET), one keep-alive pool.
 *
 * IPC: the child sends `ready` (screens synced / sender set up), waits for `go`, runs until
 * `stop`, then sends `result` and exits. Any error: `failed`, exit 1.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '@vigil/shared';
import { clock } from './alarms.protocol.js';

export type LoadConfig =
  | { role: 'screens'; url: string; cookie: string; clients: number; connectTimeoutMs: number }
  | { role: 'alarms'; url: string; ingestKey: string; rate: number; warmUpMs: number }
  | { role: 'trackers'; url: string; trackers: string[]; lat: number; lon: number };

export type LoadMessage =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'result'; role: 'screens'; latencies: number[]; delivered: number; disconnects: number }
  | { type: 'result'; role: 'alarms' | 'trackers'; sent: number; ok: number; failures: Record<string, number>; okTimed: number };

export const BENCH_PREFIX = 'cluster-bench ';

function send(message: LoadMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('cluster.load.ts runs only as a child of cluster.bench.ts'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

const waiting = new Map<string, () => void>();
const arrived = new Set<string>();
process.on('message', (message: { type?: string }) => {
  if (typeof message?.type !== 'string') return;
  arrived.add(message.type);
  waiting.get(message.type)?.();
});
process.on('disconnect', () => process.exit(1));
const receive = (type: 'go' | 'stop') =>
  new Promise<void>((resolve) => {
    if (arrived.has(type)) resolve();
    else waiting.set(type, resolve);
  });

async function screens(config: Extract<LoadConfig, { role: 'screens' }>): Promise<LoadMessage> {
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  let disconnects = 0;
  let measuring = false;
  const synced: Promise<void>[] = [];
  for (let i = 0; i < config.clients; i += 1) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(config.url, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: config.cookie },
      auth: (callback) => callback({ protocol: PROTOCOL_VERSION, lastSeq: 0 } satisfies HandshakeAuth),
    });
    socket.on('event', (event) => {
      if (!measuring || event.type !== 'alarm.raised') return;
      const message = event.payload.alarm.message;
      if (!message.startsWith(BENCH_PREFIX)) return;
      if (message[BENCH_PREFIX.length] !== 't') return;
      const sentAt = Number(message.slice(BENCH_PREFIX.length + 1));
      delivered += 1;
      latencies.push(clock() - sentAt);
    });
    socket.on('disconnect', () => (disconnects += 1));
    synced.push(new Promise((resolve) => socket.once('sync', () => resolve())));
    sockets.push(socket);
    // Not all at once: a thousand handshakes in one tick is a test of the accept queue, not of Vigil.
    if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(synced),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`screens not synced within ${config.connectTimeoutMs} ms`)), config.connectTimeoutMs))),
  ]);
  clearTimeout(timer);
  await send({ type: 'ready' });
  await receive('go');
  measuring = true;
  await receive('stop');
  for (const socket of sockets) socket.disconnect();
  return { type: 'result', role: 'screens', latencies, delivered, disconnects };
}

async function requests(config: Exclude<LoadConfig, { role: 'screens' }>): Promise<LoadMessage> {
  let sent = 0;
  let ok = 0;
  /** Answered 200/201 and sent after the warm-up: what every screen must have received. */
  let okTimed = 0;
  let timedFrom = Number.POSITIVE_INFINITY;
  const failures: Record<string, number> = {};
  const fail = (key: string): void => {
    failures[key] = (failures[key] ?? 0) + 1;
  };
  const pending = new Set<Promise<void>>();
  const track = (request: Promise<Response>, timed = false) => {
    sent += 1;
    const done = request.then(
      async (response) => {
        await response.arrayBuffer();
        if (!response.ok) return fail(String(response.status));
        ok += 1;
        if (timed) okTimed += 1;
      },
      (error: unknown) => fail(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message).slice(0, 60) : 'error'),
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };
  await send({ type: 'ready' });
  await receive('go');
  let running = true;
  const stopped = receive('stop').then(() => (running = false));
  if (config.role === 'alarms') {
    const every = 1000 / config.rate;
    const start = clock();
    timedFrom = start + config.warmUpMs;
    for (let index = 0; running; index += 1) {
      const wait = start + index * every - clock();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!running) break;
      // `t` timed, `w` warm-up: the screens time only what the sender counts as timed.
      const timed = clock() >= timedFrom;
      track(
        fetch(`${config.url}/api/v1/alarms`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.ingestKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ source: { externalId: `cluster-bench-${index}` }, siteId: 'demo', kind: 'intrusion', priority: 2, message: `${BENCH_PREFIX}${timed ? 't' : 'w'}${clock()}` }),
        }),
        timed,
      );
    }
  } else {
    while (running) {
      const round = clock();
      const time = Math.floor(Date.now() / 1000);
      for (const tracker of config.trackers) {
        track(fetch(`${config.url}${tracker}&lat=${config.lat + Math.random() * 1e-4}&lon=${config.lon + Math.random() * 1e-4}&timestamp=${time}`));
      }
      const wait = round + 1000 - clock();
      if (wait > 0) await Promise.race([new Promise((resolve) => setTimeout(resolve, wait)), stopped]);
    }
  }
  await Promise.all(pending);
  return { type: 'result', role: config.role, sent, ok, failures, okTimed };
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
(config.role === 'screens' ? screens(config) : requests(config)).then(
  async (result) => {
    await send(result);
    process.exit(0);
  },
  async (error: unknown) => {
    await send({ type: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    process.exit(1);
  },
);
