import { describe, expect, it } from 'vitest';
import { cameraWedge, clampToPlan, roundPoint, zoneAt } from './geometry';
import { errorLines } from './editorStore';

describe('camera wedge', () => {
  it('points north at heading 0 and east at heading 90, closed at the camera', () => {
    const north = cameraWedge([10, 10], { heading: 0, angle: 2, range: 10 }, 2);
    expect(north[0]).toEqual([10, 10]);
    expect(north.at(-1)).toEqual([10, 10]);
    expect(north[2]![0]).toBeCloseTo(10);
    expect(north[2]![1]).toBeCloseTo(20);
    const east = cameraWedge([0, 0], { heading: 90, angle: 2, range: 5 }, 2);
    expect(east[2]![0]).toBeCloseTo(5);
    expect(east[2]![1]).toBeCloseTo(0);
  });
});

describe('helpers', () => {
  it('rounds and clamps points to the plan', () => {
    expect(roundPoint([1.23456, 2.98765])).toEqual([1.23, 2.99]);
    expect(clampToPlan([-5, 500], { width: 100, height: 50 })).toEqual([0, 50]);
  });

  it('splits a server message into one line per feature and field', () => {
    expect(
      errorLines('features[2] (device a).properties.kind: must be one of a, b; features[3] (zone z).geometry.coordinates[0]: a ring must be closed'),
    ).toEqual(['features[2] (device a).properties.kind: must be one of a, b', 'features[3] (zone z).geometry.coordinates[0]: a ring must be closed']);
  });
});

describe('zoneAt', () => {
  it('picks the smallest polygon on the floor that holds the point', () => {
    const square = (id: string, size: number, floor = 0) => ({
      id,
      siteId: 's',
      name: id,
      nameEn: null,
      kind: 'building' as const,
      floor,
      geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [size, 0], [size, size], [0, size], [0, 0]] as [number, number][]] },
    });
    const site = { id: 's', name: 's', nameEn: null, plan: { width: 100, height: 100 }, anchor: null, backdrop: null, floors: [], devices: [], zones: [square('big', 90), square('small', 10), square('below', 5, -1)] };
    expect(zoneAt(site, 0, [3, 3])).toBe('small');
    expect(zoneAt(site, 0, [50, 50])).toBe('big');
    expect(zoneAt(site, 0, [95, 95])).toBeNull();
    expect(zoneAt(site, -1, [3, 3])).toBe('below');
  });
});
