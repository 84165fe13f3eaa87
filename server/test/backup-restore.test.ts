import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../src/db/client.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { runCli, seedInstallation, tableContents, type Seeded } from './helpers/ops.js';
import { PROCESS_KEY, loginTo, startVigil } from './helpers/process.js';
import { ADMIN_PASSWORD, TestClient, type TestServer } from './helpers/server.js';

/** The seeded installation's admin, and no demo site added to it at start (the copies must stay equal). */
const OPS_ENV = { ADMIN_PASSWORD, DEMO_SITE: 'off' };

/** A DATA_DIR of its own, with PGlite in its `pglite/` as the server keeps it. */
function embeddedInstallation(): { dataDir: string; handle: TestDatabaseHandle } {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-ops-'));
  const target: DatabaseTarget = { kind: 'pglite', dataDir: join(dataDir, 'pglite') };
  return {
    dataDir,
    handle: { target, open: () => openDatabase(target), destroy: async () => rmSync(dataDir, { recursive: true, force: true }) },
  };
}

/** What a screen and an integration see: the alarms of every state, in the API's order. */
async function servedAlarms(url: string): Promise<unknown[]> {
  const cookie = await loginTo(url, ADMIN_PASSWORD);
  const answers = [];
  for (const state of ['open', 'resolved']) {
    const response = await fetch(`${url}/api/v1/alarms?state=${state}&limit=500`, { headers: { cookie } });
    answers.push(...((await response.json()) as { alarms: unknown[] }).alarms);
  }
  return answers;
}

const scratch: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
  scratch.push(dir);
  return dir;
};
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

if (testDbKind === 'pglite') {
  describe('backup and restore of an embedded installation', () => {
    const source = embeddedInstallation();
    const fresh = embeddedInstallation();
    let seeded: Seeded;
    let file: string;
    /** What the source held when it was backed up (logging in later changes its sessions). */
    let backedUpContents: Record<string, string[]>;

    beforeAll(async () => {
      seeded = await seedInstallation(source.handle);
      file = join(scratchDir(), 'vigil.tar.gz');
    }, 120_000);
    afterAll(async () => {
      await source.handle.destroy();
      await fresh.handle.destroy();
    });

    it('refuses to back up a data dir that a running Vigil holds, naming it', { timeout: 120_000 }, async () => {
      const running = await startVigil({ dataDir: source.dataDir }, { env: OPS_ENV });
      try {
        const refused = await runCli(['backup', file], { DATA_DIR: source.dataDir });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`in use by the Vigil server (pid ${running.child.pid}`);
        expect(existsSync(file)).toBe(false);
        const restoreRefused = await runCli(['restore', file], { DATA_DIR: source.dataDir });
        expect(restoreRefused.code).toBe(1);
      } finally {
        running.child.kill('SIGTERM');
        expect(await running.exited).toEqual({ code: 0, signal: null });
      }
    });

    it('restores into a fresh data dir every row of every table, and Vigil serves the same alarms from it', { timeout: 180_000 }, async () => {
      const before = await tableContents(source.handle.target);
      backedUpContents = before;
      const backedUp = await runCli(['backup', file], { DATA_DIR: source.dataDir });
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(existsSync(file)).toBe(true);
      // Never over a backup that is there.
      const again = await runCli(['backup', file], { DATA_DIR: source.dataDir });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('exists already');

      const restored = await runCli(['restore', file], { DATA_DIR: fresh.dataDir });
      expect(restored.code, restored.stderr).toBe(0);
      const after = await tableContents(fresh.handle.target);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect(before.events!.length).toBeGreaterThanOrEqual(seeded.lastSeq);
      expect(before.site_images!.length).toBe(1);
      expect(before.positions!.length).toBe(5);

      const original = await startVigil({ dataDir: source.dataDir }, { env: OPS_ENV });
      const expected = await servedAlarms(original.url);
      original.child.kill('SIGTERM');
      await original.exited;
      const copy = await startVigil({ dataDir: fresh.dataDir }, { env: OPS_ENV });
      try {
        expect(await servedAlarms(copy.url)).toEqual(expected);
        expect(expected).toHaveLength(seeded.alarmIds.length);
      } finally {
        copy.child.kill('SIGTERM');
        await copy.exited;
      }
    });

    it('restores over a data dir only with --force, moving the one there aside', { timeout: 120_000 }, async () => {
      const refused = await runCli(['restore', file], { DATA_DIR: fresh.dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('has an embedded database already');
      const forced = await runCli(['restore', file, '--force'], { DATA_DIR: fresh.dataDir });
      expect(forced.code, forced.stderr).toBe(0);
      const aside = readdirSync(fresh.dataDir).filter((name) => name.startsWith('pglite.before-restore-'));
      expect(aside).toHaveLength(1);
      expect(await tableContents(fresh.handle.target)).toEqual(backedUpContents);
    });

    it('refuses a file that is not a backup, and a pg_dump archive without DATABASE_URL, changing nothing', async () => {
      const dir = scratchDir();
      const junk = join(dir, 'junk.bin');
      writeFileSync(junk, 'not a backup at all');
      const empty = join(dir, 'empty');
      const junked = await runCli(['restore', junk], { DATA_DIR: empty });
      expect(junked.code).toBe(1);
      expect(junked.stderr).toContain('not a Vigil backup');
      const dump = join(dir, 'pg.dump');
      writeFileSync(dump, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(64)]));
      const wrongKind = await runCli(['restore', dump], { DATA_DIR: empty });
      expect(wrongKind.code).toBe(1);
      expect(wrongKind.stderr).toContain('set DATABASE_URL');
      expect(existsSync(join(empty, 'pglite'))).toBe(false);
      const unknown = await runCli(['frobnicate', 'x'], { DATA_DIR: empty });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('frobnicate: not a command');
    });
  });
}

if (testDbKind === 'postgres') {
  describe('backup and restore of a PostgreSQL installation (pg_dump, pg_restore)', () => {
    let original: TestDatabaseHandle;
    let restoredInto: TestDatabaseHandle;
    let file: string;

    beforeAll(async () => {
      original = await createTestDatabase();
      restoredInto = await createTestDatabase();
      await seedInstallation(original);
      file = join(scratchDir(), 'vigil.dump');
    }, 120_000);
    afterAll(async () => {
      await original?.destroy();
      await restoredInto?.destroy();
    });

    it('restores into an empty database every row of every table; refuses a database that is not empty', { timeout: 120_000 }, async () => {
      const url = (handle: TestDatabaseHandle) => (handle.target as { url: string }).url;
      const backedUp = await runCli(['backup', file], { DATABASE_URL: url(original) });
      expect(backedUp.code, backedUp.stderr).toBe(0);
      const restored = await runCli(['restore', file], { DATABASE_URL: url(restoredInto) });
      expect(restored.code, restored.stderr).toBe(0);
      const before = await tableContents(original.target);
      const after = await tableContents(restoredInto.target);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect(before.events!.length).toBeGreaterThan(10);

      const refused = await runCli(['restore', file], { DATABASE_URL: url(original) });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('restore into an empty database');
      expect(await tableContents(original.target)).toEqual(before);
    });
  });

  describe('migrate-to-postgres: an embedded installation moved to PostgreSQL', () => {
    const source = embeddedInstallation();
    let target: TestDatabaseHandle;
    let seeded: Seeded;

    beforeAll(async () => {
      seeded = await seedInstallation(source.handle);
      target = await createTestDatabase();
    }, 120_000);
    afterAll(async () => {
      await source.handle.destroy();
      await target?.destroy();
    });

    it('copies every row of every table, and Vigil on DATABASE_URL shows the same state and carries on the seq', { timeout: 180_000 }, async () => {
      const url = (target.target as { url: string }).url;
      const before = await tableContents(source.handle.target);
      const moved = await runCli(['migrate-to-postgres', url], { DATA_DIR: source.dataDir });
      expect(moved.code, moved.stderr).toBe(0);
      expect(moved.stdout).toContain(`events up to seq ${seeded.lastSeq}`);
      const after = await tableContents(target.target);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      // The embedded installation is left as it was: it stays a way back.
      expect(await tableContents(source.handle.target)).toEqual(before);

      const embedded = await startVigil({ dataDir: source.dataDir }, { env: OPS_ENV });
      const expected = await servedAlarms(embedded.url);
      const embeddedCookie = await loginTo(embedded.url, ADMIN_PASSWORD);
      const embeddedClient = new TestClient({ url: embedded.url } as TestServer, embeddedCookie);
      await embeddedClient.connected();
      embeddedClient.close();
      embedded.child.kill('SIGTERM');
      await embedded.exited;

      const postgres = await startVigil({ url }, { env: OPS_ENV });
      try {
        expect(await servedAlarms(postgres.url)).toEqual(expected);
        const cookie = await loginTo(postgres.url, ADMIN_PASSWORD);
        const client = new TestClient({ url: postgres.url } as TestServer, cookie);
        await client.connected();
        // The same snapshot a screen got from the embedded installation.
        expect(client.syncs[0]).toEqual({ ...embeddedClient.syncs[0], serverTime: expect.any(String) });
        // The sequences moved with the rows: the next event follows on from the last one moved
        // (and from the sign-ins since, which the audit stream recorded on PostgreSQL).
        const pgClient = new pg.Client({ connectionString: url });
        await pgClient.connect();
        const since = await pgClient.query<{ seq: string; audit: string }>(
          `select max(seq)::text as seq, count(*) filter (where seq > $1 and type = 'auth.loggedIn')::text as audit from events`,
          [seeded.lastSeq],
        );
        await pgClient.end();
        expect(Number(since.rows[0]!.audit)).toBe(2);
        expect(Number(since.rows[0]!.seq)).toBe(seeded.lastSeq + 2);
        const posted = await fetch(`${postgres.url}/api/v1/alarms`, {
          method: 'POST',
          headers: { authorization: `Bearer ${PROCESS_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify(buildAlarm({ message: 'after the move' })),
        });
        expect(posted.status).toBe(201);
        expect(((await posted.json()) as { seq: number }).seq).toBe(seeded.lastSeq + 3);
        // Sessions moved too: a screen signed in before the move stays signed in.
        expect((await fetch(`${postgres.url}/api/v1/auth/me`, { headers: { cookie: seeded.adminCookie } })).status).toBe(200);
        client.close();
      } finally {
        postgres.child.kill('SIGTERM');
        await postgres.exited;
      }
    });

    it('refuses a target that is not empty, and a source that a running Vigil holds', { timeout: 120_000 }, async () => {
      const url = (target.target as { url: string }).url;
      const refused = await runCli(['migrate-to-postgres', url], { DATA_DIR: source.dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not empty');
      const other = await createTestDatabase();
      try {
        const running = await startVigil({ dataDir: source.dataDir }, { env: OPS_ENV });
        try {
          const held = await runCli(['migrate-to-postgres', (other.target as { url: string }).url], { DATA_DIR: source.dataDir });
          expect(held.code).toBe(1);
          expect(held.stderr).toContain('in use by the Vigil server');
        } finally {
          running.child.kill('SIGTERM');
          await running.exited;
        }
      } finally {
        await other.destroy();
      }
    });
  });
}
