import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import { Progress, WIRE_ERROR_FIELDS, type WireError, type WorkerInit, type WorkerRequest, type WorkerResponse } from './protocol.js';
import { workerScript } from './worker-source.js';
import { RETRY_AFTER_SECONDS } from '../../lib/db-errors.js';

export interface EmbeddedDatabaseOptions {
  /** PGlite's data directory; null: in memory (benchmarks; a restarted worker starts it empty). */
  dataDir: string | null;
  /** One statement may run this long before the worker is ended and started again (PGlite cannot cancel one). */
  statementMs: number;
  /** A transaction whose client sends nothing for this long is rolled back. */
  idleInTransactionMs: number;
  /** Requests sent and not yet answered, beyond which new ones are refused at once (statements of an open transaction always go). */
  maxPending?: number;
  /** A request not yet begun after waiting this long in the worker's queue is refused (53300). */
  queueWaitMs?: number;
  /** Delays before each restart of a worker that died; the last repeats. */
  restartDelaysMs?: number[];
  /** Told when the worker dies and when it is back. */
  log?: (level: 'warn' | 'info', message: string) => void;
}

export const DEFAULT_MAX_PENDING = 500;
export const DEFAULT_QUEUE_WAIT_MS = 5_000;
const DEFAULT_RESTART_DELAYS_MS = [0, 250, 1_000, 2_500, 5_000];
/** Up this long after a restart, a worker counts as healthy again: its next death restarts at once. */
const HEALTHY_AFTER_MS = 30_000;

/** A PostgreSQL-shaped error from the embedded database: `code` is the SQLSTATE lib/db-errors.ts reads. */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;

  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name === 'Error' ? 'EmbeddedDatabaseError' : wire.name;
    for (const field of WIRE_ERROR_FIELDS) {
      if (wire[field] !== undefined) this[field] = wire[field];
    }
    if (wire.stack) this.stack = `${this.stack}\n    --- in the embedded database's worker ---\n${wire.stack.split('\n').slice(1).join('\n')}`;
  }
}

function fault(code: string, message: string): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError({ name: 'EmbeddedDatabaseError', code, severity: 'ERROR', message });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** What drizzle's transaction callback is handed: PGlite's `Transaction`, as far as drizzle uses it. */
export interface EmbeddedTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  readonly closed: boolean;
}

export interface EmbeddedStats {
  /** Requests sent to the worker and not yet answered. */
  pending: number;
  /** Transactions open. */
  sessions: number;
  /** The worker runs and answers. */
  up: boolean;
  /** Times the worker was started again after dying. */
  restarts: number;
}

/**
 * An RPC client of pglite.worker.ts, shaped like the PGlite object drizzle's pglite driver uses
 * (`query`, `exec`, `transaction`, `close`), so drizzle and every repository run on it unchanged.
 *
 * Bounded: at most `maxPending` requests wait (more: SQLSTATE 53300, a 503 with Retry-After); a
 * statement running longer than `statementMs` ends the worker (57014) — PGlite cannot interrupt
 * one otherwise — and a worker that dies, so or otherwise, is started again with backoff while
 * every caller waiting on it, and every new one until it is back, gets an error at once (57P01,
 * 57P03), never a hang.
 */
export class EmbeddedDatabaseClient {
  private worker: Worker | null = null;
  private progress = new Int32Array(new SharedArrayBuffer(Progress.size * 4));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextSession = 1;
  private sessions = 0;
  private state: 'starting' | 'up' | 'down' | 'closed' = 'starting';
  private downReason = 'it is starting';
  private restarts = 0;
  private failures = 0;
  private upSince = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly watchdog: NodeJS.Timeout;
  private watched = { running: 0, started: -1, since: 0 };
  /** Set while the watchdog ends a worker: the request it ended. */
  private timedOut = 0;
  private statementMs: number | null;
  private readonly maxPending: number;
  private readonly restartDelays: number[];

  private constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.statementMs = options.statementMs;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.restartDelays = options.restartDelaysMs ?? DEFAULT_RESTART_DELAYS_MS;
    const every = Math.max(20, Math.min(1_000, Math.floor(options.statementMs / 5)));
    this.watchdog = setInterval(() => this.watch(), every);
    this.watchdog.unref();
  }

  /** Starts the worker and opens the database; rejects when it cannot be opened. */
  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabaseClient> {
    const client = new EmbeddedDatabaseClient(options);
    try {
      await client.spawn();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** Migrations may run longer than a request's statement: null lifts the bound, a number sets it again. */
  setStatementTimeout(ms: number | null): void {
    this.statementMs = ms;
  }

  query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}, session?: number): Promise<Results<T>> {
    return this.request({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
      rawTypes: Object.keys(options.parsers ?? {}).map(Number),
      session,
    }) as Promise<Results<T>>;
  }

  exec(sql: string, _options?: QueryOptions, session?: number): Promise<Results[]> {
    return this.request({ op: 'exec', sql, session }) as Promise<Results[]>;
  }

  /** BEGIN, `work` with a session no other statement interleaves, COMMIT; ROLLBACK when `work` throws. */
  async transaction<T>(work: (tx: EmbeddedTransaction) => Promise<T>): Promise<T> {
    const session = this.nextSession++;
    await this.request({ op: 'begin', session });
    this.sessions += 1;
    let closed = false;
    const tx: EmbeddedTransaction = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.query<R>(sql, params, options, session),
      exec: (sql: string) => this.exec(sql, undefined, session),
      get closed() {
        return closed;
      },
    };
    try {
      let result: T;
      try {
        result = await work(tx);
      } catch (error) {
        // The worker may be gone with the session already: its rollback needs no answer then.
        await this.request({ op: 'end', session, commit: false }).catch(() => undefined);
        throw error;
      }
      await this.request({ op: 'end', session, commit: true });
      return result;
    } finally {
      closed = true;
      this.sessions -= 1;
    }
  }

  stats(): EmbeddedStats {
    return { pending: this.pending.size, sessions: this.sessions, up: this.state === 'up', restarts: this.restarts };
  }

  /** Test hook: the worker throws, as a fault inside PGlite would; rejects when it has died. */
  crashForTest(): Promise<unknown> {
    return this.request({ op: 'crash' });
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasUp = this.state === 'up';
    this.state = 'closed';
    clearInterval(this.watchdog);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    if (wasUp) {
      // PGlite shuts down cleanly (its data directory needs no recovery next time); bounded, then ended.
      const id = this.nextId++;
      const closing = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
      worker.postMessage({ id, op: 'close' } satisfies WorkerRequest);
      const bound = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([closing.catch(() => undefined), exited, bound]);
    }
    await worker.terminate();
    await exited;
    this.failAll(() => fault('08003', 'the embedded database is closed'));
  }

  private request(request: Request): Promise<unknown> {
    if (this.state !== 'up') {
      const error =
        this.state === 'closed'
          ? fault('08003', 'the embedded database is closed')
          : fault('57P03', `the embedded database is restarting (${this.downReason}); try again in ${RETRY_AFTER_SECONDS} s`);
      return Promise.reject(error);
    }
    // A transaction's own statements always go: refusing one would only leave its session open longer.
    const inSession = 'session' in request && request.session !== undefined && request.op !== 'begin';
    if (!inSession && this.pending.size >= this.maxPending) {
      return Promise.reject(
        fault('53300', `the embedded database has ${this.pending.size} requests waiting, its most; try again in ${RETRY_AFTER_SECONDS} s`),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.worker!.postMessage((inSession ? { ...request, id } : { ...request, id, at: Date.now() }) as WorkerRequest);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.pending.set(id, { resolve, reject });
    });
  }

  private spawn(): Promise<void> {
    this.state = 'starting';
    this.progress = new Int32Array(new SharedArrayBuffer(Progress.size * 4));
    this.watched = { running: 0, started: -1, since: 0 };
    return workerScript().then(
      (script) =>
        new Promise<void>((resolve, reject) => {
          const init: WorkerInit = {
            dataDir: this.options.dataDir,
            idleInTransactionMs: this.options.idleInTransactionMs,
            progress: this.progress.buffer as SharedArrayBuffer,
            queueWaitMs: this.options.queueWaitMs ?? DEFAULT_QUEUE_WAIT_MS,
          };
          const worker = new Worker(script, { workerData: init, execArgv: [] });
          this.worker = worker;
          let settled = false;
          let lastError: Error | null = null;
          worker.on('message', (message: WorkerResponse) => {
            if (message.type === 'ready') {
              settled = true;
              if (this.state === 'closed') return;
              this.state = 'up';
              this.upSince = Date.now();
              resolve();
            } else if (message.type === 'failed') {
              lastError = new EmbeddedDatabaseError(message.error);
            } else {
              this.answer(message);
            }
          });
          worker.on('error', (error) => {
            lastError = error;
          });
          worker.on('exit', (code) => {
            if (this.worker === worker) this.worker = null;
            const reason = this.timedOut
              ? `a statement ran longer than ${this.statementMs ?? 0} ms`
              : lastError
                ? `its worker failed: ${lastError.message}`
                : `its worker exited with code ${code}`;
            if (!settled) {
              settled = true;
              reject(lastError ?? new Error(`the embedded database could not be opened: ${reason}`));
            }
            this.died(reason);
          });
        }),
    );
  }

  private answer(message: Extract<WorkerResponse, { type: 'result' | 'error' }>): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'result') waiting.resolve(message.result);
    else waiting.reject(new EmbeddedDatabaseError(message.error));
  }

  private failAll(error: (id: number) => Error): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const [id, { reject }] of waiting) reject(error(id));
  }

  private died(reason: string): void {
    const timedOut = this.timedOut;
    this.timedOut = 0;
    const statementMs = this.statementMs;
    this.failAll((id) =>
      id === timedOut
        ? fault('57014', `canceling statement due to statement timeout: it ran longer than ${statementMs} ms on the embedded database, which restarts`)
        : fault('57P01', `the embedded database stopped (${reason}) and restarts; try again in ${RETRY_AFTER_SECONDS} s`),
    );
    if (this.state === 'closed') return;
    this.state = 'down';
    this.downReason = reason;
    if (Date.now() - this.upSince > HEALTHY_AFTER_MS) this.failures = 0;
    const delay = this.restartDelays[Math.min(this.failures, this.restartDelays.length - 1)] ?? 0;
    this.failures += 1;
    this.options.log?.('warn', `embedded database: ${reason}; starting it again in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.state === 'closed') return;
      this.restarts += 1;
      this.spawn().then(
        () => this.options.log?.('info', 'embedded database: running again'),
        () => undefined, // its exit handler has scheduled the next try
      );
    }, delay);
    this.restartTimer.unref();
  }

  /** Ends the worker when one statement has run longer than `statementMs`. */
  private watch(): void {
    if (this.state !== 'up' || this.statementMs === null || !this.worker) return;
    const running = Atomics.load(this.progress, Progress.running);
    const started = Atomics.load(this.progress, Progress.started);
    const now = Date.now();
    if (running === 0 || running !== this.watched.running || started !== this.watched.started) {
      this.watched = { running, started, since: now };
      return;
    }
    if (now - this.watched.since < this.statementMs) return;
    this.timedOut = running;
    this.state = 'down';
    this.downReason = `a statement ran longer than ${this.statementMs} ms`;
    void this.worker.terminate();
  }
}
