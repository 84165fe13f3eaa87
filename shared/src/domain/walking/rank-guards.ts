import { distance } from '../geo.js';
import { fixAgeMs, type GuardFix, type GuardLive, type GuardStatus } from '../guard.js';
import type { Point, Site } from '../types.js';
import type { WalkGrid } from './walk-grid.js';
import { walkMetresTo, walkSeconds, walkTimesFrom, type WalkField } from './walk-times.js';

/** A fix older than this leaves its guard out of the ranking (Resgrid: 120 s; 1800 s is too loose on foot). */
export const DEFAULT_MAX_FIX_AGE_MS = 120_000;
/** A walk this much longer than the straight line (and DETOUR_MIN_M at least) gets a `detour` reason. */
const DETOUR_FACTOR = 1.3;
const DETOUR_MIN_M = 15;

/** Guards on a job: ranked after every available guard, with their status as a reason. */
const ENGAGED_STATUSES: ReadonlySet<GuardStatus> = new Set(['dispatched', 'en_route', 'on_scene', 'returning']);

/** Why a guard is where it is in the list: codes the screen puts in words. Seconds and metres are rounded. */
export type GuardRankReason =
  | { code: 'inZone' }
  | { code: 'walk'; seconds: number; metres: number }
  /** Walking is this many metres longer than the straight line (a building, the lake or a fence is in the way). */
  | { code: 'detour'; metres: number }
  /** Floors between the guard and the incident (never negative), at SECONDS_PER_FLOOR each. */
  | { code: 'floors'; floors: number }
  | { code: 'fixAge'; seconds: number }
  /** Not available: on another job (dispatched, en route, on scene, returning). */
  | { code: 'status'; status: GuardStatus };

export interface RankedGuard {
  guardId: string;
  /** Walking plus stairs. */
  walkSeconds: number;
  walkMetres: number;
  straightMetres: number;
  fixAgeMs: number;
  status: GuardStatus;
  reasons: GuardRankReason[];
}

export type GuardExclusion = 'offShift' | 'offDuty' | 'noFix' | 'staleFix' | 'busy' | 'sos' | 'unreachable' | 'otherSite';

export interface ExcludedGuard {
  guardId: string;
  reason: GuardExclusion;
  /** When the guard has a fix. */
  fixAgeMs?: number;
}

export interface RankGuardsInput {
  site: Pick<Site, 'id'>;
  /** The site's walking grid (buildWalkGrid, or a cache's gridFor). */
  grid: WalkGrid;
  guards: readonly GuardLive[];
  /** The latest fix of each guard, by guard id. */
  fixes: Readonly<Record<string, GuardFix>>;
  incident: { position: Point; floor: number; zoneId: string | null };
  now: Date;
  maxFixAgeMs?: number;
}

export interface GuardRanking {
  /** Available guards by walking time, then engaged ones by walking time; ties by guard id. */
  ranked: RankedGuard[];
  /** By guard id. */
  excluded: ExcludedGuard[];
}

/**
 * Ranks a site's guards for an incident by walking time on the site plan (one search from the
 * incident, then a lookup per guard) and says why each is in or out.
 */
export function rankGuards(input: RankGuardsInput): GuardRanking {
  if (input.grid.siteId !== input.site.id) throw new Error(`grid: built for site ${input.grid.siteId}, not ${input.site.id}`);
  const ranked: RankedGuard[] = [];
  const excluded: ExcludedGuard[] = [];
  let field: WalkField | null = null;
  for (const guard of input.guards) {
    const fix = input.fixes[guard.id];
    const exclusion = exclusionOf(guard, fix, input);
    if (exclusion !== null || fix === undefined) {
      excluded.push(exclusion ?? { guardId: guard.id, reason: 'noFix' });
      continue;
    }
    field ??= walkTimesFrom(input.grid, input.incident, scratchFor(input.grid));
    const entry = rankedEntry(guard, fix, field, input);
    if (entry) ranked.push(entry);
    else excluded.push({ guardId: guard.id, reason: 'unreachable', fixAgeMs: ageOf(fix, input.now) });
  }
  ranked.sort(byTierThenTime);
  excluded.sort((a, b) => compareIds(a.guardId, b.guardId));
  return { ranked, excluded };
}

/** One result array per grid, reused by every ranking on it: the field never leaves rankGuards. */
const scratch = new WeakMap<WalkGrid, Float64Array>();

function scratchFor(grid: WalkGrid): Float64Array {
  let metres = scratch.get(grid);
  if (!metres) {
    metres = new Float64Array(grid.walkable.length);
    scratch.set(grid, metres);
  }
  return metres;
}

/** The first reason, in the order a commander asks: is it ours, in trouble, on duty, located? */
function exclusionOf(guard: GuardLive, fix: GuardFix | undefined, input: RankGuardsInput): ExcludedGuard | null {
  const fixAge = fix ? { fixAgeMs: ageOf(fix, input.now) } : {};
  const out = (reason: GuardExclusion): ExcludedGuard => ({ guardId: guard.id, reason, ...fixAge });
  if (guard.siteId !== input.site.id || (fix && fix.siteId !== input.site.id)) return out('otherSite');
  if (guard.status === 'sos') return out('sos');
  if (!guard.onShift) return out('offShift');
  if (guard.status === 'off_duty') return out('offDuty');
  if (guard.status === 'busy') return out('busy');
  if (!fix) return out('noFix');
  if (fixAgeMs(fix, input.now) > (input.maxFixAgeMs ?? DEFAULT_MAX_FIX_AGE_MS)) return out('staleFix');
  return null;
}

/** A fix from a clock slightly ahead counts as just now. */
function ageOf(fix: GuardFix, now: Date): number {
  return Math.max(0, fixAgeMs(fix, now));
}

function rankedEntry(guard: GuardLive, fix: GuardFix, field: WalkField, input: RankGuardsInput): RankedGuard | null {
  const straightMetres = distance(fix.position, input.incident.position);
  const walkMetres = Math.max(straightMetres, walkMetresTo(field, fix.position, fix.floor));
  if (!Number.isFinite(walkMetres)) return null;
  const floors = Math.abs(input.incident.floor - fix.floor);
  const seconds = walkSeconds(walkMetres, floors);
  const fixAge = ageOf(fix, input.now);
  return {
    guardId: guard.id,
    walkSeconds: seconds,
    walkMetres,
    straightMetres,
    fixAgeMs: fixAge,
    status: guard.status,
    reasons: reasonsFor(guard, { seconds, walkMetres, straightMetres, floors, fixAge }, input.incident.zoneId),
  };
}

interface Walk {
  seconds: number;
  walkMetres: number;
  straightMetres: number;
  floors: number;
  fixAge: number;
}

function reasonsFor(guard: GuardLive, walk: Walk, incidentZoneId: string | null): GuardRankReason[] {
  const reasons: GuardRankReason[] = [];
  if (incidentZoneId !== null && guard.zoneIds.includes(incidentZoneId)) reasons.push({ code: 'inZone' });
  reasons.push({ code: 'walk', seconds: Math.round(walk.seconds), metres: Math.round(walk.walkMetres) });
  const extra = walk.walkMetres - walk.straightMetres;
  if (extra >= DETOUR_MIN_M && walk.walkMetres >= walk.straightMetres * DETOUR_FACTOR) reasons.push({ code: 'detour', metres: Math.round(extra) });
  if (walk.floors > 0) reasons.push({ code: 'floors', floors: walk.floors });
  reasons.push({ code: 'fixAge', seconds: Math.round(walk.fixAge / 1000) });
  if (guard.status !== 'available') reasons.push({ code: 'status', status: guard.status });
  return reasons;
}

function tierOf(status: GuardStatus): number {
  return ENGAGED_STATUSES.has(status) ? 1 : 0;
}

function byTierThenTime(a: RankedGuard, b: RankedGuard): number {
  return tierOf(a.status) - tierOf(b.status) || a.walkSeconds - b.walkSeconds || compareIds(a.guardId, b.guardId);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
