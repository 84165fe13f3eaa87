import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { EmbeddedDatabaseClient, type EmbeddedDatabaseOptions } from '../src/db/embedded/worker-client.js';
import { databaseFault, httpErrorForDatabase } from '../src/lib/db-errors.js';
import { buildAlarm } from './helpers/factories.js';
import { INGEST_KEY, startServer, type TestServer } from './helpers/server.js';

/**
 * The embedded database on its worker thread (src/db/embedded/). Runs on PGlite whatever
 * VIGIL_TEST_DB says: it is about PGlite. A statement of ~1–2 s on this machine (a big
 * generate_series: PGlite has no pg_sleep that yields) stands for a long query.
 */
const LONG_STATEMENT = 'select count(*)::int as n from generate_series(1, 3000000)';
const ENDLESS_STATEMENT = 'select count(*)::int as n from generate_series(1, 2000000000)';

const dirs: string[] = [];
/** A migrated data directory to copy: the run's (PGlite lane), else made once for this file. */
let template = '';
beforeAll(async () => {
  const shared = inject('pgliteTemplate');
  if (shared) {
    template = shared;
    return;
  }
  template = mkdtempSync(join(tmpdir(), 'vigil-embedded-template-'));
  dirs.push(template);
  await (await openDatabase({ kind: 'pglite', dataDir: template })).close();
});

/** A migrated data directory of its own. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-embedded-'));
  dirs.push(dir);
  cpSync(template, dir, { recursive: true });
  return dir;
}

const clients: EmbeddedDatabaseClient[] = [];
/** The bare client on a data directory of its own (opening one made in memory costs PGlite's initdb). */
async function client(options: Partial<EmbeddedDatabaseOptions> = {}): Promise<EmbeddedDatabaseClient> {
  const started = await EmbeddedDatabaseClient.start({ dataDir: dataDir(), statementMs: 20_000, idleInTransactionMs: 15_000, ...options });
  clients.push(started);
  return started;
}

/** drizzle's `execute` on the shared Db type answers `unknown`: PGlite's result has `rows`. */
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

async function until<T>(what: string, attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((each) => each.close()));
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database on its worker thread', () => {
  it("a long statement runs while the server's event loop keeps turning", async () => {
    const db = await client();
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const started = performance.now();
    const result = await db.query<{ n: number }>(LONG_STATEMENT);
    const ended = performance.now();
    clearInterval(timer);
    expect(result.rows).toEqual([{ n: 3_000_000 }]);
    const during = ticks.filter((at) => at > started && at < ended);
    const gaps = during.slice(1).map((at, i) => at - during[i]!);
    // On the server's own thread the statement would hold every timer until it ended: no tick in between.
    expect(during.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan((ended - started) / 2);
  });

  it('a transaction runs alone: a statement sent meanwhile waits for its COMMIT', async () => {
    const db = await client();
    await db.exec('create table t (n int)');
    const order: string[] = [];
    let outside: Promise<unknown> | null = null;
    await db.transaction(async (tx) => {
      await tx.query('insert into t values (1)');
      outside = db.query<{ n: number }>('select count(*)::int as n from t').then((result) => order.push(`outside saw ${result.rows[0]!.n}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query('insert into t values (2)');
      order.push('transaction done');
    });
    await outside;
    expect(order).toEqual(['transaction done', 'outside saw 2']);
  });

  it('a transaction that throws is rolled back, and its session released for the next', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: dataDir() });
    try {
      await database.db.execute(sql`create table scratch (n int)`);
      const thrown = await rejection(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into scratch values (1)`);
          throw new Error('the work failed');
        }),
      );
      expect(thrown.message).toBe('the work failed');
      // A failed statement inside: caught by the work, its COMMIT still must not pass for one.
      const aborted = await rejection(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into scratch values (2)`);
          await tx.execute(sql`select 1/0`).catch(() => undefined);
        }),
      );
      expect(aborted.code).toBe('25P02');
      expect(rowsOf(await database.db.execute(sql`select count(*)::int as n from scratch`))).toEqual([{ n: 0 }]);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into scratch values (3)`);
      });
      expect(rowsOf(await database.db.execute(sql`select n from scratch`))).toEqual([{ n: 3 }]);
      expect(database.embedded!.stats()).toMatchObject({ pending: 0, sessions: 0, up: true });
    } finally {
      await database.close();
    }
  });

  it('a failed statement rolled back to its savepoint leaves the rest of the transaction to commit', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: dataDir() });
    try {
      await database.db.execute(sql`create table scratch (n int)`);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into scratch values (1)`);
        await tx.execute(sql`savepoint one`);
        await tx.execute(sql`select 1/0`).catch(() => undefined);
        await tx.execute(sql`rollback to savepoint one`);
        await tx.execute(sql`insert into scratch values (2)`);
      });
      expect(rowsOf(await database.db.execute(sql`select n from scratch order by n`))).toEqual([{ n: 1 }, { n: 2 }]);
      // A failure after the savepoint was released aborts the transaction again: its COMMIT is refused.
      const aborted = await rejection(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`savepoint two`);
          await tx.execute(sql`rollback to savepoint two`);
          await tx.execute(sql`insert into scratch values (3)`);
          await tx.execute(sql`select 1/0`).catch(() => undefined);
        }),
      );
      expect(aborted.code).toBe('25P02');
      expect(rowsOf(await database.db.execute(sql`select count(*)::int as n from scratch`))).toEqual([{ n: 2 }]);
    } finally {
      await database.close();
    }
  });

  it('a transaction whose client stops sending is rolled back after the idle bound, and the rest goes on', async () => {
    const db = await client({ idleInTransactionMs: 300 });
    await db.exec('create table t (n int)');
    const stalled = db.transaction(async (tx) => {
      await tx.query('insert into t values (1)');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await tx.query('insert into t values (2)');
    });
    const error = await rejection(stalled);
    expect(error.code).toBe('25P03');
    expect(databaseFault(error)).toBe('unavailable');
    // Meanwhile and after, other statements ran: nothing of the stalled one was kept.
    expect((await db.query<{ n: number }>('select count(*)::int as n from t')).rows).toEqual([{ n: 0 }]);
  });

  it('a full queue refuses at once with an error that answers 503, and drains', async () => {
    // Only the queue's length refuses here: no wait bound a slow machine's long statement could pass.
    const db = await client({ maxPending: 5, queueWaitMs: 120_000 });
    const long = db.query(LONG_STATEMENT);
    const burst = await Promise.allSettled(Array.from({ length: 12 }, () => db.query('select 1')));
    const refused = burst.filter((each) => each.status === 'rejected').map((each) => (each as PromiseRejectedResult).reason as Error & { code?: string });
    expect(refused).toHaveLength(8);
    expect(refused[0]!.code).toBe('53300');
    expect(refused[0]!.message).toMatch(/requests waiting/);
    const answer = httpErrorForDatabase(refused[0]);
    expect(answer?.statusCode).toBe(503);
    await long;
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('a request that waited past the queue bound is refused with 503, not answered late', async () => {
    // A bound well below the long statement's time on a quiet machine too (5M rows: ~0.5 s and more).
    const db = await client({ queueWaitMs: 100 });
    await until('a first answer', () => db.query('select 1'));
    // Some hundreds of milliseconds of work at least: whatever waits behind it waits past the bound.
    const long = db.query('select count(*)::int as n from generate_series(1, 5000000)');
    const behind = await Promise.allSettled([db.query('select 1'), db.transaction((tx) => tx.query('select 1'))]);
    await long;
    for (const each of behind) {
      expect(each.status).toBe('rejected');
      const error = (each as PromiseRejectedResult).reason as Error & { code?: string };
      expect(error.code).toBe('53300');
      expect(error.message).toMatch(/waited \d+ ms/);
      expect(httpErrorForDatabase(error)?.statusCode).toBe(503);
    }
    expect(db.stats()).toMatchObject({ pending: 0, sessions: 0 });
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('a statement longer than the bound fails with a statement timeout, and the database comes back', async () => {
    const db = await client({ statementMs: 500 });
    const started = Date.now();
    const error = await rejection(db.query(ENDLESS_STATEMENT));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe('57014');
    expect(error.message).toMatch(/statement timeout.*500 ms/);
    expect(databaseFault(error)).toBe('unavailable');
    expect(await until('the restarted worker', () => db.query('select 1 as one'))).toMatchObject({ rows: [{ one: 1 }] });
    expect(db.stats()).toMatchObject({ up: true, restarts: 1 });
  });

  it('a crashed worker fails its callers at once, is started again, and keeps what was committed', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: dataDir() }, undefined, { restartDelaysMs: [200] });
    try {
      await database.db.execute(sql`create table kept (n int)`);
      await database.db.execute(sql`insert into kept values (7)`);
      const crash = database.embedded!.crashForTest();
      const inFlight = database.db.execute(sql`select n from kept`);
      expect((await rejection(crash)).code).toBe('57P01');
      const lost = await rejection(inFlight);
      expect(databaseFault(lost)).toBe('unavailable');
      // While it restarts: an error at once, never a wait.
      const during = await rejection(database.db.execute(sql`select 1`));
      expect(databaseFault(during)).toBe('unavailable');
      expect(during.message + String((during as { cause?: Error }).cause?.message)).toMatch(/restart/);
      const rows = await until('the restarted worker', () => database.db.execute(sql`select n from kept`));
      expect(rowsOf(rows)).toEqual([{ n: 7 }]);
      expect(database.embedded!.stats()).toMatchObject({ up: true, restarts: 1 });
    } finally {
      await database.close();
    }
  });
});

describe('the app on the embedded worker', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 503 with Retry-After when the database queue is full, then 201 again', async () => {
    const dir = dataDir();
    server = await startServer({
      target: { kind: 'pglite', dataDir: dir },
      open: () => openDatabase({ kind: 'pglite', dataDir: dir }, undefined, { maxPending: 3 }),
      destroy: async () => undefined,
    });
    const post = (key: string) =>
      fetch(`${server!.url}/api/v1/alarms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}`, 'idempotency-key': key },
        body: JSON.stringify(buildAlarm()),
        signal: AbortSignal.timeout(15_000),
      });
    expect((await post('warm')).status).toBe(201);
    const long = server.database.db.execute(sql.raw(LONG_STATEMENT));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(`storm-${i}`)));
    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('retry-after')).toBe('5');
    expect(await refused[0]!.json()).toMatchObject({ error: 'unavailable' });
    expect(answers.every((answer) => answer.status === 201 || answer.status === 503)).toBe(true);
    await long;
    expect((await post('after')).status).toBe(201);
  });
});
