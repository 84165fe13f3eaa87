import type { GuardLive, GuardRosterEntry, TrackerUrl } from '@vigil/shared';
import type { GuardRow } from '../repositories/guards.repository.js';

/** What every screen gets (live state, `guard.*` events): no tracker id, no token. */
export function presentGuard(row: GuardRow): GuardLive {
  return {
    id: row.id,
    siteId: row.siteId,
    callsign: row.callsign,
    name: row.name,
    status: row.status,
    onShift: row.onShift,
    userId: row.userId,
    zoneIds: row.zoneIds,
  };
}

/** The roster as its keepers see it: the tracker id and whether it needs its tracker URL. */
export function presentRosterGuard(row: GuardRow): GuardRosterEntry {
  return { ...presentGuard(row), trackerId: row.trackerId, trackerSecured: row.trackerTokenHash !== null };
}

/** A guard from an event payload written before tracker ids left it: only the live fields. */
export function liveFields(guard: GuardLive): GuardLive {
  const { id, siteId, callsign, name, status, onShift, userId, zoneIds } = guard;
  return { id, siteId, callsign, name, status, onShift, userId, zoneIds };
}

/**
 * The tracker URL to point Traccar Client / OsmAnd at, as the admin's request reached the server
 * (behind a proxy, from its X-Forwarded-* headers: the app trusts the proxy).
 */
export function presentTrackerUrl(token: string, request: { protocol: string; host: string; hostname: string }, listenerPort: number | undefined): TrackerUrl {
  const path = `/osmand/${token}`;
  return {
    token,
    path,
    url: `${request.protocol}://${request.host}${path}`,
    listenerUrl: listenerPort ? `http://${request.hostname}:${listenerPort}/${token}` : null,
  };
}
