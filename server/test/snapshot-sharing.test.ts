import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStateToJson, scopeState, type SyncMessage } from '@vigil/shared';
import { lastSeq } from '../src/repositories/events.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, api, login, postAlarm, startServer, USER_PASSWORD, waitFor, type TestServer } from './helpers/server.js';

type Snapshot = Extract<SyncMessage, { kind: 'snapshot' }>;

/** Connects `count` fresh screens on one login at once and returns the snapshot each got. */
async function join(server: TestServer, cookie: string, count: number): Promise<Snapshot[]> {
  const clients = Array.from({ length: count }, () => new TestClient(server, cookie));
  await Promise.all(clients.map((client) => client.connected()));
  clients.forEach((client) => client.close());
  return clients.map((client) => {
    const sync = client.syncs[0];
    if (sync?.kind !== 'snapshot') throw new Error('expected a snapshot');
    return sync;
  });
}

describe(`a snapshot serialized once per seq and scope (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: string;
  const alarmIds: string[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
    const created = await api(server, 'POST', '/api/v1/users', {
      cookie: admin,
      body: { username: 'op-site', displayName: 'op-site', role: 'operator', password: USER_PASSWORD, siteIds: ['test'] },
    });
    expect(created.status).toBe(201);
    operator = await login(server, 'op-site', USER_PASSWORD);
    for (let i = 0; i < 5; i += 1) {
      const response = await postAlarm(server, buildAlarm({ message: `storm ${i}` }));
      alarmIds.push(response.body.alarm.id as string);
    }
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('gives many screens joining at one seq the same correct snapshot from one serialization per scope', async () => {
    const broadcaster = server.app.broadcaster;
    const seq = await lastSeq(server.database.db);
    await waitFor(() => broadcaster.broadcastSeq >= seq, 'the broadcaster to catch up');
    const before = broadcaster.snapshotSerializations;

    const [admins, operators] = await Promise.all([join(server, admin, 12), join(server, operator, 6)]);

    // One serialization for the all-sites scope and one for the site-bound operator's.
    expect(broadcaster.snapshotSerializations - before).toBe(2);
    for (const snapshot of [...admins, ...operators]) expect(snapshot.seq).toBe(seq);
    for (const snapshot of admins) expect(snapshot.state).toEqual(admins[0]!.state);
    for (const snapshot of operators) expect(snapshot.state).toEqual(operators[0]!.state);
    // What the socket got is what the projection holds for that viewer, as plain JSON.
    const expected = JSON.parse(JSON.stringify(liveStateToJson(broadcaster.snapshot('live')))) as unknown;
    expect(admins[0]!.state).toEqual(expected);
    expect(Object.keys(admins[0]!.state.alarms)).toEqual(expect.arrayContaining(alarmIds));
    const viewer = { userId: 'any', role: 'operator' as const, siteIds: ['test'] };
    expect(operators[0]!.state).toEqual(JSON.parse(JSON.stringify(liveStateToJson(scopeState(viewer, broadcaster.snapshot('live'))))));
  });

  it('serializes again once the seq has moved, with the new alarm in it', async () => {
    const broadcaster = server.app.broadcaster;
    const before = broadcaster.snapshotSerializations;
    const response = await postAlarm(server, buildAlarm({ message: 'after the joins', source: { deviceId: 'test-beam-n1' } }));
    const newId = response.body.alarm.id as string;
    await waitFor(() => broadcaster.snapshot('live').alarms.has(newId), 'the new alarm in the projection');

    const later = await join(server, admin, 4);
    expect(broadcaster.snapshotSerializations - before).toBe(1);
    expect(later[0]!.seq).toBe(broadcaster.snapshot('live').seq);
    for (const snapshot of later) expect(snapshot.state.alarms[newId]).toMatchObject({ id: newId, message: 'after the joins', state: 'new' });
  });
});
