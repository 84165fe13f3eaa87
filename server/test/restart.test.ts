import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`a restart on the same database (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer | undefined;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('keeps open alarms, their states and the event log, and resumes clients from lastSeq', async () => {
    server = await startServer(handle);
    let cookie = await login(server);
    const client = new TestClient(server, cookie);
    await client.connected();

    const a = (await postAlarm(server, buildAlarm({ message: 'stays new' }))).body.alarm.id as string;
    const b = (await postAlarm(server, buildAlarm({ message: 'gets acknowledged' }))).body.alarm.id as string;
    const c = (await postAlarm(server, buildAlarm({ message: 'goes on hold' }))).body.alarm.id as string;
    const d = (await postAlarm(server, buildAlarm({ message: 'gets resolved' }))).body.alarm.id as string;
    const ack = (alarmId: string, n: number) =>
      client.socket.emitWithAck('alarm.acknowledge', { commandId: `restart-ack-${n}`, alarmId });
    expect(await ack(b, 1)).toMatchObject({ ok: true });
    expect(await ack(c, 2)).toMatchObject({ ok: true });
    expect(await ack(d, 3)).toMatchObject({ ok: true });
    expect(await client.socket.emitWithAck('alarm.hold', { commandId: 'restart-hold-1', alarmId: c, note: 'waiting for the guard' })).toMatchObject({ ok: true });
    const resolvedAnswer = await client.socket.emitWithAck('alarm.resolve', { commandId: 'restart-res-1', alarmId: d, disposition: 'false', note: 'cat' });
    expect(resolvedAnswer).toMatchObject({ ok: true });
    await waitFor(() => resolvedAnswer.ok && client.lastSeq >= resolvedAnswer.seq, 'the resolution');
    const lastSeqBefore = { seq: client.lastSeq };
    client.close();

    const port = Number(new URL(server.url).port);
    await server.close();
    server = await startServer(handle, { port });
    cookie = await login(server);

    const open = await api(server, 'GET', '/api/v1/alarms?state=open', { cookie });
    const byId = new Map<string, { state: string; note: string | null; owner: unknown }>(
      open.body.alarms.map((alarm: { id: string; state: string; note: string | null; owner: unknown }) => [alarm.id, alarm]),
    );
    expect(byId.get(a)?.state).toBe('new');
    expect(byId.get(b)?.state).toBe('acknowledged');
    expect(byId.get(b)?.owner).toMatchObject({ name: 'Administrator' });
    expect(byId.get(c)).toMatchObject({ state: 'on_hold', note: 'waiting for the guard' });
    expect(byId.has(d)).toBe(false);
    const resolved = await api(server, 'GET', '/api/v1/alarms?state=resolved', { cookie });
    expect(resolved.body.alarms).toEqual([expect.objectContaining({ id: d, disposition: 'false', note: 'cat' })]);

    // A command retried across the restart is recognised: the same seq, nothing new.
    const retry = new TestClient(server, cookie, { lastSeq: lastSeqBefore.seq });
    await retry.connected();
    expect(await retry.socket.emitWithAck('alarm.acknowledge', { commandId: 'restart-ack-1', alarmId: b })).toEqual({ ok: true, seq: expect.any(Number) });
    retry.close();
    // A screen that was up to date before the restart misses nothing and gets nothing twice.
    const again = new TestClient(server, cookie, { lastSeq: lastSeqBefore.seq });
    await again.connected();
    expect(again.syncs[0]).toEqual({ kind: 'events', stream: 'live', events: [], serverTime: expect.any(String) });
    const e = (await postAlarm(server, buildAlarm({ message: 'after restart' }))).body.alarm.id as string;
    await expect.poll(() => again.events.map((event) => event.type === 'alarm.raised' && event.payload.alarm.id)).toContain(e);
    expect(again.events[0]!.seq).toBeGreaterThan(lastSeqBefore.seq);
    again.close();
  });
});
