import { parseStoredEvent, type DomainEvent } from '@vigil/shared';
import type { events } from '../db/schema/index.js';
import { liveFields } from './guard.presenter.js';

type EventRow = typeof events.$inferSelect;

/** An event row read back from the log: the event, or why it is not a valid one. */
export type ReadEvent = { ok: true; seq: number; event: DomainEvent } | { ok: false; seq: number; error: string };

/** Checks a row against the shared event schemas (`DomainEventSchema`). */
export function readEvent(row: EventRow): ReadEvent {
  const seq = Number(row.seq);
  const parsed = parseStoredEvent({
    seq,
    stream: row.stream,
    at: row.at.toISOString(),
    siteId: row.siteId,
    type: row.type,
    actor: row.actor,
    payload: row.payload,
  });
  if (!parsed.ok) return { ok: false, seq, error: `event ${seq} (${row.type}): ${parsed.error}` };
  const { event } = parsed;
  // `guard.saved` rows written before tracker ids left `GuardLive` still hold one: never send it.
  if (event.type === 'guard.saved') return { ok: true, seq, event: { ...event, payload: { guard: liveFields(event.payload.guard) } } };
  return { ok: true, seq, event };
}

/** A row that must be valid (one this process just wrote): an invalid one is a bug, thrown. */
export function presentEvent(row: EventRow): DomainEvent {
  const read = readEvent(row);
  if (!read.ok) throw new Error(read.error);
  return read.event;
}
