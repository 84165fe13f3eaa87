import { VIDEO_NAMESPACE, type VideoClientToServerEvents, type VideoRequest, type VideoResponse, type VideoServerToClientEvents } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';

export type VideoSocket = Socket<VideoServerToClientEvents, VideoClientToServerEvents>;

/** What a `video.get` came back with: the relay's answer, or the channel failed to carry it. */
export type ChannelResult = VideoResponse | { ok: false; status: 0; error: 'timeout' | 'disconnected' };

export interface VideoChannel {
  /** GET a relay path (one byte range of it, when given) over the WebSocket; never rejects. Settles within `timeoutMs`. */
  get(path: string, timeoutMs: number, range?: VideoRequest['range']): Promise<ChannelResult>;
  connected(): boolean;
}

/** A tile's hold on the page's channel; the last `release` closes the socket. */
export interface VideoChannelLease {
  channel: VideoChannel;
  release(): void;
}

/** Retries socket.io does not make itself (a refused handshake, a server-side close). */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
/**
 * How long the socket stays open after the last tile lets go. A layout switch unmounts every
 * tile and mounts the next ones in the same commit; the grace keeps that from reconnecting.
 */
export const CLOSE_GRACE_MS = 2_000;

export function createVideoSocket(): VideoSocket {
  // Same origin: the session cookie authenticates the handshake. forceNew: never share the
  // manager (and so the WebSocket) of the alarm socket, which must not queue behind video.
  return io(VIDEO_NAMESPACE, { transports: ['websocket'], forceNew: true, autoConnect: false });
}

function toArrayBuffer(body: unknown): ArrayBuffer {
  if (body instanceof ArrayBuffer) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice().buffer;
  return new ArrayBuffer(0);
}

/** Opens the socket, keeps it open until stopped, and answers `get`s over it. */
function openChannel(socket: VideoSocket): { channel: VideoChannel; stop: () => void } {
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;
  const retryLater = () => {
    clearTimeout(retryTimer);
    const delay = RETRY_DELAYS_MS[Math.min(retries, RETRY_DELAYS_MS.length - 1)];
    retries += 1;
    retryTimer = setTimeout(() => socket.connect(), delay);
  };
  socket.on('connect', () => {
    retries = 0;
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', () => {
    // A handshake refused by the server's middleware (e.g. the session expired and is renewed
    // by the main socket) is not retried by socket.io itself.
    if (!socket.active) retryLater();
  });
  socket.connect();

  const channel: VideoChannel = {
    connected: () => socket.connected,
    get: (path, timeoutMs, range) =>
      new Promise<ChannelResult>((resolve) => {
        // While disconnected socket.io buffers the request; the timeout takes it out of the buffer.
        socket.timeout(timeoutMs).emit('video.get', range ? { path, range } : { path }, (error: Error | null, response: VideoResponse) => {
          if (error) {
            resolve({ ok: false, status: 0, error: socket.connected ? 'timeout' : 'disconnected' });
            return;
          }
          resolve(response.ok ? { ...response, body: toArrayBuffer(response.body) } : response);
        });
      }),
  };
  return {
    channel,
    stop: () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

/**
 * The page's one video socket, shared by every tile: opened by the first `acquire`, closed
 * `CLOSE_GRACE_MS` after the last `release`.
 */
export function createChannelPool(makeSocket: () => VideoSocket = createVideoSocket) {
  let open: { channel: VideoChannel; stop: () => void } | null = null;
  let holders = 0;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    acquire(): VideoChannelLease {
      clearTimeout(closeTimer);
      closeTimer = undefined;
      open ??= openChannel(makeSocket());
      holders += 1;
      const channel = open.channel;
      let released = false;
      return {
        channel,
        release: () => {
          if (released) return;
          released = true;
          holders -= 1;
          if (holders > 0) return;
          closeTimer = setTimeout(() => {
            closeTimer = undefined;
            open?.stop();
            open = null;
          }, CLOSE_GRACE_MS);
        },
      };
    },
    /** Whether the socket is open (for tests and the diagnostics hook). */
    isOpen: () => open !== null,
  };
}

export const videoChannels = createChannelPool();
