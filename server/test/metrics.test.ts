import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraPlaylistPath } from '@vigil/shared';
import { demoSite } from '../src/sim/demo-site.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { addGuard } from './helpers/positions.js';
import { TestClient, api, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

/** One sample's value from Prometheus' text format; undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe(`/metrics (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: demoSite });
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('counts each posted alarm in the ingest→emit histogram once its event reached the sockets', async () => {
    const client = new TestClient(server, cookie);
    await client.connected();
    const before = sample(await scrape(server), 'vigil_alarm_ingest_to_emit_seconds_count') ?? 0;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await postAlarm(server, buildAlarm({ siteId: 'demo', source: { externalId: `metrics-${i}` } }));
      expect(answer.status).toBe(201);
      ids.push(answer.body.alarm.id as string);
    }
    await waitFor(
      () => ids.every((id) => client.events.some((event) => event.type === 'alarm.raised' && event.payload.alarm.id === id)),
      'the three alarms on the socket',
    );
    const text = await scrape(server);
    expect(sample(text, 'vigil_alarm_ingest_to_emit_seconds_count')).toBe(before + 3);
    const sum = sample(text, 'vigil_alarm_ingest_to_emit_seconds_sum')!;
    expect(sum).toBeGreaterThan(0);
    // Every observation is under the 10 s bucket: a latency, not a clock difference gone wrong.
    expect(sample(text, 'vigil_alarm_ingest_to_emit_seconds_bucket', { le: '10' })).toBe(before + 3);
    expect(sample(text, 'vigil_broadcast_seq')).toBe(client.lastSeq);

    // An idempotent replay answers the first alarm again: nothing new reached the sockets, nothing is counted.
    const key = { 'idempotency-key': 'metrics-replay-1' };
    const keyed = buildAlarm({ siteId: 'demo', source: { externalId: 'metrics-replay' } });
    expect((await postAlarm(server, keyed, key)).status).toBe(201);
    await waitFor(() => client.events.length >= 4, 'the keyed alarm');
    const counted = sample(await scrape(server), 'vigil_alarm_ingest_to_emit_seconds_count')!;
    const replay = await postAlarm(server, keyed, key);
    expect(replay.status).toBe(201);
    expect(sample(await scrape(server), 'vigil_alarm_ingest_to_emit_seconds_count')).toBe(counted);
    client.close();
  });

  it('reports the connected sockets per namespace, as many as are connected', async () => {
    const clients = [new TestClient(server, cookie), new TestClient(server, cookie), new TestClient(server, cookie)];
    await Promise.all(clients.map((client) => client.connected()));
    expect(sample(await scrape(server), 'vigil_sockets', { namespace: '/' })).toBe(3);
    clients[0]!.close();
    await expect.poll(async () => sample(await scrape(server), 'vigil_sockets', { namespace: '/' })).toBe(2);
    clients.slice(1).forEach((client) => client.close());
    await expect.poll(async () => sample(await scrape(server), 'vigil_sockets', { namespace: '/' })).toBe(0);
  });

  it('counts fixes written by source, relay bytes sent, database connections and event-loop lag', async () => {
    const guard = await addGuard(server, cookie, { siteId: 'demo' });
    const before = await scrape(server);
    expect(sample(before, 'vigil_position_fixes_total', { source: 'osmand' })).toBe(0);
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 2; i += 1) {
      const fix = await fetch(`${server.url}${guard.osmand}?id=${guard.trackerId}&lat=30.2745&lon=120.1561&timestamp=${now - 10 + i}`);
      expect(fix.status).toBe(200);
    }
    const playlist = await api(server, 'GET', cameraPlaylistPath('demo-cam-01', 'main'), { cookie });
    expect(playlist.status).toBe(200);
    const text = await scrape(server);
    expect(sample(text, 'vigil_position_fixes_total', { source: 'osmand' })).toBe(2);
    expect(sample(text, 'vigil_video_relay_bytes_total', { kind: 'playlist' })).toBe(Buffer.byteLength(playlist.body as string));
    const driver = testDbKind === 'postgres' ? 'pg' : 'pglite';
    expect(sample(text, 'vigil_db_pool_connections', { driver, state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vigil_db_pool_connections', { driver, state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'vigil_positions_pending_rows')).toBe(0);
    // Labels name kinds, never a user, key, guard or camera.
    expect(text).not.toContain(guard.trackerId);
    expect(text).not.toContain('demo-cam-01');
    expect(text).not.toContain('admin');
  });

  it('refuses a scrape that comes through a proxy when no METRICS_TOKEN is set', async () => {
    const proxied = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ error: 'forbidden' });
  });
});

describe(`/metrics with METRICS_TOKEN (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  const token = 'metrics-token-for-tests-0123456789';

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { metricsToken: token });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('answers only a scraper with the token, even on this machine', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    const body = await none.text();
    expect(body).not.toContain('vigil_');
    expect(JSON.parse(body)).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
    const text = await scrape(server, { authorization: `Bearer ${token}` });
    expect(sample(text, 'vigil_sockets', { namespace: '/' })).toBe(0);
    // Through a proxy too, with the token.
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
  });
});
