import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsFrame } from '@vigil/shared';
import { routeFrame } from '../src/realtime/event-routing.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildLargestAlarm } from './helpers/factories.js';
import { TestClient, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

/** The TCP socket under a socket.io-client WebSocket: pausing it is a client that stops reading. */
function tcpOf(client: TestClient): { pause(): void; resume(): void } {
  const engine = client.socket.io.engine as unknown as { transport: { ws: { _socket: { pause(): void; resume(): void } } } };
  return engine.transport.ws._socket;
}

describe(`a socket that stops reading (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { backlogLimits: { softBytes: 128 * 1024, hardBytes: 512 * 1024, hardPackets: 500 } });
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('is cut off past its limit while a reading screen gets every alarm in order, and resumes from its lastSeq', async () => {
    const reader = new TestClient(server, cookie);
    const slow = new TestClient(server, cookie);
    await Promise.all([reader.connected(), slow.connected()]);
    const slowId = slow.socket.id!;
    const serverSide = () => server.app.io.of('/').sockets.get(slowId);
    expect(serverSide()).toBeDefined();
    tcpOf(slow).pause();

    // Positions frames are volatile: a backed-up socket is skipped, not queued.
    const posted: string[] = [];
    let framesChecked = false;
    while (serverSide() && posted.length < 500) {
      const response = await postAlarm(server, buildLargestAlarm());
      expect(response.status).toBe(201);
      posted.push(response.body.alarm.id);
      const socket = serverSide();
      if (socket && !framesChecked && server.app.backlog.backlog(socket).packets > 5) {
        const before = server.app.backlog.backlog(socket).packets;
        const frame: PositionsFrame = { siteId: 'test', full: false, fixes: [] };
        for (let i = 0; i < 50; i += 1) routeFrame(server.app.io, frame);
        expect(server.app.backlog.backlog(socket).packets).toBe(before);
        framesChecked = true;
      }
    }
    expect(framesChecked).toBe(true);
    expect(serverSide()).toBeUndefined();
    // Cut at its bound (512 KB queued, plus one batch and what the kernel holds: ~150 alarms of 30 KB),
    // long before the heartbeat (20 s) would have noticed it.
    expect(posted.length).toBeLessThan(500);

    await waitFor(() => reader.events.filter((e) => e.type === 'alarm.raised').length === posted.length, 'every alarm on the reading screen');
    const raisedIds = (client: TestClient) => client.events.flatMap((e) => (e.type === 'alarm.raised' ? [e.payload.alarm.id] : []));
    expect(raisedIds(reader)).toEqual(posted);
    expect(reader.socket.connected).toBe(true);

    // The slow client reads again, finds its connection closed, and reconnects with its lastSeq.
    tcpOf(slow).resume();
    await waitFor(() => !slow.socket.connected, 'the slow client to notice the closed connection');
    const seen = slow.lastSeq;
    expect(seen).toBeLessThan(reader.lastSeq);
    await slow.reconnect();
    expect(slow.syncs.at(-1)?.kind).toBe('events');
    await waitFor(() => slow.lastSeq === reader.lastSeq, 'the missed alarms after the reconnect');
    expect(raisedIds(slow)).toEqual(posted);
    reader.close();
    slow.close();
  }, 120_000);
});
