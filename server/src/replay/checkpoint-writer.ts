import { checkpointDue, DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy, type DomainEvent, type LiveState, type Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { storedState } from './checkpoint-state.js';
import { eventTime, insertCheckpoint, lastCheckpoint } from '../repositories/replay.repository.js';

type Taken = { seq: number; at: string };
/** A checkpoint due: the event it follows, the state then (immutable, so holding it is free), and the one before. */
type Due = { event: DomainEvent; state: LiveState; previous: Taken | null };
/** Checkpoints that may wait for the one being written (a burst of catch-up reads outpaces the writes). */
const MAX_WAITING = 64;

/**
 * Writes replay's checkpoints: the projected state of a stream every so many events or minutes
 * (`checkpointDue`), handed over by the broadcaster after it sent each event. Off the hot path:
 * the state is immutable, so holding it costs nothing; it is serialized and written on a later
 * turn of the event loop, one write at a time. Those that fall due while another is being written
 * wait, at most MAX_WAITING, so a burst the writes cannot keep up with stretches intervals
 * instead of growing a queue. Not through the append lock: a
 * checkpoint is derived data, and the same (stream, seq) written twice (two nodes, a restart) is
 * one row. With several nodes only the leader writes.
 */
export class CheckpointWriter {
  private readonly last = new Map<Stream, Taken>();
  private writing: Promise<void> | null = null;
  /** Due while a write was running, oldest first; at most MAX_WAITING. */
  private readonly waiting: Due[] = [];
  private closed = false;
  private written = 0;

  constructor(
    private readonly db: Executor,
    private readonly isLeader: () => boolean,
    private readonly onError: (error: unknown) => void,
    readonly policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
  ) {}

  /**
   * Carries on from the newest checkpoint of each stream, and takes one of the state the
   * broadcaster starts from (built from the state tables, what the screens are shown), unless
   * that seq has one: a seek between this start and the next checkpoint has a base, and before
   * any event (seq 0, timed `now`) the reference data are there. Written by any node: the same
   * (stream, seq) is the same state, and a second copy is ignored.
   */
  async start(initial: readonly { stream: Stream; state: LiveState }[], now: Date): Promise<void> {
    for (const { stream, state } of initial) {
      const row = await lastCheckpoint(this.db, stream);
      if (row) this.last.set(stream, { seq: row.seq, at: row.at.toISOString() });
      if (row && row.seq >= state.seq) continue;
      const at = state.seq === 0 ? now : await eventTime(this.db, state.seq);
      if (!at) continue;
      try {
        await insertCheckpoint(this.db, { stream, seq: state.seq, at, ...storedState(state) });
        this.last.set(stream, { seq: state.seq, at: at.toISOString() });
        this.written += 1;
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** An event the broadcaster sent and the state it left. Returns at once. */
  offer(event: DomainEvent, state: LiveState): void {
    if (this.closed) return;
    const last = this.last.get(event.stream) ?? null;
    if (last && event.seq <= last.seq) return;
    if (!checkpointDue(last, event, this.policy)) return;
    this.last.set(event.stream, { seq: event.seq, at: event.at });
    // Another node writes them; this one keeps the pace, so it is ready if it becomes the leader.
    if (!this.isLeader()) return;
    const due: Due = { event, state, previous: last };
    if (this.writing) {
      // They wait (the states share their structure, so holding them is cheap). Past MAX_WAITING
      // every other one is dropped: a long burst spreads its stretched intervals evenly (they
      // double, then double again) instead of leaving one long hole, and the queue never grows.
      if (this.waiting.length >= MAX_WAITING) this.thin();
      this.waiting.push(due);
      return;
    }
    this.run(due);
  }

  /** Keeps every other waiting checkpoint (the newest kept). */
  private thin(): void {
    const kept = this.waiting.filter((_, index) => (this.waiting.length - 1 - index) % 2 === 0);
    this.waiting.splice(0, this.waiting.length, ...kept);
  }

  private run(due: Due): void {
    this.writing = this.write(due).finally(() => {
      this.writing = null;
      const next = this.waiting.shift();
      if (next) this.run(next);
    });
  }

  private async write({ event, state, previous }: Due): Promise<void> {
    // After the screens: the rest of this delivery goes out before the state is serialized.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await insertCheckpoint(this.db, { stream: event.stream, seq: event.seq, at: new Date(event.at), ...storedState(state) });
      this.written += 1;
    } catch (error) {
      // Due again at the next event: a lost checkpoint only lengthens one seek.
      if (this.last.get(event.stream)?.seq === event.seq) {
        if (previous) this.last.set(event.stream, previous);
        else this.last.delete(event.stream);
      }
      this.onError(error);
    }
  }

  /** How many checkpoints this process wrote (tests, metrics). */
  get writtenCount(): number {
    return this.written;
  }

  /** Resolves when no write is running (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Stops taking checkpoints; the one being written finishes, those waiting are dropped (derived data). */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await this.idle();
  }
}
