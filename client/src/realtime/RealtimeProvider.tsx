import type { CommandName } from '@vigil/shared';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { lastAppliedSeq } from '../features/alarms/alarmStore';
import { handleAlarmEvent, handleAlarmSync } from '../features/alarms/alarmEvents';
import { useSession } from '../features/auth/sessionStore';
import { handleGuardEvent, handlePositionsFrame } from '../features/guards/guardPositions';
import { sendCommand, sendPositionReport, type AckOf, type CommandInput, type CommandOutcome } from './commands';
import { RealtimeContext, type Realtime } from './RealtimeContext';
import type { VigilSocket } from './socket';
import { startRealtime } from './startRealtime';

/** Owns the page's one socket while mounted; domain handlers write what arrives to their stores. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const socketRef = useRef<VigilSocket | null>(null);

  useEffect(() => {
    const { socket, stop } = startRealtime({
      lastSeq: lastAppliedSeq,
      onSync: handleAlarmSync,
      onEvent: (event) => {
        handleAlarmEvent(event);
        handleGuardEvent(event);
      },
      onPositions: handlePositionsFrame,
      onUnauthorized: () => useSession.getState().signedOut(),
    });
    socketRef.current = socket;
    return () => {
      socketRef.current = null;
      stop();
    };
  }, []);

  const realtime = useMemo<Realtime>(
    () => ({
      send: <TName extends CommandName>(name: TName, input: CommandInput<TName>): Promise<CommandOutcome<AckOf<TName>>> => {
        const socket = socketRef.current;
        if (!socket) return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
        return sendCommand(socket, name, input);
      },
      reportPositions: (fixes) => {
        const socket = socketRef.current;
        if (!socket?.connected) return Promise.resolve({ ok: false, error: 'timeout', timedOut: true });
        return sendPositionReport(socket, fixes);
      },
    }),
    [],
  );

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}
