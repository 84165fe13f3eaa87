import { closeSync, existsSync, openSync, readSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseTarget } from '../db/client.js';
import { lockDataDir } from '../lib/data-dir-lock.js';
import { OpsError, runTool, toolConnection, userRelations } from './tools.js';

/**
 * Backups of both kinds of installation:
 * - PostgreSQL (DATABASE_URL): pg_dump's custom format, restored with pg_restore. pg_dump reads
 *   one snapshot, so it may run while Vigil serves.
 * - Embedded (DATA_DIR): PGlite's own dump of its data directory (a gzipped tar), taken while
 *   Vigil is stopped (the data dir's pid file says whether it runs), so the copy is at rest.
 */

export type BackupKind = 'postgres' | 'embedded';

/** The embedded database inside DATA_DIR (config.ts puts it there too). */
export const pgliteDir = (dataDir: string) => join(resolve(dataDir), 'pglite');

/** What a file holds, from its first bytes: pg_dump's custom format starts `PGDMP`, a gzip 1f 8b. */
export function backupKindOf(file: string): BackupKind | null {
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  return null;
}

/** Written beside the target and renamed into place: a failed backup never leaves half a file under the name. */
function temporaryBeside(file: string): string {
  return join(dirname(file), `.${Date.now().toString(36)}-${process.pid}.partial`);
}

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
}

export async function backup(target: DatabaseTarget, dataDir: string, file: string): Promise<BackupResult> {
  const out = resolve(file);
  if (!existsSync(dirname(out))) throw new OpsError(`${file}: the directory ${dirname(out)} does not exist`);
  if (existsSync(out)) throw new OpsError(`${file}: exists already; choose a new name (a backup never overwrites one)`);
  const partial = temporaryBeside(out);
  try {
    if (target.kind === 'postgres') {
      const { dbname, env } = toolConnection(target.url);
      await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    } else {
      const dir = pgliteDir(dataDir);
      if (!existsSync(join(dir, 'PG_VERSION'))) throw new OpsError(`DATA_DIR ${resolve(dataDir)}: no embedded database in ${dir}`);
      const lock = lockDataDir(dataDir, 'a backup (pnpm vigil backup)');
      try {
        const db = new PGlite(dir);
        try {
          // The dump does not wait for the database to have started; a query does.
          await db.query('select 1');
          const dump = await db.dumpDataDir('gzip');
          writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        } finally {
          await db.close();
        }
      } finally {
        lock.release();
      }
    }
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { kind: target.kind === 'postgres' ? 'postgres' : 'embedded', file: out, bytes: statSync(out).size };
}

export interface RestoreOptions {
  /** PostgreSQL: drop what the backup has before restoring it; embedded: move the present data dir aside. */
  force?: boolean;
}

export interface RestoreResult {
  kind: BackupKind;
  /** Embedded with `force`: where the data dir that was there now is. */
  movedAside: string | null;
}

export async function restore(target: DatabaseTarget, dataDir: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const source = resolve(file);
  if (!existsSync(source)) throw new OpsError(`${file}: no such file`);
  const kind = backupKindOf(source);
  if (kind === null) throw new OpsError(`${file}: not a Vigil backup (neither pg_dump's custom format nor an embedded data-dir dump)`);
  if (target.kind === 'postgres') {
    if (kind === 'embedded') {
      throw new OpsError(
        `${file} is a backup of an embedded installation, but DATABASE_URL is set: restore it with DATABASE_URL unset (into DATA_DIR), then move it with pnpm vigil migrate-to-postgres`,
      );
    }
    const relations = await userRelations(target.url);
    if (relations > 0 && !options.force) {
      throw new OpsError(`the database has ${relations} tables or sequences already: restore into an empty database (createdb), or pass --force to replace what the backup has`);
    }
    const { dbname, env } = toolConnection(target.url);
    const replace = relations > 0 ? ['--clean', '--if-exists'] : [];
    // One transaction: a restore that fails leaves the database as it was.
    await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...replace, `--dbname=${dbname}`, source], env);
    return { kind, movedAside: null };
  }
  if (kind === 'postgres') {
    throw new OpsError(`${file} is a pg_dump backup of a PostgreSQL installation: set DATABASE_URL to the database to restore it into`);
  }
  const lock = lockDataDir(dataDir, 'a restore (pnpm vigil restore)');
  try {
    const dir = pgliteDir(dataDir);
    let movedAside: string | null = null;
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!options.force) {
        throw new OpsError(`DATA_DIR ${resolve(dataDir)} has an embedded database already (${dir}): restore into a new DATA_DIR, or pass --force to move it aside`);
      }
      movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dir, movedAside);
    }
    try {
      const db = new PGlite(dir, { loadDataDir: new Blob([readFileSync(source)]) });
      try {
        // Opened and queried: a dump PGlite cannot read fails here, not at Vigil's next start.
        await db.query('select 1 from events limit 1');
      } finally {
        await db.close();
      }
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      if (movedAside) renameSync(movedAside, dir);
      throw new OpsError(`${file}: the embedded database in it did not open (${error instanceof Error ? error.message : String(error)}); DATA_DIR is as it was`);
    }
    return { kind, movedAside };
  } finally {
    lock.release();
  }
}
