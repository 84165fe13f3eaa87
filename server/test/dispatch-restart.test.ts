import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncMessage } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { command, commandId, guardWithLogin, phoneOf } from './helpers/dispatch.js';
import { openIncident } from './helpers/dispatch-incidents.js';
import { buildAnchoredSite, gpsAt } from './helpers/positions.js';
import { TestClient, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

describe(`dispatch across a restart (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer | undefined;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('keeps an accepted dispatch on the phone and still detects the arrival after the server restarts', async () => {
    server = await startServer(handle, { site });
    const admin = await login(server);
    const commanderCookie = await createUser(server, admin, 'restart-commander', 'commander');
    let commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander, { title: 'Smoke on the ground floor', location: { position: [120, 30], floor: 0, zoneId: null } });
    const { guard, cookie } = await guardWithLogin(server, admin);
    let phone = await phoneOf(server, cookie);
    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.id] });
    const dispatchId = sent.dispatchIds[0] as string;
    expect(await command(phone, 'dispatch.answer', { commandId: commandId('acc'), dispatchId, action: 'accept' })).toMatchObject({ ok: true });
    phone.close();
    commander.close();

    const port = Number(new URL(server.url).port);
    await server.close();
    server = await startServer(handle, { site, port });

    phone = await phoneOf(server, cookie);
    const snapshot = phone.syncs[0] as Extract<SyncMessage, { kind: 'snapshot' }>;
    expect(snapshot.state.dispatches[dispatchId]).toMatchObject({ state: 'accepted', guardId: guard.id, acceptedAt: expect.any(String) });
    expect(snapshot.state.incidents[incident.id]).toMatchObject({ title: 'Smoke on the ground floor', location: incident.location });

    commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const { lat, lon } = gpsAt(site, [123, 34]);
    expect(await command(phone, 'position.report', { fixes: [{ id: 'restart-fix-1', at: new Date().toISOString(), lat, lon, floor: 0 }] })).toMatchObject({ ok: true });
    await waitFor(() => commander.events.some((e) => e.type === 'dispatch.arrived' && e.payload.dispatchId === dispatchId), 'the arrival after the restart');
    expect(commander.events.find((e) => e.type === 'dispatch.arrived')).toMatchObject({ payload: { arrival: 'detected' } });
    phone.close();
    commander.close();
  }, 120_000);
});
