import type { Point } from '../types.js';
import { cellAt, cellCentre } from './grid-frame.js';
import type { WalkGrid } from './walk-grid.js';

/** A cell to start from and the straight metres between it and the point it stands for. */
export interface CellOffset {
  cell: number;
  metres: number;
}

/**
 * The cell a point stands in, or — when that cell is blocked (a fence, a wall, the lake, a
 * doorless building) — the walkable cells around the nearest walkable ones, on every side: a
 * beam on the fence is reached from inside and out, a point in a doorless building by its
 * nearest side.
 */
export function cellsNear(grid: WalkGrid, point: Point): CellOffset[] {
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
