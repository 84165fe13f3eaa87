import { describe, expect, it } from 'vitest';
import type { CellOffset } from './cells-near.js';
import { fixtureDevice, fixtureSite, lineZone, rectZone } from './walk-fixtures.js';
import { buildWalkGrid, type WalkGrid } from './walk-grid.js';
import { searchFrom } from './walk-search.js';

/** Textbook Dijkstra (a linear scan for the nearest open cell) with exact octile steps. */
function referenceSearch(grid: WalkGrid, seeds: readonly CellOffset[]): Float64Array {
  const { walkable, columns, cellSize } = grid;
  const metres = new Float64Array(walkable.length).fill(Infinity);
  const done = new Uint8Array(walkable.length);
  for (const { cell, metres: offset } of seeds) metres[cell] = Math.min(metres[cell]!, offset);
  const steps: [number, number, number][] = [
    [1, 0, cellSize],
    [-1, 0, cellSize],
    [0, 1, cellSize],
    [0, -1, cellSize],
    [1, 1, cellSize * Math.SQRT2],
    [-1, 1, cellSize * Math.SQRT2],
    [1, -1, cellSize * Math.SQRT2],
    [-1, -1, cellSize * Math.SQRT2],
  ];
  for (;;) {
    let cell = -1;
    for (let i = 0; i < metres.length; i += 1) if (!done[i] && metres[i]! < Infinity && (cell < 0 || metres[i]! < metres[cell]!)) cell = i;
    if (cell < 0) return metres;
    done[cell] = 1;
    for (const [dx, dy, length] of steps) {
      const to = cell + dx + dy * columns;
      const cornersOpen = walkable[cell + dx] === 1 && walkable[cell + dy * columns] === 1;
      if (walkable[to] && cornersOpen && metres[cell]! + length < metres[to]!) metres[to] = metres[cell]! + length;
    }
  }
}

describe('searchFrom', () => {
  it('matches a textbook Dijkstra within 0.2 %, never shorter, from seeds at very different start distances', () => {
    const site = fixtureSite(
      80,
      50,
      [lineZone('fence', 'perimeter', [5, 5], [75, 5], [75, 45], [5, 45], [5, 5]), rectZone('gate', 'gate', 60, 0, 8, 10), rectZone('hall', 'building', 20, 15, 30, 15)],
      [fixtureDevice('hall-door', 'door', [35, 30], 'hall')],
    );
    const grid = buildWalkGrid(site, { cellSize: 2 });
    const walkableCells = [...grid.walkable.keys()].filter((cell) => grid.walkable[cell]);
    const seeds: CellOffset[] = [
      { cell: walkableCells[40]!, metres: 0.7 },
      { cell: walkableCells[700]!, metres: 35 },
      { cell: walkableCells[1300]!, metres: 200 },
    ];
    const metres = new Float64Array(grid.walkable.length);
    searchFrom(grid, seeds, metres);
    const reference = referenceSearch(grid, seeds);
    for (let cell = 0; cell < metres.length; cell += 1) {
      if (reference[cell] === Infinity) {
        expect(metres[cell], `cell ${cell}`).toBe(Infinity);
        continue;
      }
      expect(metres[cell]!, `cell ${cell}`).toBeGreaterThanOrEqual(reference[cell]! - 1e-9);
      expect(metres[cell]!, `cell ${cell}`).toBeLessThanOrEqual(reference[cell]! * 1.002 + grid.cellSize / 12);
    }
  });

  it('reaches nothing from no seed', () => {
    const grid = buildWalkGrid(fixtureSite(20, 20, []), { cellSize: 2 });
    const metres = new Float64Array(grid.walkable.length);
    searchFrom(grid, [], metres);
    expect(metres.every((value) => value === Infinity)).toBe(true);
  });
});
