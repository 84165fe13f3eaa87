import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.js';
import { databaseFault } from '../lib/db-errors.js';
import { EmbeddedDatabaseClient, type EmbeddedDatabaseOptions } from './embedded/worker-client.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A repository runs on the database or inside a transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  /**
   * `inline`: PGlite on the server's own thread, for benchmarking the difference only — a long
   * statement there stalls every socket and request. Otherwise on a worker thread (embedded/).
   */
  | { kind: 'pglite'; dataDir: string | null; inline?: boolean }
  | { kind: 'postgres'; url: string };

/**
 * How long the database may take before a request gives up with 503 (config.ts reads them from
 * the environment). PGlite has no connections: there `statementMs` ends its worker thread (and
 * starts it again), and `idleInTransactionMs` is kept by the worker.
 */
export interface DatabaseTimeouts {
  /** Connecting a new connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** One statement: `statement_timeout` on the server, and the same bound on the client for a server that no longer answers at all. */
  statementMs: number;
  /** A session left idle inside a transaction is ended by the server (`idle_in_transaction_session_timeout`). */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 10_000, idleInTransactionMs: 15_000 };

/** Connection use, for /metrics. */
export interface DatabaseStats {
  driver: 'pg' | 'pglite';
  /** Connections open (PGlite: its one). */
  total: number;
  /** Open and not in use. */
  idle: number;
  /** Queries waiting for a connection (PGlite: queued behind the one running). */
  waiting: number;
}

export interface Database {
  db: Db;
  target: DatabaseTarget;
  ping(): Promise<void>;
  stats(): DatabaseStats;
  /**
   * Runs `work` (a first-start bootstrap) while no other node runs its own: several nodes started
   * together would each find no admin yet and each insert one. One process (PGlite): just runs it.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite on its worker thread: the client, for its stats and the tests' crash hook. */
  embedded?: EmbeddedDatabaseClient;
}

/** Handles whose transactions run one at a time (PGlite's one session; see `openEmbedded`). */
const exclusiveTransactions = new WeakSet<Db>();

/** True when no two transactions on `db` ever overlap: PGlite, inline or on its worker thread (which holds one session at a time). */
export function transactionsNeverOverlap(db: Db): boolean {
  return exclusiveTransactions.has(db);
}

/** The committed drizzle-kit migrations live at the top of the repository. */
export function findMigrationsFolder(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`migrations folder not found above ${from}`);
    dir = parent;
  }
}

/** Opens PGlite (embedded, `dataDir` null = in memory) or a PostgreSQL pool, and migrates it. */
export async function openDatabase(
  target: DatabaseTarget,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  /** The embedded worker's other bounds (tests make them small). */
  embedded: Pick<EmbeddedDatabaseOptions, 'maxPending' | 'restartDelaysMs'> = {},
): Promise<Database> {
  const migrationsFolder = findMigrationsFolder();
  if (target.kind === 'pglite') return openEmbedded(target, timeouts, migrationsFolder, embedded);
  await migrateOnOwnConnection(target.url, timeouts, migrationsFolder);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    keepAlive: true,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
  });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => undefined);
  releaseOnConnectionFault(pool);
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    target,
    ping: async () => {
      await pool.query('select 1');
    },
    stats: () => ({ driver: 'pg', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async exclusively(work) {
      // A session lock on a connection of its own, held while `work` uses the rest of the pool.
      const holder = await pool.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        try {
          return await work();
        } finally {
          await holder.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
        }
      } finally {
        holder.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite on its worker thread (embedded/worker-client.ts), or inline for benchmarks. */
async function openEmbedded(
  target: Extract<DatabaseTarget, { kind: 'pglite' }>,
  timeouts: DatabaseTimeouts,
  migrationsFolder: string,
  embedded: Pick<EmbeddedDatabaseOptions, 'maxPending' | 'restartDelaysMs'>,
): Promise<Database> {
  if (target.dataDir) mkdirSync(resolve(target.dataDir), { recursive: true });
  const dataDir = target.dataDir ? resolve(target.dataDir) : null;
  if (target.inline) {
    const client = new PGlite(dataDir ?? undefined);
    const active = countActive(client);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    exclusiveTransactions.add(db as unknown as Db);
    return {
      db: db as unknown as Db,
      target,
      ping: async () => {
        await client.query('select 1');
      },
      stats: () => ({ driver: 'pglite', total: 1, idle: active() === 0 ? 1 : 0, waiting: Math.max(0, active() - 1) }),
      exclusively: (work) => work(),
      close: () => client.close(),
    };
  }
  const client = await EmbeddedDatabaseClient.start({
    ...embedded,
    dataDir,
    statementMs: timeouts.statementMs,
    idleInTransactionMs: timeouts.idleInTransactionMs,
    // As long as a request waits for a pool's connection on PostgreSQL.
    queueWaitMs: timeouts.connectMs,
    // Before the app's logger exists (and in the CLI): the process's own output.
    log: (level, message) => console[level](message),
  });
  const db = drizzlePglite({ client: client as unknown as PGlite, schema });
  try {
    // A migration may run longer than a request's statement may.
    client.setStatementTimeout(null);
    await migratePglite(db, { migrationsFolder });
    client.setStatementTimeout(timeouts.statementMs);
  } catch (error) {
    await client.close();
    throw error;
  }
  exclusiveTransactions.add(db as unknown as Db);
  return {
    db: db as unknown as Db,
    target,
    embedded: client,
    ping: async () => {
      await client.query('select 1');
    },
    stats: () => {
      const { pending } = client.stats();
      return { driver: 'pglite', total: 1, idle: pending === 0 ? 1 : 0, waiting: Math.max(0, pending - 1) };
    },
    exclusively: (work) => work(),
    close: () => client.close(),
  };
}

/**
 * PGlite runs one query at a time and queues the rest behind a lock it keeps to itself: the
 * calls started and not yet settled are the running one plus the queue.
 */
function countActive(client: PGlite): () => number {
  let active = 0;
  const target = client as unknown as Record<'query' | 'exec' | 'transaction', (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['query', 'exec', 'transaction'] as const) {
    const original = target[method].bind(client);
    target[method] = (...args: unknown[]) => {
      active += 1;
      return original(...args).finally(() => {
        active -= 1;
      });
    };
  }
  return () => active;
}
/** Held while one node migrates ("vigm"), and while one runs its first-start bootstrap ("vigb"). */
const MIGRATION_LOCK = 0x7669_676d;
const STARTUP_LOCK = 0x7669_6762;

/** Migrations may run longer than a request's statement timeout: their own connection, without one. */
async function migrateOnOwnConnection(url: string, timeouts: DatabaseTimeouts, migrationsFolder: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeouts.connectMs, keepAlive: true });
  await client.connect();
  try {
    // Nodes started together would otherwise run the same migration at once (and the second fail):
    // the first migrates, the others wait and then find nothing left to do. The lock ends with the session.
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
  } finally {
    await client.end();
  }
}

type Release = (error?: Error | boolean) => void;

/**
 * drizzle's `transaction()` checks a client out, runs `begin` outside its try/finally and so never
 * releases a client whose `begin` failed — a timeout or a dropped connection while the database is
 * frozen would take a pool slot for good, and after ten the pool would never answer again. So a
 * checked-out client whose query fails for a connection reason is released with that error at once
 * (the pool then closes it, and the server rolls its transaction back); a later release is a no-op.
 */
function releaseOnConnectionFault(pool: pg.Pool): void {
  const releases = new WeakMap<pg.PoolClient, Release | null>();
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((callback?: unknown) => {
    // pool.query checks out with a callback and releases with the error itself.
    if (callback) return connect(callback);
    return connect()!.then((client) => {
      if (!releases.has(client)) watchQueries(client, releases);
      const release = client.release.bind(client) as Release;
      releases.set(client, release);
      client.release = (error?: Error | boolean) => {
        if (releases.get(client) !== release) return;
        releases.set(client, null);
        release(error);
      };
      return client;
    });
  }) as typeof pool.connect;
}

function watchQueries(client: pg.PoolClient, releases: WeakMap<pg.PoolClient, Release | null>): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (releases.get(client) && databaseFault(error) === 'unavailable') client.release(error instanceof Error ? error : true);
      });
    }
    return result;
  }) as typeof client.query;
}
