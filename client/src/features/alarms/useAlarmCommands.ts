import type { AlarmCommand, Disposition } from '@vigil/shared';
import { useCallback } from 'react';
import { newCommandId } from '../../lib/ids';
import type { CommandOutcome } from '../../realtime/commands';
import { useRealtime, type Realtime } from '../../realtime/RealtimeContext';
import { useCommandStore, type AlarmCommandInput, type CommandFailure, type CommandStatus } from './commandStore';

function send(realtime: Realtime, alarmId: string, input: AlarmCommandInput): Promise<CommandOutcome> {
  const { commandId, note, disposition } = input;
  const withNote = note ? { note } : {};
  switch (input.command) {
    case 'acknowledge':
      return realtime.send('alarm.acknowledge', { commandId, alarmId });
    case 'hold':
      return realtime.send('alarm.hold', { commandId, alarmId, ...withNote });
    case 'resume':
      return realtime.send('alarm.resume', { commandId, alarmId });
    case 'resolve':
      return realtime.send('alarm.resolve', { commandId, alarmId, disposition: disposition ?? 'confirmed', ...withNote });
  }
}

function failureOf(outcome: Exclude<CommandOutcome, { ok: true }>): CommandFailure {
  if ('timedOut' in outcome) return { kind: 'timeout' };
  if ('offline' in outcome) return { kind: 'offline' };
  return { kind: 'rejected', refusal: outcome };
}

/**
 * Sends one alarm command and keeps its pending, then failed (or cleared) state in the command
 * store, where that alarm's row shows it with a retry. Used for one alarm and for a batch alike.
 */
export async function dispatchAlarmCommand(realtime: Realtime, alarmId: string, input: AlarmCommandInput): Promise<CommandOutcome> {
  const { update } = useCommandStore.getState();
  update(alarmId, { input, phase: 'pending', failure: null });
  const outcome = await send(realtime, alarmId, input);
  update(alarmId, outcome.ok ? null : { input, phase: 'failed', failure: failureOf(outcome) });
  return outcome;
}

export interface AlarmCommands {
  status: CommandStatus | undefined;
  run: (command: AlarmCommand, options?: { note?: string; disposition?: Disposition }) => void;
  /** Sends the failed command again with the same commandId. */
  retry: () => void;
  dismiss: () => void;
}

/** Commands for one alarm, with their pending and failed states kept for the row to show. */
export function useAlarmCommands(alarmId: string): AlarmCommands {
  const realtime = useRealtime();
  const status = useCommandStore((store) => store.byAlarm[alarmId]);
  const update = useCommandStore((store) => store.update);

  const dispatch = useCallback(
    (input: AlarmCommandInput) => {
      void dispatchAlarmCommand(realtime, alarmId, input);
    },
    [alarmId, realtime],
  );

  const run = useCallback<AlarmCommands['run']>(
    (command, options = {}) => dispatch({ command, commandId: newCommandId(), ...options }),
    [dispatch],
  );
  const retry = useCallback(() => {
    if (status) dispatch(status.input);
  }, [dispatch, status]);
  const dismiss = useCallback(() => update(alarmId, null), [alarmId, update]);

  return { status, run, retry, dismiss };
}
