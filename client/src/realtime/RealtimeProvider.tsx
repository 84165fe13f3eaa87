import type { CommandName, DomainEvent, Stream } from '@vigil/shared';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { lastAppliedSeq } from '../features/alarms/alarmStore';
import { handleAlarmEvent, handleAlarmSync } from '../features/alarms/alarmEvents';
import { useSession } from '../features/auth/sessionStore';
import { handleGuardEvent, handlePositionsFrame } from '../features/guards/guardPositions';
import { sendCommand, sendPositionReport, type AckOf, type CommandInput, type CommandOutcome } from './commands';
import { RealtimeContext, type Realtime } from './RealtimeContext';
import type { VigilSocket } from './socket';
import { startRealtime } from './startRealtime';

interface RealtimeProviderProps {
  children: ReactNode;
  /** Live unless the screen shows a drill (`drill:<runId>`); fixed for the provider's life (remount to change). */
  stream?: Stream;
  /** Told of each event after the stores (a drill's screens follow its pause, resume and end). */
  onEvent?: (event: DomainEvent) => void;
  /** The server refused this stream's handshake (e.g. the drill ended). */
  onRefused?: (message: string) => void;
}

/** Owns the page's one socket while mounted; domain handlers write what arrives to their stores. */
export function RealtimeProvider({ children, stream = 'live', onEvent, onRefused }: RealtimeProviderProps) {
  const socketRef = useRef<VigilSocket | null>(null);
  const extra = useRef({ onEvent, onRefused });
  useEffect(() => {
    extra.current = { onEvent, onRefused };
  });

  useEffect(() => {
    const { socket, stop } = startRealtime({
      lastSeq: lastAppliedSeq,
      onSync: handleAlarmSync,
      onEvent: (event) => {
        handleAlarmEvent(event);
        handleGuardEvent(event);
        extra.current.onEvent?.(event);
      },
      onPositions: handlePositionsFrame,
      onUnauthorized: () => useSession.getState().signedOut(),
      onRefused: (message) => extra.current.onRefused?.(message),
      stream,
    });
    socketRef.current = socket;
    return () => {
      socketRef.current = null;
      stop();
    };
  }, [stream]);

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
