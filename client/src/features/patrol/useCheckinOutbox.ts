import { useEffect, useState } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { serverNow } from '../../realtime/serverClock';
import { CheckinOutbox, checkinStorageFor, type QueuedCheckin, type ScanInput } from './checkinOutbox';
import { sendCheckin } from './patrolApi';

/** Worth a try: the socket is live, or the browser thinks it has a network (a check-in is plain HTTP). */
const canTry = () => connectionStatus(useConnection.getState()) === 'live' || navigator.onLine;

/** The check-in outbox for this login: scans timed by the server-corrected clock, sent when there is signal. */
export function useCheckinOutbox(userId: string): { items: readonly QueuedCheckin[]; scan: (input: ScanInput) => boolean } {
  const [outbox, setOutbox] = useState<CheckinOutbox | null>(null);
  const [items, setItems] = useState<readonly QueuedCheckin[]>([]);
  useEffect(() => {
    const created = new CheckinOutbox(checkinStorageFor(userId), { send: sendCheckin, canTry, newId: newCommandId, now: () => new Date(serverNow()) });
    setOutbox(created);
    setItems(created.current);
    const unsubscribe = created.subscribe(setItems);
    const unsubscribeConnection = useConnection.subscribe((now, before) => {
      if (connectionStatus(now) === 'live' && connectionStatus(before) !== 'live') created.wake();
    });
    const online = () => created.wake();
    window.addEventListener('online', online);
    created.wake();
    return () => {
      unsubscribe();
      unsubscribeConnection();
      window.removeEventListener('online', online);
      created.dispose();
    };
  }, [userId]);
  return { items, scan: (input) => outbox?.scan(input) ?? false };
}
