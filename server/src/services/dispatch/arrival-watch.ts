import { ARRIVAL_RADIUS_M, distance, type Dispatch, type GuardFix, type GuardLive, type LiveState, type Point } from '@vigil/shared';
import { findDispatch } from '../../repositories/dispatches.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { guardActor } from '../positions/guard-alarms.js';
import { arriveIn } from './answer-dispatch.js';

/** Dispatches whose guard's arrival is watched for: accepted or on the way. */
const WATCHED: ReadonlySet<Dispatch['state']> = new Set(['accepted', 'en_route']);

interface Watched {
  dispatchId: string;
  position: Point;
  floor: number;
}

/**
 * Notices a guard reaching the incident they were sent to: a fix within ARRIVAL_RADIUS_M of
 * the incident's place, on its floor, of a guard whose dispatch is accepted or en route. Only
 * those guards are checked: an index by guard, rebuilt from the live projection when its
 * dispatches or incidents change (not a query per fix). Each arrival is written once.
 */
export function createArrivalWatch(deps: Deps, live: () => LiveState) {
  let seen: Pick<LiveState, 'dispatches' | 'incidents'> | null = null;
  let index = new Map<string, Watched[]>();
  /** Dispatches whose arrival is being written: not queued again while the projection catches up. */
  const pending = new Set<string>();

  const current = (): Map<string, Watched[]> => {
    const state = live();
    if (seen && seen.dispatches === state.dispatches && seen.incidents === state.incidents) return index;
    seen = { dispatches: state.dispatches, incidents: state.incidents };
    index = new Map();
    const watched = new Set<string>();
    for (const dispatch of state.dispatches.values()) {
      const location = WATCHED.has(dispatch.state) ? state.incidents.get(dispatch.incidentId)?.location : null;
      if (!location) continue;
      watched.add(dispatch.id);
      const list = index.get(dispatch.guardId) ?? [];
      list.push({ dispatchId: dispatch.id, position: location.position, floor: location.floor });
      index.set(dispatch.guardId, list);
    }
    for (const id of pending) if (!watched.has(id)) pending.delete(id);
    return index;
  };

  const arrive = (guard: GuardLive, dispatchId: string) => async () => {
    try {
      await runCommand(deps, { stream: deps.stream }, async (log) => {
        const dispatch = await findDispatch(log.tx, log.stream, dispatchId);
        // Pressed meanwhile, cancelled, declined: nothing to detect.
        if (!dispatch || !WATCHED.has(dispatch.state)) return;
        await arriveIn(log, dispatch, 'detected', guardActor(guard));
      });
    } catch (error) {
      // Not written (the database was away): the guard's next fix inside the radius tries again.
      pending.delete(dispatchId);
      throw error;
    }
  };

  return {
    /** The arrivals this fix makes, as work to queue (none for almost every fix). */
    arrivalsOf(guard: GuardLive, fix: GuardFix): (() => Promise<void>)[] {
      const watched = current().get(fix.guardId);
      if (!watched) return [];
      const work: (() => Promise<void>)[] = [];
      for (const entry of watched) {
        if (pending.has(entry.dispatchId) || entry.floor !== fix.floor) continue;
        if (distance(fix.position, entry.position) > ARRIVAL_RADIUS_M) continue;
        pending.add(entry.dispatchId);
        work.push(arrive(guard, entry.dispatchId));
      }
      return work;
    },
  };
}
