import type { FixSource, GuardLive, LiveState } from '@vigil/shared';
import { isSosAlarm, type TrackerFix } from '../../ingest/osmand.js';
import { HttpError, badRequest } from '../../lib/http-error.js';
import { sha256 } from '../../lib/tokens.js';
import { checkFixTime, type LaneFix, type PositionLane } from '../../positions/position-lane.js';
import { presentGuard } from '../../presenters/guard.presenter.js';
import { findGuardByTracker, findGuardByTrackerToken, type GuardRow } from '../../repositories/guards.repository.js';
import type { TrackerDirectory } from '../../ingest/tracker-directory.js';
import type { Deps } from '../deps.js';

/**
 * How the sender proved it speaks for the tracker:
 * - `url`: the secret of the guard's tracker URL (`/osmand/<token>`);
 * - `id`: the tracker id alone, at the bare `/osmand?id=` (legacy guards only; none when
 *   `requireToken`);
 * - `trusted`: already authenticated (Traccar forwarding with the ingest key, the simulator).
 */
export type TrackerCredential = { kind: 'url'; token: string } | { kind: 'id'; requireToken: boolean } | { kind: 'trusted' };

/**
 * 401 for every refusal of a credential: the sender's URL lacks the right secret. Traccar Client
 * and OsmAnd keep a refused fix buffered and retry, so nothing is lost once the URL is fixed.
 */
const refused = (message: string) => new HttpError(401, 'unauthorized', message);

const TOKEN = /^[\w-]{16,128}$/;

/** Where guards are looked up: the node's cached directory, or the guards table itself. */
export interface TrackerLookup {
  directory?: TrackerDirectory;
  /** A fix from a tracker id no guard has (logged, rate-limited, by the caller). */
  onUnknown?: (trackerId: string) => void;
}

async function resolveGuard(deps: Deps, fix: TrackerFix, credential: TrackerCredential, field: string, lookup: TrackerLookup): Promise<GuardRow> {
  const { directory } = lookup;
  if (credential.kind === 'url') {
    const hash = TOKEN.test(credential.token) ? sha256(credential.token) : null;
    const row = hash === null ? undefined : directory ? await directory.byTokenHash(hash) : await findGuardByTrackerToken(deps.db, hash);
    if (!row) throw refused('token: no guard has this tracker URL; the admin shows or rotates it on the roster');
    // A guard without a tracker id takes whatever id its app reports; one with an id, only that.
    if (row.trackerId !== null && row.trackerId !== fix.trackerId) {
      throw refused(`${field}: "${fix.trackerId}" is not the tracker id of this tracker URL`);
    }
    return row;
  }
  const row = directory ? await directory.byTracker(fix.trackerId) : await findGuardByTracker(deps.db, fix.trackerId);
  if (!row) lookup.onUnknown?.(fix.trackerId);
  if (!row) throw badRequest(`${field}: no guard has the tracker id "${fix.trackerId}"`);
  if (credential.kind === 'id' && row.trackerTokenHash !== null) {
    throw refused(`${field}: tracker "${fix.trackerId}" must report to its own tracker URL (/osmand/<token>), not the bare /osmand`);
  }
  if (credential.kind === 'id' && credential.requireToken) {
    throw refused(`${field}: this server takes tracker fixes only at a tracker URL (/osmand/<token>); the admin makes one on the roster`);
  }
  return row;
}

/**
 * Fixes from a tracker (OsmAnd, Traccar forwarding, the simulator): the tracker must be a
 * guard's, as in Traccar an unknown device is refused (400), and must show its credential (401).
 * A fix without coordinates keeps the last known position (nothing stored) but its battery and
 * SOS count. Resolves when the rows are written.
 */
export async function recordTrackerFixes(
  deps: Deps,
  lane: Pick<PositionLane, 'submit' | 'reportWithoutPosition'>,
  live: LiveState,
  fixes: readonly TrackerFix[],
  source: FixSource,
  options: { field?: string; credential?: TrackerCredential; lookup?: TrackerLookup } = {},
): Promise<{ stored: number; duplicates: number }> {
  const field = options.field ?? 'id';
  const credential = options.credential ?? { kind: 'trusted' };
  const guards = new Map<string, GuardLive>();
  for (const fix of fixes) {
    if (guards.has(fix.trackerId)) continue;
    const row = await resolveGuard(deps, fix, credential, field, options.lookup ?? {});
    // The live roster's copy carries the zones the lane last saw; the row, one saved a moment ago.
    guards.set(fix.trackerId, live.guards.get(row.id) ?? presentGuard(row));
  }
  const located: LaneFix[] = [];
  const unlocated: { guard: GuardLive; at: Date; battery: number | null; sos: boolean }[] = [];
  for (const fix of fixes) {
    const guard = guards.get(fix.trackerId)!;
    const sos = isSosAlarm(fix.alarm);
    if (fix.lat === null || fix.lon === null) {
      unlocated.push({ guard, at: fix.at, battery: fix.battery, sos });
      continue;
    }
    located.push({
      guard,
      at: fix.at,
      lat: fix.lat,
      lon: fix.lon,
      floor: fix.floor,
      accuracy: fix.accuracy,
      heading: fix.heading,
      speed: fix.speed,
      battery: fix.battery,
      sos,
      source,
    });
  }
  // Nothing is kept if one report is bad: the located ones are checked by the lane, these here.
  for (const report of unlocated) checkFixTime(report.at, deps.clock(), 'timestamp');
  const written = located.length > 0 ? await lane.submit(located) : { stored: 0, duplicates: 0 };
  for (const report of unlocated) lane.reportWithoutPosition(report);
  return written;
}
