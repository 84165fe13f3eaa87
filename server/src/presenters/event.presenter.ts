import type { DomainEvent, Stream } from '@vigil/shared';
import type { events } from '../db/schema/index.js';
import { liveFields } from './guard.presenter.js';

type EventRow = typeof events.$inferSelect;

/** Rows are only ever written from `NewEvent`s, so the row's type and payload agree. */
export function presentEvent(row: EventRow): DomainEvent {
  const event = {
    seq: Number(row.seq),
    stream: row.stream as Stream,
    at: row.at.toISOString(),
    siteId: row.siteId,
    type: row.type,
    actor: row.actor,
    payload: row.payload,
  } as DomainEvent;
  // `guard.saved` rows written before tracker ids left `GuardLive` still hold one: never send it.
  if (event.type === 'guard.saved') return { ...event, payload: { guard: liveFields(event.payload.guard) } };
  return event;
}
