import type { Alarm } from '@vigil/shared';
import type { alarms } from '../db/schema/index.js';

export type AlarmRow = typeof alarms.$inferSelect;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentAlarm(row: AlarmRow): Alarm {
  return {
    id: row.id,
    siteId: row.siteId,
    kind: row.kind,
    priority: row.priority,
    state: row.state,
    source: row.source,
    deviceId: row.deviceId,
    zoneId: row.zoneId,
    location: row.location,
    message: row.message,
    text: row.text,
    attributes: row.attributes,
    occurredAt: row.occurredAt.toISOString(),
    firstAt: row.firstAt.toISOString(),
    lastAt: row.lastAt.toISOString(),
    count: row.count,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    acknowledgedAt: iso(row.acknowledgedAt),
    heldAt: iso(row.heldAt),
    disposition: row.disposition,
    note: row.note,
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedById ? { id: row.resolvedById, name: row.resolvedByName ?? '' } : null,
    incidentId: row.incidentId,
    escalatedAt: iso(row.escalatedAt),
  };
}
