import { useEffect, useState } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { serverNow } from '../../realtime/serverClock';
import { usePhoneStore } from '../guard-phone/phoneStore';
import { CheckinOutbox, checkinStorageFor, type QueuedCheckin, type ScanInput } from './checkinOutbox';
import { sendCheckin } from './patrolApi';

/** Times a check-in waits for the phone's queued fixes to go first (then it goes anyway). */
const WAITS_FOR_FIXES = 3;
let waitedForFixes = 0;

/**
 * Worth a try: the socket is live, or the browser thinks it has a network (a check-in is plain
 * HTTP). After a spell offline the fixes queued meanwhile go first, a few tries at most: the
 * anti-fake rule reads the stored positions around each scan, and they should be there by then.
 */
const canTry = () => {
  const online = connectionStatus(useConnection.getState()) === 'live' || navigator.onLine;
  if (!online) return false;
  if (usePhoneStore.getState().queued > 0 && waitedForFixes < WAITS_FOR_FIXES) {
    waitedForFixes += 1;
    return false;
  }
  waitedForFixes = 0;
  return true;
};

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
