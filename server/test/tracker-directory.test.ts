import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { TrackerDirectory } from '../src/ingest/tracker-directory.js';
import { UnknownTrackerLog } from '../src/ingest/unknown-trackers.js';
import { guardInsert, guardUpdate } from '../src/repositories/guards.repository.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';

describe(`the tracker directory (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let database: Database;

  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await handle.open();
    await bootstrap(database.db, { adminPassword: 'directory-test-password', demoSite: buildSite() });
    for (const n of [1, 2, 3]) {
      await guardInsert(database.db, { id: `dir-g${n}`, siteId: 'test', callsign: `D${n}`, name: `Guard ${n}`, status: 'available', onShift: true, trackerId: `dir-t${n}`, userId: null, zoneIds: [], trackerTokenHash: `hash-${n}` });
    }
  });
  afterAll(async () => {
    await database?.close();
    await handle?.destroy();
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const directory = new TrackerDirectory(database.db, { maxEntries: 2 });
    expect((await directory.byTracker('dir-t1'))?.id).toBe('dir-g1');
    expect((await directory.byTracker('dir-t2'))?.id).toBe('dir-g2');
    await directory.byTracker('dir-t1'); // t1 is now the most recently used
    expect((await directory.byTokenHash('hash-3'))?.id).toBe('dir-g3');
    expect(directory.size).toBe(2);
    const misses = directory.misses;
    await directory.byTracker('dir-t1');
    expect(directory.misses).toBe(misses); // kept
    await directory.byTracker('dir-t2');
    expect(directory.misses).toBe(misses + 1); // dropped, asked again
  });

  it('asks the database again after the TTL, and sooner for an unknown id', async () => {
    let now = 1_000_000;
    const directory = new TrackerDirectory(database.db, { ttlMs: 45_000, missTtlMs: 5_000, now: () => now });
    expect(await directory.byTracker('dir-t-later')).toBeUndefined();
    await guardUpdate(database.db, 'dir-g3', { trackerId: 'dir-t-later' });
    now += 4_000;
    expect(await directory.byTracker('dir-t-later')).toBeUndefined(); // the miss is still trusted
    now += 1_001;
    expect((await directory.byTracker('dir-t-later'))?.id).toBe('dir-g3');
    await guardUpdate(database.db, 'dir-g3', { trackerId: 'dir-t3' });
    now += 44_000;
    expect((await directory.byTracker('dir-t-later'))?.id).toBe('dir-g3'); // cached: the TTL bounds a missed change
    now += 1_001;
    expect(await directory.byTracker('dir-t-later')).toBeUndefined();
  });

  it('never caches a lookup that started before the guard changed', async () => {
    const directory = new TrackerDirectory(database.db);
    const looking = directory.byTracker('dir-t2');
    directory.forgetGuard('dir-g2');
    await looking;
    const misses = directory.misses;
    await directory.byTracker('dir-t2');
    expect(directory.misses).toBe(misses + 1);
  });
});

describe('the unknown-tracker warning', () => {
  it('warns once per interval with the count and a few ids, not once per fix', () => {
    let now = 0;
    const warnings: { unknownFixes: number; trackerIds: string[] }[] = [];
    const log = new UnknownTrackerLog((details) => warnings.push(details), 30_000, () => now);
    log.seen('a');
    expect(warnings).toEqual([{ unknownFixes: 1, trackerIds: ['a'] }]);
    for (let i = 0; i < 5_000; i += 1) log.seen(`x${i % 20}`);
    expect(warnings).toHaveLength(1);
    now += 30_000;
    log.seen('b');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]!.unknownFixes).toBe(5_001);
    expect(warnings[1]!.trackerIds).toHaveLength(10);
  });
});
