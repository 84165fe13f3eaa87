import { TRAIL_MS, type GuardFix, type Point, type PositionsFrame } from '@vigil/shared';

/** What the map knows of one guard's movement: the latest fix and the trail behind it. */
export interface GuardTrack {
  fix: GuardFix;
  /** Oldest first, the latest fix last; only fixes within TRAIL_MS of the latest. */
  trail: GuardFix[];
}

export type GuardTracks = Map<string, GuardTrack>;

/** Keeps the trail to TRAIL_MS behind the newest fix. */
export function pruneTrail(trail: GuardFix[], newestAt: number): GuardFix[] {
  const cutoff = newestAt - TRAIL_MS;
  let first = 0;
  while (first < trail.length && Date.parse(trail[first]!.at) < cutoff) first += 1;
  return first === 0 ? trail : trail.slice(first);
}

/**
 * Applies one positions frame to the tracks in place and returns the ids of the guards it
 * changed. A fix older than the one already held (a late or repeated frame) only joins the
 * trail if it is new; the marker stays on the newest fix. A `full` frame of one site drops that
 * site's guards the frame does not mention.
 */
export function applyFrame(tracks: GuardTracks, frame: PositionsFrame): Set<string> {
  const changed = new Set<string>();
  if (frame.full) {
    const mentioned = new Set(frame.fixes.map((fix) => fix.guardId));
    for (const [guardId, track] of tracks) {
      if (track.fix.siteId === frame.siteId && !mentioned.has(guardId)) {
        tracks.delete(guardId);
        changed.add(guardId);
      }
    }
  }
  for (const fix of frame.fixes) {
    const track = tracks.get(fix.guardId);
    if (!track) {
      tracks.set(fix.guardId, { fix, trail: [fix] });
      changed.add(fix.guardId);
      continue;
    }
    const at = Date.parse(fix.at);
    const latestAt = Date.parse(track.fix.at);
    if (at === latestAt) {
      // The same fix again, or with a newer battery (a tracker report without a position).
      if (fix.battery === track.fix.battery) continue;
      track.fix = { ...track.fix, battery: fix.battery };
      changed.add(fix.guardId);
      continue;
    }
    if (at > latestAt) {
      track.fix = fix;
      track.trail = pruneTrail([...track.trail, fix], at);
    } else if (!track.trail.some((old) => old.at === fix.at)) {
      track.trail = pruneTrail([...track.trail, fix].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)), latestAt);
    } else continue;
    changed.add(fix.guardId);
  }
  return changed;
}

/** A point of a stored trail (`GET /api/v1/sites/:siteId/trails`). */
export interface TrailPoint {
  at: string;
  position: [number, number];
  floor: number;
}

/**
 * Puts trails loaded over HTTP behind the guards the frames already placed: older points only,
 * none twice, the marker stays on the newest fix. Returns the guards whose trail changed.
 */
export function mergeTrails(tracks: GuardTracks, trails: Readonly<Record<string, readonly TrailPoint[]>>): Set<string> {
  const changed = new Set<string>();
  for (const [guardId, points] of Object.entries(trails)) {
    const track = tracks.get(guardId);
    if (!track) continue;
    const latestAt = Date.parse(track.fix.at);
    const known = new Set(track.trail.map((fix) => fix.at));
    const older = points
      .filter((point) => Date.parse(point.at) < latestAt && !known.has(point.at))
      .map((point) => ({ ...track.fix, at: point.at, position: point.position, floor: point.floor }));
    if (older.length === 0) continue;
    track.trail = pruneTrail([...older, ...track.trail].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)), latestAt);
    changed.add(guardId);
  }
  return changed;
}

/** A trail is not drawn across a silence longer than this: where the guard went meanwhile is unknown. */
export const TRAIL_GAP_MS = 60_000;
/** Nor across a jump faster than this (m/s; a running guard does 6): a tracker handed over, a GPS glitch. */
export const TRAIL_MAX_SPEED = 12;

/**
 * The parts of a trail to draw on one floor, each a run of fixes the guard plausibly walked
 * between: broken where the guard was on another floor, fell silent, or jumped.
 */
export function trailSegments(trail: readonly Pick<GuardFix, 'at' | 'position' | 'floor'>[], floor: number): Point[][] {
  const segments: Point[][] = [];
  let current: Point[] = [];
  let previous: { at: number; position: Point } | null = null;
  const close = () => {
    if (current.length > 1) segments.push(current);
    current = [];
  };
  for (const fix of trail) {
    if (fix.floor !== floor) {
      close();
      previous = null;
      continue;
    }
    const at = Date.parse(fix.at);
    if (previous) {
      const seconds = Math.max(1, (at - previous.at) / 1000);
      const metres = Math.hypot(fix.position[0] - previous.position[0], fix.position[1] - previous.position[1]);
      if (at - previous.at > TRAIL_GAP_MS || metres / seconds > TRAIL_MAX_SPEED) close();
    }
    current.push(fix.position);
    previous = { at, position: fix.position };
  }
  close();
  return segments;
}
