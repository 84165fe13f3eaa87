import type { VideoResponse } from '@vigil/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_GRACE_MS, createChannelPool, type VideoSocket } from './videoChannel';

type Ack = (error: Error | null, response?: VideoResponse) => void;

/** Just what the channel uses of a socket.io client socket. */
class FakeSocket {
  connected = false;
  active = false;
  connects = 0;
  disconnected = false;
  sent: { path: string; timeoutMs: number; ack: Ack }[] = [];
  handlers = new Map<string, (...args: unknown[]) => void>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, handler);
    return this;
  }
  connect() {
    this.connects += 1;
    this.active = true;
    return this;
  }
  disconnect() {
    this.disconnected = true;
    this.connected = false;
    this.active = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  timeout(timeoutMs: number) {
    return {
      emit: (_event: 'video.get', request: { path: string }, ack: Ack) => {
        this.sent.push({ path: request.path, timeoutMs, ack });
      },
    };
  }
}

let sockets: FakeSocket[];
const pool = () =>
  createChannelPool(() => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket as unknown as VideoSocket;
  });

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the video channel', () => {
  it('opens one socket for every tile, on the first tile only', () => {
    const channels = pool();
    expect(sockets).toHaveLength(0);
    const first = channels.acquire();
    const second = channels.acquire();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.connects).toBe(1);
    expect(first.channel).toBe(second.channel);
  });

  it('closes the socket a moment after the last tile lets go, and keeps it through a layout switch', async () => {
    const channels = pool();
    const tile = channels.acquire();
    tile.release();
    const next = channels.acquire();
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 2);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.disconnected).toBe(false);

    next.release();
    next.release();
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS);
    expect(sockets[0]!.disconnected).toBe(true);
    expect(channels.isOpen()).toBe(false);
    channels.acquire();
    expect(sockets).toHaveLength(2);
  });

  it('answers a get with the relay’s response, the body as an ArrayBuffer', async () => {
    const { channel } = pool().acquire();
    const answer = channel.get('/api/v1/cameras/a/sub/index.m3u8', 4_000);
    const sent = sockets[0]!.sent[0]!;
    expect(sent).toMatchObject({ path: '/api/v1/cameras/a/sub/index.m3u8', timeoutMs: 4_000 });
    // A Node Buffer-like view over a larger buffer: only its own bytes come through.
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    sent.ack(null, { ok: true, status: 200, contentType: 'video/mp4', body: backing.subarray(1, 4) as unknown as ArrayBuffer });
    const result = await answer;
    expect(result.ok && new Uint8Array(result.body)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('settles a get that timed out or lost its connection with status 0', async () => {
    const { channel } = pool().acquire();
    const socket = sockets[0]!;
    socket.connected = true;
    const timedOut = channel.get('/api/v1/cameras/a/sub/r/1', 100);
    socket.sent[0]!.ack(new Error('operation has timed out'));
    expect(await timedOut).toEqual({ ok: false, status: 0, error: 'timeout' });
    socket.connected = false;
    const dropped = channel.get('/api/v1/cameras/a/sub/r/2', 100);
    socket.sent[1]!.ack(new Error('socket has been disconnected'));
    expect(await dropped).toEqual({ ok: false, status: 0, error: 'disconnected' });
  });

  it('connects again after the server refused or closed it, which socket.io does not retry', async () => {
    pool().acquire();
    const socket = sockets[0]!;
    socket.active = false;
    socket.handlers.get('connect_error')!(new Error('unauthorized'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.connects).toBe(2);
    socket.handlers.get('disconnect')!('io server disconnect');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(socket.connects).toBe(3);
  });
});
