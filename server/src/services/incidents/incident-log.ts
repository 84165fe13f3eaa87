import { createHash } from 'node:crypto';
import { autoEntryOf, type Actor, type DomainEvent, type NewEvent, type Person, type User } from '@vigil/shared';
import { entryInsert } from '../../repositories/incidents.repository.js';
import type { CommandLog } from '../append.js';

/** Who did it, as events and step states name people. */
export const personOf = (user: User): Person => ({ id: user.id, name: user.displayName });
export const userActor = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.displayName });

/** Vigil itself: automatic steps and the scheduler's timers. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'vigil', name: 'Vigil' };
export const SYSTEM_PERSON: Person = { id: SYSTEM_ACTOR.id, name: SYSTEM_ACTOR.name };

/**
 * Appends an incident, plan or dispatch event with its change (log.append), and writes the
 * timeline entry it makes into `incident_entries` in the same transaction: the automatic entry
 * (`autoEntryOf`, the same function the reducer uses) or the person's entry `incident.entryAdded`
 * carries. Every service that appends such an event goes through here, so the table and the
 * screens' timelines never disagree.
 */
export async function appendIncidentEvent(log: CommandLog, change: Parameters<CommandLog['append']>[0], event: NewEvent): Promise<DomainEvent> {
  const stored = await log.append(change, event);
  const made = stored.type === 'incident.entryAdded' ? { incidentId: stored.payload.incidentId, entry: stored.payload.entry } : autoEntryOf(stored);
  if (made) {
    const { entry } = made;
    await entryInsert(log.tx, {
      id: entry.id,
      incidentId: made.incidentId,
      stream: log.stream,
      seq: stored.seq,
      at: new Date(entry.at),
      kind: entry.kind,
      byId: entry.by?.id ?? null,
      byName: entry.by?.name ?? null,
      code: entry.code,
      params: entry.params,
      text: entry.text,
      call: entry.call,
      photoId: entry.photoId,
      strickenAt: null,
      strickenById: null,
      strickenByName: null,
      strickenReason: null,
    });
  }
  return stored;
}

/**
 * A UUID made from a command id, so a command retried after a lost ack names the same incident
 * (or entry) it made the first time. Version 8 (custom), RFC 9562 variant.
 */
export function idFromCommand(kind: string, commandId: string): string {
  const hex = createHash('sha256').update(`${kind}:${commandId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
