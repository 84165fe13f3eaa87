import { BucketQueue } from './bucket-queue.js';
import type { CellOffset } from './cells-near.js';
import type { WalkGrid } from './walk-grid.js';

/**
 * Step lengths in whole units of cellSize / 12: 12 straight, 17 diagonal. 17/12 = 1.4167 is just
 * over √2, so a walk is never shorter than its octile length (0.17 % longer at worst).
 */
const UNITS_PER_CELL = 12;
const DIAGONAL_UNITS = 17;
const UNREACHED = 0x7fffffff;

interface Scratch {
  queue: BucketQueue;
  units: Int32Array;
}

/** One queue and one distance array per grid, reused by every search on it (searches run one at a time). */
const scratch = new WeakMap<WalkGrid, Scratch>();

function scratchFor(grid: WalkGrid): Scratch {
  let found = scratch.get(grid);
  if (!found) {
    found = { queue: new BucketQueue(DIAGONAL_UNITS, 2 * grid.walkable.length), units: new Int32Array(grid.walkable.length) };
    scratch.set(grid, found);
  }
  return found;
}

/**
 * Dijkstra over the grid (8-connected, octile steps, no cutting a blocked corner) from the seed
 * cells at their own start distances: writes the walking metres to every cell into `metres`
 * (Infinity where no walk reaches).
 */
export function searchFrom(grid: WalkGrid, seeds: readonly CellOffset[], metres: Float64Array): void {
  const unit = grid.cellSize / UNITS_PER_CELL;
  const starts = seeds.map(({ cell, metres: offset }) => ({ cell, units: Math.ceil(offset / unit) })).sort((a, b) => a.units - b.units);
  const { queue, units } = scratchFor(grid);
  units.fill(UNREACHED);
  spread(grid, starts, queue, units);
  for (let cell = 0; cell < units.length; cell += 1) metres[cell] = units[cell] === UNREACHED ? Infinity : units[cell]! * unit;
}

/** Seeds enter the queue when the search comes within a step of them (the queue's window is one step). */
function spread({ walkable, columns }: WalkGrid, starts: readonly { cell: number; units: number }[], queue: BucketQueue, units: Int32Array): void {
  const reach = (cell: number, via: number) => {
    if (via < units[cell]!) {
      units[cell] = via;
      queue.push(cell, via);
    }
  };
  let nextStart = 0;
  queue.reset(starts[0]?.units ?? 0);
  for (;;) {
    if (queue.isEmpty && nextStart < starts.length) queue.reset(starts[nextStart]!.units);
    while (nextStart < starts.length && starts[nextStart]!.units <= queue.current + DIAGONAL_UNITS) {
      reach(starts[nextStart]!.cell, starts[nextStart]!.units);
      nextStart += 1;
    }
    if (queue.isEmpty) return;
    const cell = queue.pop();
    const here = queue.current;
    if (units[cell] !== here) continue;
    const east = walkable[cell + 1] === 1;
    const west = walkable[cell - 1] === 1;
    const north = walkable[cell + columns] === 1;
    const south = walkable[cell - columns] === 1;
    const straight = here + UNITS_PER_CELL;
    const diagonal = here + DIAGONAL_UNITS;
    if (east) reach(cell + 1, straight);
    if (west) reach(cell - 1, straight);
    if (north) reach(cell + columns, straight);
    if (south) reach(cell - columns, straight);
    if (north && east && walkable[cell + columns + 1]) reach(cell + columns + 1, diagonal);
    if (north && west && walkable[cell + columns - 1]) reach(cell + columns - 1, diagonal);
    if (south && east && walkable[cell - columns + 1]) reach(cell - columns + 1, diagonal);
    if (south && west && walkable[cell - columns - 1]) reach(cell - columns - 1, diagonal);
  }
}
