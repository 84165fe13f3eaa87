import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';

export type VigilSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket, same origin, authenticated by the session cookie. `auth` is a callback so
 * every reconnect sends the seq applied by then, and the server sends only what was missed.
 */
export function createSocket(lastSeq: () => number): VigilSocket {
  return io({
    autoConnect: false,
    transports: ['websocket'],
    auth: (callback) => {
      const auth: HandshakeAuth = { protocol: PROTOCOL_VERSION, lastSeq: lastSeq() };
      callback(auth);
    },
  });
}
