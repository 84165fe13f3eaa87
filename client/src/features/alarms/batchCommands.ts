import type { AlarmCommand, Disposition } from '@vigil/shared';
import pLimit from 'p-limit';
import { newCommandId } from '../../lib/ids';
import type { Realtime } from '../../realtime/RealtimeContext';
import { dispatchAlarmCommand } from './useAlarmCommands';

export interface BatchOutcome {
  total: number;
  /** The alarms whose command failed; each row shows its own failure, with a retry. */
  failed: string[];
}

/**
 * How many of a batch's commands are in flight at once. A storm's 300 acknowledgements sent all
 * together would queue behind each other on the server past the 5 s command timeout and come back
 * as failures although applied; a few at a time keeps each answer well inside it.
 */
export const BATCH_CONCURRENCY = 8;

/**
 * One command for each alarm, each with its own command id (the server applies each once, so a
 * retry of one is safe, and each is its own event), BATCH_CONCURRENCY at a time. Their pending and
 * failed states go to the command store like a single alarm's; `onProgress` hears each answer.
 */
export async function runBatch(
  realtime: Realtime,
  alarmIds: readonly string[],
  command: AlarmCommand,
  options: { disposition?: Disposition; note?: string } = {},
  onProgress?: (answered: number) => void,
): Promise<BatchOutcome> {
  const limit = pLimit(BATCH_CONCURRENCY);
  let answered = 0;
  const outcomes = await Promise.all(
    alarmIds.map((alarmId) =>
      limit(async () => {
        const outcome = await dispatchAlarmCommand(realtime, alarmId, { command, commandId: newCommandId(), ...options });
        onProgress?.((answered += 1));
        return { alarmId, outcome };
      }),
    ),
  );
  return { total: alarmIds.length, failed: outcomes.filter(({ outcome }) => !outcome.ok).map(({ alarmId }) => alarmId) };
}
