import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, api, connectError, createUser, login, postAlarm, startServer, type TestServer } from './helpers/server.js';

describe(`authentication and roles (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('refuses every API route without a session, but answers health without one', async () => {
    for (const path of ['/api/v1/alarms', '/api/v1/sites', '/api/v1/users', '/api/v1/auth/me', '/api/v1/api-keys']) {
      const response = await api(server, 'GET', path);
      expect(response.status, path).toBe(401);
    }
    expect((await api(server, 'GET', '/healthz')).status).toBe(200);
    expect((await api(server, 'GET', '/readyz')).body).toMatchObject({ status: 'ready' });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const wrong = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope' } });
    const unknown = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'ghost', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly session cookie and ends it on logout', async () => {
    const response = await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'admin-password-for-tests' } });
    expect(response.headers.get('set-cookie')).toMatch(/vigil_session=.+HttpOnly/i);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie })).body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await api(server, 'POST', '/api/v1/auth/logout', { cookie })).status).toBe(204);
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect(await connectError(server, { cookie })).toBe('unauthorized');
  });

  it('refuses a socket with no session, a forged one, or a wrong protocol', async () => {
    expect(await connectError(server, {})).toBe('unauthorized');
    expect(await connectError(server, { cookie: 'vigil_session=forged' })).toBe('unauthorized');
    expect(await connectError(server, { auth: { protocol: PROTOCOL_VERSION, token: 'x'.repeat(500) } })).toBe('unauthorized');
    expect(await connectError(server, { cookie: admin, auth: { protocol: 999 } })).toMatch(/^protocol:/);
    expect(await connectError(server, { cookie: admin, auth: { protocol: PROTOCOL_VERSION, lastSeq: -4 } })).toMatch(/^lastSeq:/);
  });

  it('keeps operators out of admin routes and lets them handle alarms', async () => {
    const operator = await createUser(server, admin, 'op1', 'operator');
    expect((await api(server, 'GET', '/api/v1/users', { cookie: operator })).status).toBe(403);
    expect((await api(server, 'POST', '/api/v1/users', { cookie: operator, body: { username: 'x2', displayName: 'x', role: 'admin', password: 'long-enough-1' } })).status).toBe(403);
    expect((await api(server, 'POST', '/api/v1/api-keys', { cookie: operator, body: { name: 'mine' } })).status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/alarms', { cookie: operator })).status).toBe(200);

    const alarmId = (await postAlarm(server, buildAlarm())).body.alarm.id as string;
    const client = new TestClient(server, operator);
    await client.connected();
    expect(await client.socket.emitWithAck('alarm.acknowledge', { commandId: 'op-ack-0001', alarmId })).toMatchObject({ ok: true });
    client.close();
  });

  it('lets a wall screen watch but not handle alarms', async () => {
    const wall = await createUser(server, admin, 'wall1', 'wall');
    const alarmId = (await postAlarm(server, buildAlarm())).body.alarm.id as string;
    const client = new TestClient(server, wall);
    await client.connected();
    const answer = await client.socket.emitWithAck('alarm.acknowledge', { commandId: 'wall-ack-001', alarmId });
    expect(answer).toMatchObject({ ok: false, error: 'forbidden: the wall role may not alarm.acknowledge', code: 'forbidden' });
    const alarms = await api(server, 'GET', '/api/v1/alarms?state=new', { cookie: wall });
    expect(alarms.body.alarms.map((alarm: { id: string }) => alarm.id)).toContain(alarmId);
    client.close();
  });

  it('lets an admin create ingest keys that work, and validates new users', async () => {
    const created = await api(server, 'POST', '/api/v1/api-keys', { cookie: admin, body: { name: 'fire panel gateway' } });
    expect(created.status).toBe(201);
    const key = created.body.apiKey.key as string;
    const posted = await postAlarm(server, buildAlarm(), { authorization: `Bearer ${key}` });
    expect(posted.status).toBe(201);
    const listed = await api(server, 'GET', '/api/v1/api-keys', { cookie: admin });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const bad = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username: 'Bad Name', displayName: '', role: 'king', password: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/username: .*; displayName: .*; role: .*; password: /);
    const taken = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { username: 'op1', displayName: 'again', role: 'operator', password: 'long-enough-1' } });
    expect(taken.status).toBe(409);
  });
});
