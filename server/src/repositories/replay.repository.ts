import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, max, min, or, sql } from 'drizzle-orm';
import type { DomainEvent, LiveStateJson, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { checkpoints, events, positions } from '../db/schema/index.js';
import { readEvent, type ReadEvent } from '../presenters/event.presenter.js';
import { positionRowOf, type PositionRow } from './positions.repository.js';

export interface CheckpointRow {
  stream: string;
  seq: number;
  at: Date;
  state: LiveStateJson;
  resolvedOrder: string[];
}

/** Derived data, not an event: a second writer of the same (stream, seq) wrote the same state. */
export async function insertCheckpoint(db: Executor, checkpoint: CheckpointRow): Promise<void> {
  await db.insert(checkpoints).values(checkpoint).onConflictDoNothing();
}

/** The newest checkpoint of a stream (its seq and time), where the writer carries on after a start. */
export async function lastCheckpoint(db: Executor, stream: Stream): Promise<{ seq: number; at: Date } | null> {
  const [row] = await db
    .select({ seq: checkpoints.seq, at: checkpoints.at })
    .from(checkpoints)
    .where(eq(checkpoints.stream, stream))
    .orderBy(desc(checkpoints.seq))
    .limit(1);
  return row ?? null;
}

/** A stream's checkpoint at exactly `seq`, if there is one. */
export async function checkpointBySeq(db: Executor, stream: Stream, seq: number): Promise<CheckpointRow | null> {
  const [row] = await db.select().from(checkpoints).where(and(eq(checkpoints.stream, stream), eq(checkpoints.seq, seq))).limit(1);
  return row ?? null;
}

/** A stream's checkpoints from `fromSeq` on (taken before `before`, when given), their seq and time only, in seq order. */
export async function checkpointMarks(db: Executor, stream: Stream, fromSeq: number, before?: Date, limit = 100_000): Promise<{ seq: number; at: Date }[]> {
  return db
    .select({ seq: checkpoints.seq, at: checkpoints.at })
    .from(checkpoints)
    .where(and(eq(checkpoints.stream, stream), gte(checkpoints.seq, fromSeq), before ? lt(checkpoints.at, before) : undefined))
    .orderBy(asc(checkpoints.seq))
    .limit(limit);
}

export async function deleteCheckpoints(db: Executor, stream: Stream, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await db.delete(checkpoints).where(and(eq(checkpoints.stream, stream), inArray(checkpoints.seq, [...seqs])));
}

/** How many events of a stream lie strictly between two seqs. */
export async function streamEventCountBetween(db: Executor, stream: Stream, afterSeq: number, beforeSeq: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq), lt(events.seq, beforeSeq)));
  return Number(row?.n ?? 0);
}

/** The last checkpoint taken at or before `at`, and at or before `seq` (times rise with seq). */
export async function checkpointAtOrBefore(db: Executor, stream: Stream, at: Date, seq: number): Promise<CheckpointRow | null> {
  const [row] = await db
    .select()
    .from(checkpoints)
    .where(and(eq(checkpoints.stream, stream), lte(checkpoints.at, at), lte(checkpoints.seq, seq)))
    .orderBy(desc(checkpoints.at), desc(checkpoints.seq))
    .limit(1);
  return row ?? null;
}

/** The time of the event `seq`. */
export async function eventTime(db: Executor, seq: number): Promise<Date | null> {
  const [row] = await db.select({ at: events.at }).from(events).where(eq(events.seq, seq)).limit(1);
  return row?.at ?? null;
}

/** The last event of a stream at or before `at` (by the (stream, at) index). */
export async function lastEventAtOrBefore(db: Executor, stream: Stream, at: Date): Promise<{ seq: number; at: Date } | null> {
  const [row] = await db
    .select({ seq: events.seq, at: events.at })
    .from(events)
    .where(and(eq(events.stream, stream), lte(events.at, at)))
    .orderBy(desc(events.at), desc(events.seq))
    .limit(1);
  return row ?? null;
}

/** A stream's rows after `afterSeq` up to `untilSeq`, checked, in seq order. */
export async function streamEventsBetween(db: Executor, stream: Stream, afterSeq: number, untilSeq: number, limit: number): Promise<ReadEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq), lte(events.seq, untilSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(readEvent);
}

/** A stream's rows after `afterSeq` whose time is at or before `untilAt`, checked, in seq order. */
export async function streamEventsUntil(db: Executor, stream: Stream, afterSeq: number, untilAt: Date, limit: number): Promise<ReadEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq), lte(events.at, untilAt)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(readEvent);
}

/** The first and last event time of a stream within [from, to]. */
export async function streamExtent(db: Executor, stream: Stream, from: Date, to: Date): Promise<{ first: Date | null; last: Date | null }> {
  const [row] = await db
    .select({ first: min(events.at), last: max(events.at) })
    .from(events)
    .where(and(eq(events.stream, stream), gte(events.at, from), lte(events.at, to)));
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** The events of these types within [from, to], in seq order, at most `limit`. */
export async function streamEventsOfTypes(db: Executor, stream: Stream, from: Date, to: Date, types: readonly DomainEvent['type'][], limit: number): Promise<ReadEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gte(events.at, from), lte(events.at, to), inArray(events.type, [...types])))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(readEvent);
}

/**
 * A site's fixes in [from, to], by time then guard, at most `limit`. `afterGuardId` continues a
 * page cut at `from`: the fixes at exactly `from` by guards up to it were sent already.
 */
export async function positionsBetween(db: Executor, siteId: string, from: Date, to: Date, afterGuardId: string | undefined, limit: number): Promise<PositionRow[]> {
  const start = afterGuardId === undefined ? gte(positions.at, from) : or(gt(positions.at, from), and(eq(positions.at, from), gt(positions.guardId, afterGuardId)));
  return db
    .select()
    .from(positions)
    .where(and(eq(positions.siteId, siteId), start, lte(positions.at, to)))
    .orderBy(asc(positions.at), asc(positions.guardId))
    .limit(limit);
}

/**
 * Each of these guards' last fix in (since, at]: one probe of the (guard, at) key per guard, so a
 * seek costs the same whatever the lane holds (a scan of the window would grow with the fix rate).
 */
export async function lastFixesOf(db: Executor, guardIds: readonly string[], since: Date, at: Date): Promise<PositionRow[]> {
  if (guardIds.length === 0) return [];
  const result = await db.execute(sql`
    select p.guard_id, p.at, p.received_at, p.site_id, p.x, p.y, p.floor, p.lat, p.lon, p.accuracy, p.heading, p.speed, p.battery, p.source
    from unnest(${sql.param([...guardIds])}::text[]) as g(id)
    cross join lateral (
      select * from ${positions}
      where guard_id = g.id and at > ${since.toISOString()}::timestamptz and at <= ${at.toISOString()}::timestamptz
      order by at desc limit 1
    ) as p
    order by p.guard_id`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map(positionRowOf);
}
