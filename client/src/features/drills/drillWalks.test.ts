import type { DrillInjectInput } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { firedWalks, walkFixes, walkPoint } from './drillWalks';

const path: [number, number][] = [
  [0, 0],
  [0, 10],
  [20, 10],
];
const walk = (id: string, guardId: string): DrillInjectInput => ({ id, atSec: 0, kind: 'guard_walk', guardId, floor: -1, path, speedMps: 2 });

describe("a simulated guard's walk in a drill", () => {
  it('moves along the path at its speed, facing its way, and stops at the end', () => {
    expect(walkPoint(path, 2, 0)).toEqual({ position: [0, 0], heading: 0, done: false });
    expect(walkPoint(path, 2, 2.5)).toEqual({ position: [0, 5], heading: 0, done: false });
    expect(walkPoint(path, 2, 10)).toEqual({ position: [10, 10], heading: 90, done: false });
    expect(walkPoint(path, 2, 60)).toEqual({ position: [20, 10], heading: null, done: true });
  });
  it('draws each guard where its latest walk has taken it, on its floor, as a simulator fix', () => {
    const start = Date.parse('2026-12-04T02:00:00Z');
    const walks = firedWalks(
      [walk('first', 'g1')],
      [
        { injectId: 'first', at: new Date(start).toISOString(), early: false, adHoc: false },
        { injectId: 'back', at: new Date(start + 5_000).toISOString(), early: false, adHoc: true, inject: { ...walk('back', 'g1'), path: [[20, 10], [20, 0]] } as DrillInjectInput },
        { injectId: 'note', at: new Date(start).toISOString(), early: false, adHoc: true, inject: { id: 'note', atSec: 0, kind: 'note', text: { zh: '问', en: 'Ask' } } },
      ],
    );
    expect(walks).toHaveLength(2);
    // The ad hoc one (the latest) is timed from when it fired: 2 s on, 4 m down.
    const [fix] = walkFixes(walks, 'demo', start + 7_000, 7);
    expect(fix).toMatchObject({ guardId: 'g1', siteId: 'demo', position: [20, 6], floor: -1, source: 'simulator', speed: 2 });
  });
  it("times a scripted walk fired on time on the drill's clock, so a pause holds it where it stood", () => {
    const start = Date.parse('2026-12-04T02:00:00Z');
    const walks = firedWalks([{ ...walk('first', 'g1'), atSec: 60 }], [{ injectId: 'first', at: new Date(start + 60_000).toISOString(), early: false, adHoc: false }]);
    expect(walks[0]?.scriptAt).toBe(60);
    // 5 s into the walk on the drill's clock, though a 30 s pause came since (wall time 35 s on).
    expect(walkFixes(walks, 'demo', start + 95_000, 65)[0]?.position).toEqual([0, 10]);
  });
});
