import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  type Stream,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';

export type VigilSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket, same origin, authenticated by the session cookie. `auth` is a callback so
 * every reconnect sends the seq applied by then, and the server sends only what was missed.
 * `stream` is live unless the screen shows a drill.
 */
export function createSocket(lastSeq: () => number, stream: Stream = 'live'): VigilSocket {
  return io({
    autoConnect: false,
    transports: ['websocket'],
    auth: (callback) => {
      // A drill's screens connect to its own stream (`drill:<runId>`); live sends no stream.
      const auth: HandshakeAuth = { protocol: PROTOCOL_VERSION, lastSeq: lastSeq(), ...(stream === 'live' ? {} : { stream }) };
      callback(auth);
    },
  });
}
