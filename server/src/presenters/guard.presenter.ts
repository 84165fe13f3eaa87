import type { GuardLive } from '@vigil/shared';
import type { GuardRow } from '../repositories/guards.repository.js';

export function presentGuard(row: GuardRow): GuardLive {
  return {
    id: row.id,
    siteId: row.siteId,
    callsign: row.callsign,
    name: row.name,
    status: row.status,
    onShift: row.onShift,
    trackerId: row.trackerId,
    userId: row.userId,
    zoneIds: row.zoneIds,
  };
}
