import type { DrillInjectInput, GuardFix, Point } from '@vigil/shared';
import type { DrillInjectDone } from './drillsApi';

type GuardWalk = Extract<DrillInjectInput, { kind: 'guard_walk' }>;

/** Where a walk along `path` at `speedMps` stands `elapsedSec` after it set off, and which way it faces. */
export function walkPoint(path: readonly Point[], speedMps: number, elapsedSec: number): { position: Point; heading: number | null; done: boolean } {
  let left = Math.max(0, elapsedSec) * speedMps;
  for (let index = 1; index < path.length; index += 1) {
    const [x0, y0] = path[index - 1]!;
    const [x1, y1] = path[index]!;
    const length = Math.hypot(x1 - x0, y1 - y0);
    // Clockwise from north, y pointing north.
    const heading = (Math.atan2(x1 - x0, y1 - y0) * 180) / Math.PI;
    if (left <= length && length > 0) {
      const share = left / length;
      return { position: [x0 + (x1 - x0) * share, y0 + (y1 - y0) * share], heading: (heading + 360) % 360, done: false };
    }
    left -= length;
  }
  return { position: path[path.length - 1] ?? [0, 0], heading: null, done: true };
}

/** A fired walk: when it set off, and on the script's clock when that is known (a scripted walk fired on time). */
export interface FiredWalk {
  walk: GuardWalk;
  firedAt: number;
  /** Drill seconds it set off at: its `atSec` when it fired on time (the server fires it then, pauses counted). */
  scriptAt: number | null;
}

/** The guard walks fired in a drill (scripted or ad hoc), each with when it set off. */
export function firedWalks(injects: readonly DrillInjectInput[], injectsDone: readonly DrillInjectDone[]): FiredWalk[] {
  const byId = new Map(injects.map((inject) => [inject.id, inject]));
  return injectsDone.flatMap((done) => {
    const inject = done.inject ?? byId.get(done.injectId);
    if (inject?.kind !== 'guard_walk') return [];
    return [{ walk: inject, firedAt: Date.parse(done.at), scriptAt: done.adHoc || done.early ? null : inject.atSec }];
  });
}

/**
 * The simulated guards' fixes at `now` (the latest walk of each guard wins): the drill's screens
 * draw them on the map as the positions lane would, and no fix of them reaches live. A walk is
 * timed on the drill's clock (`scriptNow`, pauses left out) when its start is known on it, else
 * from when it fired (an early or ad hoc one: after a pause it is ahead by the pause).
 */
export function walkFixes(walks: readonly FiredWalk[], siteId: string, now: number, scriptNow: number): GuardFix[] {
  const latest = new Map<string, FiredWalk>();
  for (const entry of walks) {
    const held = latest.get(entry.walk.guardId);
    if (!held || held.firedAt <= entry.firedAt) latest.set(entry.walk.guardId, entry);
  }
  return [...latest.values()].map(({ walk, firedAt, scriptAt }) => {
    const point = walkPoint(walk.path, walk.speedMps, scriptAt !== null ? scriptNow - scriptAt : (now - firedAt) / 1000);
    return {
      guardId: walk.guardId,
      siteId,
      at: new Date(Math.floor(now / 1000) * 1000).toISOString(),
      position: point.position,
      floor: walk.floor,
      accuracy: null,
      heading: point.heading,
      speed: point.done ? 0 : walk.speedMps,
      battery: null,
      source: 'simulator',
    };
  });
}
