import type { GuardLive, NewEvent } from '@vigil/shared';
import { guardUpdate } from '../../repositories/guards.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { guardActor } from './guard-alarms.js';

/** `guard.zoneExited`/`guard.zoneEntered` and the guard's `zone_ids`, in one transaction. */
export async function recordZoneChange(
  deps: Deps,
  guard: GuardLive,
  change: { zoneIds: string[]; entered: string[]; exited: string[] },
): Promise<void> {
  await runCommand(deps, { stream: deps.stream }, async (log) => {
    const events: NewEvent[] = [
      ...change.exited.map((zoneId): NewEvent => ({ type: 'guard.zoneExited', siteId: guard.siteId, actor: guardActor(guard), payload: { guardId: guard.id, zoneId } })),
      ...change.entered.map((zoneId): NewEvent => ({ type: 'guard.zoneEntered', siteId: guard.siteId, actor: guardActor(guard), payload: { guardId: guard.id, zoneId } })),
    ];
    for (const event of events) await log.append(guardUpdate(log.tx, guard.id, { zoneIds: change.zoneIds }), event);
  });
}
