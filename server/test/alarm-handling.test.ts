import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`handling an alarm (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let now = new Date('2026-11-23T03:00:00Z');
  let operator: TestClient;
  let watcher: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock: () => now });
    const cookie = await login(server);
    operator = new TestClient(server, cookie);
    watcher = new TestClient(server, cookie);
    await Promise.all([operator.connected(), watcher.connected()]);
  });
  afterAll(async () => {
    operator?.close();
    watcher?.close();
    await server?.close();
    await handle?.destroy();
  });

  function alarmSeenBy(client: TestClient, id: string): Partial<Alarm> {
    let alarm: Partial<Alarm> = {};
    for (const event of client.events) {
      if (event.type === 'alarm.raised' && event.payload.alarm.id === id) alarm = { ...event.payload.alarm };
      else if ('alarmId' in event.payload && event.payload.alarmId === id) alarm = { ...alarm, lastEvent: event.type } as Partial<Alarm>;
    }
    return alarm;
  }

  it('walks new → acknowledged → on hold → acknowledged → resolved, seen by every screen', async () => {
    const id = (await postAlarm(server, buildAlarm({ occurredAt: undefined }))).body.alarm.id as string;
    const steps: [string, Record<string, unknown>, string][] = [
      ['alarm.acknowledge', {}, 'alarm.acknowledged'],
      ['alarm.hold', { note: 'guard on the way' }, 'alarm.held'],
      ['alarm.resume', {}, 'alarm.resumed'],
      ['alarm.resolve', { disposition: 'confirmed', note: 'door closed by guard' }, 'alarm.resolved'],
    ];
    for (const [n, [command, extra, eventType]] of steps.entries()) {
      const answer = await operator.socket.emitWithAck(command as 'alarm.acknowledge', { commandId: `walk-${n}-abcdef`, alarmId: id, ...extra });
      expect(answer, command).toMatchObject({ ok: true });
      await waitFor(() => (alarmSeenBy(watcher, id) as { lastEvent?: string }).lastEvent === eventType, eventType);
    }
    const resolved = watcher.events.find((event) => event.type === 'alarm.resolved');
    expect(resolved).toMatchObject({
      actor: { kind: 'user', name: 'Administrator' },
      payload: { alarmId: id, disposition: 'confirmed', note: 'door closed by guard' },
    });
  });

  it('refuses transitions the state machine does not allow, and changes nothing', async () => {
    const posted = await postAlarm(server, buildAlarm({ occurredAt: undefined }));
    const id = posted.body.alarm.id as string;
    await waitFor(() => operator.lastSeq >= posted.body.seq, 'the raised alarm');
    const before = operator.lastSeq;
    expect(await operator.socket.emitWithAck('alarm.resolve', { commandId: 'early-resolve-1', alarmId: id, disposition: 'false' })).toEqual({
      ok: false,
      error: 'state: cannot resolve an alarm that is new (allowed from acknowledged or on_hold)',
      code: 'invalid_state',
      params: { command: 'resolve', state: 'new' },
    });
    expect(await operator.socket.emitWithAck('alarm.resume', { commandId: 'early-resume-1', alarmId: id })).toMatchObject({ ok: false });
    expect(await operator.socket.emitWithAck('alarm.acknowledge', { commandId: 'ack-unknown-1', alarmId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('alarmId: no alarm'),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(operator.lastSeq).toBe(before);
  });

  it('answers malformed commands through the ack, naming the field', async () => {
    const socket = operator.socket as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    expect(await socket.emitWithAck('alarm.acknowledge', 'not an object')).toMatchObject({ ok: false, error: expect.stringContaining('body') });
    expect(await socket.emitWithAck('alarm.acknowledge', { commandId: 'short', alarmId: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/commandId: .*; alarmId: must be a UUID/),
    });
    expect(await socket.emitWithAck('alarm.resolve', { commandId: 'resolve-bad-1', alarmId: '00000000-0000-4000-8000-000000000000', disposition: 'meh' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('disposition: must be one of'),
    });
    // No ack callback at all must not hurt the server.
    operator.socket.emit('alarm.acknowledge', { commandId: 'no-ack-00001', alarmId: '00000000-0000-4000-8000-000000000000' }, undefined as never);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('carries out a command once however often its id is sent', async () => {
    const id = (await postAlarm(server, buildAlarm({ occurredAt: undefined }))).body.alarm.id as string;
    const first = await operator.socket.emitWithAck('alarm.acknowledge', { commandId: 'same-id-12345', alarmId: id });
    const retry = await operator.socket.emitWithAck('alarm.acknowledge', { commandId: 'same-id-12345', alarmId: id });
    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
    await waitFor(() => watcher.lastSeq >= (first as { seq: number }).seq, 'the acknowledgement');
    expect(watcher.events.filter((e) => e.type === 'alarm.acknowledged' && e.payload.alarmId === id)).toHaveLength(1);
    expect(await operator.socket.emitWithAck('alarm.hold', { commandId: 'same-id-12345', alarmId: id })).toMatchObject({
      ok: false,
      error: 'commandId: already used for another command',
    });
  });

  it('raises the count for repeats from the same source and kind within 30 s, and a new alarm after', async () => {
    const source = { deviceId: 'test-door-b1' };
    const first = await postAlarm(server, buildAlarm({ source, kind: 'door_held', occurredAt: undefined }));
    expect(first.status).toBe(201);
    now = new Date(now.getTime() + 20_000);
    const repeat = await postAlarm(server, buildAlarm({ source, kind: 'door_held', occurredAt: undefined, priority: 1 }));
    expect(repeat.status).toBe(200);
    expect(repeat.body.alarm).toMatchObject({ id: first.body.alarm.id, count: 2, priority: 1 });
    const otherKind = await postAlarm(server, buildAlarm({ source, kind: 'door_forced', occurredAt: undefined }));
    expect(otherKind.status).toBe(201);
    // The window slides from the last repeat: 29 s later still merges, 31 s after that does not.
    now = new Date(now.getTime() + 29_000);
    expect((await postAlarm(server, buildAlarm({ source, kind: 'door_held', occurredAt: undefined }))).body.alarm.count).toBe(3);
    now = new Date(now.getTime() + 31_000);
    const fresh = await postAlarm(server, buildAlarm({ source, kind: 'door_held', occurredAt: undefined }));
    expect(fresh.status).toBe(201);
    expect(fresh.body.alarm.id).not.toBe(first.body.alarm.id);
    await waitFor(() => watcher.events.some((e) => e.type === 'alarm.repeated' && e.payload.count === 3), 'the repeat count on screens');
  });
});
