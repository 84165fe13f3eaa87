/**
 * Guard ranking by walking time: `pnpm --filter @vigil/shared bench:rank [-- --incidents 500 --guards 300 --max-cells 40000]`.
 *
 * On a demo-sized compound (420 × 300 m, twelve buildings with doors, a lake, roads, a perimeter
 * with two gates, a garage below with lifts and a ramp) with 300 guards holding fresh fixes (one
 * in ten in the garage, as are one in ten incidents), prints: the walking grid's build time (cold,
 * then warm), its key's time, p50/p99 of rankGuards over random incident points, and, measured in
 * the same run, a baseline: the same guards ranked by straight-line distance; then heap used.
 * A report: it asserts nothing.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildWalkGrid, distance, rankGuards, walkGridKey, type GuardFix, type GuardLive, type Point } from '../src/index.js';
import { compoundSite, fixtureFix, fixtureGuard } from '../src/domain/walking/walk-fixtures.js';

const WARM_UP = 50;

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { incidents: { type: 'string' }, guards: { type: 'string' }, 'max-cells': { type: 'string' } },
  });
  const maxCells = values['max-cells'] === undefined ? {} : { maxCells: Number(values['max-cells']) };
  return { incidents: Number(values.incidents ?? 500), guards: Number(values.guards ?? 300), grid: maxCells };
}

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Wall and CPU milliseconds (CPU time leaves out the waits of a machine shared with others). */
function timedBoth(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const wall = timed(run);
  const { user, system } = process.cpuUsage(cpuStart);
  return { wall, cpu: (user + system) / 1000 };
}

function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} p50 ${percentile(sorted, 0.5).toFixed(2)} ms   p99 ${percentile(sorted, 0.99).toFixed(2)} ms   max ${sorted.at(-1)!.toFixed(2)} ms`);
}

/** The baseline: the same exclusions' cheapest part (fresh fix) and a sort by straight-line metres. */
function rankByStraightLine(guards: readonly GuardLive[], fixes: Record<string, GuardFix>, incident: Point) {
  return guards
    .filter((guard) => fixes[guard.id] && guard.onShift && guard.status === 'available')
    .map((guard) => ({ guardId: guard.id, metres: distance(fixes[guard.id]!.position, incident) }))
    .sort((a, b) => a.metres - b.metres || (a.guardId < b.guardId ? -1 : 1));
}

function main(): void {
  const { incidents, guards: guardCount, grid: gridOptions } = options();
  const loadBefore = loadavg()[0]!;
  const site = compoundSite();
  const next = random(42);
  const point = (): Point => [12 + next() * 396, 12 + next() * 276];

  const coldMs = timed(() => buildWalkGrid(site, gridOptions));
  const warmBuilds = Array.from({ length: 10 }, () => timed(() => buildWalkGrid(site, gridOptions)));
  const keyTimes = Array.from({ length: 200 }, () => timed(() => walkGridKey(site, gridOptions)));
  const grid = buildWalkGrid(site, gridOptions);

  const now = new Date();
  const guards = Array.from({ length: guardCount }, (_, index) =>
    fixtureGuard(`g${String(index).padStart(3, '0')}`, { status: index % 10 === 0 ? 'en_route' : 'available' }),
  );
  const floor = () => (next() < 0.1 ? -1 : 0);
  const fixes = Object.fromEntries(guards.map((guard) => [guard.id, fixtureFix(guard.id, point(), new Date(now.getTime() - next() * 60_000), floor())]));
  const places = Array.from({ length: WARM_UP + incidents }, () => ({ position: point(), floor: floor() }));

  const walking: number[] = [];
  const walkingCpu: number[] = [];
  const straight: number[] = [];
  let ranked = 0;
  let unreachable = 0;
  places.forEach(({ position, floor }, index) => {
    const incident = { position, floor, zoneId: null };
    let result: ReturnType<typeof rankGuards> | undefined;
    const walkMs = timedBoth(() => (result = rankGuards({ site, grid, guards, fixes, incident, now })));
    const straightMs = timed(() => rankByStraightLine(guards, fixes, position));
    if (index < WARM_UP) return;
    walking.push(walkMs.wall);
    walkingCpu.push(walkMs.cpu);
    straight.push(straightMs);
    ranked += result!.ranked.length;
    unreachable += result!.excluded.filter((entry) => entry.reason === 'unreachable').length;
  });

  console.log(`site ${site.plan.width} × ${site.plan.height} m, ${site.zones.length} zones; grid ${grid.columns} × ${grid.rows} = ${grid.columns * grid.rows} cells of ${grid.cellSize} m`);
  console.log(`grid build                         cold ${coldMs.toFixed(1)} ms, warm median ${[...warmBuilds].sort((a, b) => a - b)[5]!.toFixed(1)} ms`);
  report('walkGridKey', keyTimes);
  report(`rankGuards (${guardCount} guards, walking)`, walking);
  report(`  the same, CPU time`, walkingCpu);
  report(`baseline (straight-line sort)`, straight);
  console.log(`incidents ${incidents} (after ${WARM_UP} warm-up); ranked ${(ranked / incidents).toFixed(1)} guards each, unreachable ${unreachable}`);
  console.log(`load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on ${availableParallelism()} cores`);
  const { heapUsed } = process.memoryUsage();
  console.log(`heap used ${(heapUsed / 2 ** 20).toFixed(1)} MiB; grid holds ${(grid.walkable.byteLength / 1024).toFixed(0)} KiB, a search reuses ${((grid.walkable.length * 20) / 1024).toFixed(0)} KiB of typed arrays per grid`);
}

main();
