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
