import { and, asc, desc, eq, gt, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { Actor, DomainEvent, NewEvent, Stream } from '@vigil/shared';
import type { Executor, Tx } from '../db/client.js';
import { events } from '../db/schema/index.js';
import { presentEvent, readEvent, type ReadEvent } from '../presenters/event.presenter.js';

/** Held for the rest of a transaction that appends: seq order is then commit order. */
export const EVENT_LOG_LOCK = 0x7669_6731; // "vig1"

declare const eventLogLocked: unique symbol;
/**
 * A transaction that holds the event-log lock. Only `lockEventLog` makes one, and
 * `changeWithEvent` takes nothing else, so appending without the lock does not compile.
 * Services get one from `runCommand` (services/append.ts), never by calling this directly.
 */
export type LockedTx = Tx & { readonly [eventLogLocked]: true };

/**
 * Takes the event-log lock for the rest of `tx`. On a database whose transactions never overlap
 * (PGlite: one session at a time, in one process; `transactionsNeverOverlap`) holding the
 * transaction is holding the lock, and the round trip is saved.
 */
export async function lockEventLog(tx: Tx, transactionsNeverOverlap = false): Promise<LockedTx> {
  if (!transactionsNeverOverlap) await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
  return tx as LockedTx;
}

/**
 * The database's time for an append, under the event-log lock: never before the last event's
 * `at`, so `at` rises with `seq` even if the database's clock steps back (one index row read).
 */
export async function logTime(tx: LockedTx): Promise<Date> {
  const result = await tx.execute(sql`
    select greatest(clock_timestamp(), coalesce((select at from ${events} order by seq desc limit 1), '-infinity'::timestamptz)) as now`);
  const value = (result as unknown as { rows: { now: string | Date }[] }).rows[0]!.now;
  return value instanceof Date ? value : new Date(value);
}

/**
 * A stream's events after `afterSeq`, for a reconnecting screen. A row that does not pass the
 * event schemas is left out: the broadcaster, which reads every row first, has logged it.
 */
export async function eventsAfter(db: Executor, stream: Stream, afterSeq: number, limit: number): Promise<DomainEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(readEvent).flatMap((read) => (read.ok ? [read.event] : []));
}

/** Rows of every stream after `afterSeq`, checked, for the broadcaster (which logs the invalid ones). */
export async function allEventsAfter(db: Executor, afterSeq: number, limit: number): Promise<ReadEvent[]> {
  const rows = await db.select().from(events).where(gt(events.seq, afterSeq)).orderBy(asc(events.seq)).limit(limit);
  return rows.map(readEvent);
}

export async function lastSeq(db: Executor, stream?: Stream): Promise<number> {
  const [row] = await db
    .select({ seq: max(events.seq) })
    .from(events)
    .where(stream ? eq(events.stream, stream) : undefined);
  return Number(row?.seq ?? 0);
}

/** An events row as a raw statement returns it. */
export interface RawEventRow {
  seq: string | number;
  stream: string;
  at: string | Date;
  site_id: string;
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

/**
 * One round trip for a state change and its event: `change` (an insert or update of a state
 * table, returning at least one column) runs as a CTE and the event is appended only if it
 * touched a row. Inside the caller's transaction, which holds the event-log lock (the type says so).
 */
export async function changeWithEvent(tx: LockedTx, stream: Stream, at: Date, change: { getSQL(): SQL }, event: NewEvent): Promise<DomainEvent> {
  const stored = await changeWithEventIfAny(tx, stream, at, change, event);
  if (!stored) throw new Error(`${event.type}: the change touched no row`);
  return stored;
}

/** `changeWithEvent` for a change that may touch no row: then nothing is appended (undefined). */
export async function changeWithEventIfAny(tx: LockedTx, stream: Stream, at: Date, change: { getSQL(): SQL }, event: NewEvent): Promise<DomainEvent | undefined> {
  const result = await tx.execute(sql`
    with change as (${change.getSQL()})
    insert into ${events} (stream, at, site_id, type, actor, payload)
    select ${stream}, ${at.toISOString()}::timestamptz, ${event.siteId}, ${event.type},
           ${JSON.stringify(event.actor)}::jsonb, ${JSON.stringify(event.payload)}::jsonb
    from (select 1 from change limit 1) as changed
    returning seq, stream, at, site_id, type, actor, payload`);
  const row = (result as unknown as { rows: RawEventRow[] }).rows[0];
  return row ? presentRawEvent(row) : undefined;
}

/** A row returned by an append, checked like any row read back: an event that does not fit its schema is not committed. */
export function presentRawEvent(row: RawEventRow): DomainEvent {
  return presentEvent({
    seq: Number(row.seq),
    stream: row.stream,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    siteId: row.site_id,
    type: row.type,
    actor: row.actor,
    payload: row.payload,
  });
}

/** The events that save or remove a site, guard, monitor or preset (reference data, kept in `live`). */
const REFERENCE_EVENT_TYPES = [
  'site.saved',
  'guard.saved',
  'guard.removed',
  'wall.monitorSaved',
  'wall.monitorRemoved',
  'wall.presetSaved',
  'wall.presetRemoved',
] as const;
export type ReferenceEventType = (typeof REFERENCE_EVENT_TYPES)[number];

/**
 * Each event of the live stream that saves or removes a site, guard, monitor or preset, with the
 * id it names, in seq order. Reads every live event once (no index by type): for a one-off check.
 */
export async function referenceEvents(db: Executor): Promise<{ type: ReferenceEventType; id: string }[]> {
  const p = events.payload;
  const rows = await db
    .select({
      type: events.type,
      id: sql<string>`coalesce(${p} -> 'site' ->> 'id', ${p} -> 'guard' ->> 'id', ${p} -> 'monitor' ->> 'id', ${p} -> 'preset' ->> 'id',
                               ${p} ->> 'guardId', ${p} ->> 'monitorId', ${p} ->> 'presetId')`,
    })
    .from(events)
    .where(and(eq(events.stream, 'live'), inArray(events.type, [...REFERENCE_EVENT_TYPES])))
    .orderBy(asc(events.seq));
  return rows as { type: ReferenceEventType; id: string }[];
}

/** The status a guard had before the latest `guard.statusChanged` to `sos`, if there was one. */
export async function statusBeforeSos(db: Executor, stream: Stream, guardId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ previous: sql<string>`${events.payload} ->> 'previous'` })
    .from(events)
    .where(
      and(
        eq(events.stream, stream),
        eq(events.type, 'guard.statusChanged'),
        sql`${events.payload} ->> 'guardId' = ${guardId}`,
        sql`${events.payload} ->> 'status' = 'sos'`,
      ),
    )
    .orderBy(desc(events.seq))
    .limit(1);
  return row?.previous;
}
