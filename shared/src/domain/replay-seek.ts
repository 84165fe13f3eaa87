import type { DomainEvent } from './events.js';
import { applyEvent, type LiveState } from './reducer.js';

/**
 * Seeking a replay: the state at a moment is the last checkpoint taken at or before it plus
 * the events after that checkpoint up to the moment, folded by the same `applyEvent` as live.
 * Checkpoints are taken every so many events or minutes, whichever comes first, so a seek
 * folds a bounded number of events however long the day was. Event times rise with seq (one
 * clock, the database's, inside the append), so "up to the moment" is a prefix of the events.
 */

export interface ReplayCheckpoint {
  /** The last event folded into `state`. */
  seq: number;
  /** That event's time (ISO). */
  at: string;
  state: LiveState;
}

export interface CheckpointPolicy {
  /** A checkpoint at least every this many events… */
  everyEvents: number;
  /** …and at least every this long (ms) of log time with events in it. */
  everyMs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyEvents: 1_000, everyMs: 10 * 60_000 };

/** Whether a checkpoint is due after folding `event`, given the last one taken. */
export function checkpointDue(last: Pick<ReplayCheckpoint, 'seq' | 'at'> | null, event: Pick<DomainEvent, 'seq' | 'at'>, policy = DEFAULT_CHECKPOINT_POLICY): boolean {
  if (!last) return true;
  return event.seq - last.seq >= policy.everyEvents || Date.parse(event.at) - Date.parse(last.at) >= policy.everyMs;
}

/** The last checkpoint taken at or before `at` (epoch ms), from checkpoints in seq order; null when none is. */
export function checkpointAtOrBefore<T extends Pick<ReplayCheckpoint, 'at'>>(checkpoints: readonly T[], at: number): T | null {
  let low = 0;
  let high = checkpoints.length - 1;
  let found: T | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const checkpoint = checkpoints[middle]!;
    if (Date.parse(checkpoint.at) <= at) {
      found = checkpoint;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Folds the events (in seq order) after `state.seq` whose time is at or before `at`. */
export function foldUntil(state: LiveState, events: readonly DomainEvent[], at: number): LiveState {
  let folded = state;
  for (const event of events) {
    if (Date.parse(event.at) > at) break;
    folded = applyEvent(folded, event);
  }
  return folded;
}

/**
 * A day's log held for seeking, in memory: checkpoints by the policy as events are added, and
 * the events themselves. For a drill replayed on one screen, a benchmark, or a test; the server
 * keeps its checkpoints in the database, by the same policy and the same two functions.
 */
export class ReplayIndex {
  private readonly checkpoints: ReplayCheckpoint[] = [];
  private readonly events: DomainEvent[] = [];
  private state: LiveState;

  constructor(
    private readonly initial: LiveState,
    private readonly policy = DEFAULT_CHECKPOINT_POLICY,
  ) {
    this.state = initial;
  }

  /** Adds the next event of the log (seq order; one already folded is ignored). */
  add(event: DomainEvent): void {
    if (event.seq <= this.state.seq) return;
    this.state = applyEvent(this.state, event);
    this.events.push(event);
    const last = this.checkpoints.at(-1) ?? null;
    if (checkpointDue(last, event, this.policy)) this.checkpoints.push({ seq: event.seq, at: event.at, state: this.state });
  }

  /** The state at `at` (epoch ms): the checkpoint before it and at most a policy's worth of events. */
  stateAt(at: number): { state: LiveState; folded: number } {
    const checkpoint = checkpointAtOrBefore(this.checkpoints, at);
    const from = checkpoint ? this.indexAfter(checkpoint.seq) : 0;
    const base = checkpoint?.state ?? this.initial;
    let folded = 0;
    let state = base;
    for (let index = from; index < this.events.length; index += 1) {
      const event = this.events[index]!;
      if (Date.parse(event.at) > at) break;
      state = applyEvent(state, event);
      folded += 1;
    }
    return { state, folded };
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** The index in `events` of the first event after `seq`. */
  private indexAfter(seq: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.events[middle]!.seq <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
