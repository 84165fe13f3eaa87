import type { Handover } from '@vigil/shared';
import type { HandoverRow } from '../repositories/handovers.repository.js';

export function presentHandover(row: HandoverRow): Handover {
  return {
    id: row.id,
    siteId: row.siteId,
    stream: row.stream,
    from: { id: row.fromId, name: row.fromName },
    to: row.toId ? { id: row.toId, name: row.toName ?? row.toId } : null,
    note: row.note,
    openedAt: row.openedAt.toISOString(),
    summary: row.summary,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedById ? { id: row.acknowledgedById, name: row.acknowledgedByName ?? row.acknowledgedById } : null,
    acknowledgeNote: row.acknowledgeNote,
  };
}
