import type { Hazard, PatrolRoute, PatrolTour } from '@vigil/shared';
import type { HazardRow, PatrolRouteRow, PatrolTourRow, TourCheckpointRow } from '../repositories/patrols.repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentRoute(row: PatrolRouteRow): PatrolRoute {
  return {
    id: row.id,
    siteId: row.siteId,
    name: row.name,
    nameEn: row.nameEn,
    checkpoints: row.checkpoints,
    schedule: { timeZone: row.timeZone, start: row.startTime, end: row.endTime, everyMinutes: row.everyMinutes },
    guardId: row.guardId,
    post: row.post,
    radiusM: row.radiusM,
    allowArrival: row.allowArrival,
    graceMinutes: row.graceMinutes,
    active: row.active,
  };
}

/** The tour as the reducer holds it (`checkpoints` in walking order). */
export function presentTour(row: PatrolTourRow, checkpoints: readonly TourCheckpointRow[]): PatrolTour {
  return {
    id: row.id,
    routeId: row.routeId,
    siteId: row.siteId,
    name: row.name,
    nameEn: row.nameEn,
    guardId: row.guardId,
    post: row.post,
    startsAt: row.startsAt.toISOString(),
    radiusM: row.radiusM,
    allowArrival: row.allowArrival,
    graceMinutes: row.graceMinutes,
    checkpoints: [...checkpoints]
      .sort((a, b) => a.position - b.position)
      .map((checkpoint) => ({
        deviceId: checkpoint.deviceId,
        dueAt: checkpoint.dueAt.toISOString(),
        checkedAt: iso(checkpoint.checkedAt),
        method: checkpoint.method,
        flagged: checkpoint.flagged,
        late: checkpoint.late,
        missedAt: iso(checkpoint.missedAt),
      })),
  };
}

export function presentHazard(row: HazardRow): Hazard {
  return {
    id: row.id,
    siteId: row.siteId,
    state: row.state,
    note: row.note,
    location: row.position ? { position: row.position, floor: row.floor ?? 0 } : null,
    deviceId: row.deviceId,
    tourId: row.tourId,
    reportedBy: { id: row.reportedById, name: row.reportedByName },
    reportedAt: row.reportedAt.toISOString(),
    assignee: person(row.assigneeId, row.assigneeName),
    assignedAt: iso(row.assignedAt),
    rectifiedAt: iso(row.rectifiedAt),
    rectifyNote: row.rectifyNote,
    verifiedAt: iso(row.verifiedAt),
    verifiedBy: person(row.verifiedById, row.verifiedByName),
    photoIds: row.photoIds,
  };
}
