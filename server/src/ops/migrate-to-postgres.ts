import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.js';
import { lockDataDir } from '../lib/data-dir-lock.js';
import { pgliteDir } from './backup.js';
import { OpsError, userRelations } from './tools.js';

/** Rows per fetch from the embedded database, and the most JSON per insert (photos are large). */
const FETCH_ROWS = 500;
const INSERT_BYTES = 8 * 1024 * 1024;

export interface MigrateResult {
  tables: { name: string; rows: number }[];
  lastSeq: number;
}

interface Column {
  name: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rowsOf(db: Database['db'], query: string): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/**
 * Tables in an order where each comes after the tables its foreign keys point to. A cycle (or a
 * table pointing at itself) would need rows in a particular order; Vigil's schema has none, and
 * one added later stops the move here rather than failing halfway.
 */
function dependencyOrder(tables: string[], references: { from: string; to: string }[]): string[] {
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new OpsError(`tables ${[...path, table].join(' → ')} refer to each other in a cycle; migrate-to-postgres cannot order them`);
    state.set(table, 'visiting');
    for (const { to } of references.filter((reference) => reference.from === table && reference.to !== table)) visit(to, [...path, table]);
    if (references.some((reference) => reference.from === table && reference.to === table)) {
      throw new OpsError(`table ${table} refers to itself; migrate-to-postgres cannot order its rows`);
    }
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}

/**
 * Moves an embedded installation (DATA_DIR) into an empty PostgreSQL: runs the migrations there,
 * copies every table of the public schema in dependency order inside one transaction, sets every
 * sequence where the embedded one stood, checks row counts and the last event seq, and commits
 * only then. The embedded data dir is read, never changed (beyond the migrations Vigil's own
 * start would apply), so it stays a fallback.
 */
export async function migrateToPostgres(dataDir: string, url: string, log: (line: string) => void = () => undefined): Promise<MigrateResult> {
  const dir = pgliteDir(dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new OpsError(`DATA_DIR ${resolve(dataDir)}: no embedded database in ${dir}`);
  const lock = lockDataDir(dataDir, 'migrate-to-postgres (pnpm vigil migrate-to-postgres)');
  try {
    await refuseNonEmpty(url);
    const source = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      // The same migrations on the target: the schema Vigil will start on, made by Vigil's own files.
      const migrated = await openDatabase({ kind: 'postgres', url });
      await migrated.close();
      const target = new pg.Client({ connectionString: url });
      await target.connect();
      try {
        return await copyAll(source.db, target, log);
      } finally {
        await target.end();
      }
    } finally {
      await source.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * The target must hold nothing: no relations, or only Vigil's tables with no row in any (a
 * database migrated by Vigil and never started, or left by a move that failed and rolled back).
 */
async function refuseNonEmpty(url: string): Promise<void> {
  if ((await userRelations(url)) === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`)).rows;
    for (const { name } of tables) {
      const { rows } = await client.query(`select 1 from public.${quote(name)} limit 1`);
      if (rows.length > 0) throw new OpsError(`the target database is not empty (table ${name} has rows): migrate-to-postgres needs an empty database (createdb vigil)`);
    }
    const events = tables.some((table) => table.name === 'events');
    if (!events) throw new OpsError('the target database has tables that are not Vigil\'s: migrate-to-postgres needs an empty database (createdb vigil)');
  } finally {
    await client.end();
  }
}

async function copyAll(source: Database['db'], target: pg.Client, log: (line: string) => void): Promise<MigrateResult> {
  const tables = (
    await target.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    )
  ).rows.map((row) => row.name);
  const sourceTables = new Set(
    (await rowsOf(source, `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`)).map(
      (row) => String(row.name),
    ),
  );
  const missing = tables.filter((table) => !sourceTables.has(table));
  const extra = [...sourceTables].filter((table) => !tables.includes(table));
  if (missing.length > 0 || extra.length > 0) {
    throw new OpsError(`the two schemas differ (only in PostgreSQL: ${missing.join(', ') || 'none'}; only embedded: ${extra.join(', ') || 'none'})`);
  }
  const references = (
    await target.query<{ from: string; to: string }>(
      `select cf.relname as "from", ct.relname as "to" from pg_constraint k
         join pg_class cf on cf.oid = k.conrelid join pg_class ct on ct.oid = k.confrelid
         join pg_namespace n on n.oid = cf.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
    )
  ).rows;
  const order = dependencyOrder(tables, references);
  const copied: { name: string; rows: number }[] = [];

  await target.query('begin');
  try {
    for (const table of order) {
      const columns = (
        await target.query<Column>(
          `select a.attname as name from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum`,
          [`public.${quote(table)}`],
        )
      ).rows.map((column) => quote(column.name));
      const list = columns.join(', ');
      const insert = `insert into public.${quote(table)} (${list}) overriding system value select ${list} from json_populate_recordset(null::public.${quote(table)}, $1::json)`;
      let rows = 0;
      // A cursor in one read-only transaction: a consistent read of the embedded database, in pages.
      await source.transaction(
        async (tx) => {
          await tx.execute(sql.raw(`declare vigil_copy no scroll cursor for select row_to_json(r)::text as j from (select ${list} from public.${quote(table)}) r`));
          let batch: string[] = [];
          let bytes = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            await target.query(insert, [`[${batch.join(',')}]`]);
            rows += batch.length;
            batch = [];
            bytes = 0;
          };
          for (;;) {
            const page = (await tx.execute(sql.raw(`fetch ${FETCH_ROWS} from vigil_copy`))) as unknown as { rows: { j: string }[] };
            for (const { j } of page.rows) {
              if (bytes + j.length > INSERT_BYTES) await flush();
              batch.push(j);
              bytes += j.length;
            }
            if (page.rows.length < FETCH_ROWS) break;
          }
          await flush();
          await tx.execute(sql.raw('close vigil_copy'));
        },
        { accessMode: 'read only' },
      );
      copied.push({ name: table, rows });
      log(`  ${table}: ${rows} rows`);
    }

    // Sequences where the embedded ones stood (gaps of rolled-back appends included).
    const sequences = (await target.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S'`)).rows;
    for (const { name } of sequences) {
      const [state] = await rowsOf(source, `select last_value::text as last_value, is_called from public.${quote(name)}`);
      if (!state) continue;
      await target.query('select setval($1::regclass, $2::bigint, $3::boolean)', [`public.${quote(name)}`, state.last_value, state.is_called]);
    }

    // Checked before the commit: nothing half-moved is ever left committed.
    for (const { name, rows } of copied) {
      const [expected] = await rowsOf(source, `select count(*)::text as n from public.${quote(name)}`);
      const actual = (await target.query<{ n: string }>(`select count(*)::text as n from public.${quote(name)}`)).rows[0]!.n;
      if (String(expected?.n) !== actual || Number(actual) !== rows) {
        throw new OpsError(`${name}: ${actual} rows in PostgreSQL, ${String(expected?.n)} embedded; nothing was committed`);
      }
    }
    const [sourceSeq] = await rowsOf(source, 'select coalesce(max(seq), 0)::text as seq from events');
    const targetSeq = (await target.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from events')).rows[0]!.seq;
    if (String(sourceSeq?.seq) !== targetSeq) throw new OpsError(`events: last seq ${targetSeq} in PostgreSQL, ${String(sourceSeq?.seq)} embedded; nothing was committed`);
    await target.query('commit');
    return { tables: copied, lastSeq: Number(targetSeq) };
  } catch (error) {
    await target.query('rollback').catch(() => undefined);
    throw error;
  }
}
