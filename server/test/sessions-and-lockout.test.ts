import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { TestClient, USER_PASSWORD, api, connectError, createUser, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';
import { videoConnected, videoSocket } from './helpers/video.js';
import { events, loginThrottles, users } from '../src/db/schema/index.js';
import { hashPassword, SCRYPT_PARAMS } from '../src/lib/passwords.js';
import { ADDRESS_CAPACITY, ADDRESS_REFILL_MS } from '../src/services/auth/login-throttle.js';
import { takeAddressToken } from '../src/repositories/login-throttles.repository.js';

/** Every login runs scrypt at 128 MiB; on a busy two-core machine that is a second or more each. */
const SLOW = 120_000;

/** A request from another client address (the app trusts X-Forwarded-For from its proxy). */
const from = (address: string) => ({ 'x-forwarded-for': address });

async function loginFrom(server: TestServer, address: string, username: string, password: string) {
  return api(server, 'POST', '/api/v1/auth/login', { body: { username, password }, headers: from(address) });
}

async function userId(server: TestServer, admin: string, username: string): Promise<string> {
  const list = await api(server, 'GET', '/api/v1/users', { cookie: admin });
  const user = (list.body.users as { id: string; username: string }[]).find((row) => row.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

/** Resolves when the socket is disconnected, with the reason. */
function disconnected(socket: { once(event: 'disconnect', listener: (reason: string) => void): unknown; connected: boolean }): Promise<string> {
  return new Promise((resolve) => {
    if (!socket.connected) resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });
}

describe(`sessions end their sockets (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { trustProxy: '127.0.0.1' });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  }, SLOW);

  it('ends the sockets of the session that logs out, on both namespaces, and no other', async () => {
    const first = await createUser(server, admin, 'op-logout', 'operator');
    const second = await login(server, 'op-logout', USER_PASSWORD);
    const leaving = new TestClient(server, first);
    const staying = new TestClient(server, second);
    const video = videoSocket(server, first);
    await Promise.all([leaving.connected(), staying.connected(), videoConnected(video)]);
    const leavingDown = disconnected(leaving.socket);
    const videoDown = disconnected(video);

    expect((await api(server, 'POST', '/api/v1/auth/logout', { cookie: first })).status).toBe(204);
    expect(await leavingDown).toBe('io server disconnect');
    expect(await videoDown).toBe('io server disconnect');

    const alarmId = (await postAlarm(server, buildAlarm())).body.alarm.id as string;
    await waitFor(() => staying.events.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === alarmId), 'the alarm on the other session');
    expect(leaving.events.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === alarmId)).toBe(false);
    expect(staying.socket.connected).toBe(true);
    expect(await connectError(server, { cookie: first })).toBe('unauthorized');
    staying.close();
    video.disconnect();
  }, SLOW);

  it('ends every socket of a user an admin disables, and refuses their login until enabled', async () => {
    const cookie = await createUser(server, admin, 'op-disabled', 'operator');
    const id = await userId(server, admin, 'op-disabled');
    const client = new TestClient(server, cookie);
    const video = videoSocket(server, cookie);
    await Promise.all([client.connected(), videoConnected(video)]);
    const down = Promise.all([disconnected(client.socket), disconnected(video)]);

    const answer = await api(server, 'POST', `/api/v1/users/${id}/disable`, { cookie: admin });
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ username: 'op-disabled', disabled: true });
    expect(await down).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await connectError(server, { cookie })).toBe('unauthorized');
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect((await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'op-disabled', password: USER_PASSWORD } })).status).toBe(401);

    expect((await api(server, 'POST', `/api/v1/users/${id}/enable`, { cookie: admin })).body.user.disabled).toBe(false);
    expect(await login(server, 'op-disabled', USER_PASSWORD)).toMatch(/^vigil_session=/);
    video.disconnect();
  }, SLOW);

  it('will not let an admin disable their own account', async () => {
    const id = await userId(server, admin, 'admin');
    const answer = await api(server, 'POST', `/api/v1/users/${id}/disable`, { cookie: admin });
    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe('userId: you cannot disable your own account');
  }, SLOW);

  it('ends a user’s sockets when an admin resets the password; the new one works, the old does not', async () => {
    const cookie = await createUser(server, admin, 'op-reset', 'operator');
    const id = await userId(server, admin, 'op-reset');
    const client = new TestClient(server, cookie);
    await client.connected();
    const down = disconnected(client.socket);

    const weak = await api(server, 'POST', `/api/v1/users/${id}/password`, { cookie: admin, body: { password: '1234567890' } });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^password: too easy to guess \(.+\)$/);
    expect(client.socket.connected).toBe(true);

    expect((await api(server, 'POST', `/api/v1/users/${id}/password`, { cookie: admin, body: { password: 'amber-quarry-midnight-77' } })).status).toBe(200);
    expect(await down).toBe('io server disconnect');
    expect((await api(server, 'POST', '/api/v1/auth/login', { body: { username: 'op-reset', password: USER_PASSWORD } })).status).toBe(401);
    expect(await login(server, 'op-reset', 'amber-quarry-midnight-77')).toMatch(/^vigil_session=/);
  }, SLOW);

  it('lets any user change their own password with the current one; their other sessions end', async () => {
    const here = await createUser(server, admin, 'guard-change', 'guard');
    const elsewhere = await login(server, 'guard-change', USER_PASSWORD);
    const other = new TestClient(server, elsewhere);
    const mine = new TestClient(server, here);
    await Promise.all([other.connected(), mine.connected()]);
    const down = disconnected(other.socket);

    const wrong = await api(server, 'POST', '/api/v1/auth/password', { cookie: here, body: { currentPassword: 'not-it', newPassword: 'amber-quarry-midnight-77' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('currentPassword: is wrong');
    const weak = await api(server, 'POST', '/api/v1/auth/password', { cookie: here, body: { currentPassword: USER_PASSWORD, newPassword: 'guard-change-2024' } });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toBe('newPassword: must not contain the username');
    const missing = await api(server, 'POST', '/api/v1/auth/password', { cookie: here, body: { currentPassword: USER_PASSWORD } });
    expect(missing.body.message).toMatch(/^newPassword: /);

    expect((await api(server, 'POST', '/api/v1/auth/password', { cookie: here, body: { currentPassword: USER_PASSWORD, newPassword: 'copper-willow-thunder-19' } })).status).toBe(204);
    expect(await down).toBe('io server disconnect');
    expect(mine.socket.connected).toBe(true);
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie: here })).status).toBe(200);
    expect(await login(server, 'guard-change', 'copper-willow-thunder-19')).toMatch(/^vigil_session=/);
    mine.close();
  }, SLOW);

  it('lists a user’s sessions with address and user agent, and revoking one ends its socket', async () => {
    await createUser(server, admin, 'op-sessions', 'operator');
    const id = await userId(server, admin, 'op-sessions');
    const response = await api(server, 'POST', '/api/v1/auth/login', {
      body: { username: 'op-sessions', password: USER_PASSWORD },
      headers: { ...from('198.51.100.23'), 'user-agent': 'ControlRoomPC/1.0' },
    });
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const client = new TestClient(server, cookie);
    await client.connected();

    const list = await api(server, 'GET', `/api/v1/users/${id}/sessions`, { cookie: admin });
    expect(list.status).toBe(200);
    const session = (list.body.sessions as { id: string; address: string; userAgent: string; createdAt: string; lastSeenAt: string }[]).find(
      (row) => row.address === '198.51.100.23',
    );
    expect(session).toMatchObject({ userAgent: 'ControlRoomPC/1.0', current: false });
    expect(Date.parse(session!.createdAt)).not.toBeNaN();
    expect(Date.parse(session!.lastSeenAt)).not.toBeNaN();
    const users = await api(server, 'GET', '/api/v1/users', { cookie: admin });
    expect(users.body.users.find((row: { username: string }) => row.username === 'op-sessions').lastLoginAt).not.toBeNull();

    const down = disconnected(client.socket);
    expect((await api(server, 'DELETE', `/api/v1/users/${id}/sessions/${session!.id}`, { cookie: admin })).status).toBe(204);
    expect(await down).toBe('io server disconnect');
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    const again = await api(server, 'DELETE', `/api/v1/users/${id}/sessions/${session!.id}`, { cookie: admin });
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/^sessionId: /);
  }, SLOW);

  it('refuses bad ids naming the field, and keeps non-admins out', async () => {
    const bad = await api(server, 'POST', '/api/v1/users/not-a-uuid/disable', { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('userId: must be a UUID');
    const badSession = await api(server, 'DELETE', `/api/v1/users/${await userId(server, admin, 'admin')}/sessions/xyz`, { cookie: admin });
    expect(badSession.body.message).toBe('sessionId: must be a session id');
    const unknown = await api(server, 'POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/password', { cookie: admin, body: { password: 'amber-quarry-midnight-77' } });
    expect(unknown.status).toBe(404);
    const badKey = await api(server, 'DELETE', '/api/v1/api-keys/42', { cookie: admin });
    expect(badKey.body.message).toBe('apiKeyId: must be a UUID');

    const operator = await createUser(server, admin, 'op-nosy', 'operator');
    const adminId = await userId(server, admin, 'admin');
    for (const [method, path] of [
      ['POST', `/api/v1/users/${adminId}/disable`],
      ['POST', `/api/v1/users/${adminId}/password`],
      ['GET', `/api/v1/users/${adminId}/sessions`],
      ['GET', '/api/v1/api-keys'],
    ] as const) {
      const body = method === 'POST' ? { password: 'amber-quarry-midnight-77' } : undefined;
      expect((await api(server, method, path, { cookie: operator, body })).status, path).toBe(403);
    }
  }, SLOW);

  it('answers 401 to an API key from the moment it is revoked', async () => {
    const created = await api(server, 'POST', '/api/v1/api-keys', { cookie: admin, body: { name: 'panel 3' } });
    expect(created.status).toBe(201);
    const { id, key } = created.body.apiKey as { id: string; key: string };
    const bearer = { authorization: `Bearer ${key}` };
    expect((await api(server, 'POST', '/api/v1/alarms', { body: buildAlarm(), headers: bearer })).status).toBe(201);

    const revoked = await api(server, 'DELETE', `/api/v1/api-keys/${id}`, { cookie: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).not.toBeNull();
    expect((await api(server, 'POST', '/api/v1/alarms', { body: buildAlarm(), headers: bearer })).status).toBe(401);
    const listed = await api(server, 'GET', '/api/v1/api-keys', { cookie: admin });
    expect(listed.body.apiKeys.find((row: { id: string }) => row.id === id).revokedAt).toBe(revoked.body.apiKey.revokedAt);
  }, SLOW);
});

describe(`password rule, KDF cost and rehash (${testDbKind})`, () => {
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
  }, SLOW);

  it('refuses weak passwords naming the field, and ones containing the username', async () => {
    const body = { username: 'nightwatch', displayName: 'Night watch', role: 'operator' };
    const easy = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { ...body, password: '1234567890' } });
    expect(easy.status).toBe(400);
    expect(easy.body.message).toMatch(/^password: too easy to guess \(.+\)$/);
    const named = await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { ...body, password: 'nightwatch-violet-88' } });
    expect(named.body.message).toBe('password: must not contain the username');
    const listed = await api(server, 'GET', '/api/v1/users', { cookie: admin });
    expect(listed.body.users.map((row: { username: string }) => row.username)).not.toContain('nightwatch');
    expect((await api(server, 'POST', '/api/v1/users', { cookie: admin, body: { ...body, password: USER_PASSWORD } })).status).toBe(201);
  }, SLOW);

  it('stores new hashes at the configured cost and rehashes one made at another on login', async () => {
    await createUser(server, admin, 'op-old-hash', 'operator');
    const [created] = await server.database.db.select().from(users).where(eq(users.username, 'op-old-hash'));
    const today = new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$`);
    expect(created!.passwordHash).toMatch(today);

    const old = await hashPassword(USER_PASSWORD, 'test', { N: 2 ** 11, r: 8, p: 1 });
    await server.database.db.update(users).set({ passwordHash: old }).where(eq(users.username, 'op-old-hash'));
    await login(server, 'op-old-hash', USER_PASSWORD);
    const [rehashed] = await server.database.db.select().from(users).where(eq(users.username, 'op-old-hash'));
    expect(rehashed!.passwordHash).toMatch(today);
    expect(rehashed!.passwordHash).not.toBe(old);
    await login(server, 'op-old-hash', USER_PASSWORD);
  }, SLOW);
});

describe(`login throttles (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    // As behind a proxy on the same machine (TRUST_PROXY=127.0.0.1): its X-Forwarded-For is the address.
    server = await startServer(handle, { trustProxy: '127.0.0.1' });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  }, SLOW);

  it('locks an account after 5 failures (429 with Retry-After), audits it once, and leaves other accounts alone', async () => {
    await createUser(server, admin, 'op-target', 'operator');
    await createUser(server, admin, 'op-bystander', 'operator');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await loginFrom(server, '192.0.2.10', 'op-target', 'wrong-password-guess')).status, `attempt ${attempt}`).toBe(401);
    }
    const refused = await loginFrom(server, '192.0.2.11', 'op-target', USER_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^username: this account is locked/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(50);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    const audit = await server.database.db.select().from(events).where(and(eq(events.type, 'auth.lockedOut'), eq(events.stream, 'audit')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).toMatchObject({ username: 'op-target', address: '192.0.2.10', failures: 5, lockout: 1 });

    expect((await loginFrom(server, '192.0.2.10', 'op-bystander', USER_PASSWORD)).status).toBe(200);
  }, SLOW);

  it('counts parallel wrong logins before the KDF: at most 5 of 30 are checked, one lockout', async () => {
    await createUser(server, admin, 'op-parallel', 'operator');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => loginFrom(server, `192.0.2.${100 + index}`, 'op-parallel', 'wrong-password-guess')),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    expect(answers.every((answer) => answer.status !== 429 || Number(answer.headers.get('retry-after')) >= 1)).toBe(true);
    const audit = await server.database.db.select().from(events).where(eq(events.type, 'auth.lockedOut'));
    expect(audit.filter((row) => (row.payload as { username: string }).username === 'op-parallel')).toHaveLength(1);
  }, SLOW);

  it('limits an address (a token bucket) without holding back a real user elsewhere', async () => {
    await createUser(server, admin, 'op-real', 'operator');
    const flood = Promise.all(
      Array.from({ length: 30 }, (_, index) => loginFrom(server, '203.0.113.66', `nobody-${index}`, 'wrong-password-guess')),
    );
    const real = await loginFrom(server, '198.51.100.5', 'op-real', USER_PASSWORD);
    expect(real.status).toBe(200);
    const statuses = (await flood).map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(ADDRESS_CAPACITY);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - ADDRESS_CAPACITY);
    const next = await loginFrom(server, '203.0.113.66', 'op-real', USER_PASSWORD);
    expect(next.status).toBe(429);
    expect(next.body.message).toBe('too many login attempts from this address; try again later');
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  }, SLOW);

  it('lets an address use its whole capacity when overlapping attempts reach the bucket out of order', async () => {
    const key = 'address:192.0.2.250';
    const start = new Date('2026-12-03T03:00:00.000Z');
    // Each attempt reads its clock before the database: a later one can be written first.
    const order = [5, 1, 9, 0, 7, 3, 8, 2, 6, 4].map((ms) => new Date(start.getTime() + ms));
    const tokens: number[] = [];
    for (const now of order) tokens.push((await takeAddressToken(server.database.db, key, now, ADDRESS_CAPACITY, ADDRESS_REFILL_MS)).tokens);
    expect(tokens.every((left) => left >= 0)).toBe(true);
    expect((await takeAddressToken(server.database.db, key, start, ADDRESS_CAPACITY, ADDRESS_REFILL_MS)).tokens).toBeLessThan(0);
  });

  it('believes no X-Forwarded-For unless told to: a client cannot pick a fresh address per attempt', async () => {
    const directHandle = await createTestDatabase();
    const direct = await startServer(directHandle);
    try {
      const statuses: number[] = [];
      for (let index = 0; index < ADDRESS_CAPACITY + 2; index += 1) {
        statuses.push((await loginFrom(direct, `198.18.0.${index + 1}`, `spoofer-${index}`, 'wrong-password-guess')).status);
      }
      expect(statuses.slice(0, ADDRESS_CAPACITY).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(ADDRESS_CAPACITY)).toEqual([429, 429]);
    } finally {
      await direct.close();
      await directHandle.destroy();
    }
  }, SLOW);
});

describe(`an expired session ends its sockets (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let offset = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { clock: () => new Date(Date.now() + offset), trustProxy: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  }, SLOW);

  it('disconnects the socket at the session’s expiry, and the reconnect is refused', async () => {
    const cookie = await login(server);
    // An admin's session lasts 12 hours: move the server's clock to 2 s before its end.
    offset = 12 * 3_600_000 - 2_000;
    const client = new TestClient(server, cookie);
    const video = videoSocket(server, cookie);
    await Promise.all([client.connected(), videoConnected(video)]);
    const down = await Promise.all([disconnected(client.socket), disconnected(video)]);
    expect(down).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await connectError(server, { cookie })).toBe('unauthorized');
  }, SLOW);

  it('prunes throttle rows idle for a day, so they stay bounded', async () => {
    await loginFrom(server, '192.0.2.200', 'someone-old', 'wrong-password-guess');
    const keys = async () => (await server.database.db.select({ key: loginThrottles.key }).from(loginThrottles)).map((row) => row.key);
    expect(await keys()).toEqual(expect.arrayContaining(['account:someone-old', 'address:192.0.2.200']));
    offset += 2 * 24 * 3_600_000;
    await loginFrom(server, '192.0.2.201', 'someone-new', 'wrong-password-guess');
    expect((await keys()).sort()).toEqual(['account:someone-new', 'address:192.0.2.201']);
  }, SLOW);
});
