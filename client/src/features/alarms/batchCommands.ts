import type { AlarmCommand, Disposition } from '@vigil/shared';
import { newCommandId } from '../../lib/ids';
import type { Realtime } from '../../realtime/RealtimeContext';
import { dispatchAlarmCommand } from './useAlarmCommands';

export interface BatchOutcome {
  total: number;
  /** The alarms whose command failed; each row shows its own failure, with a retry. */
  failed: string[];
}

/**
 * One command for each alarm, each with its own command id (the server applies each once, so a
 * retry of one is safe), all sent together. Their pending and failed states go to the command
 * store like a single alarm's.
 */
export async function runBatch(
  realtime: Realtime,
  alarmIds: readonly string[],
  command: AlarmCommand,
  options: { disposition?: Disposition; note?: string } = {},
): Promise<BatchOutcome> {
  const outcomes = await Promise.all(
    alarmIds.map(async (alarmId) => ({ alarmId, outcome: await dispatchAlarmCommand(realtime, alarmId, { command, commandId: newCommandId(), ...options }) })),
  );
  return { total: alarmIds.length, failed: outcomes.filter(({ outcome }) => !outcome.ok).map(({ alarmId }) => alarmId) };
}
