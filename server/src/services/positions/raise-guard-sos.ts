import type { Actor, GuardFix, GuardLive } from '@vigil/shared';
import { setGuardStatus } from '../guards/set-guard-status.js';
import type { Deps } from '../deps.js';
import { raiseGuardAlarm } from './guard-alarms.js';

/** 一键报警: a priority-1 `sos` alarm at the guard's position, and the guard's status `sos`. */
export async function raiseGuardSos(deps: Deps, guard: GuardLive, fix: GuardFix | undefined, actor: Actor): Promise<{ seq: number }> {
  const raised = await raiseGuardAlarm(deps, guard, 'sos', fix, actor);
  await setGuardStatus(deps, { guardId: guard.id, status: 'sos' }, actor);
  return { seq: raised.body.seq };
}
