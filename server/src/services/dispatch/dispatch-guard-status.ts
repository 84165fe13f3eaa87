import type { Actor, GuardStatus } from '@vigil/shared';
import { findGuard } from '../../repositories/guards.repository.js';
import { activeDispatchesOfGuard } from '../../repositories/dispatches.repository.js';
import type { CommandLog } from '../append.js';
import { guardStatusIn, setGuardStatusIn } from '../guards/set-guard-status.js';

/** The statuses a dispatch gives a guard; an SOS or a status the guard set otherwise is not overridden. */
const DISPATCH_STATUSES: ReadonlySet<GuardStatus> = new Set(['available', 'dispatched', 'en_route', 'on_scene', 'returning']);

/** The guard's status for a dispatch under way (`dispatched`, `en_route`, `on_scene`); an SOS or off duty stays. */
export async function setDispatchedGuardStatus(log: CommandLog, guardId: string, status: GuardStatus, actor: Actor): Promise<void> {
  const guard = await findGuard(log.tx, guardId);
  const current = guard && (await guardStatusIn(log, guard));
  if (!guard || current === 'sos' || current === 'off_duty') return;
  await setGuardStatusIn(log, guardId, status, actor);
}

/**
 * A dispatch ended (declined, cleared, cancelled): the guard is available again, unless still
 * sent elsewhere, in SOS, or off duty.
 */
export async function releaseGuard(log: CommandLog, guardId: string, actor: Actor): Promise<void> {
  const guard = await findGuard(log.tx, guardId);
  const current = guard && (await guardStatusIn(log, guard));
  if (!guard || !current || current === 'available' || !DISPATCH_STATUSES.has(current)) return;
  if ((await activeDispatchesOfGuard(log.tx, log.stream, guardId)).length > 0) return;
  await setGuardStatusIn(log, guardId, 'available', actor);
}
