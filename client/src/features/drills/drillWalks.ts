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

/** The guard walks fired in a drill (scripted or ad hoc), each with when it set off. */
export function firedWalks(injects: readonly DrillInjectInput[], injectsDone: readonly DrillInjectDone[]): { walk: GuardWalk; firedAt: number }[] {
  const byId = new Map(injects.map((inject) => [inject.id, inject]));
  return injectsDone.flatMap((done) => {
    const inject = done.inject ?? byId.get(done.injectId);
    return inject?.kind === 'guard_walk' ? [{ walk: inject, firedAt: Date.parse(done.at) }] : [];
  });
}

/**
 * The simulated guards' fixes at `now` (the latest walk of each guard wins): the drill's screens
 * draw them on the map as the positions lane would, and no fix of them reaches live. `until`
 * stops them where they stood (a paused drill).
 */
export function walkFixes(walks: readonly { walk: GuardWalk; firedAt: number }[], siteId: string, now: number): GuardFix[] {
  const latest = new Map<string, { walk: GuardWalk; firedAt: number }>();
  for (const entry of walks) {
    const held = latest.get(entry.walk.guardId);
    if (!held || held.firedAt <= entry.firedAt) latest.set(entry.walk.guardId, entry);
  }
  return [...latest.values()].map(({ walk, firedAt }) => {
    const point = walkPoint(walk.path, walk.speedMps, (now - firedAt) / 1000);
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
