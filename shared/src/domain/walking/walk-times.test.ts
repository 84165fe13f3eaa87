import { describe, expect, it } from 'vitest';
import { distance } from '../geo.js';
import type { Point } from '../types.js';
import { compoundSite, fixtureDevice, fixtureSite, lineZone, rectZone } from './walk-fixtures.js';
import { buildWalkGrid, createWalkGridCache, walkGridKey } from './walk-grid.js';
import { walkMetresTo, walkSeconds, walkTimesFrom } from './walk-times.js';

/** A 60 × 20 m building in a 100 × 60 m yard; `doorAt` puts its one door on its outline. */
function yardWithBuilding(doorAt: Point | null) {
  const building = rectZone('hall', 'building', 20, 20, 60, 20);
  return fixtureSite(100, 60, [building], doorAt ? [fixtureDevice('hall-door', 'door', doorAt, 'hall')] : []);
}

/** A closed 80 × 40 m fence, optionally with a gate zone on its south side at x 70–80. */
function fencedYard(extras: { gateZone?: boolean; barrier?: boolean } = {}) {
  const zones = [lineZone('fence', 'perimeter', [10, 10], [90, 10], [90, 50], [10, 50], [10, 10])];
  if (extras.gateZone) zones.push(rectZone('gate', 'gate', 70, 5, 10, 10));
  const devices = extras.barrier ? [fixtureDevice('barrier', 'gate_barrier', [75, 13], null)] : [];
  return fixtureSite(100, 60, zones, devices);
}

function walk(site: ReturnType<typeof fixtureSite>, from: Point, to: Point): number {
  return walkMetresTo(walkTimesFrom(buildWalkGrid(site), { position: to, floor: 0 }), from);
}

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('walking grid', () => {
  it('draws the 420 × 300 m compound in 2 m cells, well under 60k of them', () => {
    const grid = buildWalkGrid(compoundSite());
    expect(grid.cellSize).toBe(2);
    expect(grid.columns * grid.rows).toBeLessThanOrEqual(60_000);
  });

  it('keeps its key for an equal site, changes it when a door moves, not when a camera does', () => {
    const site = compoundSite();
    const key = walkGridKey(site);
    expect(walkGridKey(compoundSite())).toBe(key);
    const cameraMoved = { ...site, devices: site.devices.map((d) => (d.kind === 'camera' ? { ...d, position: [1, 1] as Point } : d)) };
    expect(walkGridKey(cameraMoved)).toBe(key);
    const doorMoved = { ...site, devices: site.devices.map((d) => (d.id === 'door-1' ? { ...d, position: [45, 242] as Point } : d)) };
    expect(walkGridKey(doorMoved)).not.toBe(key);
  });

  it('a cache hands back the same grid until the site changes', () => {
    const cache = createWalkGridCache();
    const site = compoundSite();
    const grid = cache.gridFor(site);
    expect(cache.gridFor(compoundSite())).toBe(grid);
    const moved = { ...site, zones: site.zones.map((z) => (z.id === 'lake' ? rectZone('lake', 'water', 150, 120, 20, 20) : z)) };
    expect(cache.gridFor(moved)).not.toBe(grid);
  });
});

describe('walking metres', () => {
  it('go round a building, never through its wall', () => {
    const site = yardWithBuilding([50, 20]);
    // From just north of the building to just south of it: round the west or east end.
    const metres = walk(site, [50, 45], [50, 15]);
    expect(metres).toBeGreaterThan(2 * Math.hypot(30, 5) + 20 - 2);
    expect(metres).toBeLessThan(2 * Math.hypot(30, 5) + 20 + 8);
  });

  it('enter a building through its door', () => {
    const site = yardWithBuilding([50, 20]);
    // Inside, near the east end, to the lawn just outside the south door: about through the door.
    const throughDoor = walk(site, [70, 30], [50, 15]);
    expect(throughDoor).toBeLessThan(distance([70, 30], [50, 20]) + 5 + 4);
    // From the north side into the building: round to the south door.
    const fromNorth = walk(site, [30, 45], [30, 30]);
    expect(fromNorth).toBeGreaterThan(15 + 20 + 30);
  });

  it('open the wall nearest a door of the building drawn a little inside it, not a door of another zone', () => {
    const hall = rectZone('hall', 'building', 20, 20, 60, 20);
    const indoors = fixtureSite(100, 60, [hall], [fixtureDevice('lobby-door', 'door', [50, 25], 'hall')]);
    expect(walk(indoors, [50, 30], [50, 15])).toBeLessThan(18);
    // The shed's door, 2 m from the hall's south wall, is the shed's: the hall opens only to the north.
    const shed = rectZone('shed', 'building', 45, 10, 10, 8);
    const devices = [fixtureDevice('hall-door', 'door', [50, 40], 'hall'), fixtureDevice('shed-door', 'door', [50, 18], 'shed')];
    const strangers = fixtureSite(100, 60, [hall, shed], devices);
    expect(walk(strangers, [50, 25], [40, 15])).toBeGreaterThan(15 + 30 + 20);
  });

  it('leave a doorless building by its nearest side, and go round it from outside', () => {
    const site = yardWithBuilding(null);
    expect(walk(site, [50, 38], [50, 45])).toBeLessThan(12);
    expect(walk(site, [50, 45], [50, 15])).toBeGreaterThan(2 * Math.hypot(30, 5) + 20 - 2);
  });

  it('cross a fence only at its gate', () => {
    const inside: Point = [20, 20];
    const outside: Point = [20, 4];
    expect(walk(fencedYard(), outside, inside)).toBe(Infinity);
    const viaGate = walk(fencedYard({ gateZone: true }), outside, inside);
    expect(viaGate).toBeGreaterThan(2 * (70 - 20));
    expect(viaGate).toBeLessThan(2 * (75 - 20) + 20);
    expect(walk(fencedYard({ barrier: true }), outside, inside)).toBeLessThan(2 * (75 - 20) + 20);
  });

  it('let no diagonal step slip through a slanting fence', () => {
    const diamond = lineZone('fence', 'perimeter', [50, 5], [95, 30], [50, 55], [5, 30], [50, 5]);
    for (const cellSize of [0.5, 1.3, 2]) {
      const grid = buildWalkGrid(fixtureSite(100, 60, [diamond]), { cellSize });
      expect(walkMetresTo(walkTimesFrom(grid, { position: [50, 30], floor: 0 }), [90, 50]), `${cellSize} m cells`).toBe(Infinity);
    }
  });

  it('reach a point on the fence itself (a beam) from both sides', () => {
    const site = fencedYard();
    expect(walk(site, [30, 16], [30, 10])).toBeLessThan(8);
    expect(walk(site, [30, 4], [30, 10])).toBeLessThan(8);
  });

  it('go round the lake and never come out shorter than the straight line on the compound', () => {
    const grid = buildWalkGrid(compoundSite());
    const next = random(7);
    const point = (): Point => [15 + next() * 390, 15 + next() * 270];
    for (let i = 0; i < 20; i += 1) {
      const goal = point();
      const field = walkTimesFrom(grid, { position: goal, floor: 0 });
      for (let j = 0; j < 30; j += 1) {
        const from = point();
        const metres = walkMetresTo(field, from);
        expect(metres, `${from} → ${goal}`).toBeGreaterThanOrEqual(distance(from, goal));
        expect(Number.isFinite(metres), `${from} → ${goal}`).toBe(true);
      }
    }
    // West shore to east shore of the lake (x 154–270 at y 150): round it, not across.
    const acrossLake = walkMetresTo(walkTimesFrom(grid, { position: [148, 150], floor: 0 }), [276, 150]);
    expect(acrossLake).toBeGreaterThan(128 * 1.2);
  });

  it('come in from outside the wall through the main gate to building 1’s door', () => {
    const grid = buildWalkGrid(compoundSite());
    const field = walkTimesFrom(grid, { position: [65, 234], floor: 0 });
    const fromGate = walkMetresTo(field, [210, 2]);
    expect(fromGate).toBeGreaterThanOrEqual(distance([210, 2], [65, 234]));
    // Outside the wall west of the gate: along the outside to the gate, then in.
    const fromOutsideWest = walkMetresTo(field, [60, 4]);
    expect(fromOutsideWest).toBeGreaterThan(2 * (188 - 60));
  });

  it('add 20 s a floor to 1.3 m/s on foot', () => {
    expect(walkSeconds(130, 0)).toBeCloseTo(100);
    expect(walkSeconds(130, -2)).toBeCloseTo(140);
  });
});
