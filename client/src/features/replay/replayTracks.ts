import { TRAIL_MS, type GuardFix, type Point } from '@vigil/shared';
import { TRAIL_GAP_MS, type GuardTrack } from '../guards/guardTracks';

/**
 * The replayed fixes of each guard, in time order, and where each guard stood at any replayed
 * moment: between two fixes on one floor, a guard walks in a straight line at even speed (the
 * map moves smoothly at any playback speed); across a floor change or a silence it stays on the
 * last fix until the next.
 */
export class ReplayFixes {
  private readonly byGuard = new Map<string, GuardFix[]>();

  /** Adds fixes (any order, repeats ignored). */
  add(fixes: readonly GuardFix[]): void {
    const touched = new Set<GuardFix[]>();
    for (const fix of fixes) {
      let list = this.byGuard.get(fix.guardId);
      if (!list) {
        list = [];
        this.byGuard.set(fix.guardId, list);
      }
      const last = list.at(-1);
      if (last && last.at === fix.at) continue;
      list.push(fix);
      if (last && Date.parse(last.at) > Date.parse(fix.at)) touched.add(list);
    }
    for (const list of touched) {
      list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      for (let index = list.length - 1; index > 0; index -= 1) if (list[index]!.at === list[index - 1]!.at) list.splice(index, 1);
    }
  }

  /**
   * Drops the fixes no trail at or after `at` draws: those before `at - TRAIL_MS`, keeping each
   * guard's last one before it (where the guard stands until its next fix). A day played at 60×
   * holds minutes of fixes, not the day's.
   */
  prune(at: number): void {
    for (const list of this.byGuard.values()) {
      const keepFrom = lastAtOrBefore(list, at - TRAIL_MS);
      if (keepFrom > 0) list.splice(0, keepFrom);
    }
  }

  /** How many fixes are held (for tests and the benchmark). */
  get size(): number {
    let size = 0;
    for (const list of this.byGuard.values()) size += list.length;
    return size;
  }

  clear(): void {
    this.byGuard.clear();
  }

  /** Each guard's track at `at`: the interpolated fix, and the trail of real fixes behind it. Guards with no fix yet are absent. */
  tracksAt(at: number): Map<string, GuardTrack> {
    const tracks = new Map<string, GuardTrack>();
    for (const [guardId, list] of this.byGuard) {
      const index = lastAtOrBefore(list, at);
      if (index < 0) continue;
      const current = list[index]!;
      const fix = between(current, list[index + 1], at);
      const first = lastAtOrBefore(list, at - TRAIL_MS) + 1;
      const trail = list.slice(Math.max(first, 0), index + 1);
      if (fix !== current) trail.push(fix);
      tracks.set(guardId, { fix, trail });
    }
    return tracks;
  }
}

/** The index of the last fix at or before `at` (-1 when none is). */
function lastAtOrBefore(list: readonly GuardFix[], at: number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (Date.parse(list[middle]!.at) <= at) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * Where the guard is at `at`, between `from` and the next fix. The fix keeps `from`'s time: how
 * old the guard's last real fix is (a stale marker) does not change by walking it along.
 */
export function between(from: GuardFix, next: GuardFix | undefined, at: number): GuardFix {
  if (!next || next.floor !== from.floor) return from;
  const start = Date.parse(from.at);
  const span = Date.parse(next.at) - start;
  if (span <= 0 || span > TRAIL_GAP_MS || at <= start) return from;
  const share = Math.min(1, (at - start) / span);
  const position: Point = [from.position[0] + (next.position[0] - from.position[0]) * share, from.position[1] + (next.position[1] - from.position[1]) * share];
  return { ...from, position };
}
