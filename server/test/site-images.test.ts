import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SITE_IMAGE_BYTES, type DomainEvent } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { makePng } from './helpers/png.js';
import { TestClient, api, createUser, login, startServer, waitFor, type TestServer } from './helpers/server.js';

describe(`plan images for a site's backdrop (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  const upload = (bytes: Uint8Array, contentType = 'image/png', cookie = admin, siteId = 'test') =>
    api(server, 'POST', `/api/v1/sites/${siteId}/images`, { rawBody: bytes, cookie, headers: { 'content-type': contentType } });
  const download = (url: string, cookie = admin) => fetch(`${server.url}${url}`, { headers: cookie ? { cookie } : {} });
  const plan = makePng(40, 30, (x, y) => [x * 6, y * 8, 120]);

  it('stores an uploaded PNG, serves it to signed-in screens, and takes it as the backdrop', async () => {
    const stored = await upload(plan);
    expect(stored.status).toBe(201);
    expect(stored.body.image).toMatchObject({ siteId: 'test', contentType: 'image/png', size: plan.length, url: expect.stringMatching(/^\/api\/v1\/sites\/test\/images\/[0-9a-f]{64}$/) });
    const url: string = stored.body.image.url;

    const served = await download(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(plan)).toBe(true);
    const wall = await createUser(server, admin, 'wall-screen-1', 'wall');
    expect((await download(url, wall)).status).toBe(200);
    expect((await download(url, '')).status).toBe(401);

    // The same bytes again are the same image.
    expect((await upload(plan)).body.image.url).toBe(url);

    const watcher = new TestClient(server, admin);
    await watcher.connected();
    const backdrop = { kind: 'image', url, bounds: [[0, 0], [200, 120]] };
    const patched = await api(server, 'PATCH', '/api/v1/sites/test', { cookie: admin, body: { backdrop } });
    expect(patched.status).toBe(200);
    expect(patched.body.site.backdrop).toEqual(backdrop);
    await waitFor(() => watcher.events.some((event) => event.seq === patched.body.seq), 'site.saved');
    const saved = watcher.events.find((event) => event.seq === patched.body.seq) as Extract<DomainEvent, { type: 'site.saved' }>;
    expect(saved.payload.site.backdrop).toEqual(backdrop);
    watcher.close();
  });

  it('keeps only the new image and the one the backdrop shows', async () => {
    const shown: string = (await api(server, 'GET', '/api/v1/sites', { cookie: admin })).body.sites[0].backdrop.url;
    const tryOne = (await upload(makePng(8, 8, () => [255, 0, 0]))).body.image.url as string;
    const tryTwo = (await upload(makePng(8, 8, () => [0, 255, 0]))).body.image.url as string;
    expect((await download(tryOne)).status).toBe(404);
    expect((await download(tryTwo)).status).toBe(200);
    expect((await download(shown)).status).toBe(200);
    // A backdrop may not name an image that is gone.
    const refused = await api(server, 'PATCH', '/api/v1/sites/test', { cookie: admin, body: { backdrop: { kind: 'image', url: tryOne, bounds: [[0, 0], [200, 120]] } } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^backdrop\.url: no uploaded image "[0-9a-f]{64}" on this site/);
    // Nor a floor the site does not have.
    const noFloor = await api(server, 'PATCH', '/api/v1/sites/test', { cookie: admin, body: { backdrop: { kind: 'image', url: shown, bounds: [[0, 0], [200, 120]], floor: 7 } } });
    expect(noFloor.status).toBe(422);
    expect(noFloor.body.message).toBe('backdrop.floor: no floor with level 7 on this site');
  });

  it('refuses what is not a plan image with a 4xx naming the field, and stores nothing', async () => {
    const before = (await api(server, 'GET', '/api/v1/sites', { cookie: admin })).body.sites[0].backdrop;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const cases = [
      { response: await upload(svg, 'image/svg+xml'), status: 415, message: /^content-type: must be one of image\/png, image\/jpeg, image\/webp/ },
      { response: await upload(plan, 'application/octet-stream'), status: 415, message: /^content-type: / },
      { response: await upload(svg, 'image/png'), status: 415, message: /^body: is not a PNG image$/ },
      { response: await upload(plan, 'image/jpeg'), status: 415, message: /^body: is not a JPEG image \(it is image\/png\)$/ },
      { response: await upload(new Uint8Array(), 'image/png'), status: 400, message: /^body: must not be empty$/ },
      { response: await upload(Buffer.concat([plan, Buffer.alloc(MAX_SITE_IMAGE_BYTES)])), status: 413, message: /^body: is larger than the 8 MiB limit$/ },
      { response: await upload(plan, 'image/png', admin, 'nowhere'), status: 404, message: /^siteId: no site with id "nowhere"/ },
      { response: await upload(plan, 'image/png', await createUser(server, admin, 'operator-1', 'operator')), status: 403, message: /./ },
    ];
    for (const { response, status, message } of cases) {
      expect({ status: response.status, message: response.body?.message }).toEqual({ status, message: expect.stringMatching(message) });
    }
    expect((await download('/api/v1/sites/test/images/not-an-id')).status).toBe(400);
    expect((await api(server, 'GET', '/api/v1/sites', { cookie: admin })).body.sites[0].backdrop).toEqual(before);
  });
});
