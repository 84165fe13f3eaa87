import { autoEntryOf, type DomainEvent, type NewEvent } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import { incidentEntryInsert } from '../../repositories/dispatches.repository.js';
import type { CommandLog } from '../append.js';

/**
 * Appends an event that writes an automatic timeline entry (autoEntryOf) and stores that entry
 * in `incident_entries`, in the same transaction: the table then holds what every screen's
 * reducer adds to the incident's timeline.
 */
export async function appendIncidentEvent(log: CommandLog, change: { getSQL(): SQL }, event: NewEvent): Promise<DomainEvent> {
  const stored = await log.append(change, event);
  const made = autoEntryOf(stored);
  if (made) {
    const { entry } = made;
    await incidentEntryInsert(log.tx, {
      id: entry.id,
      incidentId: made.incidentId,
      stream: log.stream,
      at: new Date(entry.at),
      kind: entry.kind,
      byId: entry.by?.id ?? null,
      byName: entry.by?.name ?? null,
      code: entry.code,
      params: entry.params,
    });
  }
  return stored;
}
