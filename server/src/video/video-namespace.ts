import type { Namespace, Socket } from 'socket.io';
import {
  VIDEO_NAMESPACE,
  can,
  rooms,
  type User,
  type VideoClientToServerEvents,
  type VideoResponse,
  type VideoServerToClientEvents,
} from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import { HttpError } from '../lib/http-error.js';
import type { BacklogGuard } from '../realtime/backpressure.js';
import { authenticateSockets, type SocketSession } from '../realtime/socket-auth.js';
import { bindSocketToSession } from '../realtime/end-user-sockets.js';
import type { VigilServer } from '../realtime/socket-server.js';
import { userForToken } from '../services/auth/sessions.js';
import type { Deps } from '../services/deps.js';
import { viewerOf } from '../services/scope.js';
import { parseRelayPath, parseVideoRange } from './relay-path.js';
import type { Relay } from './relay.js';
import { UpstreamError, readAll } from './upstream.js';

interface VideoSocketData {
  user: User;
  token: string | undefined;
  session: SocketSession;
  /** When the session was last found valid; re-checked every SESSION_RECHECK_MS. */
  checkedAt: number;
}

type VideoNamespace = Namespace<VideoClientToServerEvents, VideoServerToClientEvents, Record<string, never>, VideoSocketData>;
type VideoSocket = Socket<VideoClientToServerEvents, VideoServerToClientEvents, Record<string, never>, VideoSocketData>;

/** A segment is loaded many times a second per page: the session is re-read at most this often. */
const SESSION_RECHECK_MS = 10_000;
/** Requests one socket may have open at once (sixteen tiles need two or three each). */
const MAX_IN_FLIGHT = 64;
/** What one answer may carry over the socket; the relay's own caps are lower. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How long a ready answer may wait for a backed-up connection before it is refused. */
const ANSWER_WAIT_MS = 10_000;

const refuse = (status: number, error: string): VideoResponse => ({ ok: false, status, error });

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  return copy;
}

/**
 * The `/video` namespace on the same Socket.IO server: `video.get { path }` answers exactly what
 * `GET path` answers over HTTP (one relay function), so hls.js loads every tile of a page over
 * one WebSocket. Authenticated like the main namespace (session cookie or token), `wall.watch`.
 */
export function registerVideoNamespace(io: VigilServer, deps: Deps, relay: Relay, log: FastifyBaseLogger, backlog: BacklogGuard): void {
  // Socket.IO types every namespace with the server's events; this one has its own contract.
  const video = io.of(VIDEO_NAMESPACE) as unknown as VideoNamespace;

  video.use(
    authenticateSockets<VideoSocket>(deps, log, (socket, user, handshake, session) => {
      if (!can(user.role, 'wall.watch')) return `forbidden: the ${user.role} role may not use wall.watch`;
      socket.data = { user, token: handshake.token, session, checkedAt: deps.clock().getTime() };
      return null;
    }),
  );

  video.on('connection', (socket) => {
    // So that every socket of a login, on every namespace, can be ended at once (logout).
    void socket.join(rooms.user(socket.data.user.id));
    bindSocketToSession(
      socket,
      socket.data.session,
      deps.clock,
      async () => Boolean(await userForToken(deps.db, deps.clock, socket.data.token)),
      (room, reason) => log.info({ room, reason }, 'video socket ended'),
    );
    let inFlight = 0;
    socket.on('video.get', (request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (response: VideoResponse) => void;
      if (inFlight >= MAX_IN_FLIGHT) {
        reply(refuse(429, `too many requests in flight: at most ${MAX_IN_FLIGHT} per connection`));
        return;
      }
      inFlight += 1;
      answer(socket, request)
        .then(async (response) => {
          // Segments are the biggest answers: each waits for the connection to take the earlier ones,
          // so a client that stopped reading holds at most its in-flight answers, none queued.
          if (!response.ok || (await backlog.whenClear(socket, ANSWER_WAIT_MS))) reply(response);
          else reply(refuse(503, 'connection backed up: earlier answers are still being sent; retry shortly'));
        }, (error: unknown) => {
          log.error({ err: error }, 'video request failed');
          reply(refuse(500, 'internal error'));
        })
        .finally(() => {
          inFlight -= 1;
        });
    });
  });

  async function answer(socket: VideoSocket, request: unknown): Promise<VideoResponse> {
    const session = await sessionError(socket);
    if (session) return session;
    const record = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
    const parsed = parseRelayPath(record.path);
    if (!parsed.ok) return refuse(400, parsed.error);
    const range = parseVideoRange(record.range);
    if (!range.ok) return refuse(400, range.error);
    const relayRequest = parsed.value.kind === 'resource' ? { ...parsed.value, range: range.value } : parsed.value;
    try {
      const result = await relay.serve(relayRequest, viewerOf(socket.data.user));
      const body = Buffer.isBuffer(result.body) ? result.body : await readAll(result.body, MAX_BODY_BYTES);
      const answer: VideoResponse = { ok: true, status: result.status, contentType: result.contentType, body: toArrayBuffer(body) };
      return result.contentRange ? { ...answer, contentRange: result.contentRange } : answer;
    } catch (error) {
      if (error instanceof HttpError) return refuse(error.statusCode, error.message);
      // A stream that broke after the relay answered (upstream cut off, over the cap).
      if (error instanceof UpstreamError) return refuse(error.failure === 'timeout' ? 504 : 502, `${parsed.value.kind}: upstream ${error.message}`);
      throw error;
    }
  }

  /** Like every HTTP request re-reads its session, but at most every SESSION_RECHECK_MS. */
  async function sessionError(socket: VideoSocket): Promise<VideoResponse | null> {
    const now = deps.clock().getTime();
    if (now - socket.data.checkedAt < SESSION_RECHECK_MS) return null;
    const user = await userForToken(deps.db, deps.clock, socket.data.token);
    if (!user) {
      setImmediate(() => socket.disconnect(true));
      return refuse(401, 'unauthorized: the session has ended; log in again');
    }
    if (!can(user.role, 'wall.watch')) return refuse(403, `forbidden: the ${user.role} role may not use wall.watch`);
    socket.data = { ...socket.data, user, checkedAt: now };
    return null;
  }
}
