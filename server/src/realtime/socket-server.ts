import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import {
  MAX_CATCH_UP_EVENTS,
  applyEvents,
  rooms,
  visibleSiteIds,
  visibleTo,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SyncMessage,
  type Viewer,
} from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import { eventsAfter, lastSeq as lastSeqOf } from '../repositories/events.repository.js';
import { userForToken } from '../services/auth/sessions.js';
import { onStream, type Deps } from '../services/deps.js';
import type { ClusterServerEvents } from '../cluster/cluster.js';
import type { Broadcaster } from './broadcaster.js';
import { registerAlarmCommands, type CommandContext, type ServerSocketData, type VigilSocket } from './commands.js';
import { frameSitesFor, roomsFor, viewerOf } from './event-routing.js';
import { originAllowed } from './origin-check.js';
import { authenticateSockets, streamRefusal } from './socket-auth.js';
import { bindSocketToSession } from './end-user-sockets.js';
import { registerWallCommands } from './wall-commands.js';
import { registerIncidentCommands } from './incident-commands.js';

/** The positions lane's part of a connection: the guard commands, and a full frame of each site it sees after sync. */
export interface PositionsHooks {
  register(socket: VigilSocket, context: CommandContext): void;
  afterSync(socket: VigilSocket, siteIds: string[]): void;
}

export type VigilServer = Server<ClientToServerEvents, ServerToClientEvents, ClusterServerEvents, ServerSocketData>;

/**
 * `socket.emit('sync', snapshot)` would JSON-encode the whole state again for every socket (Node 20
 * has no JSON.rawJSON to splice a ready string in). So the packet is written pre-encoded: the same
 * Socket.IO text packet the default parser makes for that emit (type 2 EVENT, the namespace unless
 * it is "/", then the JSON array), with the shared, cached state string spliced in whole. Only the
 * small head (kind, stream, seq, this socket's serverTime) is encoded per socket.
 */
function emitEncodedSnapshot(socket: VigilSocket, head: Omit<Extract<SyncMessage, { kind: 'snapshot' }>, 'state'>, stateJson: string): void {
  const namespace = socket.nsp.name === '/' ? '' : `${socket.nsp.name},`;
  const packet = `2${namespace}["sync",${JSON.stringify(head).slice(0, -1)},"state":${stateJson}}]`;
  socket.client._packet(packet as unknown as Parameters<typeof socket.client._packet>[0], { preEncoded: true });
}

/**
 * After every connect the client gets exactly one `sync`: the events it missed since its
 * `lastSeq`, read from the log, or a snapshot when the gap is too large (or it has none), both
 * cut to what this viewer may see (scope.ts) — the same rule its live events are routed by, so
 * its lastSeq stays valid: a seq it skipped was never its to see. The socket joins its rooms
 * first, so nothing committed meanwhile can fall between the two; what arrives twice the
 * client drops by seq. Resolves with the sites the viewer sees.
 */
async function sendSync(socket: VigilSocket, deps: Deps, broadcaster: Broadcaster, viewer: Viewer, lastSeq: number): Promise<string[]> {
  const stream = socket.data.stream;
  const sendSnapshot = () => {
    const snapshot = broadcaster.encodedSnapshot(stream, viewer);
    emitEncodedSnapshot(socket, { kind: 'snapshot', stream, seq: snapshot.seq, serverTime: deps.clock().toISOString() }, snapshot.json);
    return snapshot.siteIds;
  };
  if (lastSeq === 0 || lastSeq > (await lastSeqOf(deps.db, stream))) return sendSnapshot();
  const missed = await eventsAfter(deps.db, stream, lastSeq, MAX_CATCH_UP_EVENTS + 1);
  if (missed.length > MAX_CATCH_UP_EVENTS) return sendSnapshot();
  // The log can be ahead of the broadcaster: what the missed events refer to is in the state they make.
  const state = applyEvents(broadcaster.snapshot(stream), missed);
  const events = missed.filter((event) => visibleTo(viewer, event, state));
  socket.emit('sync', { kind: 'events', stream, events, serverTime: deps.clock().toISOString() });
  return visibleSiteIds(viewer, state);
}

export function createSocketServer(
  httpServer: HttpServer,
  deps: Deps,
  broadcaster: Broadcaster,
  log: FastifyBaseLogger,
  positions?: PositionsHooks,
  options: { allowedOrigins: readonly string[]; adapter?: ServerOptions['adapter'] } = { allowedOrigins: [] },
): VigilServer {
  const io: VigilServer = new Server(httpServer, {
    serveClient: false,
    // Several nodes: the cluster adapter; one node: Socket.IO's in-memory default.
    ...(options.adapter ? { adapter: options.adapter } : {}),
    // Before any namespace: a page of another site may not open a socket on the user's cookie.
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request.headers, options.allowedOrigins);
      if (!allowed) log.warn({ origin: request.headers.origin }, 'socket handshake refused: origin not allowed');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
    // Notice a dead link in ~20 s instead of the default 45 s.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    maxHttpBufferSize: 64 * 1024,
  });

  io.use(
    authenticateSockets<VigilSocket>(deps, log, async (socket, user, handshake, session) => {
      const refusal = await streamRefusal(deps, user, handshake.stream);
      if (refusal) return refusal;
      socket.data = { user, stream: handshake.stream, lastSeq: handshake.lastSeq, token: handshake.token, session };
      return null;
    }),
  );

  io.on('connection', (socket) => {
    const data = socket.data;
    const context: CommandContext = {
      // Commands act on the stream this socket connected to.
      deps: onStream(deps, data.stream),
      currentUser: () => userForToken(deps.db, deps.clock, data.token),
      log: (error, command) => log.error({ err: error, command }, 'socket command failed'),
    };
    registerAlarmCommands(socket, context);
    registerWallCommands(socket, context);
    registerIncidentCommands(socket, context);
    positions?.register(socket, context);
    const viewer = viewerOf(data.user);
    void socket.join([rooms.user(data.user.id), ...roomsFor(viewer, data.stream)]);
    bindSocketToSession(socket, data.session, deps.clock, async () => Boolean(await context.currentUser()), (room, reason) =>
      log.info({ room, reason }, 'socket ended'),
    );
    sendSync(socket, deps, broadcaster, viewer, data.lastSeq).then((siteIds) => positions?.afterSync(socket, frameSitesFor(viewer, siteIds))).catch((error: unknown) => {
      log.error({ err: error }, 'sync failed; dropping the connection so the client retries');
      socket.disconnect(true);
    });
  });

  return io;
}
