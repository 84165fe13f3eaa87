/**
 * The embedded database during an alarm storm: PGlite on the server's own thread (inline) against
 * PGlite on its worker thread (src/db/embedded/), the same storm in the same run. For each: the
 * server's event-loop delay (perf_hooks.monitorEventLoopDelay) while the storm runs, and POST →
 * every screen. A report: exits 0 whatever the figures (1 only when the bench itself breaks).
 *
 *   pnpm bench:embedded [--clients 50] [--rate 300] [--duration 15] [--mode both|inline|worker]
 *   (or BENCH_CLIENTS, BENCH_RATE, BENCH_DURATION, BENCH_MODE)
 *
 * The load — the screens and the sender — runs in a child process (alarms.clients.ts, the alarm
 * bench's), so its work is not in the server's event loop. Each mode gets a fresh data directory
 * on disk, migrated and bootstrapped before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { ClientsProcess, CONNECT_TIMEOUT_MS, INGEST_KEY_FOR_BENCH, startBenchVigil } from './alarms.bench.js';
import type { PhaseRecord } from './alarms.protocol.js';

const DRAIN_TIMEOUT_MS = 10_000;
const CHILD_SLACK_MS = 60_000;
const TARGET_LAG_P99_MS = 50;

interface Options { clients: number; rate: number; duration: number; modes: Mode[] }
type Mode = 'inline' | 'worker';

function readOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { clients: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, mode: { type: 'string' } },
  });
  const mode = values.mode ?? process.env.BENCH_MODE ?? 'both';
  if (!['both', 'inline', 'worker'].includes(mode)) throw new Error('--mode: must be both, inline or worker');
  const positive = (raw: string | undefined, name: string, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  return {
    clients: Math.round(positive(values.clients ?? process.env.BENCH_CLIENTS, 'clients', 50)),
    rate: positive(values.rate ?? process.env.BENCH_RATE, 'rate', 300),
    duration: positive(values.duration ?? process.env.BENCH_DURATION, 'duration', 15),
    modes: mode === 'both' ? ['inline', 'worker'] : [mode as Mode],
  };
}

interface Result {
  mode: Mode;
  lag: { p50: number; p99: number; max: number };
  latencies: number[];
  responses: number[];
  expected: number;
  delivered: number;
  sent: number;
  failures: number;
  firstFailure: string;
  /** Share of the storm's wall time the event loop spent in stalls longer than TARGET_LAG_P99_MS (time-weighted: one long stall is one histogram sample, but many seconds). */
  stalled: number;
  /** The machine's 1-minute load average at the end of the storm (other processes share the cores). */
  load: number;
}

async function storm(mode: Mode, options: Options): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), `vigil-bench-embedded-${mode}-`));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: dir, inline: mode === 'inline' });
    try {
      const { app, url, cookie } = await startBenchVigil(database);
      try {
        const totals = { warm: Math.ceil(options.rate), run: Math.round(options.rate * options.duration) };
        const clients = new ClientsProcess({
          target: 'vigil', url, cookie, ingestKey: INGEST_KEY_FOR_BENCH, clients: options.clients, rate: options.rate, totals,
          connectTimeoutMs: CONNECT_TIMEOUT_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS,
        });
        try {
          await clients.next('warmed', CONNECT_TIMEOUT_MS + DRAIN_TIMEOUT_MS + CHILD_SLACK_MS, 'the screens to connect and warm up');
          const delay = monitorEventLoopDelay({ resolution: 10 });
          delay.enable();
          const stalls = stallMeter();
          clients.send({ type: 'go' });
          const done = await clients.next('done', options.duration * 1000 + DRAIN_TIMEOUT_MS + CHILD_SLACK_MS, 'the storm to be delivered');
          delay.disable();
          const stalled = stalls.stop();
          const run: PhaseRecord = done.run;
          const latencies: number[] = [];
          let sent = 0;
          for (let index = 0; index < run.total; index += 1) {
            const at = run.sentAt[index] ?? Number.NaN;
            if (!Number.isNaN(at)) sent += 1;
            for (let client = 0; client < run.clients; client += 1) {
              const received = run.receivedAt[index * run.clients + client] ?? Number.NaN;
              if (!Number.isNaN(received)) latencies.push(received - at);
            }
          }
          const ms = (ns: number) => ns / 1e6;
          return {
            mode,
            lag: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
            latencies,
            responses: run.responses,
            expected: run.total * run.clients,
            delivered: latencies.length,
            sent,
            failures: run.failures + done.warm.failures,
            firstFailure: run.firstFailure || done.warm.firstFailure,
            stalled,
            load: loadavg()[0] ?? Number.NaN,
          };
        } finally {
          await clients.close();
        }
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A 10 ms ticker: the share of wall time spent in gaps between ticks longer than TARGET_LAG_P99_MS. */
function stallMeter(): { stop: () => number } {
  const started = performance.now();
  let last = started;
  let stalled = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > TARGET_LAG_P99_MS) stalled += now - last;
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return stalled / Math.max(1, performance.now() - started);
    },
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const fixed = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1)).padStart(9);

async function main(): Promise<void> {
  const options = readOptions();
  process.stdout.write(
    `Embedded database during a storm: ${options.rate} alarms/s for ${options.duration} s to ${options.clients} screens, PGlite on disk\n` +
      `(inline = on the server's thread, worker = on its worker thread; load from a child process; Node ${process.version}, ${availableParallelism()} cores)\n\n`,
  );
  const results: Result[] = [];
  for (const mode of options.modes) {
    process.stdout.write(`  running ${mode}…\n`);
    results.push(await storm(mode, options));
  }
  const header = `  ${''.padEnd(8)}${'lag p50'.padStart(9)}${'lag p99'.padStart(9)}${'lag max'.padStart(9)}${'e2e p50'.padStart(9)}${'e2e p99'.padStart(9)}${'201 p99'.padStart(9)}${'stalled'.padStart(8)}${'load'.padStart(6)}   delivered       refused/failed   (ms)`;
  const lines = results.map((r) =>
    `  ${r.mode.padEnd(8)}${fixed(r.lag.p50)}${fixed(r.lag.p99)}${fixed(r.lag.max)}${fixed(percentile(r.latencies, 50))}${fixed(percentile(r.latencies, 99))}${fixed(percentile(r.responses, 99))}${`${(r.stalled * 100).toFixed(1)}%`.padStart(8)}${r.load.toFixed(1).padStart(6)}   ${`${r.delivered}/${r.expected}`.padEnd(16)}${String(r.failures).padStart(6)}${r.firstFailure ? `  first: ${r.firstFailure.slice(0, 80)}` : ''}`,
  );
  const worker = results.find((r) => r.mode === 'worker');
  const inline = results.find((r) => r.mode === 'inline');
  process.stdout.write(
    `\n${header}\n${lines.join('\n')}\n\n` +
      `  lag: the server's event-loop delay during the storm; e2e: POST sent → alarm on every screen; 201: the POST's answer;\n  stalled: share of the storm's time inside event-loop stalls > ${TARGET_LAG_P99_MS} ms (a stall is one histogram sample however long); load: the machine's 1-min load average (${availableParallelism()} cores)\n` +
      (worker && inline ? `  worker / inline lag p99: ${(worker.lag.p99 / inline.lag.p99).toFixed(2)}×\n` : '') +
      (worker ? `  ${worker.lag.p99 < TARGET_LAG_P99_MS ? 'PASS' : 'FAIL'}  worker: event-loop lag p99 < ${TARGET_LAG_P99_MS} ms (${worker.lag.p99.toFixed(1)} ms)\n` : ''),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
