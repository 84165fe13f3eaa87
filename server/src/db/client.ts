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

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A repository runs on the database or inside a transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string };

export interface Database {
  db: Db;
  target: DatabaseTarget;
  ping(): Promise<void>;
  close(): Promise<void>;
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
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const migrationsFolder = findMigrationsFolder();
  if (target.kind === 'pglite') {
    if (target.dataDir) mkdirSync(resolve(target.dataDir), { recursive: true });
    const client = new PGlite(target.dataDir ? resolve(target.dataDir) : undefined);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      target,
      ping: async () => {
        await client.query('select 1');
      },
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema });
  await migratePg(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    target,
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
