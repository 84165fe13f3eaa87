import type { DomainEvent, NewEvent, Stream } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import { HttpError } from '../lib/http-error.js';
import { findCommand, recordCommand } from '../repositories/commands.repository.js';
import { changeWithEvent, changeWithEventIfAny, lastSeq, type LockedTx } from '../repositories/events.repository.js';
import { appendQueueOf, type BulkGroup } from './append-queue.js';
import type { Deps } from './deps.js';

/**
 * The one write path of Vigil. Every command and ingest that changes state runs through
 * `runCommand`:
 *
 *   1. queues the command (append-queue.ts): with the others of the same moment it runs in one
 *      transaction holding the event-log lock (seq order = commit order); a full queue is a
 *      503 "busy" with Retry-After, before anything runs;
 *   2. with a command id: the same id from the same user for the same command answers the
 *      first time's seq and changes nothing; the id used for another command is a 409;
 *   3. runs `work`, which changes state and appends events only through `log.append`
 *      (`log.tx` is a `LockedTx`: `changeWithEvent` accepts nothing else);
 *   4. records the command id with the seq of its last event (or the stream's seq if it
 *      appended nothing), commits;
 *   5. after the commit, hands the appended events to `deps.onCommitted` (the broadcaster).
 *
 * Nothing is written when `work` throws, and the other commands of its batch commit. `work`
 * may run more than once (a batch is rolled back and run again when one of its commands
 * throws): it must act through `log.tx` only, with no side effects outside the database. Usage:
 *
 *   const done = await runCommand(deps, { stream: deps.stream, command: { id, userId, name: 'guard.sos' } },
 *     async (log) => {
 *       const guard = await findGuard(log.tx, guardId);          // reads see the locked state
 *       await log.append(guardUpdate(log.tx, guard.id, patch),   // the change, as a statement
 *         { type: 'guard.statusChanged', siteId, actor, payload }); //   and its event, one round trip
 *     });
 *   return { seq: done.seq };                                   // done.replayed: the id was seen before
 *
 * Use cases that must compose (an SOS raises an alarm and sets the guard's status in one
 * transaction) are written as `(log: CommandLog, …)` functions and called from one `work`.
 */
export interface CommandLog {
  /** The transaction, holding the event-log lock. Read and write state through it. */
  readonly tx: LockedTx;
  /** The stream this command acts on. */
  readonly stream: Stream;
  /** Server time of this command (one clock reading for all its events). */
  readonly now: Date;
  /**
   * Runs `change` (an insert/update/delete returning at least one column) and appends
   * `event` in one statement; throws when the change touched no row.
   */
  append(change: { getSQL(): SQL }, event: NewEvent): Promise<DomainEvent>;
  /** `append` for a change that may touch no row: then no event either, and undefined. */
  appendIfChanged(change: { getSQL(): SQL }, event: NewEvent): Promise<DomainEvent | undefined>;
  /** The events appended so far, in seq order. */
  readonly appended: readonly DomainEvent[];
}

/** A client-made command id and whose command it is. */
export interface CommandRef {
  id: string;
  userId: string;
  /** The command's name (`alarm.resolve`, `guard.sos`, …): one id belongs to one command. */
  name: string;
}

export interface RunOptions {
  stream: Stream;
  /** Makes the command idempotent by its client-made id. */
  command?: CommandRef;
  /** Runs after the commit, before the broadcaster is woken (e.g. invalidating a cache). */
  afterCommit?: (events: readonly DomainEvent[]) => void;
}

/**
 * `work` as a part of a statement shared with the commands queued beside it (append-queue.ts,
 * BulkGroup): `value` is the command's answer when the statement did its part; when it
 * declined it, `work` runs as usual. For commands without an id only.
 */
export interface BulkCommand<P, T> {
  group: BulkGroup<P>;
  key: string;
  part(now: Date): P;
  value(part: P, events: readonly DomainEvent[]): T;
}

/** Committed now: `value` is what `work` returned, `seq` its last event's (or the stream's). */
export interface Committed<T> {
  replayed: false;
  seq: number;
  value: T;
  events: readonly DomainEvent[];
}

/** The command id was seen before: nothing ran, `seq` is the first time's answer. */
export interface Replayed {
  replayed: true;
  seq: number;
}

export function runCommand<T, P>(deps: Deps, options: RunOptions & { command?: undefined; bulk: BulkCommand<P, T> }, work: (log: CommandLog) => Promise<T>): Promise<Committed<T>>;
export function runCommand<T>(deps: Deps, options: RunOptions & { command?: undefined }, work: (log: CommandLog) => Promise<T>): Promise<Committed<T>>;
export function runCommand<T>(deps: Deps, options: RunOptions, work: (log: CommandLog) => Promise<T>): Promise<Committed<T> | Replayed>;
export async function runCommand<T>(deps: Deps, options: RunOptions & { bulk?: BulkCommand<unknown, T> }, work: (log: CommandLog) => Promise<T>): Promise<Committed<T> | Replayed> {
  const { stream, command, bulk } = options;
  const { result } = await appendQueueOf(deps.db).enqueue<Committed<T> | Replayed>({
    deps,
    afterCommit: options.afterCommit,
    bulk:
      bulk && !command
        ? {
            group: bulk.group,
            key: bulk.key,
            part: bulk.part,
            outcome: (part, events) => ({ result: { replayed: false, seq: events.at(-1)!.seq, value: bulk.value(part, events), events }, events }),
          }
        : undefined,
    run: async (tx, now) => {
      // A fresh list each time: a batch that is rolled back and run again calls this again.
      const appended: DomainEvent[] = [];
      if (command) {
        const done = await findCommand(tx, command.id);
        if (done) {
          if (done.userId !== command.userId || done.name !== command.name) {
            throw new HttpError(409, 'conflict', 'commandId: already used for another command');
          }
          return { result: { replayed: true, seq: done.seq }, events: appended };
        }
      }
      const log: CommandLog = {
        tx,
        stream,
        now,
        appended,
        append: async (change, event) => {
          const stored = await changeWithEvent(tx, stream, now, change, event);
          appended.push(stored);
          return stored;
        },
        appendIfChanged: async (change, event) => {
          const stored = await changeWithEventIfAny(tx, stream, now, change, event);
          if (stored) appended.push(stored);
          return stored;
        },
      };
      const value = await work(log);
      const seq = appended.at(-1)?.seq ?? (await lastSeq(tx, stream));
      if (command) await recordCommand(tx, { id: command.id, userId: command.userId, name: command.name, seq });
      return { result: { replayed: false, seq, value, events: appended }, events: appended };
    },
  });
  return result;
}
