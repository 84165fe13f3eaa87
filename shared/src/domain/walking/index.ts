/**
 * Walking time on a site's plan, and guards ranked by it for a dispatch.
 *
 * - buildWalkGrid rasterises the ground plan (≤ WALK_GRID_MAX_CELLS cells, 2 m for the demo):
 *   buildings and plant rooms have walls open within DOOR_OPENING_M of their doors and a walkable
 *   inside; a building without a door is solid (a point inside leaves by its nearest side); water
 *   is solid; perimeter lines are fences open only in gate zones and at gate barriers.
 * - walkTimesFrom is one Dijkstra search from the incident (a bucket queue on typed arrays:
 *   walk-search.ts); walkMetresTo is then a lookup per guard.
 * - rankGuards leaves out guards who cannot go (with the reason), ranks available guards by walking
 *   time, then those on a job, and gives each its reasons as codes for the screen.
 */
export { buildWalkGrid, createWalkGridCache, walkGridKey, WALK_GRID_MAX_CELLS, type WalkGrid, type WalkGridOptions } from './walk-grid.js';
export { DOOR_OPENING_M, DOOR_REACH_M, GATE_OPENING_M, GATE_REACH_M } from './walk-obstacles.js';
export { SECONDS_PER_FLOOR, WALKING_SPEED_MPS, walkMetresTo, walkSeconds, walkTimesFrom, type WalkField, type WalkPlace } from './walk-times.js';
export {
  DEFAULT_MAX_FIX_AGE_MS,
  rankGuards,
  type ExcludedGuard,
  type GuardExclusion,
  type GuardRankReason,
  type GuardRanking,
  type RankedGuard,
  type RankGuardsInput,
} from './rank-guards.js';
