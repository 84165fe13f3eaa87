import type { GuardStatus } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { useRealtime } from '../../realtime/RealtimeContext';
import { SosOutbox, sosStorageFor, type PendingSos } from './sosOutbox';

const isLive = () => connectionStatus(useConnection.getState()) === 'live';

/**
 * The phone's SOS outbox for this login: sent whenever the link is live, until the ack; a
 * received SOS is forgotten when the control room resolves it (the guard's status leaves `sos`).
 */
export function useSosOutbox(userId: string, status: GuardStatus): { sos: PendingSos | null; press: () => void } {
  const { send } = useRealtime();
  const sendRef = useRef(send);
  sendRef.current = send;
  const [outbox, setOutbox] = useState<SosOutbox | null>(null);
  const [sos, setSos] = useState<PendingSos | null>(null);

  useEffect(() => {
    const created = new SosOutbox(sosStorageFor(userId), {
      send: (commandId) => sendRef.current('guard.sos', { commandId }),
      isLive,
      newId: newCommandId,
    });
    setOutbox(created);
    setSos(created.current);
    const unsubscribe = created.subscribe(setSos);
    const unsubscribeConnection = useConnection.subscribe((now, before) => {
      if (connectionStatus(now) === 'live' && connectionStatus(before) !== 'live') created.wake();
    });
    created.wake();
    return () => {
      unsubscribe();
      unsubscribeConnection();
      created.dispose();
    };
  }, [userId]);

  // Leaving sos means the control room resolved it; a phone opened after that finds it so at once.
  const previous = useRef<GuardStatus | null>(null);
  useEffect(() => {
    if (!outbox) return;
    const resolvedMeanwhile = previous.current === null && outbox.current?.phase === 'received';
    if (status !== 'sos' && (previous.current === 'sos' || resolvedMeanwhile)) outbox.clear();
    previous.current = status;
  }, [outbox, status]);

  return { sos, press: () => outbox?.press() };
}
