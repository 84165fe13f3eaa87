import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import type { Database, Executor } from '../src/db/client.js';
import { cameraStreams } from '../src/db/schema/index.js';
import { listMonitors, listPresets, monitorDelete } from '../src/repositories/wall.repository.js';
import { deleteCameraStreams } from '../src/repositories/camera-streams.repository.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { demoGuards } from '../src/sim/demo-guards.js';
import { demoSite } from '../src/sim/demo-site.js';
import { demoWall } from '../src/sim/demo-wall.js';

const listCameraStreamRows = (db: Executor) => db.select().from(cameraStreams);

describe(`first start and later starts of the demo (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let database: Database;
  const options = () => ({ adminPassword: 'bootstrap-password', demoSite, demoGuards: demoGuards(demoSite.id), demoWall: demoWall(demoSite.id, new Date()) });

  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await handle.open();
  });
  afterAll(async () => {
    await database?.close();
    await handle?.destroy();
  });

  it('gives a data directory made before the video wall the demo wall and video, once', async () => {
    // As an earlier version left it: the demo site, no wall, no camera video.
    await bootstrap(database.db, { adminPassword: 'bootstrap-password', demoSite, demoGuards: demoGuards(demoSite.id) });
    await database.db.transaction(async (tx) => {
      for (const row of await listCameraStreamRows(tx)) await deleteCameraStreams(tx, row.deviceId);
    });
    expect(await listMonitors(database.db)).toEqual([]);
    expect(await listCameraStreamRows(database.db)).toEqual([]);

    await bootstrap(database.db, options());
    expect((await listMonitors(database.db)).map((monitor) => monitor.id)).toEqual(['main', 'alarm', 'perimeter']);
    expect((await listPresets(database.db)).length).toBeGreaterThan(0);
    const cameras = demoSite.devices.filter((device) => device.kind === 'camera').map((camera) => camera.id);
    expect((await listCameraStreamRows(database.db)).map((row) => row.deviceId).sort()).toEqual([...cameras].sort());
  });

  it('leaves a wall that has monitors as it is, and fills in only missing camera video', async () => {
    await monitorDelete(database.db, 'perimeter');
    await deleteCameraStreams(database.db, 'demo-cam-05');
    await bootstrap(database.db, options());
    expect((await listMonitors(database.db)).map((monitor) => monitor.id)).toEqual(['main', 'alarm']);
    expect((await listCameraStreamRows(database.db)).some((row) => row.deviceId === 'demo-cam-05')).toBe(true);
  });
});
