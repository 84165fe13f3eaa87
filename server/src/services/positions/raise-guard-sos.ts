import type { Actor, GuardFix, GuardLive } from '@vigil/shared';
import { placeAlarm, raiseAlarmIn } from '../alarms/raise-alarm.js';
import { runCommand, type CommandRef } from '../append.js';
import { setGuardStatusIn } from '../guards/set-guard-status.js';
import type { Deps } from '../deps.js';
import { guardAlarmInput, guardAlarmLocation, guardAlarmText } from './guard-alarms.js';

/**
 * 一键报警: a priority-1 `sos` alarm at the guard's position and the guard's status `sos`,
 * in one transaction. With the phone's command id it is idempotent: the same SOS again (a
 * retry, even while the first is still in flight) answers the first seq and raises nothing.
 */
export async function raiseGuardSos(
  deps: Deps,
  guard: GuardLive,
  fix: GuardFix | undefined,
  actor: Actor,
  command?: Omit<CommandRef, 'name'>,
): Promise<{ seq: number }> {
  const input = guardAlarmInput(guard, 'sos', fix);
  const placement = await placeAlarm(deps, input);
  const done = await runCommand(deps, { stream: deps.stream, command: command && { ...command, name: 'guard.sos' } }, async (log) => {
    await raiseAlarmIn(log, placement, input, { actor, location: guardAlarmLocation(fix), text: guardAlarmText(guard, 'sos') });
    await setGuardStatusIn(log, guard.id, 'sos', actor);
  });
  return { seq: done.seq };
}
