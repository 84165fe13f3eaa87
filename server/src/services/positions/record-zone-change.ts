import type { DomainEvent, GuardLive, NewEvent } from '@vigil/shared';
import { changeWithEvent, lockEventLog } from '../../repositories/events.repository.js';
import { guardUpdate } from '../../repositories/guards.repository.js';
import type { Deps } from '../deps.js';
import { guardActor } from './guard-alarms.js';

/** `guard.zoneExited`/`guard.zoneEntered` and the guard's `zone_ids`, in one transaction. */
export async function recordZoneChange(
  deps: Deps,
  guard: GuardLive,
  change: { zoneIds: string[]; entered: string[]; exited: string[] },
): Promise<void> {
  const appended: DomainEvent[] = [];
  await deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    const now = deps.clock();
    const events: NewEvent[] = [
      ...change.exited.map((zoneId): NewEvent => ({ type: 'guard.zoneExited', siteId: guard.siteId, actor: guardActor(guard), payload: { guardId: guard.id, zoneId } })),
      ...change.entered.map((zoneId): NewEvent => ({ type: 'guard.zoneEntered', siteId: guard.siteId, actor: guardActor(guard), payload: { guardId: guard.id, zoneId } })),
    ];
    for (const event of events) {
      appended.push(await changeWithEvent(tx, 'live', now, guardUpdate(tx, guard.id, { zoneIds: change.zoneIds }), event));
    }
  });
  if (appended.length > 0) deps.onCommitted(appended);
}
