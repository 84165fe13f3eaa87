import { describe, expect, it } from 'vitest';
import type { Alarm, Device, Site } from './types.js';
import { pointInPolygon } from './geo.js';
import {
  LAYOUTS,
  alarmPlace,
  controlTour,
  layoutFor,
  layoutGrid,
  linkedCameras,
  monitorTakeover,
  tileCount,
  tourPosition,
  withLayout,
  withTile,
  type Monitor,
  type TourTile,
} from './wall.js';

describe('layout geometry', () => {
  it('has 1, 4, 9, 16, 6 and 8 tiles', () => {
    expect(LAYOUTS.map(tileCount)).toEqual([1, 4, 9, 16, 6, 8]);
  });

  it('covers every cell of the grid exactly once, in every layout', () => {
    for (const layout of LAYOUTS) {
      const grid = layoutGrid(layout);
      const cells = new Map<string, number>();
      for (const tile of grid.tiles) {
        for (let row = tile.row; row < tile.row + tile.rowSpan; row++)
          for (let col = tile.col; col < tile.col + tile.colSpan; col++) cells.set(`${col},${row}`, (cells.get(`${col},${row}`) ?? 0) + 1);
      }
      expect(cells.size, layout).toBe(grid.columns * grid.rows);
      expect([...cells.values()].every((count) => count === 1), layout).toBe(true);
    }
  });

  it('puts the big tile of 1+5 over 2×2 cells of a 3×3 grid and of 1+7 over 3×3 of 4×4', () => {
    expect(layoutGrid('1+5').tiles[0]).toEqual({ col: 0, row: 0, colSpan: 2, rowSpan: 2 });
    expect(layoutGrid('1+7')).toMatchObject({ columns: 4, rows: 4 });
    expect(layoutGrid('1+7').tiles[0]).toEqual({ col: 0, row: 0, colSpan: 3, rowSpan: 3 });
    expect(layoutGrid('1+5').tiles.slice(1).every((tile) => tile.colSpan === 1 && tile.rowSpan === 1)).toBe(true);
  });

  it('keeps the tiles that fit when the layout changes, and fills the rest with empty tiles', () => {
    const view = { layout: '2x2' as const, tiles: [1, 2, 3, 4].map((n) => ({ kind: 'camera' as const, cameraId: `cam-${n}` })) };
    expect(withLayout(view, '1').tiles).toEqual([{ kind: 'camera', cameraId: 'cam-1' }]);
    const grown = withLayout(view, '3x3');
    expect(grown.tiles).toHaveLength(9);
    expect(grown.tiles.slice(4).every((tile) => tile.kind === 'empty')).toBe(true);
    expect(withTile(view, 9, { kind: 'alarms' })).toBe(view);
    expect(withTile(view, 1, { kind: 'alarms' }).tiles[1]).toEqual({ kind: 'alarms' });
  });

  it('chooses the smallest layout for a number of cameras', () => {
    expect([1, 2, 4, 5, 6, 7, 8, 9, 12, 16].map(layoutFor)).toEqual(['1', '2x2', '2x2', '1+5', '1+5', '1+7', '1+7', '3x3', '4x4', '4x4']);
  });
});

describe('tour scheduling', () => {
  const start = Date.parse('2026-12-01T03:00:00Z');
  const tour: TourTile = { kind: 'tour', cameraIds: ['a', 'b', 'c'], dwellSeconds: 10, startedAt: new Date(start).toISOString(), pausedAt: null };

  it('shows each camera for its dwell time, in turn, round and round', () => {
    expect(tourPosition(tour, start)).toEqual({ index: 0, cameraId: 'a', nextAt: start + 10_000 });
    expect(tourPosition(tour, start + 9_999)?.cameraId).toBe('a');
    expect(tourPosition(tour, start + 10_000)?.cameraId).toBe('b');
    expect(tourPosition(tour, start + 25_000)).toEqual({ index: 2, cameraId: 'c', nextAt: start + 30_000 });
    expect(tourPosition(tour, start + 30_000)?.cameraId).toBe('a');
  });

  it('stays on its camera while paused and carries on from there when resumed', () => {
    const paused = controlTour(tour, 'pause', start + 12_000);
    expect(tourPosition(paused, start + 95_000)).toEqual({ index: 1, cameraId: 'b', nextAt: null });
    const resumed = controlTour(paused, 'resume', start + 100_000);
    expect(tourPosition(resumed, start + 100_000)?.cameraId).toBe('b');
    // 2 s of b were shown before the pause: 8 s are left.
    expect(tourPosition(resumed, start + 100_000)?.nextAt).toBe(start + 108_000);
  });

  it('steps to the next and previous camera, starting its full turn now', () => {
    const now = start + 3_000;
    const next = controlTour(tour, 'next', now);
    expect(tourPosition(next, now)).toEqual({ index: 1, cameraId: 'b', nextAt: now + 10_000 });
    const back = controlTour(tour, 'previous', now);
    expect(tourPosition(back, now)?.cameraId).toBe('c');
    const pausedNext = controlTour(controlTour(tour, 'pause', now), 'next', now + 50_000);
    expect(tourPosition(pausedNext, now + 60_000)).toEqual({ index: 1, cameraId: 'b', nextAt: null });
  });

  it('has no position without cameras and never moves with one camera', () => {
    expect(tourPosition({ ...tour, cameraIds: [] }, start)).toBeNull();
    expect(tourPosition({ ...tour, cameraIds: ['a'] }, start + 1e6)).toEqual({ index: 0, cameraId: 'a', nextAt: null });
  });
});

function camera(id: string, position: [number, number], extra: Partial<Device> = {}): Device {
  return {
    id,
    siteId: 's',
    zoneId: null,
    kind: 'camera',
    name: id,
    nameEn: null,
    position,
    floor: 0,
    status: 'online',
    camera: { heading: 0, angle: 60, range: 40 },
    linkedCameraIds: [],
    ...extra,
  };
}

const site: Site = {
  id: 's',
  name: 's',
  nameEn: null,
  plan: { width: 400, height: 300 },
  anchor: null,
  backdrop: null,
  floors: [{ level: 0, name: '地面', nameEn: null }, { level: -1, name: '车库', nameEn: null }],
  zones: [],
  devices: [
    camera('near', [105, 100]),
    camera('mid', [130, 100]),
    camera('far', [300, 100]),
    camera('below', [100, 100], { floor: -1 }),
    camera('gate-1', [380, 20], { zoneId: 'gate' }),
    camera('gate-2', [390, 20], { zoneId: 'gate' }),
    camera('watcher', [50, 50]),
    { ...camera('beam', [100, 100], { linkedCameraIds: ['watcher', 'near'] }), kind: 'perimeter_beam', camera: null },
  ],
};

function alarm(extra: Partial<Alarm>): Alarm {
  return {
    id: 'a1',
    siteId: 's',
    kind: 'intrusion',
    priority: 2,
    state: 'new',
    source: {},
    deviceId: null,
    zoneId: null,
    location: null,
    message: 'm',
    text: null,
    attributes: {},
    occurredAt: '2026-12-01T03:00:00Z',
    firstAt: '2026-12-01T03:00:00Z',
    lastAt: '2026-12-01T03:00:00Z',
    count: 1,
    owner: null,
    acknowledgedAt: null,
    heldAt: null,
    disposition: null,
    note: null,
    resolvedAt: null,
    resolvedBy: null,
    ...extra,
  };
}

describe('the choice of linked cameras', () => {
  it("takes the device's linked cameras first, then the nearest on its floor within the radius", () => {
    expect(linkedCameras(alarm({ deviceId: 'beam' }), site, { count: 4, radius: 50 })).toEqual(['watcher', 'near', 'mid']);
  });

  it('takes the camera that raised the alarm itself first', () => {
    expect(linkedCameras(alarm({ deviceId: 'far' }), site, { count: 2, radius: 500 })).toEqual(['far', 'gate-1']);
  });

  it("takes the zone's cameras, nearest first, before other nearby cameras", () => {
    const atGate = alarm({ zoneId: 'gate', location: { position: [392, 22], floor: 0 } });
    expect(linkedCameras(atGate, site, { count: 3, radius: 100 })).toEqual(['gate-2', 'gate-1']);
    expect(linkedCameras(atGate, site, { count: 3, radius: 200 })).toEqual(['gate-2', 'gate-1', 'far']);
  });

  it("stays on the alarm's floor and stops at count", () => {
    const garage = alarm({ location: { position: [100, 100], floor: -1 } });
    expect(linkedCameras(garage, site, { count: 4, radius: 100 })).toEqual(['below']);
    expect(linkedCameras(alarm({ deviceId: 'beam' }), site, { count: 1, radius: 100 })).toEqual(['watcher']);
  });

  it('finds nothing for an alarm with no place, zone or device', () => {
    expect(linkedCameras(alarm({}), site, { count: 4, radius: 100 })).toEqual([]);
  });
});

describe('alarm monitor takeover', () => {
  const monitor: Monitor = {
    id: 'alarm',
    siteId: 's',
    name: '报警',
    nameEn: 'Alarm',
    position: 1,
    view: { layout: '1', tiles: [{ kind: 'map', siteId: 's', floor: 0 }] },
    alarmRule: { kinds: ['intrusion', 'fire'], maxPriority: 3, cameraCount: 4, radius: 50 },
    releasedAlarmIds: [],
  };
  const sites = { s: site };

  it('shows the linked cameras of the most urgent matching open alarm', () => {
    const alarms = {
      low: alarm({ id: 'low', priority: 3, deviceId: 'far' }),
      high: alarm({ id: 'high', priority: 1, kind: 'fire', deviceId: 'beam' }),
      other: alarm({ id: 'other', priority: 1, kind: 'door_held', deviceId: 'near' }),
    };
    const takeover = monitorTakeover(monitor, Object.values(alarms), sites);
    expect(takeover?.alarm.id).toBe('high');
    expect(takeover?.view.layout).toBe('2x2');
    expect(takeover?.view.tiles.slice(0, 3)).toEqual(['watcher', 'near', 'mid'].map((cameraId) => ({ kind: 'camera', cameraId })));
  });

  it('gives the monitor back when the alarm is resolved or released, and ignores alarms below the rule', () => {
    const open = { a1: alarm({ deviceId: 'far' }) };
    expect(monitorTakeover(monitor, Object.values(open), sites)?.view).toEqual({ layout: '1', tiles: [{ kind: 'camera', cameraId: 'far' }] });
    expect(monitorTakeover(monitor, [{ ...open.a1, state: 'resolved' }], sites)).toBeNull();
    expect(monitorTakeover({ ...monitor, releasedAlarmIds: ['a1'] }, Object.values(open), sites)).toBeNull();
    expect(monitorTakeover(monitor, [{ ...open.a1, priority: 4 }], sites)).toBeNull();
    expect(monitorTakeover({ ...monitor, alarmRule: null }, Object.values(open), sites)).toBeNull();
  });

  it("shows the map at the alarm's floor when no camera is linked", () => {
    const lonely = { a1: alarm({ location: { position: [10, 290], floor: 0 } }) };
    expect(monitorTakeover(monitor, Object.values(lonely), sites)?.view.tiles).toEqual([{ kind: 'map', siteId: 's', floor: 0 }]);
  });
});

describe('where an alarm that names only a zone is', () => {
  const zone = (id: string, floor: number, geometry: Site['zones'][number]['geometry']) => ({ id, siteId: 's', name: id, nameEn: null, kind: 'public', floor, geometry }) as Site['zones'][number];
  // An L-shaped garage on floor -1 (its centroid falls outside it), a square yard, a fence line.
  const garage = zone('garage', -1, { type: 'Polygon', coordinates: [[[0, 0], [100, 0], [100, 20], [20, 20], [20, 100], [0, 100], [0, 0]]] });
  const yard = zone('yard', 0, { type: 'Polygon', coordinates: [[[200, 0], [240, 0], [240, 40], [200, 40], [200, 0]]] });
  const fence = zone('fence', 0, { type: 'LineString', coordinates: [[0, 200], [100, 200], [100, 300]] });
  const site = { id: 's', name: 's', nameEn: null, plan: { width: 400, height: 400 }, anchor: null, backdrop: null, floors: [], zones: [garage, yard, fence], devices: [] } as unknown as Site;
  const at = (zoneId: string) => alarmPlace({ deviceId: null, zoneId, location: null }, site);

  it('is at a point inside its area on its floor, or halfway along its line', () => {
    expect(at('yard')).toEqual({ position: [220, 20], floor: 0 });
    const inGarage = at('garage')!;
    expect(inGarage.floor).toBe(-1);
    expect(pointInPolygon(inGarage.position, (garage.geometry as { coordinates: [number, number][][] }).coordinates)).toBe(true);
    expect(at('fence')).toEqual({ position: [100, 200], floor: 0 });
    expect(at('nowhere')).toBeNull();
  });
});
