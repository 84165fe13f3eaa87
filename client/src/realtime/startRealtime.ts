import type { DomainEvent, PositionsFrame, Stream, SyncMessage } from '@vigil/shared';
import { OFFLINE_AFTER_MS, useConnection } from './connectionStore';
import { noteServerTime } from './serverClock';
import { createSocket, type VigilSocket } from './socket';
import { createSyncGate } from './syncGate';

export interface RealtimeHandlers {
  /** The seq of the last event applied, sent on every (re)connect. */
  lastSeq: () => number;
  onSync: (message: SyncMessage) => void;
  onEvent: (event: DomainEvent) => void;
  /** The positions lane: volatile frames, outside the ordered event log. */
  onPositions: (frame: PositionsFrame) => void;
  /** The server refused the session: the user has to sign in again. */
  onUnauthorized: () => void;
  /** The stream to connect to: live unless a drill's screen. */
  stream?: Stream;
  /** A refused handshake other than the session's (e.g. a drill that has ended), with the server's message. */
  onRefused?: (message: string) => void;
}

/** Retries the socket.io manager does not make itself: a refused handshake, a server-side disconnect. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Opens the one socket and keeps it open: reconnects forever, resumes from the last applied seq,
 * applies each connection's `sync` before its live events, and keeps the connection facts that
 * the banner shows. Returns the socket and a function that closes it.
 */
export function startRealtime(handlers: RealtimeHandlers): { socket: VigilSocket; stop: () => void } {
  const socket = createSocket(handlers.lastSeq, handlers.stream);
  const connection = useConnection.getState();
  const gate = createSyncGate({ sync: handlers.onSync, event: handlers.onEvent });
  let downTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;

  const markDown = () => {
    gate.reset();
    connection.set({ connected: false, synced: false });
    downTimer ??= setTimeout(() => connection.set({ downTooLong: true }), OFFLINE_AFTER_MS);
  };
  const retryLater = () => {
    clearTimeout(retryTimer);
    const delay = RETRY_DELAYS_MS[Math.min(retries, RETRY_DELAYS_MS.length - 1)];
    retries += 1;
    retryTimer = setTimeout(() => socket.connect(), delay);
  };

  socket.on('connect', () => {
    clearTimeout(downTimer);
    downTimer = undefined;
    retries = 0;
    connection.set({ connected: true, downTooLong: false });
  });
  socket.on('sync', (message) => {
    noteServerTime(message.serverTime);
    gate.sync(message);
    connection.set({ synced: true, everSynced: true });
  });
  socket.on('event', (event) => gate.event(event));
  socket.on('positions', (frame) => handlers.onPositions(frame));
  socket.on('disconnect', (reason) => {
    // A connection that fell too far behind is cut by the server ('transport close'): socket.io
    // reconnects by itself and `auth` sends the lastSeq, so the missed events come in the sync.
    // A scoped screen (one site, a guard's phone) skips seqs that were never its to see; the
    // reducer only ignores seqs at or below its own, so such gaps are not missing events.
    markDown();
    // The server closed this connection on purpose (e.g. its sync failed): socket.io will not retry.
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', (error) => {
    markDown();
    if (error.message === 'unauthorized') {
      handlers.onUnauthorized();
      return;
    }
    handlers.onRefused?.(error.message);
    // A handshake refused by the server's middleware is not retried by socket.io itself.
    if (!socket.active) retryLater();
  });

  const handleOnline = () => connection.set({ browserOnline: true });
  const handleOffline = () => connection.set({ browserOnline: false });
  window.addEventListener('online', handleOnline);
  window.addEventListener('offline', handleOffline);
  connection.set({ browserOnline: navigator.onLine });
  markDown();
  socket.connect();

  return {
    socket,
    stop: () => {
      clearTimeout(downTimer);
      clearTimeout(retryTimer);
      window.removeEventListener('online', handleOnline);
      window.removeEventListener('offline', handleOffline);
      socket.removeAllListeners();
      socket.disconnect();
      connection.reset();
    },
  };
}
