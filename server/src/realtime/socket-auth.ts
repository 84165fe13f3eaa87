import type { FastifyBaseLogger } from 'fastify';
import type { ExtendedError, Socket } from 'socket.io';
import { PROTOCOL_VERSION, type Stream, type User } from '@vigil/shared';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { sessionForToken, type LiveSession } from '../services/auth/sessions.js';
import type { Deps } from '../services/deps.js';
import { findDrillRunByStream } from '../repositories/drills.repository.js';

export interface HandshakeRequest {
  token: string | undefined;
  stream: Stream;
  lastSeq: number;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** Reads the handshake without trusting any of it. */
export function readHandshake(socket: Socket): HandshakeRequest | { error: string } {
  const auth: unknown = socket.handshake.auth;
  const record = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
  if (record.protocol !== undefined && record.protocol !== PROTOCOL_VERSION) {
    return { error: `protocol: this server speaks protocol ${PROTOCOL_VERSION}` };
  }
  const lastSeq = record.lastSeq ?? 0;
  if (typeof lastSeq !== 'number' || !Number.isSafeInteger(lastSeq) || lastSeq < 0) {
    return { error: 'lastSeq: must be a non-negative integer' };
  }
  const stream = record.stream ?? 'live';
  // A drill's stream is checked against its run (running, and the user takes part) by the namespace.
  if (stream !== 'live' && !(typeof stream === 'string' && DRILL_STREAM.test(stream))) {
    return { error: 'stream: must be "live" or a drill\'s "drill:<runId>"' };
  }
  const token = typeof record.token === 'string' ? record.token : cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
  return { token, stream: stream as Stream, lastSeq };
}

const DRILL_STREAM = /^drill:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AuthenticatedUser = User;

/** The session a socket was opened with: its sockets share a room, and end when it expires. */
export interface SocketSession {
  sessionId: string;
  expiresAt: Date;
}

/**
 * A namespace's handshake middleware: reads the handshake, finds the session's user and hands
 * both to `accept`, which keeps what the namespace needs on `socket.data` or answers with why
 * the user may not connect. No session is `unauthorized`; a database failure is `unavailable`
 * (the client retries).
 */
export function authenticateSockets<TSocket extends Socket>(
  deps: Deps,
  log: FastifyBaseLogger,
  accept: (socket: TSocket, user: User, handshake: HandshakeRequest, session: SocketSession) => string | null | Promise<string | null>,
): (socket: TSocket, next: (error?: ExtendedError) => void) => void {
  return (socket, next) => {
    const handshake = readHandshake(socket);
    if ('error' in handshake) {
      next(new Error(handshake.error));
      return;
    }
    sessionForToken(deps.db, deps.clock, handshake.token)
      .then(async (live: LiveSession | undefined) => {
        const refusal = live ? await accept(socket, live.user, handshake, { sessionId: live.sessionId, expiresAt: live.expiresAt }) : 'unauthorized';
        next(refusal ? new Error(refusal) : undefined);
      })
      .catch((error: unknown) => {
        log.error({ err: error, namespace: socket.nsp.name }, 'socket authentication failed');
        next(new Error('unavailable'));
      });
  };
}

/**
 * Why this user may not open a socket on this stream, or null: live is everyone's; a drill's
 * stream only its controller's and participants', while it runs or is paused.
 */
export async function streamRefusal(deps: Deps, user: User, stream: Stream): Promise<string | null> {
  if (stream === 'live') return null;
  const run = await findDrillRunByStream(deps.db, stream);
  if (!run) return `stream: no drill "${stream}"`;
  if (run.state === 'ended') return `stream: the drill "${stream}" has ended`;
  if (run.controllerId !== user.id && !run.participants.includes(user.id)) return `forbidden: you do not take part in the drill "${stream}"`;
  return null;
}
