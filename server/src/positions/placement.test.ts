import { describe, expect, it } from 'vitest';
import { fitPlanTransform, planToGps } from '@vigil/shared';
import { demoSite } from '../sim/demo-site.js';
import { placeOnPlan, zoneChange, zonesAt } from './placement.js';

describe('placing GPS fixes on the site plan', () => {
  const fitted = fitPlanTransform(demoSite.anchor!);
  if (!fitted.ok) throw new Error(fitted.error);

  it('puts the anchor control points where the plan says, to within a metre', () => {
    for (const point of demoSite.anchor!.controlPoints) {
      const [x, y] = placeOnPlan(demoSite, point.lat, point.lon)!;
      expect(Math.hypot(x - point.plan[0], y - point.plan[1])).toBeLessThan(1);
    }
  });

  it('places the main gate (plan 210,10) about 210 m east and 10 m north of the south-west corner', () => {
    const { lat, lon } = planToGps(fitted.transform, [210, 10]);
    const [x, y] = placeOnPlan(demoSite, lat, lon)!;
    expect(x).toBeCloseTo(210, 1);
    expect(y).toBeCloseTo(10, 1);
    // And the numbers are on the earth where Hangzhou is.
    expect(lat).toBeGreaterThan(30.274);
    expect(lon).toBeGreaterThan(120.155);
  });

  it('gives null for a site without an anchor', () => {
    expect(placeOnPlan({ ...demoSite, anchor: null }, 30.27, 120.15)).toBeNull();
  });
});

describe('zones a guard is in', () => {
  it('finds the polygon zones of the floor only', () => {
    const onGround = zonesAt(demoSite, [377, 54], 0).map((zone) => zone.id);
    expect(onGround).toContain('demo-z-substation');
    expect(onGround).toContain('demo-z-grounds');
    expect(zonesAt(demoSite, [150, 60], -1).map((zone) => zone.id)).toEqual(['demo-z-garage']);
    // Line zones (perimeter segments) are never "entered".
    expect(zonesAt(demoSite, [10, 100], 0).map((zone) => zone.id)).not.toContain('demo-z-west-perimeter-s');
  });

  it('tells entered and exited zones apart', () => {
    expect(zoneChange(['a', 'b'], ['b', 'c'])).toEqual({ entered: ['c'], exited: ['a'] });
    expect(zoneChange(['a'], ['a'])).toEqual({ entered: [], exited: [] });
  });
});
