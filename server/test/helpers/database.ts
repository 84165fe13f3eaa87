import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/client.js';

/** `VIGIL_TEST_DB=postgres` (with TEST_DATABASE_URL) runs the suite on a real PostgreSQL; PGlite otherwise. */
export const testDbKind: 'pglite' | 'postgres' = process.env.VIGIL_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabaseHandle {
  target: DatabaseTarget;
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A fresh, empty database for one test file: a new PostgreSQL database, or a PGlite data
 * directory on disk (so a test can close and reopen it, as a restart does), copied from one
 * migrated at the start of the run.
 */
export async function createTestDatabase(): Promise<TestDatabaseHandle> {
  if (testDbKind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
    // Migrated once per run (setup/pglite-template.ts); opening migrates again, finding nothing to do.
    const template = inject('pgliteTemplate');
    if (template) cpSync(template, dir, { recursive: true });
    return {
      target: { kind: 'pglite', dataDir: dir },
      open: () => openDatabase({ kind: 'pglite', dataDir: dir }),
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `vigil_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  return {
    target,
    open: () => openDatabase(target),
    destroy: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
