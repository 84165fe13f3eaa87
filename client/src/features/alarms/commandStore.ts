import type { AlarmCommand, CommandRefusal, Disposition } from '@vigil/shared';
import { create } from 'zustand';

/** What a command for one alarm carries besides the alarm: a note, and for resolve a disposition. */
export interface AlarmCommandInput {
  command: AlarmCommand;
  /** Made once and reused by every retry of the same command, so the server applies it once. */
  commandId: string;
  note?: string;
  disposition?: Disposition;
}

/**
 * `offline`: not sent, there was no connection (the buttons are disabled then; this covers the race).
 * A refusal keeps its code and params, so the notice says it in the screen's language.
 */
export type CommandFailure = { kind: 'timeout' } | { kind: 'offline' } | { kind: 'rejected'; refusal: CommandRefusal };

export interface CommandStatus {
  input: AlarmCommandInput;
  phase: 'pending' | 'failed';
  failure: CommandFailure | null;
}

interface CommandStore {
  byAlarm: Record<string, CommandStatus>;
  update: (alarmId: string, status: CommandStatus | null) => void;
}

/** The last command sent for each alarm while it is in flight or has failed; success clears it. */
export const useCommandStore = create<CommandStore>((set) => ({
  byAlarm: {},
  update: (alarmId, status) =>
    set(({ byAlarm }) => {
      const next = { ...byAlarm };
      if (status) next[alarmId] = status;
      else delete next[alarmId];
      return { byAlarm: next };
    }),
}));
