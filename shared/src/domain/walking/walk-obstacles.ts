import type { Device, Point, Zone, ZoneKind } from '../types.js';
import { closedRing, forEachCellInPolygon, forEachCellNear, forEachCellNearPath, nearestOnPath, type GridFrame } from './grid-frame.js';

/** Zones with walls: entered only through their doors. */
const WALLED_KINDS: ReadonlySet<ZoneKind> = new Set(['building', 'plant_room']);
/** A door of no building that is this close to a building's outline is that building's way in. */
export const DOOR_REACH_M = 3;
/** Radius of wall opened around a door (at least 1.5 cells, so the opening is never a pinhole). */
export const DOOR_OPENING_M = 2;
/** A gate barrier this close to a perimeter line opens it… */
export const GATE_REACH_M = 8;
/** …this far either side of the point of the line nearest to it. */
export const GATE_OPENING_M = 3;

type Polygon = Extract<Zone['geometry'], { type: 'Polygon' }>;

interface GroundPlan {
  zones: readonly Zone[];
  devices: readonly Device[];
}

/** Half a cell's diagonal: a band this wide holds every cell its line touches. */
function bandHalfWidth(frame: GridFrame): number {
  return (frame.cellSize * Math.SQRT2) / 2 + 1e-9;
}

function rings(geometry: Polygon): readonly (readonly Point[])[] {
  return geometry.coordinates.map(closedRing);
}

/** Water is solid. */
export function markWater(frame: GridFrame, plan: GroundPlan, blocked: Uint8Array): void {
  for (const zone of plan.zones) {
    if (zone.kind !== 'water' || zone.geometry.type !== 'Polygon') continue;
    forEachCellInPolygon(frame, zone.geometry.coordinates, (cell) => (blocked[cell] = 1));
  }
}

/**
 * A building's interior is walkable and its outline is a wall, open only around its doors. A
 * building with no door near its outline is solid: nobody walks through it, and a point inside it
 * leaves by the nearest side (the search snaps it to the nearest walkable cells), so a plan drawn
 * without doors still routes everyone. Marks `indoors` under every walled zone.
 */
export function markBuildings(frame: GridFrame, plan: GroundPlan, blocked: Uint8Array, indoors: Uint8Array): void {
  const walled = plan.zones.filter((zone) => WALLED_KINDS.has(zone.kind));
  const walledIds = new Set(walled.map((zone) => zone.id));
  const doors = plan.devices.filter((device) => device.kind === 'door');
  for (const zone of walled) {
    if (zone.geometry.type !== 'Polygon') continue;
    const outline = rings(zone.geometry);
    forEachCellInPolygon(frame, outline, (cell) => (indoors[cell] = 1));
    const waysIn = doors.flatMap((door) => wayIn(door, zone, outline, walledIds));
    if (waysIn.length === 0) markSolid(frame, outline, blocked);
    else markWalls(frame, outline, waysIn, blocked);
  }
}

/**
 * Where a door lets one through this zone's outline: the outline's point nearest to it. A door
 * of this zone (its zoneId) counts wherever it was drawn; a door of no walled zone counts when
 * within DOOR_REACH_M of the outline.
 */
function wayIn(door: Device, zone: Zone, outline: readonly (readonly Point[])[], walledIds: ReadonlySet<string>): Point[] {
  const ours = door.zoneId === zone.id;
  if (!ours && door.zoneId !== null && walledIds.has(door.zoneId)) return [];
  const nearest = outline.map((ring) => nearestOnPath(door.position, ring)).reduce((a, b) => (b.metres < a.metres ? b : a));
  return ours || nearest.metres <= DOOR_REACH_M ? [nearest.point] : [];
}

function markSolid(frame: GridFrame, outline: readonly (readonly Point[])[], blocked: Uint8Array): void {
  forEachCellInPolygon(frame, outline, (cell) => (blocked[cell] = 1));
  for (const ring of outline) forEachCellNearPath(frame, ring, bandHalfWidth(frame), (cell) => (blocked[cell] = 1));
}

function markWalls(frame: GridFrame, outline: readonly (readonly Point[])[], waysIn: readonly Point[], blocked: Uint8Array): void {
  const wall = new Set<number>();
  for (const ring of outline) forEachCellNearPath(frame, ring, bandHalfWidth(frame), (cell) => wall.add(cell));
  const opening = Math.max(DOOR_OPENING_M, frame.cellSize * 1.5);
  for (const way of waysIn) forEachCellNear(frame, way, opening, (cell) => wall.delete(cell));
  for (const cell of wall) blocked[cell] = 1;
}

/** Perimeter lines (and perimeter polygons' outlines) are fences, crossed only at gates. */
export function markFences(frame: GridFrame, plan: GroundPlan, blocked: Uint8Array): void {
  const fences = plan.zones.filter((zone) => zone.kind === 'perimeter').flatMap(fencePaths);
  if (fences.length === 0) return;
  const fence = new Uint8Array(blocked.length);
  for (const path of fences) forEachCellNearPath(frame, path, bandHalfWidth(frame), (cell) => (fence[cell] = 1));
  for (const zone of plan.zones) if (zone.kind === 'gate') openGateZone(frame, zone, fence);
  for (const device of plan.devices) if (device.kind === 'gate_barrier') openAtBarrier(frame, device.position, fences, fence);
  for (let cell = 0; cell < fence.length; cell += 1) if (fence[cell]) blocked[cell] = 1;
}

function fencePaths(zone: Zone): (readonly Point[])[] {
  return zone.geometry.type === 'LineString' ? [zone.geometry.coordinates] : [...rings(zone.geometry)];
}

/** A gate zone opens the fence under it, and a cell beyond its outline (a thin gate still opens the whole band). */
function openGateZone(frame: GridFrame, zone: Zone, fence: Uint8Array): void {
  const open = (cell: number) => (fence[cell] = 0);
  if (zone.geometry.type === 'LineString') {
    forEachCellNearPath(frame, zone.geometry.coordinates, 2 * bandHalfWidth(frame), open);
    return;
  }
  forEachCellInPolygon(frame, zone.geometry.coordinates, open);
  for (const ring of rings(zone.geometry)) forEachCellNearPath(frame, ring, frame.cellSize, open);
}

function openAtBarrier(frame: GridFrame, position: Point, fences: readonly (readonly Point[])[], fence: Uint8Array): void {
  const nearest = fences.map((path) => nearestOnPath(position, path)).reduce((a, b) => (b.metres < a.metres ? b : a));
  if (nearest.metres > GATE_REACH_M) return;
  forEachCellNear(frame, nearest.point, Math.max(GATE_OPENING_M, frame.cellSize * 1.5), (cell) => (fence[cell] = 0));
}
