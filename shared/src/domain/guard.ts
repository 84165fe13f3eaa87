import type { Point } from './types.js';

export const GUARD_STATUSES = ['off_duty', 'available', 'dispatched', 'en_route', 'on_scene', 'returning', 'busy', 'sos'] as const;
export type GuardStatus = (typeof GUARD_STATUSES)[number];

/**
 * The statuses a guard may set from the phone; dispatch and SOS come from elsewhere. (Here, not
 * next to its schema, so the phone's buttons do not pull zod into every screen's first load.)
 */
export const GUARD_SELF_STATUSES = ['available', 'busy', 'off_duty', 'en_route', 'on_scene', 'returning'] as const satisfies readonly GuardStatus[];

/** A guard (秩序维护员) on the roster of a site. */
export interface Guard {
  id: string;
  siteId: string;
  /** Radio callsign shown on the map, e.g. "A3". */
  callsign: string;
  name: string;
  status: GuardStatus;
  onShift: boolean;
  /** The login of the guard's phone page, if any. */
  userId: string | null;
}

/**
 * The guard as screens know it: roster, status and the zones the guard is in now. No tracker id:
 * every screen gets this, and a tracker id alone was once enough to send fixes as the guard.
 */
export interface GuardLive extends Guard {
  zoneIds: string[];
}

/** The guard as the roster's keepers (admin, commander) see it: with how the tracker reports. */
export interface GuardRosterEntry extends GuardLive {
  /** The id a tracker (Traccar Client, OsmAnd, GPSLogger) reports as `id`/`deviceid`. */
  trackerId: string | null;
  /** The tracker must report to its own URL (`/osmand/<token>`); false: the bare `/osmand?id=` (legacy). */
  trackerSecured: boolean;
}

/** A guard's tracker URL, shown once when made: the secret is stored only as a hash. */
export interface TrackerUrl {
  token: string;
  /** `/osmand/<token>` on the main port. */
  path: string;
  /** The full URL as the request that made it reached the server. */
  url: string;
  /** `http://<host>:<OSMAND_PORT>/<token>`, when the tracker listener is on. */
  listenerUrl: string | null;
}

export const FIX_SOURCES = ['phone', 'osmand', 'traccar', 'simulator'] as const;
export type FixSource = (typeof FIX_SOURCES)[number];

/** One position fix, placed on the site plan. High-rate: the positions lane, not the event log. */
export interface GuardFix {
  guardId: string;
  siteId: string;
  /** The fix's own time (the device's clock, checked against the server's). */
  at: string;
  position: Point;
  floor: number;
  /** Metres, heading in degrees clockwise from north, speed in m/s, battery 0–100. */
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  battery: number | null;
  source: FixSource;
}

/** A frame of the positions lane: only the guards that changed, or all of them (`full`). */
export interface PositionsFrame {
  siteId: string;
  full: boolean;
  fixes: GuardFix[];
}

/** A fix older than this is shown stale ("last fix 2 min ago"). */
export const STALE_AFTER_MS = 90_000;
/** An on-shift guard silent this long raises an alarm. */
export const SILENT_AFTER_MS = 180_000;
/** At most this many frames per second per site. */
export const MAX_FRAMES_PER_SECOND = 4;
/** How long a trail the map draws. */
export const TRAIL_MS = 5 * 60_000;

export function fixAgeMs(fix: Pick<GuardFix, 'at'>, now: Date): number {
  return now.getTime() - Date.parse(fix.at);
}

export function isStale(fix: Pick<GuardFix, 'at'>, now: Date): boolean {
  return fixAgeMs(fix, now) > STALE_AFTER_MS;
}

/** Expected to report: on the shift's roster and not signed off from the phone ("off duty"). */
export function expectedToReport(guard: Pick<Guard, 'onShift' | 'status'>): boolean {
  return guard.onShift && guard.status !== 'off_duty';
}

/** Silent: expected to report, and no fix at all or none for `silentAfterMs` (SILENT_AFTER_MS unless a test shortens it). */
export function isSilent(
  guard: Pick<Guard, 'onShift' | 'status'>,
  lastFix: Pick<GuardFix, 'at'> | undefined,
  since: Date,
  now: Date,
  silentAfterMs = SILENT_AFTER_MS,
): boolean {
  if (!expectedToReport(guard)) return false;
  const last = lastFix ? Date.parse(lastFix.at) : since.getTime();
  return now.getTime() - last > silentAfterMs;
}
