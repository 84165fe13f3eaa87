import type { CommandName, PhoneFix } from '@vigil/shared';
import { createContext, useContext } from 'react';
import type { AckOf, CommandInput, CommandOutcome, PositionReportOutcome } from './commands';

export interface Realtime {
  /** Sends a command over the one socket; resolves with the server's ack or a timeout. */
  send: <TName extends CommandName>(name: TName, input: CommandInput<TName>) => Promise<CommandOutcome<AckOf<TName>>>;
  /** The guard phone's fixes (`position.report`), answered with accepted/duplicate counts. */
  reportPositions: (fixes: PhoneFix[]) => Promise<PositionReportOutcome>;
}

export const RealtimeContext = createContext<Realtime | null>(null);

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return realtime;
}
