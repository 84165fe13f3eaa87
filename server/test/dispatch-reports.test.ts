import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_PHOTO_BYTES, type IncidentEntryAdded } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { command, commandId, guardWithLogin } from './helpers/dispatch.js';
import { openIncident } from './helpers/dispatch-incidents.js';
import { makePng } from './helpers/png.js';
import { buildAnchoredSite } from './helpers/positions.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

const site = buildAnchoredSite();

describe(`dispatch: a guard's report with a photo (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let commanderCookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site });
    admin = await login(server);
    commanderCookie = await createUser(server, admin, 'report-commander', 'commander');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  /** An incident with this guard dispatched to it. */
  async function dispatched() {
    const commander = new TestClient(server, commanderCookie);
    await commander.connected();
    const incident = await openIncident(commander);
    const guard = await guardWithLogin(server, admin);
    const sent = await command(commander, 'dispatch.send', { commandId: commandId('send'), incidentId: incident.id, guardIds: [guard.guard.id] });
    expect(sent.ok).toBe(true);
    return { incident, guard, commander, dispatchId: sent.dispatchIds[0] as string };
  }

  const upload = (cookie: string, dispatchId: string, bytes: Uint8Array, type: string, query: Record<string, string>) =>
    api(server, 'POST', `/api/v1/dispatches/${dispatchId}/reports?${new URLSearchParams(query).toString()}`, { cookie, rawBody: bytes, headers: { 'content-type': type } });

  it('stores a real PNG with the note on the timeline and serves it back byte for byte, to those who may see it', async () => {
    const { incident, guard, commander, dispatchId } = await dispatched();
    const png = makePng(64, 48, (x, y) => [x * 4, y * 5, 120]);
    const report = { note: '3楼东侧有烟，已疏散住户', commandId: commandId('report') };
    const posted = await upload(guard.cookie, dispatchId, png, 'image/png', report);
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ seq: expect.any(Number), entryId: expect.any(String), photoId: expect.any(String) });

    await waitFor(() => commander.events.some((e) => e.type === 'incident.entryAdded'), 'the report on the commander');
    const added = commander.events.find((e): e is IncidentEntryAdded => e.type === 'incident.entryAdded')!;
    expect(added.payload).toMatchObject({
      incidentId: incident.id,
      entry: { id: posted.body.entryId, kind: 'report', text: report.note, photoId: posted.body.photoId, by: { id: guard.userId } },
    });

    const path = `/api/v1/incidents/${incident.id}/photos/${posted.body.photoId}`;
    for (const cookie of [commanderCookie, guard.cookie]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('cache-control')).toMatch(/^private/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    }
    // A guard not sent to the incident, and nobody signed out, sees nothing.
    const stranger = await guardWithLogin(server, admin);
    expect((await api(server, 'GET', path, { cookie: stranger.cookie })).status).toBe(404);
    expect((await api(server, 'GET', path)).status).toBe(401);
    // Nor may that guard report on the other's dispatch.
    const theirs = await upload(stranger.cookie, dispatchId, png, 'image/png', { note: 'x', commandId: commandId('report') });
    expect(theirs).toMatchObject({ status: 404, body: { message: `dispatchId: no dispatch with id "${dispatchId}"` } });

    // The same upload again (a retry after a lost answer) answers the first report and stores nothing new.
    const again = await upload(guard.cookie, dispatchId, png, 'image/png', report);
    expect(again).toMatchObject({ status: 201, body: posted.body });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(commander.events.filter((e) => e.type === 'incident.entryAdded')).toHaveLength(1);
    commander.close();
  });

  it('refuses a text file named .jpg, a body over the limit, and a bad note, naming the field', async () => {
    const { guard, commander, dispatchId } = await dispatched();
    const text = new TextEncoder().encode('not a photo at all, just a text file renamed report.jpg\n');
    const fake = await upload(guard.cookie, dispatchId, text, 'image/jpeg', { note: 'see photo', commandId: commandId('report') });
    expect(fake.status).toBe(415);
    expect(fake.body.message).toMatch(/^photo: is not a JPEG, PNG or WebP image/);
    const octet = await upload(guard.cookie, dispatchId, text, 'application/octet-stream', { commandId: commandId('report') });
    expect(octet.status).toBe(415);

    const big = Buffer.concat([makePng(4, 4, () => [0, 0, 0]), Buffer.alloc(MAX_REPORT_PHOTO_BYTES)]);
    const tooBig = await upload(guard.cookie, dispatchId, big, 'image/png', { note: 'big', commandId: commandId('report') });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toBe('body: is larger than the 5 MiB limit');

    const report = (body: unknown) => api(server, 'POST', `/api/v1/dispatches/${dispatchId}/reports`, { cookie: guard.cookie, body });
    expect((await report({ commandId: commandId('report'), note: 'bad\u0000note' })).body.message).toBe('note: must not contain a NUL character');
    expect((await report({ commandId: commandId('report'), note: 'x'.repeat(1001) })).body.message).toBe('note: must be at most 1000 characters');
    expect((await report({ commandId: commandId('report'), note: '  ' })).body.message).toBe('note: must not be empty when no photo is sent');
    const queryNul = await upload(guard.cookie, dispatchId, makePng(2, 2, () => [1, 2, 3]), 'image/png', { note: 'a\u0000b', commandId: commandId('report') });
    expect(queryNul).toMatchObject({ status: 400, body: { message: 'note: must not contain a NUL character' } });

    // A note alone, as JSON, is a report too; nothing refused above reached the timeline.
    const note = await report({ commandId: commandId('report'), note: '已到达，现场无明火' });
    expect(note).toMatchObject({ status: 201, body: { photoId: null } });
    await waitFor(() => commander.events.some((e) => e.type === 'incident.entryAdded'), 'the note');
    expect(commander.events.filter((e) => e.type === 'incident.entryAdded').map((e) => (e as IncidentEntryAdded).payload.entry.text)).toEqual(['已到达，现场无明火']);

    const wall = await createUser(server, admin, 'report-wall', 'wall');
    expect((await api(server, 'POST', `/api/v1/dispatches/${dispatchId}/reports`, { cookie: wall, body: { commandId: commandId('report'), note: 'x' } })).status).toBe(403);
    commander.close();
  });
});
