import { VIDEO_NAMESPACE, rooms } from '@vigil/shared';
import type { Socket } from 'socket.io';
import type { Clock } from '../lib/clock.js';
import type { VigilServer } from './socket-server.js';

/** Every socket of one session, on every namespace, joins this room (its id is the token's SHA-256). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export type SocketEndReason = 'logout' | 'disabled' | 'password-reset' | 'password-changed' | 'session-revoked' | 'session-expired' | 'scope-changed';

/** What ended a socket, for the server log. */
export type SocketEndLog = (room: string, reason: SocketEndReason) => void;

function endRoom(io: VigilServer, room: string, reason: SocketEndReason, log?: SocketEndLog): void {
  log?.(room, reason);
  // Closing the connection, not just the namespace: a client that reconnects must log in again.
  io.in(room).disconnectSockets(true);
  io.of(VIDEO_NAMESPACE).in(room).disconnectSockets(true);
}

/**
 * Ends every socket of a user at once, on `/` and `/video` (a disabled user, a password reset).
 * The client's reconnect is refused `unauthorized`, which sends its screen to the login page.
 */
export function endUserSockets(io: VigilServer, userId: string, reason: SocketEndReason, log?: SocketEndLog): void {
  endRoom(io, rooms.user(userId), reason, log);
}

/** Ends the sockets of one session (a logout, a revoked session), on every namespace. */
export function endSessionSockets(io: VigilServer, sessionId: string, reason: SocketEndReason, log?: SocketEndLog): void {
  endRoom(io, sessionRoom(sessionId), reason, log);
}

/** setTimeout's longest delay (~24.8 days); a longer session re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Joins the session's room and ends the socket when its session expires (a timer per socket,
 * cleared on disconnect). Call once from each namespace's `connection` handler. `stillLive`
 * re-reads the session after the join: a logout between the handshake's check and the join
 * would otherwise miss this socket.
 */
export function bindSocketToSession(
  socket: Socket,
  session: { sessionId: string; expiresAt: Date },
  clock: Clock,
  stillLive: () => Promise<boolean>,
  log?: SocketEndLog,
): void {
  void socket.join(sessionRoom(session.sessionId));
  stillLive().then(
    (live) => {
      if (!live) socket.disconnect(true);
    },
    // The database is down: the periodic re-checks (commands, /video) still apply.
    () => undefined,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = session.expiresAt.getTime() - clock().getTime();
    if (left <= 0) {
      log?.(sessionRoom(session.sessionId), 'session-expired');
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  socket.once('disconnect', () => clearTimeout(timer));
  arm();
}

/** The services' view (services/auth/accounts.ts SessionSockets) of this server's sockets. */
export function sessionSocketsOf(io: VigilServer, log?: SocketEndLog) {
  return {
    endUser: (userId: string, reason: SocketEndReason) => endUserSockets(io, userId, reason, log),
    endSession: (sessionId: string, reason: SocketEndReason) => endSessionSockets(io, sessionId, reason, log),
  };
}
