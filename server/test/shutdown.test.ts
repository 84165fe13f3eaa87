import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@vigil/shared';
import { openDatabase } from '../src/db/client.js';
import { alarms } from '../src/db/schema/index.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { PROCESS_KEY, loginTo, processTarget, startVigil, type VigilProcess } from './helpers/process.js';
import { addGuard } from './helpers/positions.js';
import { login, startServer, type TestServer } from './helpers/server.js';
import { demoSite } from '../src/sim/demo-site.js';

const GUARDS = ['demo-guard-a1', 'demo-guard-a2', 'demo-guard-b1'];

/** PostgreSQL's pg_control: `state` (DBState) follows the system identifier and two versions; 1 = shut down cleanly. */
function controlFileState(pgliteDir: string): number {
  return readFileSync(join(pgliteDir, 'global', 'pg_control')).readInt32LE(16);
}

describe(`SIGTERM while alarms and fixes are posted (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let vigil: VigilProcess | undefined;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    vigil?.child.kill('SIGKILL');
    await handle?.destroy();
  });

  it('answers or refuses every request, stores everything answered 2xx, tells sockets to reconnect and exits 0', { timeout: 180_000 }, async () => {
    const database = handle.target.kind === 'postgres' ? { url: handle.target.url } : { dataDir: handle.target.dataDir! };
    vigil = await startVigil(database);
    const base = vigil.url;
    const cookie = await loginTo(base);
    const socket = connectSocket(base, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      auth: { protocol: PROTOCOL_VERSION, lastSeq: 0 },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('sync', () => resolve());
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    const acknowledged: string[] = [];
    const fixes: { guardId: string; at: number }[] = [];
    const statuses = new Map<number, number>();
    let sending = true;
    let sent = 0;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    // Four alarm senders and one tracker per guard, each keep-alive, until the process is gone.
    const alarmSender = async (lane: number) => {
      for (let i = 0; sending && sent < 400; i += 1) {
        sent += 1;
        try {
          const response = await fetch(`${base}/api/v1/alarms`, {
            method: 'POST',
            headers: { authorization: `Bearer ${PROCESS_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify(buildAlarm({ source: { externalId: `term-${lane}-${i}` }, siteId: 'demo', message: `alarm ${lane}/${i}` })),
          });
          count(response.status);
          const body = (await response.json()) as { alarm?: { id: string } };
          if (response.status === 201) acknowledged.push(body.alarm!.id);
        } catch {
          count(0);
          if (!sending) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const start = Date.now() - 60_000;
    const tracker = async (guardId: string) => {
      for (let i = 0; sending && i < 2_000; i += 1) {
        const at = start + i * 10;
        try {
          const response = await fetch(`${base}/osmand?id=${guardId}&lat=30.2745&lon=120.1561&timestamp=${at}`);
          count(response.status);
          await response.arrayBuffer();
          if (response.status === 200) fixes.push({ guardId, at });
        } catch {
          count(0);
          if (!sending) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const senders = [0, 1, 2, 3].map(alarmSender).concat(GUARDS.map(tracker));
    const waitUntil = Date.now() + 30_000;
    while ((acknowledged.length < 30 || fixes.length < 30) && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 5));
    const running = vigil;
    running.child.kill('SIGTERM');
    const exit = await running.exited;
    sending = false;
    await Promise.all(senders);

    expect(exit, running.output()).toEqual({ code: 0, signal: null });
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(fixes.length).toBeGreaterThanOrEqual(30);
    // Answered, refused for the shutdown (503, to be retried elsewhere), or not connected: never a failure.
    expect([...statuses.keys()].filter((status) => ![200, 201, 503, 0].includes(status))).toEqual([]);
    // Closed as a connection that went away, so the client reconnects (an "io server disconnect" would not).
    expect(await disconnected).toBe('transport close');
    socket.close();

    const target = processTarget(database);
    if (target.kind === 'pglite') {
      expect(controlFileState(target.dataDir!)).toBe(1);
      expect(existsSync(join(database.dataDir!, 'vigil.pid'))).toBe(false);
    }
    const reopened = await openDatabase(target);
    try {
      const stored = await reopened.db.select({ id: alarms.id }).from(alarms).where(inArray(alarms.id, acknowledged));
      const storedIds = new Set(stored.map((row) => row.id));
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
      const rows = (await reopened.db.execute(
        sql`select guard_id, (extract(epoch from at) * 1000)::bigint::text as at_ms from positions`,
      )) as unknown as { rows: { guard_id: string; at_ms: string }[] };
      const positions = new Set(rows.rows.map((row) => `${row.guard_id}|${row.at_ms}`));
      expect(fixes.filter((fix) => !positions.has(`${fix.guardId}|${fix.at}`))).toEqual([]);
    } finally {
      await reopened.close();
    }

    // And it starts again on what it left, with the alarms there.
    vigil = await startVigil(database);
    const again = await loginTo(vigil.url);
    const listed = (await (await fetch(`${vigil.url}/api/v1/alarms?state=open&limit=500`, { headers: { cookie: again } })).json()) as { alarms: { id: string }[] };
    const open = new Set(listed.alarms.map((alarm) => alarm.id));
    expect(acknowledged.filter((id) => !open.has(id))).toEqual([]);
    vigil.child.kill('SIGTERM');
    expect(await vigil.exited).toEqual({ code: 0, signal: null });
    vigil = undefined;
  });
});

describe(`draining requests (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: demoSite });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('lets a fix in flight (waiting for its batch) answer 200 while new requests get 503 with Connection: close', async () => {
    const cookie = await login(server);
    const guard = await addGuard(server, cookie, { siteId: 'demo' });
    const at = Math.floor(Date.now() / 1000) - 5;
    // Answered only once its batch is written, and the positions table is locked until the drain
    // has started: the fix is in flight then, however fast a batch is written.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let holder: Promise<unknown>;
    let lockClient: pg.Client | null = null;
    if (handle.target.kind === 'postgres') {
      lockClient = new pg.Client({ connectionString: handle.target.url });
      await lockClient.connect();
      await lockClient.query('begin');
      await lockClient.query('lock table positions in exclusive mode');
      locked();
      holder = released.then(() => lockClient!.query('commit')).finally(() => lockClient!.end());
    } else {
      holder = server.database.db.transaction(async (tx) => {
        await tx.execute(sql`lock table positions in exclusive mode`);
        locked();
        await released;
      });
    }
    await isLocked;
    const inFlight = fetch(`${server.url}${guard.osmand}?id=${guard.trackerId}&lat=30.2745&lon=120.1561&timestamp=${at}`);
    await expect.poll(() => server.app.drain.pending).toBe(1);
    server.app.drain.start();
    const refused = await fetch(`${server.url}/api/v1/alarms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.json()).toMatchObject({ error: 'unavailable' });
    expect(server.app.drain.pending).toBe(1);
    release();
    await holder;
    expect(await server.app.drain.idle(Date.now() + 5_000)).toBe(true);
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(server.app.positions.lane.pendingRows).toBe(0);
    expect(server.app.positions.lane.latestFix(guard.id)?.at).toBe(new Date(at * 1000).toISOString());
  });
});
