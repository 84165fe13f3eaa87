import { parseStoredEvent, type DomainEvent } from '@vigil/shared';
import type { events } from '../db/schema/index.js';

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
  return parsed.ok ? { ok: true, seq, event: parsed.event } : { ok: false, seq, error: `event ${seq} (${row.type}): ${parsed.error}` };
}

/** A row that must be valid (one this process just wrote): an invalid one is a bug, thrown. */
export function presentEvent(row: EventRow): DomainEvent {
  const read = readEvent(row);
  if (!read.ok) throw new Error(read.error);
  return read.event;
}
