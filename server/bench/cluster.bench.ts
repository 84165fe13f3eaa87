/**
 * Several nodes behind HAProxy: 1 vs 2 vs 3 Vigil processes on one PostgreSQL and one Redis,
 * screens connected through the balancer, alarms posted through it at a steady rate and guards
 * reporting through it at 1 Hz. The 1-node run is the baseline of the same run. A report: exits 0
 * whatever the figures (1 only when the bench itself breaks).
 *
 *   pnpm bench:cluster [--nodes 1,2,3] [--clients 200] [--rate 20] [--guards 500] [--duration 15]
 *   (PostgreSQL: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, a role
 *    that may create databases; Redis: TEST_REDIS_URL, default redis://127.0.0.1:6379)
 *
 * A skeleton: the screens and the senders run in this one process, so on a small machine they
 * compete with the nodes for the same cores; the figures compare node counts with each other,
 * not with another machine. Event-loop lag per node is read from the node's /metrics
 * (prom-client's `nodejs_eventloop_lag_p99_seconds`) when it has one; RSS from /proc.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient } from 'redis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '@vigil/shared';
import { demoSite } from '../src/sim/demo-site.js';
import { CLUSTER_KEY, CLUSTER_PASSWORD, REDIS_URL, startHaproxy, startNode, type NodeProcess } from '../test/helpers/cluster.js';
import { gpsAt } from '../test/helpers/positions.js';

interface Options { nodes: number[]; clients: number; rate: number; guards: number; duration: number }

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { nodes: { type: 'string' }, clients: { type: 'string' }, rate: { type: 'string' }, guards: { type: 'string' }, duration: { type: 'string' } },
  });
  const positive = (raw: string | undefined, name: string, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  const nodes = (values.nodes ?? '1,2,3').split(',').map((part) => Number(part.trim()));
  if (nodes.some((count) => !Number.isInteger(count) || count < 1 || count > 8)) throw new Error('--nodes: a comma-separated list of 1 to 8');
  return {
    nodes,
    clients: Math.round(positive(values.clients, 'clients', 200)),
    rate: positive(values.rate, 'rate', 20),
    guards: Math.round(positive(values.guards, 'guards', 500)),
    duration: positive(values.duration, 'duration', 15),
  };
}

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function lagP99Ms(node: NodeProcess): Promise<number> {
  const text = await fetch(`${node.url}/metrics`).then((response) => (response.ok ? response.text() : ''), () => '');
  const match = text.match(/^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m);
  return match ? Number(match[1]) * 1000 : Number.NaN;
}

interface RunResult {
  nodes: number;
  sent: number;
  acknowledged: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  fixes: number;
  /** Refused or failed requests by kind (none in a healthy run). */
  failures: string;
  lagP99: number[];
  rss: number[];
}

async function runOnce(nodeCount: number, options: Options): Promise<RunResult> {
  const name = `vigil_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const prefix = `vigil-bench-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'error' };
  const nodes: NodeProcess[] = [];
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  try {
    nodes.push(...(await Promise.all(Array.from({ length: nodeCount }, () => startNode(env)))));
    // A node busy for a second (its /readyz is slow) stays in: this run kills nobody.
    const balancer = await startHaproxy(nodes, 'inter 1s fall 5 rise 2');
    try {
      const login = await fetch(`${balancer.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: CLUSTER_PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      // The roster: the demo's own guards plus bench guards, each with a tracker.
      /** Each guard's report URL, without the fix. */
      const trackers: string[] = [];
      for (let i = 0; i < options.guards; i += 1) {
        const trackerId = `bench-${i}`;
        const created = await fetch(`${balancer.url}/api/v1/guards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ siteId: 'demo', callsign: `G${i}`, name: `Bench guard ${i}`, trackerId }),
        });
        if (created.status !== 201) throw new Error(`guard ${i}: ${created.status} ${await created.text()}`);
        // Its own tracker URL (`/osmand/<token>`): a roster guard is not taken at the bare id.
        const body = (await created.json()) as { tracker: { path: string } };
        trackers.push(`${body.tracker.path}?id=${trackerId}`);
      }

      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      let delivered = 0;
      for (let i = 0; i < options.clients; i += 1) {
        const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(balancer.url, {
          transports: ['websocket'],
          extraHeaders: { cookie },
          auth: (callback) => callback({ protocol: PROTOCOL_VERSION, lastSeq: 0 } satisfies HandshakeAuth),
        });
        socket.on('event', (event) => {
          if (event.type !== 'alarm.raised') return;
          const started = sentAt.get(event.payload.alarm.source.externalId ?? '');
          if (started === undefined) return;
          delivered += 1;
          latencies.push(performance.now() - started);
        });
        sockets.push(socket);
      }
      const synced = await Promise.all(sockets.map((socket) => new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 60_000);
        socket.once('sync', () => {
          clearTimeout(timer);
          resolve(true);
        });
      })));
      if (synced.some((ok) => !ok)) throw new Error(`${synced.filter((ok) => !ok).length} screens never synced`);

      let sent = 0;
      let acknowledged = 0;
      let fixes = 0;
      const statuses = new Map<string, number>();
      const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
      const lagSamples: number[][] = nodes.map(() => []);
      const rssSamples: number[][] = nodes.map(() => []);
      const started = Date.now();
      const until = started + options.duration * 1000;
      const pending: Promise<unknown>[] = [];
      const alarmEvery = 1000 / options.rate;
      let nextAlarm = started;
      const alarmTimer = setInterval(() => {
        while (nextAlarm <= Date.now() && Date.now() < until) {
          nextAlarm += alarmEvery;
          const externalId = `bench-${sent}`;
          sent += 1;
          sentAt.set(externalId, performance.now());
          pending.push(
            fetch(`${balancer.url}/api/v1/alarms`, {
              method: 'POST',
              headers: { authorization: `Bearer ${CLUSTER_KEY}`, 'content-type': 'application/json' },
              body: JSON.stringify({ source: { externalId }, siteId: 'demo', kind: 'intrusion', priority: 2, message: externalId }),
            }).then((response) => {
              if (response.status === 201) acknowledged += 1;
              else count(statuses, `alarm ${response.status}`);
              return response.arrayBuffer();
            }, (error: unknown) => count(statuses, `alarm ${error instanceof Error ? error.message : 'error'}`)),
          );
        }
      }, 5);
      const spot = gpsAt(demoSite, [200, 150]);
      const fixTimer = setInterval(() => {
        if (Date.now() >= until) return;
        const time = Math.floor(Date.now() / 1000);
        for (const tracker of trackers) {
          pending.push(
            fetch(`${balancer.url}${tracker}&lat=${spot.lat + Math.random() * 1e-4}&lon=${spot.lon + Math.random() * 1e-4}&timestamp=${time}`).then(
              (response) => {
                if (response.ok) fixes += 1;
                else count(statuses, `fix ${response.status}`);
                return response.arrayBuffer();
              },
              (error: unknown) => count(statuses, `fix ${error instanceof Error ? error.message : 'error'}`),
            ),
          );
        }
      }, 1_000);
      const sampleTimer = setInterval(() => {
        nodes.forEach((node, index) => {
          rssSamples[index]!.push(rssMb(node.child.pid));
          void lagP99Ms(node).then((lag) => lagSamples[index]!.push(lag));
        });
      }, 1_000);
      await new Promise((resolve) => setTimeout(resolve, options.duration * 1000));
      clearInterval(alarmTimer);
      clearInterval(fixTimer);
      await Promise.all(pending);
      // Time for the last alarms to reach every screen.
      const expected = acknowledged * options.clients;
      const drainUntil = Date.now() + 10_000;
      while (delivered < expected && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));
      clearInterval(sampleTimer);
      latencies.sort((a, b) => a - b);
      const max = (values: number[]) => {
        const finite = values.filter(Number.isFinite);
        return finite.length === 0 ? Number.NaN : Math.max(...finite);
      };
      return {
        nodes: nodeCount,
        sent,
        acknowledged,
        expected,
        delivered,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        fixes,
        failures: [...statuses].map(([key, n]) => `${key}: ${n}`).join(', '),
        lagP99: lagSamples.map((samples) => max(samples)),
        rss: rssSamples.map((samples) => max(samples)),
      };
    } finally {
      for (const socket of sockets) socket.disconnect();
      await balancer.close();
    }
  } finally {
    await Promise.all(nodes.map((node) => node.kill()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(`${prefix}:socket.io`);
    await redis.close();
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  process.stdout.write(
    `bench:cluster: ${options.clients} screens through HAProxy, ${options.rate} alarms/s, ${options.guards} guards at 1 Hz, ${options.duration} s per run; nodes ${options.nodes.join(', ')}\n`,
  );
  const results: RunResult[] = [];
  for (const count of options.nodes) {
    process.stdout.write(`  running ${count} node(s)…\n`);
    results.push(await runOnce(count, options));
  }
  const baseline = results[0]!;
  const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  process.stdout.write('\nnodes | alarms sent/201 | delivered/expected | p50 ms | p99 ms | p99 vs first | fixes stored | lag p99 ms per node | RSS MB per node | RSS MB per 1,000 screens\n');
  for (const result of results) {
    const rssTotal = result.rss.filter(Number.isFinite).reduce((a, b) => a + b, 0);
    process.stdout.write(
      [
        result.nodes,
        `${result.sent}/${result.acknowledged}`,
        `${result.delivered}/${result.expected}`,
        fmt(result.p50),
        fmt(result.p99),
        `${fmt(result.p99 / baseline.p99, 2)}×`,
        result.fixes,
        result.lagP99.map((lag) => fmt(lag)).join(' '),
        result.rss.map((rss) => fmt(rss)).join(' '),
        fmt((rssTotal / options.clients) * 1000),
      ].join(' | ') + '\n',
    );
    if (result.failures) process.stdout.write(`   failed requests: ${result.failures}\n`);
  }
  process.stdout.write('\n(lag n/a: the nodes have no /metrics yet; RSS per 1,000 screens is all nodes\' RSS over the screens, idle cost included)\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:cluster failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
