import { tourCoverage, type PatrolTour, type User } from '@vigil/shared';
import { notFound } from '../../lib/http-error.js';
import { checkinsOf, checkpointsOf, findTourRow, guardTrack, listTourRows } from '../../repositories/patrols.repository.js';
import { presentTour } from '../../presenters/patrol.presenter.js';
import type { Deps } from '../deps.js';
import { inScope, readScopeOf } from '../scope.js';

export interface TourSummary extends PatrolTour {
  coverage: number;
  checked: number;
  missed: number;
  flagged: number;
  late: number;
}

function summaryOf(tour: PatrolTour): TourSummary {
  const count = (test: (c: PatrolTour['checkpoints'][number]) => boolean) => tour.checkpoints.filter(test).length;
  return {
    ...tour,
    coverage: tourCoverage(tour),
    checked: count((c) => c.checkedAt !== null),
    missed: count((c) => c.checkedAt === null && c.missedAt !== null),
    flagged: count((c) => c.flagged),
    late: count((c) => c.late),
  };
}

/** Tours overlapping a time range: a guard's own (or their post's on their site), or a site's. */
export async function readTours(deps: Deps, user: User, query: { siteId?: string; from?: string; to?: string; limit: number }): Promise<TourSummary[]> {
  const scope = await readScopeOf(deps.db, user);
  const siteIds = query.siteId ? (inScope(scope, query.siteId) ? [query.siteId] : []) : scope.siteIds;
  const rows = await listTourRows(deps.db, deps.stream, {
    siteIds,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    limit: query.limit,
  });
  const mine = scope.guardId === undefined ? rows : rows.filter((row) => (row.guardId ? row.guardId === scope.guardId : true));
  const checkpoints = await checkpointsOf(deps.db, mine.map((row) => row.id));
  return mine.map((row) => summaryOf(presentTour(row, checkpoints.filter((c) => c.tourId === row.id))));
}

export interface TourDetail {
  tour: TourSummary;
  checkins: { id: string; index: number; deviceId: string; method: string; scannedAt: string; receivedAt: string; flagged: boolean; late: boolean; nearestM: number | null }[];
  /** The walked track: the guard's own positions from the tour's start to its end plus grace. */
  track: { at: string; position: [number, number]; floor: number }[];
}

export async function readTour(deps: Deps, tourId: string, user: User): Promise<TourDetail> {
  const scope = await readScopeOf(deps.db, user);
  const row = await findTourRow(deps.db, deps.stream, tourId);
  const visible = row && inScope(scope, row.siteId) && (scope.guardId === undefined || !row.guardId || row.guardId === scope.guardId);
  if (!row || !visible) throw notFound(`tourId: no patrol tour "${tourId}"`);
  const tour = summaryOf(presentTour(row, await checkpointsOf(deps.db, [row.id])));
  const checkins = await checkinsOf(deps.db, row.id);
  const walker = row.guardId ?? checkins[0]?.guardId ?? null;
  // A guard's phone gets its own track only (a post's tour may have been walked by another guard).
  const from = new Date(row.startsAt.getTime() - 10 * 60_000);
  const to = new Date(row.endsAt.getTime() + row.graceMinutes * 60_000);
  const ownTrack = scope.guardId === undefined || walker === scope.guardId;
  const track = walker && ownTrack ? await guardTrack(deps.db, walker, from, to, 2000) : [];
  return {
    tour,
    checkins: checkins.map((c) => ({
      id: c.id,
      index: c.position,
      deviceId: c.deviceId,
      method: c.method,
      scannedAt: c.scannedAt.toISOString(),
      receivedAt: c.receivedAt.toISOString(),
      flagged: c.flagged,
      late: c.late,
      nearestM: c.nearestM,
    })),
    track: track.map((fix) => ({ at: fix.at.toISOString(), position: [fix.x, fix.y], floor: fix.floor })),
  };
}
