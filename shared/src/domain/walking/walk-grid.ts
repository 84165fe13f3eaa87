import type { DeviceKind, Point, Site } from '../types.js';
import { boundsOf, type GridFrame } from './grid-frame.js';
import { markBuildings, markFences, markWater } from './walk-obstacles.js';

/** The grid's cell size grows until it has at most this many cells (2 m for a 420 × 300 m compound: a search in a few ms). */
export const WALK_GRID_MAX_CELLS = 40_000;
const MIN_CELL_M = 0.5;
const CELL_STEP_M = 0.25;
/** Free cells around the plan, so one can walk round the outside of a fence. */
const MARGIN_CELLS = 3;

export interface WalkGridOptions {
  /** Metres; default: the smallest multiple of 0.25 m (at least 0.5 m) that keeps the grid within maxCells. */
  cellSize?: number;
  maxCells?: number;
  /** The level whose zones and devices draw the ground plan; default 0. */
  groundFloor?: number;
}

/**
 * Where one can walk on a site's ground plan: buildings' walls (open at their doors), water, solid
 * doorless buildings and fences (open at gates) are blocked. Built once per site and reused:
 * `key` changes whenever anything it was drawn from changes (see walkGridKey).
 */
export interface WalkGrid extends GridFrame {
  readonly siteId: string;
  readonly key: string;
  readonly groundFloor: number;
  /** 1 where one can stand; the border ring of cells is always 0. */
  readonly walkable: Uint8Array;
  /** 1 under a building (or plant room): one changes floor there by its own stairs. */
  readonly indoors: Uint8Array;
  /**
   * Where one leaves the ground plan for another floor out of doors (a garage under the grounds):
   * the lifts (elevator devices) and the ground floor's garage zones (ramps), by their centre.
   */
  readonly floorLinks: readonly Point[];
}

export function buildWalkGrid(site: Site, options: WalkGridOptions = {}): WalkGrid {
  const groundFloor = options.groundFloor ?? 0;
  const frame = frameFor(site, options);
  const plan = {
    zones: site.zones.filter((zone) => zone.floor === groundFloor),
    devices: site.devices.filter((device) => device.floor === groundFloor),
  };
  const blocked = new Uint8Array(frame.columns * frame.rows);
  const indoors = new Uint8Array(frame.columns * frame.rows);
  markWater(frame, plan, blocked);
  markBuildings(frame, plan, blocked, indoors);
  markFences(frame, plan, blocked);
  const walkable = walkableFrom(frame, blocked);
  return { ...frame, siteId: site.id, key: walkGridKey(site, options), groundFloor, walkable, indoors, floorLinks: floorLinksOf(site, groundFloor) };
}

/** Lifts, one point per shaft (a lift drawn on several floors counts once), and ramp portals. */
function floorLinksOf(site: Site, groundFloor: number): Point[] {
  const links = new Map<string, Point>();
  for (const device of site.devices) {
    if (device.kind === 'elevator') links.set(device.position.map((v) => v.toFixed(1)).join(','), device.position);
  }
  for (const zone of site.zones) {
    if (zone.kind !== 'garage' || zone.floor !== groundFloor || zone.geometry.type !== 'Polygon') continue;
    const [minX, minY, maxX, maxY] = boundsOf(zone.geometry.coordinates[0] ?? []);
    links.set(zone.id, [(minX + maxX) / 2, (minY + maxY) / 2]);
  }
  return [...links.values()];
}

function walkableFrom({ columns, rows }: GridFrame, blocked: Uint8Array): Uint8Array {
  const walkable = new Uint8Array(columns * rows);
  for (let row = 1; row < rows - 1; row += 1) {
    for (let column = 1; column < columns - 1; column += 1) {
      const cell = row * columns + column;
      walkable[cell] = blocked[cell] ? 0 : 1;
    }
  }
  return walkable;
}

/** The plan's rectangle, stretched over any zone drawn beyond it. */
function siteBounds(site: Site): [minX: number, minY: number, maxX: number, maxY: number] {
  const corners: [number, number][] = [
    [0, 0],
    [site.plan.width, site.plan.height],
  ];
  const points = site.zones.flatMap((zone) => (zone.geometry.type === 'LineString' ? zone.geometry.coordinates : zone.geometry.coordinates.flat()));
  return boundsOf([...corners, ...points]);
}

function frameFor(site: Site, options: WalkGridOptions): GridFrame {
  const [minX, minY, maxX, maxY] = siteBounds(site);
  const maxCells = options.maxCells ?? WALK_GRID_MAX_CELLS;
  const frameWith = (cellSize: number): GridFrame => {
    const pad = (MARGIN_CELLS + 1) * cellSize;
    return {
      cellSize,
      originX: minX - pad,
      originY: minY - pad,
      columns: Math.ceil((maxX - minX) / cellSize) + 2 * (MARGIN_CELLS + 1),
      rows: Math.ceil((maxY - minY) / cellSize) + 2 * (MARGIN_CELLS + 1),
    };
  };
  if (options.cellSize !== undefined) return frameWith(options.cellSize);
  const area = Math.max(1, (maxX - minX) * (maxY - minY));
  let cellSize = Math.max(MIN_CELL_M, Math.ceil(Math.sqrt(area / maxCells) / CELL_STEP_M) * CELL_STEP_M);
  let frame = frameWith(cellSize);
  while (frame.columns * frame.rows > maxCells) {
    cellSize += CELL_STEP_M;
    frame = frameWith(cellSize);
  }
  return frame;
}

/** The devices a grid is drawn from. */
const DRAWN_FROM_DEVICE_KINDS: ReadonlySet<DeviceKind> = new Set(['door', 'gate_barrier', 'elevator']);

/**
 * A fingerprint of everything a site's walking grid is drawn from (plan, zones, doors, gate
 * barriers, lifts, options): cheap next to a rebuild, so a cache rebuilds only when it changes.
 */
export function walkGridKey(site: Site, options: WalkGridOptions = {}): string {
  const drawnFrom = JSON.stringify([
    site.plan,
    options.cellSize ?? null,
    options.maxCells ?? null,
    options.groundFloor ?? 0,
    site.zones.map((zone) => [zone.id, zone.kind, zone.floor, zone.geometry]),
    site.devices.filter((device) => DRAWN_FROM_DEVICE_KINDS.has(device.kind)).map((device) => [device.id, device.kind, device.floor, device.zoneId, device.position]),
  ]);
  return `${site.id}:${fnv1a(drawnFrom).toString(36)}:${drawnFrom.length}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Keeps one grid per site, rebuilt when the site's walkGridKey changes. */
export function createWalkGridCache(options: WalkGridOptions = {}): { gridFor(site: Site): WalkGrid } {
  const grids = new Map<string, WalkGrid>();
  return {
    gridFor(site) {
      const cached = grids.get(site.id);
      if (cached && cached.key === walkGridKey(site, options)) return cached;
      const grid = buildWalkGrid(site, options);
      grids.set(site.id, grid);
      return grid;
    },
  };
}
