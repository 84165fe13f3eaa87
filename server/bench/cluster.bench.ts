/**
 * Several nodes behind HAProxy: 1 vs 2 vs 3 Vigil processes on one PostgreSQL and one Redis,
 * screens connected through the balancer, alarms posted through it at a steady rate and guards
 * reporting through it at 1 Hz; then many idle screens on one node. The 1-node run is the
 * baseline of the same run. A report: exits 0 whatever the figures (1 only when the bench breaks).
 *
 *   pnpm bench:cluster [--nodes 1,2,3] [--clients 2000] [--rate 20] [--guards 500] [--duration 15] [--idle 10000]
 *   (PostgreSQL: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, a role
 *    that may create databases; Redis: TEST_REDIS_URL, default redis://127.0.0.1:6379; --idle 0 skips the idle run)
 *
 * The load runs in processes of its own (cluster.load.ts): screens, at most 1,000 per process;
 * one alarm sender; one tracker process for every guard. This process only starts things, reads
 * the nodes' /metrics (prom-client's `nodejs_eventloop_lag_p99_seconds`) and /proc for RSS, and
 * prints. On a small machine the load still shares the cores with the nodes: the figures compare
 * node counts with each other in one run, not with another machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient } from 'redis';
import { demoSite } from '../src/sim/demo-site.js';
import { CLUSTER_KEY, CLUSTER_PASSWORD, REDIS_URL, startHaproxy, startNode, type NodeProcess } from '../test/helpers/cluster.js';
import { gpsAt } from '../test/helpers/positions.js';
import type { LoadConfig, LoadMessage } from './cluster.load.js';

interface Options { nodes: number[]; clients: number; rate: number; guards: number; duration: number; idle: number }

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      nodes: { type: 'string' },
      clients: { type: 'string' },
      rate: { type: 'string' },
      guards: { type: 'string' },
      duration: { type: 'string' },
      idle: { type: 'string' },
    },
  });
  const number = (raw: string | undefined, name: string, fallback: number, min: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name}: must be a number of at least ${min}`);
    return value;
  };
  const nodes = (values.nodes ?? '1,2,3').split(',').map((part) => Number(part.trim()));
  if (nodes.some((count) => !Number.isInteger(count) || count < 1 || count > 8)) throw new Error('--nodes: a comma-separated list of 1 to 8');
  return {
    nodes,
    clients: Math.round(number(values.clients, 'clients', 2_000, 1)),
    rate: number(values.rate, 'rate', 20, 0.1),
    guards: Math.round(number(values.guards, 'guards', 500, 0)),
    duration: number(values.duration, 'duration', 15, 1),
    idle: Math.round(number(values.idle, 'idle', 10_000, 0)),
  };
}

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOAD_SCRIPT = fileURLToPath(new URL('./cluster.load.ts', import.meta.url));
const SCREENS_PER_PROCESS = 1_000;
/** The first seconds of alarms warm the nodes up and are not timed (nor counted as delivered). */
const WARM_UP_MS = 3_000;

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

/** A forked load process, its messages queued until asked for. */
class Load {
  readonly child: ChildProcess;
  private readonly inbox: LoadMessage[] = [];
  private wake: (() => void) | undefined;
  private exited = false;

  constructor(config: LoadConfig) {
    this.child = fork(LOAD_SCRIPT, [JSON.stringify(config)], { execArgv: process.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: LoadMessage) => {
      this.inbox.push(message);
      this.wake?.();
    });
    this.child.on('exit', () => {
      this.exited = true;
      this.wake?.();
    });
  }

  async next<T extends LoadMessage['type']>(type: T, timeoutMs = 120_000): Promise<Extract<LoadMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === 'failed') throw new Error(`load process failed: ${message.error}`);
      if (message?.type === type) return message as Extract<LoadMessage, { type: T }>;
      if (this.exited) throw new Error(`load process exited before '${type}'`);
      if (Date.now() > deadline) throw new Error(`load process: no '${type}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 1_000);
      });
      this.wake = undefined;
    }
  }

  send(type: 'go' | 'stop'): void {
    if (!this.exited) this.child.send({ type });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

function screenLoads(url: string, cookie: string, clients: number): Load[] {
  const loads: Load[] = [];
  for (let left = clients; left > 0; left -= SCREENS_PER_PROCESS) {
    loads.push(new Load({ role: 'screens', url, cookie, clients: Math.min(SCREENS_PER_PROCESS, left), connectTimeoutMs: 180_000 }));
  }
  return loads;
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: CLUSTER_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A database of its own, a Redis prefix of its own; dropped after, whatever happened. */
async function withDeployment<T>(nodeCount: number, run: (nodes: NodeProcess[]) => Promise<T>): Promise<T> {
  const name = `vigil_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const prefix = `vigil-bench-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'error' };
  const nodes: NodeProcess[] = [];
  try {
    // The first alone (migrations, bootstrap), then the rest.
    nodes.push(await startNode(env));
    nodes.push(...(await Promise.all(Array.from({ length: nodeCount - 1 }, () => startNode(env)))));
    return await run(nodes);
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

interface RunResult {
  nodes: number;
  sent: number;
  acknowledged: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  fixes: number;
  fixesSent: number;
  failures: string;
  disconnects: number;
  lagP99: number[];
  rss: number[];
  /** RSS of every node with the screens connected, less the same before they connected. */
  rssForScreens: number;
}

const maxFinite = (values: number[]) => {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : Math.max(...finite);
};

async function runOnce(nodeCount: number, options: Options): Promise<RunResult> {
  return withDeployment(nodeCount, async (nodes) => {
    // A node busy for many seconds (its /readyz slow on a loaded machine) stays in: this run kills nobody.
    const balancer = await startHaproxy(nodes, 'inter 2s fall 15 rise 1');
    const loads: Load[] = [];
    try {
      const cookie = await login(balancer.url);
      /** Each bench guard's report URL, without the fix. */
      const trackers: string[] = [];
      for (let i = 0; i < options.guards; i += 1) {
        const trackerId = `bench-${i}`;
        const created = await fetch(`${balancer.url}/api/v1/guards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ siteId: 'demo', callsign: `G${i}`, name: `Bench guard ${i}`, trackerId }),
        });
        if (created.status !== 201) throw new Error(`guard ${i}: ${created.status} ${await created.text()}`);
        const body = (await created.json()) as { tracker: { path: string } };
        trackers.push(`${body.tracker.path}?id=${trackerId}`);
      }
      const rssBefore = nodes.map((node) => rssMb(node.child.pid));
      const screens = screenLoads(balancer.url, cookie, options.clients);
      loads.push(...screens);
      await Promise.all(screens.map((load) => load.next('ready', 200_000)));
      const spot = gpsAt(demoSite, [200, 150]);
      const sender = new Load({ role: 'alarms', url: balancer.url, ingestKey: CLUSTER_KEY, rate: options.rate, warmUpMs: WARM_UP_MS });
      const tracking = trackers.length > 0 ? new Load({ role: 'trackers', url: balancer.url, trackers, lat: spot.lat, lon: spot.lon }) : null;
      const senders = tracking ? [sender, tracking] : [sender];
      loads.push(...senders);
      await Promise.all(senders.map((load) => load.next('ready')));
      // Time for the connections' own burst of work to settle before measuring.
      await new Promise((resolve) => setTimeout(resolve, 2_000));

      const lagSamples: number[][] = nodes.map(() => []);
      const rssSamples: number[][] = nodes.map(() => []);
      const sampleTimer = setInterval(() => {
        nodes.forEach((node, index) => {
          rssSamples[index]!.push(rssMb(node.child.pid));
          void lagP99Ms(node).then((lag) => lagSamples[index]!.push(lag));
        });
      }, 1_000);
      for (const load of [...screens, ...senders]) load.send('go');
      await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS + options.duration * 1000));
      for (const load of senders) load.send('stop');
      const [alarms, fixes] = await Promise.all(senders.map((load) => load.next('result'))) as Extract<LoadMessage, { role: 'alarms' | 'trackers' }>[];
      // Time for the last alarms to reach every screen.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      clearInterval(sampleTimer);
      const rssWith = nodes.map((node) => rssMb(node.child.pid));
      for (const load of screens) load.send('stop');
      const received = (await Promise.all(screens.map((load) => load.next('result')))) as Extract<LoadMessage, { role: 'screens' }>[];
      const latencies = received.flatMap((result) => result.latencies).sort((a, b) => a - b);
      const failures = Object.entries({ ...Object.fromEntries(Object.entries(alarms!.failures).map(([k, v]) => [`alarm ${k}`, v])), ...Object.fromEntries(Object.entries(fixes?.failures ?? {}).map(([k, v]) => [`fix ${k}`, v])) });
      return {
        nodes: nodeCount,
        sent: alarms!.sent,
        acknowledged: alarms!.ok,
        // The warm-up's alarms are counted on neither side.
        expected: alarms!.okTimed * options.clients,
        delivered: received.reduce((sum, result) => sum + result.delivered, 0),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        fixes: fixes?.ok ?? 0,
        fixesSent: fixes?.sent ?? 0,
        failures: failures.map(([key, n]) => `${key}: ${n}`).join(', '),
        disconnects: received.reduce((sum, result) => sum + result.disconnects, 0),
        lagP99: lagSamples.map(maxFinite),
        rss: rssSamples.map(maxFinite),
        rssForScreens: rssWith.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0),
      };
    } finally {
      for (const load of loads) load.kill();
      await balancer.close();
    }
  });
}

interface IdleResult { clients: number; connectSec: number; rssBefore: number; rssAfter: number; lagP99: number; disconnects: number }

/** Many screens connected to one node (directly), doing nothing: what each costs the node. */
async function idleRun(options: Options): Promise<IdleResult> {
  return withDeployment(1, async ([node]) => {
    const loads: Load[] = [];
    try {
      const cookie = await login(node!.url);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const rssBefore = rssMb(node!.child.pid);
      const started = Date.now();
      loads.push(...screenLoads(node!.url, cookie, options.idle));
      await Promise.all(loads.map((load) => load.next('ready', 300_000)));
      const connectSec = (Date.now() - started) / 1000;
      const lags: number[] = [];
      // Idle for a while: the lag is the cost of keeping them (heartbeats), not of connecting.
      for (let i = 0; i < 10; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        lags.push(await lagP99Ms(node!));
      }
      const rssAfter = rssMb(node!.child.pid);
      for (const load of loads) load.send('go');
      for (const load of loads) load.send('stop');
      const results = (await Promise.all(loads.map((load) => load.next('result')))) as Extract<LoadMessage, { role: 'screens' }>[];
      return { clients: options.idle, connectSec, rssBefore, rssAfter, lagP99: maxFinite(lags), disconnects: results.reduce((sum, r) => sum + r.disconnects, 0) - options.idle };
    } finally {
      for (const load of loads) load.kill();
    }
  });
}

async function main(): Promise<void> {
  const options = readOptions();
  process.stdout.write(
    `bench:cluster: ${options.clients} screens through HAProxy, ${options.rate} alarms/s, ${options.guards} guards at 1 Hz, ${options.duration} s per run; nodes ${options.nodes.join(', ')}; then ${options.idle} idle screens on one node\n`,
  );
  const results: RunResult[] = [];
  const broken: string[] = [];
  for (const count of options.nodes) {
    process.stdout.write(`  running ${count} node(s)…\n`);
    // One run that breaks (screens never synced on an overloaded machine) is reported; the others still run.
    try {
      results.push(await runOnce(count, options));
    } catch (error) {
      broken.push(`${count} node(s): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (results.length === 0) throw new Error(`every run broke: ${broken.join('; ')}`);
  const baseline = results[0]!;
  const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  process.stdout.write('\nnodes | alarms sent/201 | delivered/expected | p50 ms | p99 ms | p99 vs first | fixes 200/sent | lag p99 ms per node | RSS MB per node | RSS MB per 1,000 screens\n');
  for (const result of results) {
    process.stdout.write(
      [
        result.nodes,
        `${result.sent}/${result.acknowledged}`,
        `${result.delivered}/${result.expected}`,
        fmt(result.p50),
        fmt(result.p99),
        `${fmt(result.p99 / baseline.p99, 2)}×`,
        `${result.fixes}/${result.fixesSent}`,
        result.lagP99.map((lag) => fmt(lag)).join(' '),
        result.rss.map((rss) => fmt(rss)).join(' '),
        fmt((result.rssForScreens / options.clients) * 1000),
      ].join(' | ') + '\n',
    );
    if (result.failures) process.stdout.write(`   failed requests: ${result.failures}\n`);
    if (result.disconnects > options.clients) process.stdout.write(`   screen disconnects during the run: ${result.disconnects - options.clients} (besides the ${options.clients} closes at the end)\n`);
  }
  for (const line of broken) process.stdout.write(`broken run: ${line}\n`);
  process.stdout.write('\n(RSS per 1,000 screens: all nodes\' RSS with the screens connected, less before they connected, over the screens)\n');
  if (options.idle > 0) {
    process.stdout.write(`\n  running ${options.idle} idle screens on one node…\n`);
    const idle = await idleRun(options);
    process.stdout.write(
      `idle: ${idle.clients} screens synced in ${fmt(idle.connectSec, 1)} s | node RSS ${fmt(idle.rssBefore)} → ${fmt(idle.rssAfter)} MB (${fmt(((idle.rssAfter - idle.rssBefore) / idle.clients) * 1000, 1)} MB per 1,000) | lag p99 while idle ${fmt(idle.lagP99)} ms | unexpected disconnects ${idle.disconnects}\n`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:cluster failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
