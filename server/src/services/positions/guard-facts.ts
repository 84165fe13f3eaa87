import type { GuardLive, LiveState } from '@vigil/shared';
import type { GuardFacts } from '../../positions/position-lane.js';
import type { Deps } from '../deps.js';
import { createArrivalWatch } from '../dispatch/arrival-watch.js';
import { guardActor, raiseGuardAlarm, systemActor } from './guard-alarms.js';
import { raiseGuardSos } from './raise-guard-sos.js';
import { recordZoneChange } from './record-zone-change.js';

/**
 * The lane's discrete facts, written through the event log one at a time, in the order they
 * were noticed. Appends serialize on the event-log lock anyway; running them one by one keeps
 * them from holding pool connections while they wait for it, which the position batches need.
 */
export function createGuardFacts(deps: Deps, onError: (error: unknown, what: string) => void, live?: () => LiveState): GuardFacts & { idle(): Promise<void> } {
  const arrivals = live ? createArrivalWatch(deps, live) : null;
  let tail: Promise<void> = Promise.resolve();
  let queued = 0;
  const enqueue = (_guard: GuardLive, what: string, work: () => Promise<unknown>) => {
    queued += 1;
    tail = tail
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => onError(error, what),
      )
      .finally(() => {
        queued -= 1;
      });
  };
  return {
    zonesChanged(guard, change, fix) {
      enqueue(guard, 'guard zone change', async () => {
        await recordZoneChange(deps, guard, { zoneIds: change.zoneIds, entered: change.entered.map((zone) => zone.id), exited: change.exited });
        for (const zone of change.entered.filter((z) => z.kind === 'restricted')) {
          await raiseGuardAlarm(deps, guard, 'restricted_entry', fix, guardActor(guard), { id: zone.id, name: zone.nameEn ?? zone.name });
        }
      });
    },
    sos(guard, fix) {
      enqueue(guard, 'guard SOS', () => raiseGuardSos(deps, guard, fix, guardActor(guard)));
    },
    silent(guard, lastFix) {
      enqueue(guard, 'guard silent alarm', () => raiseGuardAlarm(deps, guard, 'guard_silent', lastFix, systemActor));
    },
    moved(guard, fix) {
      for (const work of arrivals?.arrivalsOf(guard, fix) ?? []) enqueue(guard, 'dispatch arrival', work);
    },
    /** Resolves when every queued fact is written (tests, shutdown). */
    async idle() {
      while (queued > 0) await tail;
    },
  };
}
