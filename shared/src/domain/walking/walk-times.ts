import type { Point } from '../types.js';
import { CellHeap } from './cell-heap.js';
import { cellAt, cellCentre } from './grid-frame.js';
import type { WalkGrid } from './walk-grid.js';

/** A guard's walking pace on site, metres per second. */
export const WALKING_SPEED_MPS = 1.3;
/** One floor up or down by the stairs. */
export const SECONDS_PER_FLOOR = 20;

export interface WalkPlace {
  position: Point;
  floor: number;
}

/** Walking metres from one place (the goal) to the centre of every cell of a grid; Infinity where it cannot be reached. */
export interface WalkField {
  readonly grid: WalkGrid;
  readonly goal: WalkPlace;
  readonly metres: Float64Array;
}

/** A cell to start from and the straight metres between it and the point it stands for. */
interface CellOffset {
  cell: number;
  metres: number;
}

/**
 * One Dijkstra search (8-connected, octile steps, no cutting a blocked corner) out from the goal
 * over the whole grid: walking metres from it to every cell, so any number of guards is then one
 * lookup each (walkMetresTo). The ground plan is one plane; floors are added by walkSeconds.
 * `into`: a grid-sized array to write the result in instead of a new one (a caller ranking often
 * reuses one; the field is then valid until its next use).
 */
export function walkTimesFrom(grid: WalkGrid, goal: WalkPlace, into?: Float64Array): WalkField {
  if (into && into.length !== grid.walkable.length) throw new Error(`into: must hold ${grid.walkable.length} cells, not ${into.length}`);
  const metres = (into ?? new Float64Array(grid.walkable.length)).fill(Infinity);
  const heap = heapFor(grid);
  heap.keys = metres;
  for (const { cell, metres: offset } of cellsNear(grid, goal.position)) {
    if (offset < metres[cell]!) {
      metres[cell] = offset;
      heap.push(cell);
    }
  }
  spread(grid, metres, heap);
  return { grid, goal, metres };
}

/** One heap per grid, reused by every search on it (searches run one at a time). */
const heaps = new WeakMap<WalkGrid, CellHeap>();

function heapFor(grid: WalkGrid): CellHeap {
  let heap = heaps.get(grid);
  if (!heap) {
    heap = new CellHeap(grid.walkable.length);
    heaps.set(grid, heap);
  }
  return heap;
}

function spread({ walkable, columns, cellSize }: WalkGrid, metres: Float64Array, heap: CellHeap): void {
  const diagonal = cellSize * Math.SQRT2;
  const relax = (cell: number, via: number) => {
    if (via < metres[cell]!) {
      metres[cell] = via;
      heap.push(cell);
    }
  };
  while (!heap.isEmpty) {
    const cell = heap.pop();
    const here = metres[cell]!;
    const east = walkable[cell + 1] === 1;
    const west = walkable[cell - 1] === 1;
    const north = walkable[cell + columns] === 1;
    const south = walkable[cell - columns] === 1;
    if (east) relax(cell + 1, here + cellSize);
    if (west) relax(cell - 1, here + cellSize);
    if (north) relax(cell + columns, here + cellSize);
    if (south) relax(cell - columns, here + cellSize);
    if (north && east && walkable[cell + columns + 1]) relax(cell + columns + 1, here + diagonal);
    if (north && west && walkable[cell + columns - 1]) relax(cell + columns - 1, here + diagonal);
    if (south && east && walkable[cell - columns + 1]) relax(cell - columns + 1, here + diagonal);
    if (south && west && walkable[cell - columns - 1]) relax(cell - columns - 1, here + diagonal);
  }
}

/**
 * Walking metres from the field's goal to a point on the ground plan; Infinity when no walk joins
 * them. Never less than the straight line: every leg (point to cell centre, cell to cell) is at
 * least its straight length.
 */
export function walkMetresTo(field: WalkField, position: Point): number {
  let best = Infinity;
  for (const { cell, metres } of cellsNear(field.grid, position)) best = Math.min(best, field.metres[cell]! + metres);
  return best;
}

/** Seconds for a walk of so many metres plus so many floors (either sign) by the stairs. */
export function walkSeconds(metres: number, floors: number): number {
  return metres / WALKING_SPEED_MPS + Math.abs(floors) * SECONDS_PER_FLOOR;
}

/**
 * The cell a point stands in, or — when that cell is blocked (a fence, a wall, the lake, a
 * doorless building) — the walkable cells around the nearest walkable ones, on every side: a
 * beam on the fence is reached from inside and out, a point in a doorless building by its
 * nearest side.
 */
function cellsNear(grid: WalkGrid, point: Point): CellOffset[] {
  const here = cellAt(grid, point);
  if (grid.walkable[here]) return [{ cell: here, metres: offsetTo(grid, point, here) }];
  const column = here % grid.columns;
  const row = (here - column) / grid.columns;
  const reach = nearestWalkableReach(grid, column, row);
  if (reach === null) return [];
  const near: CellOffset[] = [];
  forEachCellAround(grid, column, row, reach + 1, (cell) => {
    if (grid.walkable[cell]) near.push({ cell, metres: offsetTo(grid, point, cell) });
  });
  return near;
}

function offsetTo(grid: WalkGrid, [x, y]: Point, cell: number): number {
  const [cx, cy] = cellCentre(grid, cell);
  return Math.hypot(x - cx, y - cy);
}

/** The smallest square ring (in cells) around the cell that holds a walkable cell. */
function nearestWalkableReach(grid: WalkGrid, column: number, row: number): number | null {
  const farthest = Math.max(grid.columns, grid.rows);
  for (let reach = 1; reach < farthest; reach += 1) {
    let found = false;
    forEachCellOnRing(grid, column, row, reach, (cell) => {
      if (grid.walkable[cell]) found = true;
    });
    if (found) return reach;
  }
  return null;
}

function forEachCellOnRing(grid: WalkGrid, column: number, row: number, reach: number, visit: (cell: number) => void): void {
  for (let r = row - reach; r <= row + reach; r += 1) {
    const edgeRow = r === row - reach || r === row + reach;
    const step = edgeRow ? 1 : 2 * reach;
    for (let c = column - reach; c <= column + reach; c += step) visitInside(grid, c, r, visit);
  }
}

function forEachCellAround(grid: WalkGrid, column: number, row: number, reach: number, visit: (cell: number) => void): void {
  for (let r = row - reach; r <= row + reach; r += 1) for (let c = column - reach; c <= column + reach; c += 1) visitInside(grid, c, r, visit);
}

function visitInside(grid: WalkGrid, column: number, row: number, visit: (cell: number) => void): void {
  if (column >= 1 && column < grid.columns - 1 && row >= 1 && row < grid.rows - 1) visit(row * grid.columns + column);
}
