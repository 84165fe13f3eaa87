/**
 * Sites, guards and fixes for the walking tests and the ranking benchmark (not exported from the
 * package). `compoundSite` is drawn like the server's demo site (shared may not import it).
 */
import type { GuardFix, GuardLive } from '../guard.js';
import type { Device, DeviceKind, Point, Site, Zone, ZoneKind } from '../types.js';

export const FIXTURE_SITE_ID = 'walk-site';

export function rectZone(id: string, kind: ZoneKind, x: number, y: number, width: number, height: number, floor = 0): Zone {
  const ring: Point[] = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
    [x, y],
  ];
  return { id, siteId: FIXTURE_SITE_ID, name: id, nameEn: id, kind, floor, geometry: { type: 'Polygon', coordinates: [ring] } };
}

export function lineZone(id: string, kind: ZoneKind, ...points: Point[]): Zone {
  return { id, siteId: FIXTURE_SITE_ID, name: id, nameEn: id, kind, floor: 0, geometry: { type: 'LineString', coordinates: points } };
}

export function fixtureDevice(id: string, kind: DeviceKind, position: Point, zoneId: string | null, floor = 0): Device {
  return { id, siteId: FIXTURE_SITE_ID, zoneId, kind, name: id, nameEn: id, position, floor, status: 'online', camera: null, linkedCameraIds: [] };
}

export function fixtureSite(width: number, height: number, zones: Zone[], devices: Device[] = []): Site {
  return {
    id: FIXTURE_SITE_ID,
    name: 'walk',
    nameEn: 'walk',
    plan: { width, height },
    anchor: null,
    backdrop: null,
    floors: [{ level: 0, name: '地面', nameEn: 'Ground' }],
    zones,
    devices,
  };
}

export function fixtureGuard(id: string, patch: Partial<GuardLive> = {}): GuardLive {
  return { id, siteId: FIXTURE_SITE_ID, callsign: id, name: id, status: 'available', onShift: true, userId: null, zoneIds: [], ...patch };
}

export function fixtureFix(guardId: string, position: Point, at: Date, floor = 0): GuardFix {
  return { guardId, siteId: FIXTURE_SITE_ID, at: at.toISOString(), position, floor, accuracy: 5, heading: null, speed: null, battery: 80, source: 'simulator' };
}

/** Ten 40 × 14 m towers with a lobby door mid south face, as on the demo site. */
const TOWERS: Point[] = [
  [45, 235],
  [115, 235],
  [245, 235],
  [315, 235],
  [45, 160],
  [45, 115],
  [335, 160],
  [335, 115],
  [45, 50],
  [110, 50],
];

/**
 * A 420 × 300 m gated compound like the demo: a boundary wall 10 m inside the plan with the main
 * gate mid south (x 188–232) and a side gate on the east wall (y 188–208), ten towers, a clubhouse
 * and a plant room (twelve buildings, each with a door), a lake in the middle, roads, a garage
 * under it all reached by the towers' lifts and a ramp.
 */
export function compoundSite(): Site {
  const towers = TOWERS.map(([x, y], index) => rectZone(`tower-${index + 1}`, 'building', x, y, 40, 14));
  const zones: Zone[] = [
    lineZone('perimeter-s-w', 'perimeter', [10, 10], [188, 10]),
    lineZone('perimeter-s-e', 'perimeter', [232, 10], [410, 10]),
    lineZone('perimeter-e-s', 'perimeter', [410, 10], [410, 188]),
    lineZone('perimeter-e-n', 'perimeter', [410, 208], [410, 250], [370, 290]),
    lineZone('perimeter-n', 'perimeter', [370, 290], [10, 290]),
    lineZone('perimeter-w', 'perimeter', [10, 290], [10, 10]),
    rectZone('main-gate', 'gate', 188, 4, 44, 14),
    rectZone('side-gate', 'gate', 404, 188, 12, 20),
    rectZone('grounds', 'green', 29, 29, 362, 242),
    rectZone('main-avenue', 'road', 203, 10, 14, 88),
    rectZone('north-lane', 'road', 29, 205, 362, 6),
    rectZone('south-lane', 'road', 29, 85, 362, 6),
    lakeZone(),
    rectZone('clubhouse', 'building', 250, 42, 50, 28),
    rectZone('plant-room', 'plant_room', 330, 45, 30, 18),
    rectZone('garage-entrance', 'garage', 168, 50, 28, 16),
    ...towers,
    rectZone('garage', 'garage', 40, 40, 340, 215, -1),
  ];
  const doors = [
    ...TOWERS.map(([x, y], index) => fixtureDevice(`door-${index + 1}`, 'door', [x + 20, y], `tower-${index + 1}`)),
    ...TOWERS.map(([x, y], index) => fixtureDevice(`lift-${index + 1}`, 'elevator', [x + 37, y + 7], `tower-${index + 1}`)),
    fixtureDevice('door-club', 'door', [262, 42], 'clubhouse'),
    fixtureDevice('door-plant', 'door', [345, 45], 'plant-room'),
    fixtureDevice('barrier-main', 'gate_barrier', [210, 16], 'main-gate'),
    fixtureDevice('cam-gate', 'camera', [199, 15], 'main-gate'),
  ];
  return fixtureSite(420, 300, zones, doors);
}

function lakeZone(): Zone {
  const ring: Point[] = [];
  for (let i = 0; i < 16; i += 1) {
    const angle = (i / 16) * 2 * Math.PI;
    ring.push([212 + 58 * Math.cos(angle), 150 + 30 * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return { id: 'lake', siteId: FIXTURE_SITE_ID, name: 'lake', nameEn: 'lake', kind: 'water', floor: 0, geometry: { type: 'Polygon', coordinates: [ring] } };
}
