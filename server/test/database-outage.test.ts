import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { PROTOCOL_VERSION } from '@vigil/shared';
import { openDatabase, type DatabaseTarget, type DatabaseTimeouts } from '../src/db/client.js';
import { alarms } from '../src/db/schema/index.js';
import { buildAlarm } from './helpers/factories.js';
import { INGEST_KEY, TestClient, login, startServer, type TestServer } from './helpers/server.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

/**
 * A hung or stopped PostgreSQL (this test's own database, behind its own TCP proxy; the shared
 * server is never stopped) must give prompt 503s, never hang, and recover when it comes back.
 * Runs on PostgreSQL whatever VIGIL_TEST_DB says: PGlite is in-process and has no network to lose.
 */
const TIMEOUTS: DatabaseTimeouts = { connectMs: 1_000, statementMs: 1_500, idleInTransactionMs: 3_000 };
/** Generous bounds: the machine is shared and noisy; a hang is what these catch. */
const READY_BOUND_MS = 3_000;
const REQUEST_BOUND_MS = TIMEOUTS.statementMs + TIMEOUTS.connectMs + 2_000;

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

interface Timed {
  status: number;
  ms: number;
  retryAfter: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read by the assertions
  body: any;
}

/** A request that gives up after 15 s, so a hang fails the test instead of stalling it. */
async function timed(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Timed> {
  const started = Date.now();
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
}

const postAlarm = (server: TestServer, body: unknown, key: string) =>
  timed(server, 'POST', '/api/v1/alarms', body, { authorization: `Bearer ${INGEST_KEY}`, 'idempotency-key': key });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a frozen or stopped PostgreSQL', () => {
  const name = `vigil_outage_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let proxy: TcpProxy;
  let server: TestServer;
  let operator: TestClient;
  let warmAlarmId: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const upstream = new URL(adminUrl());
    proxy = new TcpProxy(upstream.hostname, Number(upstream.port || 5432));
    const port = await proxy.start();
    const url = new URL(adminUrl());
    url.host = `127.0.0.1:${port}`;
    url.pathname = `/${name}`;
    const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
    server = await startServer({ target, open: () => openDatabase(target, TIMEOUTS), destroy: async () => undefined });
    const cookie = await login(server);
    operator = new TestClient(server, cookie);
    await operator.connected();
    const warm = await postAlarm(server, buildAlarm(), 'warm-up-alarm');
    expect(warm.status).toBe(201);
    warmAlarmId = warm.body.alarm.id as string;
  });

  afterAll(async () => {
    operator?.close();
    await server?.close();
    await proxy?.close();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('frozen: /readyz, an alarm POST and a socket command answer promptly; after it thaws, the retried POST makes one alarm', async () => {
    // Every pool connection open and idle, as on a busy control room's server.
    const busy = await Promise.all(Array.from({ length: 14 }, (_, i) => postAlarm(server, buildAlarm(), `before-freeze-${i}`)));
    expect(busy.map((answer) => answer.status)).toEqual(busy.map(() => 201));
    // A known device: its placement is now cached, so its next alarms go straight to their transaction.
    expect((await postAlarm(server, buildAlarm({ source: { deviceId: 'test-beam-n1' }, kind: 'tamper' }), 'cache-the-device')).status).toBe(201);
    proxy.freeze();

    // More requests than the pool has connections, each failing in its transaction's `begin`: none
    // may keep its connection when it gives up, or the pool would be empty for good.
    const burst = await Promise.all(
      Array.from({ length: 14 }, (_, i) => postAlarm(server, buildAlarm({ source: { deviceId: 'test-beam-n1' }, kind: 'tamper' }), `outage-burst-${i}`)),
    );
    expect(burst.map((answer) => answer.status)).toEqual(burst.map(() => 503));
    expect(Math.max(...burst.map((answer) => answer.ms))).toBeLessThan(REQUEST_BOUND_MS * 2);

    const ready = await timed(server, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(READY_BOUND_MS);
    expect(ready.retryAfter).toBe('5');

    const body = buildAlarm({ message: 'Fire alarm while the database hangs' });
    const first = await postAlarm(server, body, 'outage-fire-1');
    expect(first.status, JSON.stringify(first.body)).toBe(503);
    expect(first.ms).toBeLessThan(REQUEST_BOUND_MS);
    expect(first.retryAfter).toBe('5');
    expect(first.body).toMatchObject({ error: 'unavailable', message: expect.stringContaining('database is not answering') });

    const started = Date.now();
    const ack = await operator.socket.timeout(15_000).emitWithAck('alarm.acknowledge', { commandId: 'ack-during-outage', alarmId: warmAlarmId });
    expect(Date.now() - started).toBeLessThan(REQUEST_BOUND_MS);
    expect(ack).toMatchObject({ ok: false, code: 'unavailable', error: expect.stringMatching(/^unavailable: /) });

    proxy.unfreeze();
    await until('/readyz to answer 200', async () => (await timed(server, 'GET', '/readyz')).status === 200);

    const retried = await postAlarm(server, body, 'outage-fire-1');
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    const again = await postAlarm(server, body, 'outage-fire-1');
    expect(again.body.alarm.id).toBe(retried.body.alarm.id);
    const rows = await server.database.db.select().from(alarms).where(eq(alarms.message, body.message));
    expect(rows).toHaveLength(1);

    // The pool has all its connections back: a burst larger than the pool goes through.
    const after = await Promise.all(Array.from({ length: 14 }, (_, i) => postAlarm(server, buildAlarm(), `after-thaw-${i}`)));
    expect(after.map((answer) => answer.status)).toEqual(after.map(() => 201));
    expect(await operator.socket.timeout(15_000).emitWithAck('alarm.acknowledge', { commandId: 'ack-after-outage', alarmId: warmAlarmId })).toMatchObject({ ok: true });
  });

  it('down: refused connections are 503 with Retry-After at once, and it works again when the database is back', async () => {
    await proxy.down();

    const ready = await timed(server, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(READY_BOUND_MS);

    const body = buildAlarm({ message: 'Intrusion while the database is down' });
    const refused = await postAlarm(server, body, 'down-intrusion-1');
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.retryAfter).toBe('5');
    expect(refused.ms).toBeLessThan(REQUEST_BOUND_MS);
    expect(refused.body.error).toBe('unavailable');

    const login = await timed(server, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'whatever-password' });
    expect(login.status).toBe(503);

    await proxy.up();
    await until('/readyz to answer 200', async () => (await timed(server, 'GET', '/readyz')).status === 200);
    const retried = await postAlarm(server, body, 'down-intrusion-1');
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(await server.database.db.select().from(alarms).where(eq(alarms.message, body.message))).toHaveLength(1);
  });

  it('a new socket during an outage is refused as unavailable, not left hanging', async () => {
    proxy.freeze();
    try {
      const cookie = 'vigil_session=some-session-token';
      const { io } = await import('socket.io-client');
      const error = await new Promise<string>((resolve, reject) => {
        const socket = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie }, auth: { protocol: PROTOCOL_VERSION } });
        const timer = setTimeout(() => reject(new Error('the handshake hung')), 15_000);
        socket.on('connect', () => reject(new Error('connected')));
        socket.on('connect_error', (err) => {
          clearTimeout(timer);
          socket.disconnect();
          resolve(err.message);
        });
      });
      expect(error).toBe('unavailable');
    } finally {
      proxy.unfreeze();
    }
  });
});
