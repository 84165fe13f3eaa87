import type { DomainEvent, Stream } from '@vigil/shared';
import type { events } from '../db/schema/index.js';

type EventRow = typeof events.$inferSelect;

/** Rows are only ever written from `NewEvent`s, so the row's type and payload agree. */
export function presentEvent(row: EventRow): DomainEvent {
  return {
    seq: Number(row.seq),
    stream: row.stream as Stream,
    at: row.at.toISOString(),
    siteId: row.siteId,
    type: row.type,
    actor: row.actor,
    payload: row.payload,
  } as DomainEvent;
}
