import { afterAll, describe, expect, it } from 'vitest';
import { countPositions } from '../src/repositories/positions.repository.js';
import { presentGuard } from '../src/presenters/guard.presenter.js';
import { findGuard } from '../src/repositories/guards.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { addGuard, buildAnchoredSite, gpsAt, recordFrames } from './helpers/positions.js';
import { TestClient, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

describe(`the positions lane across a restart (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('writes buffered fixes on close, and sends the latest fix in the full frame after a restart', async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    const guard = await addGuard(server, await login(server));
    const row = await findGuard(server.database.db, guard.id);
    const at = new Date(Date.now() - 1_000);
    // Not awaited: the row is still in the buffer when the app closes.
    const pending = server.app.positions.lane.submit([
      { guard: presentGuard(row!), at, ...gpsAt(site, [75, 25]), floor: 0, accuracy: 4, heading: null, speed: null, battery: null, sos: false, source: 'osmand' },
    ]);
    expect(server.app.positions.lane.pendingRows).toBe(1);
    await server.close();
    await expect(pending).resolves.toEqual({ stored: 1, duplicates: 0 });

    server = await startServer(handle, { site });
    expect(await countPositions(server.database.db, guard.id)).toBe(1);
    const client = new TestClient(server, await login(server));
    const recorder = recordFrames(client.socket);
    await client.connected();
    await waitFor(() => recorder.frames.length > 0, 'the full frame');
    const fix = recorder.frames[0]!.frame.fixes.find((f) => f.guardId === guard.id);
    expect(fix?.at).toBe(at.toISOString());
    expect(fix?.position[0]).toBeCloseTo(75, 0);
    client.close();
  });
});
