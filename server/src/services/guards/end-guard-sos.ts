import { GUARD_STATUSES, type Actor, type GuardStatus } from '@vigil/shared';
import type { AlarmRow } from '../../presenters/alarm.presenter.js';
import { openSosAlarmsOfGuard } from '../../repositories/alarms.repository.js';
import { statusBeforeSos } from '../../repositories/events.repository.js';
import { findGuard } from '../../repositories/guards.repository.js';
import type { CommandLog } from '../append.js';
import { guardStatusIn, setGuardStatusIn } from './set-guard-status.js';

const isGuardStatus = (value: string | undefined): value is GuardStatus => GUARD_STATUSES.some((status) => status === value);

/**
 * The control room resolved a guard's SOS alarm: the guard leaves `sos` for the status it had
 * before (or `available`), in the resolve's own transaction. A guard with another SOS still
 * open stays in `sos`.
 */
export async function endGuardSos(log: CommandLog, alarm: AlarmRow, actor: Actor): Promise<void> {
  const guardId = alarm.attributes.guardId;
  if (alarm.kind !== 'sos' || typeof guardId !== 'string') return;
  const guard = await findGuard(log.tx, guardId);
  if (!guard || (await guardStatusIn(log, guard)) !== 'sos') return;
  if ((await openSosAlarmsOfGuard(log.tx, log.stream, guardId, alarm.id)).length > 0) return;
  const before = await statusBeforeSos(log.tx, log.stream, guardId);
  await setGuardStatusIn(log, guardId, isGuardStatus(before) && before !== 'sos' ? before : 'available', actor);
}
