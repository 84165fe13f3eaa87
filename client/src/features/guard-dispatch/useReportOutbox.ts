import { useEffect, useState } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { serverNow } from '../../realtime/serverClock';
import { sendDispatchReport } from './reportApi';
import { ReportOutbox, type PressResult, type QueuedReport } from './reportOutbox';
import { idbReportStore } from './reportStore';

/**
 * Worth a try: the socket is live, or the browser thinks it has a network (the socket may be
 * slower to come back than HTTP, and a report is plain HTTP). A wrong "online" costs one failed
 * fetch, taken as no signal.
 */
const canTry = () => connectionStatus(useConnection.getState()) === 'live' || navigator.onLine;

let askedToKeep = false;
/**
 * Asked once, at the first report: a browser short of space may otherwise evict this site's
 * IndexedDB, photos and all (a report then fails with "the photo is no longer on this phone").
 * Not there on an insecure page; the browser may say no.
 */
function askToKeepStorage(): void {
  if (askedToKeep) return;
  askedToKeep = true;
  if (typeof navigator.storage?.persist === 'function') void navigator.storage.persist().catch(() => false);
}

/** The outbox open on this page, per user, for sign-out to empty (forgetReportsOf). */
const openOutboxes = new Map<string, ReportOutbox>();

/**
 * Sign-out: this user's reports leave the phone (the next guard to sign in on it must not send
 * or see them), whether or not a page has them open.
 */
export async function forgetReportsOf(userId: string): Promise<void> {
  const outbox = openOutboxes.get(userId);
  openOutboxes.delete(userId);
  if (outbox) await outbox.forgetAll();
  else await idbReportStore(userId).clear();
}

/** Reports of this user still on their way (waiting for signal or being sent), for sign-out to warn about. */
export function reportsOnTheirWay(userId: string): number {
  return (openOutboxes.get(userId)?.current ?? []).filter((report) => report.phase === 'waiting' || report.phase === 'sending').length;
}

export interface ReportOutboxApi {
  reports: readonly QueuedReport[];
  press: (dispatchId: string, note: string, photo: Blob | null) => Promise<PressResult>;
  retry: (commandId: string) => void;
  discard: (commandId: string) => void;
}

/**
 * The phone's report outbox for this login (reportOutbox.ts): sent whenever there may be signal
 * (the socket back live, the browser's `online`), until each 2xx. It lives as long as the guard
 * page, not a dispatch's view: a report still waiting when the dispatch is cleared still goes.
 */
export function useReportOutbox(userId: string): ReportOutboxApi {
  const [outbox, setOutbox] = useState<ReportOutbox | null>(null);
  const [reports, setReports] = useState<readonly QueuedReport[]>([]);

  useEffect(() => {
    const created = new ReportOutbox(idbReportStore(userId), {
      send: async ({ commandId, dispatchId, note }, photo) => {
        await sendDispatchReport(dispatchId, { commandId, note, photo });
        return { ok: true };
      },
      canTry,
      newId: newCommandId,
      now: () => new Date(serverNow()),
    });
    openOutboxes.set(userId, created);
    setOutbox(created);
    setReports(created.current);
    const unsubscribe = created.subscribe(setReports);
    const unsubscribeConnection = useConnection.subscribe((now, before) => {
      if (connectionStatus(now) === 'live' && connectionStatus(before) !== 'live') created.wake();
    });
    const handleOnline = () => created.wake();
    window.addEventListener('online', handleOnline);
    return () => {
      unsubscribe();
      unsubscribeConnection();
      window.removeEventListener('online', handleOnline);
      if (openOutboxes.get(userId) === created) openOutboxes.delete(userId);
      created.dispose();
    };
  }, [userId]);

  return {
    reports,
    press: (dispatchId, note, photo) => {
      askToKeepStorage();
      return outbox ? outbox.press(dispatchId, note, photo) : Promise.resolve({ ok: false, reason: 'closed' });
    },
    retry: (commandId) => outbox?.retry(commandId),
    discard: (commandId) => void outbox?.discard(commandId),
  };
}
