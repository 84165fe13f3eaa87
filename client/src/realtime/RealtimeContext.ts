import type { CommandName } from '@vigil/shared';
import { createContext, useContext } from 'react';
import type { CommandInput, CommandOutcome } from './commands';

export interface Realtime {
  /** Sends a command over the one socket; resolves with the server's ack or a timeout. */
  send: <TName extends CommandName>(name: TName, input: CommandInput<TName>) => Promise<CommandOutcome>;
}

export const RealtimeContext = createContext<Realtime | null>(null);

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return realtime;
}
