import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`alarm delivery (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('delivers one posted alarm to three connected screens', async () => {
    const clients = [0, 1, 2].map(() => new TestClient(server, cookie));
    await Promise.all(clients.map((client) => client.connected()));

    const response = await postAlarm(server, buildAlarm({ source: { deviceId: 'test-beam-n1' }, message: 'North beam cut' }));
    expect(response.status).toBe(201);
    const alarmId: string = response.body.alarm.id;

    for (const client of clients) {
      await waitFor(() => client.events.some((e) => e.type === 'alarm.raised'), 'the alarm on every client');
      const raised = client.events.find((e) => e.type === 'alarm.raised');
      expect(raised?.type === 'alarm.raised' && raised.payload.alarm).toMatchObject({
        id: alarmId,
        deviceId: 'test-beam-n1',
        zoneId: 'test-z-north',
        state: 'new',
        message: 'North beam cut',
      });
      client.close();
    }
  });

  it('gives one alarm for the same idempotency key sent twice', async () => {
    const body = buildAlarm();
    const first = await postAlarm(server, body, { 'idempotency-key': 'retry-abc-1' });
    const second = await postAlarm(server, body, { 'idempotency-key': 'retry-abc-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.alarm.id).toBe(first.body.alarm.id);
    const listed = await postAlarm(server, { ...body, message: 'other' }, { 'idempotency-key': 'retry-abc-2' });
    // A new key for the same source and kind within 30 s raises the count, not a new alarm.
    expect(listed.status).toBe(200);
    expect(listed.body.alarm).toMatchObject({ id: first.body.alarm.id, count: 2 });
  });

  it('sends a reconnecting client exactly the five alarms it missed, in order', async () => {
    const client = new TestClient(server, cookie);
    await client.connected();
    const seqBefore = client.lastSeq;
    client.close();

    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await postAlarm(server, buildAlarm({ message: `missed ${i}` }));
      expect(response.status).toBe(201);
      ids.push(response.body.alarm.id);
    }

    await client.reconnect();
    const sync = client.syncs.at(-1);
    expect(sync?.kind).toBe('events');
    await waitFor(() => client.events.length >= 5, 'the five missed alarms');
    const missed = client.events.filter((e) => e.seq > seqBefore);
    expect(missed.map((e) => e.type)).toEqual(Array(5).fill('alarm.raised'));
    expect(missed.map((e) => (e.type === 'alarm.raised' ? e.payload.alarm.id : null))).toEqual(ids);
    const seqs = missed.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    client.close();
  });

  it('gives a fresh snapshot when the client has no lastSeq or the gap is unknown', async () => {
    const fresh = new TestClient(server, cookie);
    await fresh.connected();
    const sync = fresh.syncs[0];
    expect(sync?.kind).toBe('snapshot');
    if (sync?.kind !== 'snapshot') return;
    const open = Object.values(sync.state.alarms).filter((alarm) => alarm.state === 'new');
    expect(open.length).toBeGreaterThanOrEqual(7);
    fresh.close();

    const ahead = new TestClient(server, cookie, { lastSeq: 10_000_000 });
    await ahead.connected();
    expect(ahead.syncs[0]?.kind).toBe('snapshot');
    ahead.close();
  });
});
