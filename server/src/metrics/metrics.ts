import { Transform, type Readable } from 'node:stream';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FIX_SOURCES, type FixSource } from '@vigil/shared';
import type { DatabaseStats } from '../db/client.js';
import type { Relay, RelayRequest } from '../video/relay.js';

/** How many seqs are remembered on either side of the ingest→emit join: bounded whatever the rate. */
const JOIN_WINDOW = 10_000;

/** Seconds: the alarm path's budget is 1 s at p99, so the buckets are dense below it. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What /metrics reads at scrape time; each is a cheap read of a size or a counter. */
export interface MetricsSources {
  /** Sockets connected per Socket.IO namespace (`/`, `/video`). */
  socketsPerNamespace(): Iterable<[string, number]>;
  database(): DatabaseStats;
  broadcastSeq(): number;
  pendingPositionRows(): number;
  /** The event-log append queue (services/append-queue.ts): appends waiting or running, and those refused. */
  appendQueue(): { depth: number; refused: number };
  /** Whether this node runs the scheduled duties now (always, with one node). */
  leader(): boolean;
}

/** The scheduled duties, each run by the leader only: `vigil_duty_rounds_total{duty}`. */
export const DUTIES = ['scheduler', 'silence_check', 'camera_health'] as const;
export type DutyName = (typeof DUTIES)[number];

/**
 * Vigil's Prometheus metrics, one registry per app (tests build several apps in one process).
 * Labels take only fixed values (a namespace, a fix source, a relay request kind, a pool state):
 * never a user, a key, a camera, a site or a URL, so cardinality stays bounded and nothing
 * secret or per-user reaches a scraper.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly ingestToEmit: Histogram;
  private readonly fixes: Counter<'source'>;
  private readonly relayBytes: Counter<'kind'>;
  private readonly dutyRounds: Counter<'duty'>;
  /** Seq → when it went to the sockets (process.hrtime, ns), for answers that come after the emit. */
  private readonly emittedAt = new Map<number, bigint>();
  /** Seq → when its POST arrived, for answers that come before the emit. */
  private readonly waiting = new Map<number, bigint>();
  private highestEmitted = 0;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    // Process CPU, memory, GC, and event-loop lag (nodejs_eventloop_lag_seconds, …_p99_seconds).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.ingestToEmit = new Histogram({
      name: 'vigil_alarm_ingest_to_emit_seconds',
      help: 'From an alarm POST arriving to its event being emitted to the sockets',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.fixes = new Counter({
      name: 'vigil_position_fixes_total',
      help: 'Guard position fixes written, by source (rate() gives fixes per second)',
      labelNames: ['source'],
      registers,
    });
    for (const source of FIX_SOURCES) this.fixes.inc({ source }, 0);
    this.relayBytes = new Counter({
      name: 'vigil_video_relay_bytes_total',
      help: 'Bytes the video relay sent to screens, by request kind',
      labelNames: ['kind'],
      registers,
    });
    for (const kind of ['playlist', 'resource', 'snapshot'] satisfies RelayRequest['kind'][]) this.relayBytes.inc({ kind }, 0);
    this.dutyRounds = new Counter({
      name: 'vigil_duty_rounds_total',
      help: 'Rounds of each scheduled duty this node ran (only the leader runs them: the other nodes stay at 0)',
      labelNames: ['duty'],
      registers,
    });
    for (const duty of DUTIES) this.dutyRounds.inc({ duty }, 0);
    new Gauge({
      name: 'vigil_leader',
      help: 'Whether this node leads and so runs the scheduled duties (1) or not (0); exactly one node of a cluster shows 1',
      registers,
      collect() {
        this.set(sources.leader() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'vigil_sockets',
      help: 'Connected Socket.IO clients per namespace',
      labelNames: ['namespace'],
      registers,
      collect() {
        this.reset();
        for (const [namespace, count] of sources.socketsPerNamespace()) this.set({ namespace }, count);
      },
    });
    new Gauge({
      name: 'vigil_db_pool_connections',
      help: 'Database connections by state (PostgreSQL pool: total, idle, waiting; PGlite: one connection, waiting = queries queued behind the running one)',
      labelNames: ['driver', 'state'],
      registers,
      collect() {
        this.reset();
        const stats = sources.database();
        this.set({ driver: stats.driver, state: 'total' }, stats.total);
        this.set({ driver: stats.driver, state: 'idle' }, stats.idle);
        this.set({ driver: stats.driver, state: 'waiting' }, stats.waiting);
      },
    });
    new Gauge({
      name: 'vigil_broadcast_seq',
      help: 'The last event seq this node has emitted to its sockets',
      registers,
      collect() {
        this.set(sources.broadcastSeq());
      },
    });
    new Gauge({
      name: 'vigil_positions_pending_rows',
      help: 'Position rows accepted and waiting for the next batch write (at most 500 ms)',
      registers,
      collect() {
        this.set(sources.pendingPositionRows());
      },
    });
    new Gauge({
      name: 'vigil_append_queue_depth',
      help: 'Event-log appends waiting for their group commit or in the running one (503 busy beyond the bound)',
      registers,
      collect() {
        this.set(sources.appendQueue().depth);
      },
    });
    new Counter({
      name: 'vigil_append_refused_total',
      help: 'Event-log appends refused with 503 busy because the append queue was full',
      registers,
      collect() {
        this.reset();
        this.inc(sources.appendQueue().refused);
      },
    });
  }

  /** An event went to the sockets. */
  emitted(seq: number): void {
    const now = process.hrtime.bigint();
    if (seq > this.highestEmitted) this.highestEmitted = seq;
    const arrived = this.waiting.get(seq);
    if (arrived !== undefined) {
      this.waiting.delete(seq);
      this.observe(arrived, now);
      return;
    }
    remember(this.emittedAt, seq, now);
  }

  /** An alarm POST that arrived at `arrivedAt` was answered with the event `seq`. */
  answered(seq: number, arrivedAt: bigint): void {
    const emitted = this.emittedAt.get(seq);
    if (emitted !== undefined) {
      this.emittedAt.delete(seq);
      // An idempotent replay answers an old seq, emitted before this request arrived: not an ingest.
      if (emitted >= arrivedAt) this.observe(arrivedAt, emitted);
      return;
    }
    // Emitted long ago (a replay whose emit has left the window): nothing to measure.
    if (seq <= this.highestEmitted) return;
    remember(this.waiting, seq, arrivedAt);
  }

  /** A scheduled duty ran one round on this node. */
  dutyRound(duty: DutyName): void {
    this.dutyRounds.inc({ duty });
  }

  fixesWritten(source: FixSource, count: number): void {
    if (count > 0) this.fixes.inc({ source }, count);
  }

  /** The relay with every answered byte counted (buffers at once, streams as they flow). */
  countRelay(relay: Relay): Relay {
    return {
      serve: async (request, viewer) => {
        const answer = await relay.serve(request, viewer);
        const kind = request.kind;
        if (Buffer.isBuffer(answer.body)) {
          this.relayBytes.inc({ kind }, answer.body.length);
          return answer;
        }
        return { ...answer, body: this.counted(answer.body, kind) };
      },
    };
  }

  private counted(body: Readable, kind: RelayRequest['kind']): Readable {
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.relayBytes.inc({ kind }, chunk.length);
        done(null, chunk);
      },
    });
    // A failed upstream fails the counted stream the same way; a screen that goes away ends the upstream.
    body.on('error', (error) => counter.destroy(error));
    counter.on('close', () => {
      if (!body.readableEnded) body.destroy();
    });
    return body.pipe(counter);
  }

  private observe(from: bigint, to: bigint): void {
    this.ingestToEmit.observe(Number(to - from) / 1e9);
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function remember(map: Map<number, bigint>, seq: number, at: bigint): void {
  map.set(seq, at);
  // Maps keep insertion order: the first key is the oldest.
  if (map.size > JOIN_WINDOW) map.delete(map.keys().next().value!);
}
