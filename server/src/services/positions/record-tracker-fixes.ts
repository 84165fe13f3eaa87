import type { FixSource, GuardLive, LiveState } from '@vigil/shared';
import type { TrackerFix } from '../../ingest/osmand.js';
import { badRequest } from '../../lib/http-error.js';
import type { PositionLane } from '../../positions/position-lane.js';
import { presentGuard } from '../../presenters/guard.presenter.js';
import { findGuardByTracker } from '../../repositories/guards.repository.js';
import type { Deps } from '../deps.js';

const indexes = new WeakMap<LiveState['guards'], Map<string, GuardLive>>();

/** tracker id → guard, from the live roster (rebuilt when the roster changes). */
function byTracker(guards: LiveState['guards']): Map<string, GuardLive> {
  let index = indexes.get(guards);
  if (!index) {
    index = new Map(Object.values(guards).flatMap((guard) => (guard.trackerId ? [[guard.trackerId, guard] as const] : [])));
    indexes.set(guards, index);
  }
  return index;
}

/** The roster first; the table when the guard was saved a moment ago and the projection lags. */
async function resolveTracker(deps: Deps, live: LiveState, trackerId: string): Promise<GuardLive | undefined> {
  const known = byTracker(live.guards).get(trackerId);
  if (known) return live.guards[known.id] ?? known;
  const row = await findGuardByTracker(deps.db, trackerId);
  return row ? presentGuard(row) : undefined;
}

/**
 * Fixes from a tracker (OsmAnd, Traccar forwarding): the tracker id must be a guard's, as in
 * Traccar an unknown device is refused. Resolves when the rows are written.
 */
export async function recordTrackerFixes(
  deps: Deps,
  lane: Pick<PositionLane, 'submit'>,
  live: LiveState,
  fixes: readonly TrackerFix[],
  source: FixSource,
  field = 'id',
): Promise<{ stored: number; duplicates: number }> {
  const guards = new Map<string, GuardLive>();
  for (const fix of fixes) {
    if (guards.has(fix.trackerId)) continue;
    const guard = await resolveTracker(deps, live, fix.trackerId);
    if (!guard) throw badRequest(`${field}: no guard has the tracker id "${fix.trackerId}"`);
    guards.set(fix.trackerId, guard);
  }
  return lane.submit(
    fixes.map((fix) => ({
      guard: guards.get(fix.trackerId)!,
      at: fix.at,
      lat: fix.lat,
      lon: fix.lon,
      floor: fix.floor,
      accuracy: fix.accuracy,
      heading: fix.heading,
      speed: fix.speed,
      battery: fix.battery,
      sos: fix.alarm?.toLowerCase() === 'sos',
      source,
    })),
  );
}
