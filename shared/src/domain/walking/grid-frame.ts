import { pointInPolygon } from '../geo.js';
import type { Point } from '../types.js';

/**
 * Where the cells of a walking grid lie on the plan: row-major, row 0 at the south, column 0 at
 * the west. The outermost ring of cells is a border that is never walkable, so a neighbour of a
 * walkable cell is always inside the array (no bounds checks in the search).
 */
export interface GridFrame {
  /** Metres per cell side. */
  readonly cellSize: number;
  /** Plan point of the south-west corner of cell 0 (a border cell). */
  readonly originX: number;
  readonly originY: number;
  /** Including the border. */
  readonly columns: number;
  readonly rows: number;
}

export function cellCentre(frame: GridFrame, cell: number): Point {
  const column = cell % frame.columns;
  const row = (cell - column) / frame.columns;
  return [frame.originX + (column + 0.5) * frame.cellSize, frame.originY + (row + 0.5) * frame.cellSize];
}

/** The inside (non-border) cell under a plan point; a point off the grid takes the nearest edge cell. */
export function cellAt(frame: GridFrame, [x, y]: Point): number {
  return rowAt(frame, y) * frame.columns + columnAt(frame, x);
}

export function columnAt(frame: GridFrame, x: number): number {
  return clamp(Math.floor((x - frame.originX) / frame.cellSize), 1, frame.columns - 2);
}

export function rowAt(frame: GridFrame, y: number): number {
  return clamp(Math.floor((y - frame.originY) / frame.cellSize), 1, frame.rows - 2);
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Calls `visit` with every inside cell whose centre lies in the box (plan metres). */
function forEachCellInBox(frame: GridFrame, minX: number, minY: number, maxX: number, maxY: number, visit: (cell: number, centre: Point) => void): void {
  const { cellSize, originX, originY, columns } = frame;
  const fromColumn = columnAt(frame, minX);
  const toColumn = columnAt(frame, maxX);
  const fromRow = rowAt(frame, minY);
  const toRow = rowAt(frame, maxY);
  for (let row = fromRow; row <= toRow; row += 1) {
    const y = originY + (row + 0.5) * cellSize;
    for (let column = fromColumn; column <= toColumn; column += 1) visit(row * columns + column, [originX + (column + 0.5) * cellSize, y]);
  }
}

/** Every cell whose centre is inside the polygon (outer ring minus holes). */
export function forEachCellInPolygon(frame: GridFrame, rings: readonly (readonly Point[])[], visit: (cell: number) => void): void {
  const outer = rings[0];
  if (!outer || outer.length < 3) return;
  const [minX, minY, maxX, maxY] = boundsOf(outer);
  forEachCellInBox(frame, minX, minY, maxX, maxY, (cell, centre) => {
    if (pointInPolygon(centre, rings)) visit(cell);
  });
}

/**
 * Every cell whose centre is within `halfWidth` of the path. With halfWidth at least half a cell's
 * diagonal this holds every cell the path touches: a 4-connected band no 8-connected walk crosses.
 */
export function forEachCellNearPath(frame: GridFrame, path: readonly Point[], halfWidth: number, visit: (cell: number) => void): void {
  for (let i = 1; i < path.length; i += 1) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const minX = Math.min(a[0], b[0]) - halfWidth;
    const minY = Math.min(a[1], b[1]) - halfWidth;
    forEachCellInBox(frame, minX, minY, Math.max(a[0], b[0]) + halfWidth, Math.max(a[1], b[1]) + halfWidth, (cell, centre) => {
      if (distanceToSegment(centre, a, b) <= halfWidth) visit(cell);
    });
  }
}

/** Every cell whose centre is within `radius` of the point. */
export function forEachCellNear(frame: GridFrame, [x, y]: Point, radius: number, visit: (cell: number) => void): void {
  forEachCellInBox(frame, x - radius, y - radius, x + radius, y + radius, (cell, centre) => {
    if (Math.hypot(centre[0] - x, centre[1] - y) <= radius) visit(cell);
  });
}

/** The ring as a closed path (its last point equal to its first). */
export function closedRing(ring: readonly Point[]): readonly Point[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || (first[0] === last[0] && first[1] === last[1])) return ring;
  return [...ring, first];
}

export function boundsOf(points: readonly Point[]): [minX: number, minY: number, maxX: number, maxY: number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

export function nearestOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return [a[0] + t * dx, a[1] + t * dy];
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [x, y] = nearestOnSegment(p, a, b);
  return Math.hypot(p[0] - x, p[1] - y);
}

/** The point of the path nearest to p, and how far it is. */
export function nearestOnPath(p: Point, path: readonly Point[]): { point: Point; metres: number } {
  let best: { point: Point; metres: number } = { point: path[0] ?? p, metres: path[0] ? Math.hypot(p[0] - path[0][0], p[1] - path[0][1]) : Infinity };
  for (let i = 1; i < path.length; i += 1) {
    const point = nearestOnSegment(p, path[i - 1]!, path[i]!);
    const metres = Math.hypot(p[0] - point[0], p[1] - point[1]);
    if (metres < best.metres) best = { point, metres };
  }
  return best;
}
