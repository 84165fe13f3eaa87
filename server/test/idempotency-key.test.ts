import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { api, login, postAlarm, startServer, type TestServer } from './helpers/server.js';

describe(`Idempotency-Key on POST /api/v1/alarms (${testDbKind})`, () => {
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

  const openAlarms = async () => (await api(server, 'GET', '/api/v1/alarms?state=open', { cookie })).body.alarms as { id: string; count: number }[];

  it('answers 409 naming the key when it comes again with another body, and changes nothing', async () => {
    const body = buildAlarm({ source: { deviceId: 'test-beam-n1' }, message: 'North beam cut' });
    const first = await postAlarm(server, body, { 'idempotency-key': 'panel-7-event-1001' });
    expect(first.status).toBe(201);
    const before = await openAlarms();

    for (const other of [{ ...body, message: 'North beam cut twice' }, { ...body, priority: 3 }, { ...body, kind: 'vibration' as const }]) {
      const reused = await postAlarm(server, other, { 'idempotency-key': 'panel-7-event-1001' });
      expect(reused.status).toBe(409);
      expect(reused.body.error).toBe('idempotency_conflict');
      expect(reused.body.message).toMatch(/^idempotency-key: "panel-7-event-1001" was already used for a different request body/);
    }
    expect(await openAlarms()).toEqual(before);

    // The same body again, even with its fields in another order, gets the stored answer.
    const { message, ...rest } = body;
    const again = await postAlarm(server, { message, ...rest }, { 'idempotency-key': 'panel-7-event-1001' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await openAlarms()).toEqual(before);
  });

  it('gives one alarm for the same key and body sent three times at once', async () => {
    const body = buildAlarm({ source: { externalId: 'panel-9:zone-3' }, siteId: 'test', kind: 'fire', message: 'Smoke on 3' });
    const answers = await Promise.all([0, 1, 2].map(() => postAlarm(server, body, { 'idempotency-key': 'panel-9-event-77' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.alarm.id)).size).toBe(1);
  });
});
