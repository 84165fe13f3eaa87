import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import type { DomainEvent, NewEvent, Stream } from '@vigil/shared';
import type { Executor, Tx } from '../db/client.js';
import { events } from '../db/schema/index.js';
import { presentEvent } from '../presenters/event.presenter.js';

/** Held for the rest of a transaction that appends: seq order is then commit order. */
const EVENT_LOG_LOCK = 0x7669_6731; // "vig1"

export async function lockEventLog(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
}

/** Appends inside the caller's transaction, which must hold the event-log lock. */
export async function appendEvents(tx: Tx, stream: Stream, at: Date, newEvents: NewEvent[]): Promise<DomainEvent[]> {
  if (newEvents.length === 0) return [];
  const rows = await tx
    .insert(events)
    .values(
      newEvents.map((event) => ({
        stream,
        at,
        siteId: event.siteId,
        type: event.type,
        actor: event.actor,
        payload: event.payload as unknown as Record<string, unknown>,
      })),
    )
    .returning();
  return rows.map(presentEvent);
}

export async function eventsAfter(db: Executor, stream: Stream, afterSeq: number, limit: number): Promise<DomainEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(presentEvent);
}

/** Events of every stream after `afterSeq`, for the broadcaster. */
export async function allEventsAfter(db: Executor, afterSeq: number, limit: number): Promise<DomainEvent[]> {
  const rows = await db.select().from(events).where(gt(events.seq, afterSeq)).orderBy(asc(events.seq)).limit(limit);
  return rows.map(presentEvent);
}

export async function lastSeq(db: Executor, stream?: Stream): Promise<number> {
  const [row] = await db
    .select({ seq: max(events.seq) })
    .from(events)
    .where(stream ? eq(events.stream, stream) : undefined);
  return Number(row?.seq ?? 0);
}
