import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@vigil/shared';
import type { Database } from '../src/db/client.js';
import { devices } from '../src/db/schema/index.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { placementCache } from '../src/services/alarms/placement-cache.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';

/**
 * Where an alarm belongs is read from a short cache, and "no such device" is kept as well as
 * a device found. A device that appears (committed here or on another node) must be found by
 * the next alarm from it once its event is applied, not TTL seconds later.
 */
describe(`the alarm placement cache (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let database: Database;

  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await handle.open();
    await bootstrap(database.db, { adminPassword: 'placement-password', demoSite: buildSite() });
  });
  afterAll(async () => {
    await database?.close();
    await handle?.destroy();
  });

  const addDevice = (id: string, externalId: string) =>
    database.db.insert(devices).values({ id, siteId: 'test', kind: 'smoke_detector', name: id, x: 10, y: 10, externalId });

  const deviceSaved = (id: string): DomainEvent =>
    ({ seq: 1, stream: 'live', type: 'site.deviceSaved', siteId: 'test', at: new Date().toISOString(), actor: { kind: 'system', id: 'test', name: 'test' }, payload: { device: { id } } }) as unknown as DomainEvent;

  it('finds a device added after its external id was looked up and not found, once the change is applied', async () => {
    expect(await placementCache.deviceByExternalId(database.db, 'panel-9:zone-1')).toBeUndefined();
    await addDevice('test-smoke-late', 'panel-9:zone-1');
    // Not found is remembered: the row another node just committed is not read yet…
    expect(await placementCache.deviceByExternalId(database.db, 'panel-9:zone-1')).toBeUndefined();
    // …until its event is applied here (the broadcaster does this on every node).
    placementCache.observe(deviceSaved('test-smoke-late'));
    expect((await placementCache.deviceByExternalId(database.db, 'panel-9:zone-1'))?.id).toBe('test-smoke-late');
  });

  it('an alarm or position event does not empty it', async () => {
    expect(await placementCache.deviceByExternalId(database.db, 'panel-9:zone-2')).toBeUndefined();
    await addDevice('test-smoke-later', 'panel-9:zone-2');
    placementCache.observe({ ...deviceSaved('x'), type: 'alarm.raised' } as DomainEvent);
    expect(await placementCache.deviceByExternalId(database.db, 'panel-9:zone-2')).toBeUndefined();
    placementCache.invalidate();
    expect((await placementCache.deviceByExternalId(database.db, 'panel-9:zone-2'))?.id).toBe('test-smoke-later');
  });

  it('a lookup that was running when the cache was emptied leaves nothing behind', async () => {
    const running = placementCache.deviceByExternalId(database.db, 'panel-9:zone-3');
    placementCache.invalidate();
    expect(await running).toBeUndefined();
    await addDevice('test-smoke-latest', 'panel-9:zone-3');
    expect((await placementCache.deviceByExternalId(database.db, 'panel-9:zone-3'))?.id).toBe('test-smoke-latest');
  });
});
