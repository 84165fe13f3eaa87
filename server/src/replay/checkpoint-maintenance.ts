import { checkpointDue, DEFAULT_CHECKPOINT_POLICY, emptyState, type CheckpointPolicy, type LiveState, type Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { project } from '../realtime/projection.js';
import {
  checkpointBySeq,
  checkpointMarks,
  deleteCheckpoints,
  insertCheckpoint,
  streamEventCountBetween,
  streamEventsBetween,
} from '../repositories/replay.repository.js';
import { restoredState, storedState } from './checkpoint-state.js';

/**
 * What keeps a seek one checkpoint plus a bounded fold however old the log is (issue #11):
 *
 * - **Backfill.** A stretch of the log with no checkpoint in it (the events of an installation
 *   from before replay, a database moved in, a burst the writer stretched its intervals in) is
 *   folded from the checkpoint before it (or from the start) and given the checkpoints the writer
 *   would have taken, a slice at a time.
 * - **Thinning.** Checkpoints older than `keepAllMs` are thinned to one per `thinnedEveryMs` of
 *   log time or `thinnedEveryEvents` events, whichever comes first: a year of the log keeps a few
 *   thousand rows, and a seek into it folds at most `thinnedEveryEvents` events.
 *
 * Derived data only: a checkpoint written twice is one row, one removed costs one longer seek.
 * Run by the leader (one node), off the hot path, each run bounded by `budgetEvents`.
 */
export interface MaintenancePolicy {
  /** The writer's policy, for recent log time. */
  recent: CheckpointPolicy;
  /** Older than this (ms before now): thinned. */
  keepAllMs: number;
  thinnedEveryMs: number;
  thinnedEveryEvents: number;
  /** Events folded per run, at most. */
  budgetEvents: number;
}

export const DEFAULT_MAINTENANCE_POLICY: MaintenancePolicy = {
  recent: DEFAULT_CHECKPOINT_POLICY,
  keepAllMs: 7 * 24 * 3600_000,
  thinnedEveryMs: 3600_000,
  thinnedEveryEvents: 10_000,
  budgetEvents: 20_000,
};

/** Events read per round trip while backfilling. */
const FOLD_BATCH = 2_000;
/** Checkpoint marks (seq, at) thinned per run, at most. */
const THIN_BATCH = 5_000;

export interface MaintenanceRun {
  /** Checkpoints written by backfill, and events folded for them. */
  written: number;
  folded: number;
  removed: number;
  /** False when the budget ran out with work left: run again soon. */
  done: boolean;
}

type Mark = { seq: number; at: Date };

export class CheckpointMaintenance {
  /** Stretches up to this seq were found complete (or filled) by an earlier run: not counted again. */
  private checkedUpTo = 0;
  /** Where the next thinning run starts (the last checkpoint it kept). */
  private thinnedFrom = 0;

  constructor(
    private readonly db: Executor,
    private readonly stream: Stream,
    readonly policy: MaintenancePolicy = DEFAULT_MAINTENANCE_POLICY,
  ) {}

  /** The policy for a checkpoint at `at`: the writer's for recent time, the thinned one before. */
  private policyAt(at: Date, now: Date): CheckpointPolicy {
    return now.getTime() - at.getTime() > this.policy.keepAllMs ? { everyEvents: this.policy.thinnedEveryEvents, everyMs: this.policy.thinnedEveryMs } : this.policy.recent;
  }

  /** One bounded run: backfill the first stretches that need it, then thin what has aged. */
  async run(now: Date): Promise<MaintenanceRun> {
    const filled = await this.backfill(now);
    const thinned = await this.thin(now);
    return { ...filled, removed: thinned.removed, done: filled.done && !thinned.more };
  }

  private async backfill(now: Date): Promise<{ written: number; folded: number; done: boolean }> {
    const marks = await checkpointMarks(this.db, this.stream, this.checkedUpTo);
    let written = 0;
    let folded = 0;
    // The stretch before the first checkpoint starts from the empty state (the log holds the reference data from seq 1).
    let previous: Mark | null = this.checkedUpTo === 0 ? null : (marks.shift() ?? null);
    for (const mark of marks) {
      const from = previous?.seq ?? 0;
      const policy = this.policyAt(mark.at, now);
      // Global seqs bound the stream's events between: most stretches need no count.
      if (mark.seq - from > 2 * policy.everyEvents && (await streamEventCountBetween(this.db, this.stream, from, mark.seq)) > policy.everyEvents) {
        const left = this.policy.budgetEvents - folded;
        if (left <= 0) return { written, folded, done: false };
        const result = await this.fill(previous, mark.seq, now, left);
        written += result.written;
        folded += result.folded;
        if (!result.reached) return { written, folded, done: false };
      }
      this.checkedUpTo = mark.seq;
      previous = mark;
    }
    return { written, folded, done: true };
  }

  /** Folds from `previous` (or the start) towards `untilSeq`, writing the checkpoints due on the way; at most `budget` events. */
  private async fill(previous: Mark | null, untilSeq: number, now: Date, budget: number): Promise<{ written: number; folded: number; reached: boolean }> {
    const base = previous ? await checkpointBySeq(this.db, this.stream, previous.seq) : null;
    if (previous && !base) return { written: 0, folded: 0, reached: true }; // thinned meanwhile: the next run sees the new stretch
    let state: LiveState = base ? restoredState(base) : emptyState();
    let last: { seq: number; at: string } | null = previous ? { seq: previous.seq, at: previous.at.toISOString() } : null;
    let after = previous?.seq ?? 0;
    let written = 0;
    let folded = 0;
    for (;;) {
      const batch = await streamEventsBetween(this.db, this.stream, after, untilSeq - 1, Math.min(FOLD_BATCH, budget - folded));
      for (const read of batch) {
        after = read.seq;
        folded += 1;
        // A row that is not a valid event was never sent to a screen; a seek skips it too.
        if (!read.ok) continue;
        state = project(state, read.event);
        if (checkpointDue(last, read.event, this.policyAt(new Date(read.event.at), now))) {
          await insertCheckpoint(this.db, { stream: this.stream, seq: read.seq, at: new Date(read.event.at), ...storedState(state) });
          last = { seq: read.seq, at: read.event.at };
          written += 1;
        }
      }
      if (batch.length === 0 || after >= untilSeq - 1) return { written, folded, reached: true };
      if (folded >= budget) {
        // Out of budget mid-stretch: keep where it got to, so the next run starts there.
        if (last?.seq !== after) {
          const read = batch.at(-1)!;
          if (read.ok) {
            await insertCheckpoint(this.db, { stream: this.stream, seq: read.seq, at: new Date(read.event.at), ...storedState(state) });
            written += 1;
          }
        }
        return { written, folded, reached: false };
      }
    }
  }

  /**
   * Checkpoints older than keepAllMs, oldest first from where the last run got to: each is
   * removed when the kept one before it and the one after it are still within thinnedEveryMs and
   * thinnedEveryEvents of each other (the first is always kept: at seq 0 it holds the reference data).
   */
  private async thin(now: Date): Promise<{ removed: number; more: boolean }> {
    const cutoff = new Date(now.getTime() - this.policy.keepAllMs);
    const marks = await checkpointMarks(this.db, this.stream, this.thinnedFrom, cutoff, THIN_BATCH);
    const doomed: number[] = [];
    let kept = marks[0];
    for (let index = 1; kept && index < marks.length - 1; index += 1) {
      const next = marks[index + 1]!;
      const closeEnough = next.seq - kept.seq <= this.policy.thinnedEveryEvents && next.at.getTime() - kept.at.getTime() <= this.policy.thinnedEveryMs;
      if (closeEnough) doomed.push(marks[index]!.seq);
      else kept = marks[index];
    }
    if (doomed.length > 0) await deleteCheckpoints(this.db, this.stream, doomed);
    const more = marks.length === THIN_BATCH;
    // The next run goes on from the last one kept (the whole aged part again once it reached the end).
    this.thinnedFrom = more && kept ? kept.seq : 0;
    return { removed: doomed.length, more };
  }
}

/** How often the maintenance runs, and soon again while a run left work. */
const IDLE_EVERY_MS = 10 * 60_000;
const BUSY_EVERY_MS = 1_000;

/** Runs `maintenance` on a timer while `isLeader()`, until stopped. */
export function scheduleMaintenance(maintenance: CheckpointMaintenance, isLeader: () => boolean, clock: () => Date, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const arm = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = (async () => {
        let again = false;
        try {
          if (isLeader()) again = !(await maintenance.run(clock())).done;
        } catch (error) {
          onError(error);
        }
        arm(again ? BUSY_EVERY_MS : IDLE_EVERY_MS);
      })().finally(() => {
        running = null;
      });
    }, ms);
    timer.unref();
  };
  arm(BUSY_EVERY_MS);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
