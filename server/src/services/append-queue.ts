import { sql } from 'drizzle-orm';
import type { DomainEvent } from '@vigil/shared';
import { transactionsNeverOverlap, type Db } from '../db/client.js';
import { HttpError } from '../lib/http-error.js';
import { lockEventLog, type LockedTx } from '../repositories/events.repository.js';
import type { Deps } from './deps.js';

/** Appends in one transaction and one hold of the event-log lock, at most. */
export const APPEND_BATCH_MAX = 200;
/** Appends waiting or running, at most: beyond it a caller gets 503 "busy" at once, nothing written. */
export const APPEND_QUEUE_MAX = 5_000;

/** What one queued append did inside the batch's transaction (see `runCommand`). */
export interface AppendOutcome<R> {
  result: R;
  /** The events it appended, in seq order (empty for a replayed command id or a no-op). */
  events: readonly DomainEvent[];
}

/** One caller's work: run inside the batch's locked transaction, with its own `now`. */
export interface AppendJob<R> {
  deps: Deps;
  run(tx: LockedTx, now: Date): Promise<AppendOutcome<R>>;
  /** After the commit, before the broadcaster is woken. */
  afterCommit?: (events: readonly DomainEvent[]) => void;
  /** The same work as one part of a statement shared with the jobs queued beside it (see BulkGroup). */
  bulk?: BulkAppend<unknown, R>;
}

/**
 * Work that many jobs of a batch can do in ONE statement (raising new alarms in a storm: one
 * round trip for a hundred instead of a hundred). Jobs next to each other in the queue with the
 * same group, the same deps and different keys share a statement; the statement may decline a
 * part (answer undefined), and that job then runs its own `run` right after, in the same
 * transaction. In a batch's rerun with savepoints (one of its appends failed) nothing is shared.
 */
export interface BulkGroup<P> {
  /** Parts in one statement, at most. */
  readonly max: number;
  /** For each part, in order, the events appended for it, or undefined: that job runs on its own. */
  run(tx: LockedTx, now: Date, parts: readonly P[]): Promise<(readonly DomainEvent[] | undefined)[]>;
}

export interface BulkAppend<P, R> {
  group: BulkGroup<P>;
  /** Parts with one key never share a statement (they would not see each other's rows). */
  key: string;
  part(now: Date): P;
  /** The job's outcome when the statement did its part. */
  outcome(part: P, events: readonly DomainEvent[]): AppendOutcome<R>;
}

interface Queued {
  job: AppendJob<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Settled = { ok: true; outcome: AppendOutcome<unknown> } | { ok: false; error: unknown };

/**
 * How many jobs from `start` on share one statement: the run of jobs of `start`'s bulk group
 * with its deps and keys not seen before in the run, before `guardFrom`, up to the group's max.
 */
function sharedStatement(batch: readonly Queued[], start: number, guardFrom: number): number {
  const first = batch[start]!.job;
  if (!first.bulk) return 0;
  const keys = new Set<string>();
  let end = start;
  while (end < batch.length && end < guardFrom && end - start < first.bulk.group.max) {
    const job = batch[end]!.job;
    if (job.bulk?.group !== first.bulk.group || job.deps !== first.deps || keys.has(job.bulk.key)) break;
    keys.add(job.bulk.key);
    end += 1;
  }
  return end - start;
}

export const appendQueueBusy = () =>
  new HttpError(503, 'busy', 'busy: too many changes are waiting to be written; try again in a moment', undefined, undefined, { 'retry-after': '1' });

/**
 * Group commit for the event log. An append waits at most one event-loop turn (or until the
 * batch before it commits), then up to APPEND_BATCH_MAX of them run one after another in ONE
 * transaction under ONE hold of the event-log lock: each gets its seq in queue order and all
 * become visible at the commit, so seq order is still commit order and a reader never sees a
 * gap fill later. One batch runs at a time per database.
 *
 * Optimistic: the batch runs without savepoints. When one append throws (a 404, a constraint),
 * the batch is rolled back and run again with a SAVEPOINT around that append and every later
 * one (the earlier ones succeeded on the same state), so only the bad one fails, with its own
 * error, and the others commit; should an earlier one fail in that second run, a third run
 * puts a savepoint around every append. A failure of the transaction itself (the connection,
 * the commit) fails every append of the batch: none of them was written.
 */
export class AppendQueue {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private scheduled = false;
  private running = false;
  /** Settable for tests and operators; APPEND_QUEUE_MAX unless changed. */
  maxPending = APPEND_QUEUE_MAX;
  private refusedCount = 0;
  private batchCount = 0;
  private sharedCount = 0;

  constructor(private readonly db: Db) {}

  /** Appends waiting for a batch plus those in the running one. */
  get depth(): number {
    return this.queue.length + this.inFlight;
  }

  /** Appends refused with 503 because the queue was full, since start. */
  get refused(): number {
    return this.refusedCount;
  }

  /** Appends done as parts of a shared statement (BulkGroup), committed or tried, since start. */
  get sharedParts(): number {
    return this.sharedCount;
  }

  /** Transactions committed or tried, since start (tests: a burst takes fewer than its appends). */
  get batches(): number {
    return this.batchCount;
  }

  enqueue<R>(job: AppendJob<R>): Promise<AppendOutcome<R>> {
    if (this.depth >= this.maxPending) {
      this.refusedCount += 1;
      return Promise.reject(appendQueueBusy());
    }
    return new Promise<AppendOutcome<R>>((resolve, reject) => {
      this.queue.push({ job: job as AppendJob<unknown>, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // One turn: the appends that arrive in the same burst of I/O callbacks share the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, APPEND_BATCH_MAX);
        this.inFlight = batch.length;
        await this.runBatch(batch);
        this.inFlight = 0;
      }
    } finally {
      this.inFlight = 0;
      this.running = false;
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    // Appends from `guardFrom` on run inside a savepoint each.
    let guardFrom = Number.POSITIVE_INFINITY;
    for (;;) {
      this.batchCount += 1;
      const settled: Settled[] = [];
      // An unguarded append threw (and with it the transaction), at this index.
      let failedAt = -1;
      let failure: unknown;
      try {
        await this.db.transaction(async (unlocked) => {
          const tx = await lockEventLog(unlocked, transactionsNeverOverlap(this.db));
          // One reading of the log's clock per batch: every append of it has the same `at`, still rising with seq.
          const clocks = new Map<NonNullable<Deps['logClock']>, Date>();
          const nowFor = async (deps: Deps): Promise<Date> => {
            if (!deps.logClock) return deps.clock();
            let now = clocks.get(deps.logClock);
            if (!now) {
              now = await deps.logClock(tx);
              clocks.set(deps.logClock, now);
            }
            return now;
          };
          for (let index = 0; index < batch.length; index += 1) {
            const queued = batch[index]!;
            if (index < guardFrom) {
              const shared = sharedStatement(batch, index, guardFrom);
              try {
                if (shared > 1) {
                  // Parts of one statement; a part it declined runs on its own right after.
                  const now = await nowFor(queued.job.deps);
                  const jobs = batch.slice(index, index + shared).map(({ job }) => job);
                  const parts = jobs.map((job) => job.bulk!.part(now));
                  this.sharedCount += parts.length;
                  const results = await queued.job.bulk!.group.run(tx, now, parts);
                  for (const [offset, job] of jobs.entries()) {
                    failedAt = index + offset;
                    const events = results[offset];
                    settled.push({ ok: true, outcome: events ? job.bulk!.outcome(parts[offset], events) : await job.run(tx, now) });
                  }
                  failedAt = -1;
                  index += shared - 1;
                  continue;
                }
                settled.push({ ok: true, outcome: await queued.job.run(tx, await nowFor(queued.job.deps)) });
              } catch (error) {
                // The shared statement itself failing counts as its first part's failure.
                failedAt = failedAt >= 0 ? failedAt : index;
                failure = error;
                throw error;
              }
              continue;
            }
            await tx.execute(sql`savepoint vigil_append`);
            try {
              const outcome = await queued.job.run(tx, await nowFor(queued.job.deps));
              await tx.execute(sql`release savepoint vigil_append`);
              settled.push({ ok: true, outcome });
            } catch (error) {
              await tx.execute(sql`rollback to savepoint vigil_append`);
              settled.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        if (failedAt >= 0 && batch.length === 1) {
          batch[0]!.reject(failure);
          return;
        }
        if (failedAt >= 0) {
          // First failure: guard it and what follows. A failure before it on the rerun: guard all.
          guardFrom = guardFrom === Number.POSITIVE_INFINITY ? failedAt : 0;
          continue;
        }
        for (const queued of batch) queued.reject(error);
        return;
      }
      this.committed(batch, settled);
      return;
    }
  }

  /** After the commit: each caller's hook, the broadcaster once per batch with all its events, then the answers. */
  private committed(batch: Queued[], settled: Settled[]): void {
    const answers: Settled[] = settled.map((entry, index) => {
      if (!entry.ok || entry.outcome.events.length === 0) return entry;
      try {
        batch[index]!.job.afterCommit?.(entry.outcome.events);
        return entry;
      } catch (error) {
        return { ok: false, error };
      }
    });
    const byListener = new Map<Deps['onCommitted'], DomainEvent[]>();
    for (const [index, entry] of settled.entries()) {
      if (!entry.ok || entry.outcome.events.length === 0) continue;
      const listener = batch[index]!.job.deps.onCommitted;
      const events = byListener.get(listener) ?? [];
      events.push(...entry.outcome.events);
      byListener.set(listener, events);
    }
    for (const [listener, events] of byListener) {
      try {
        listener(events);
      } catch {
        // The broadcaster reads the log on its next wake; the appends are committed either way.
      }
    }
    for (const [index, entry] of answers.entries()) {
      if (entry.ok) batch[index]!.resolve(entry.outcome);
      else batch[index]!.reject(entry.error);
    }
  }
}

const queues = new WeakMap<Db, AppendQueue>();

/** The one append queue of a database handle (every `Deps` on it shares it, whatever its stream). */
export function appendQueueOf(db: Db): AppendQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = new AppendQueue(db);
    queues.set(db, queue);
  }
  return queue;
}
