import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { alarms, events } from '../src/db/schema/index.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { INGEST_KEY, api, login, startServer, type TestServer } from './helpers/server.js';

const good = buildAlarm({ source: { deviceId: 'test-beam-e1' } });
const future = new Date(Date.now() + 3_600_000).toISOString();

/** Each row: what an integration might send, the status it must get, and a word the message must name. */
const cases: { name: string; body?: unknown; raw?: string; headers?: Record<string, string>; status: number; names: string }[] = [
  { name: 'malformed JSON', raw: '{"source": {"deviceId": "test-beam-e1"}, "kind": ', status: 400, names: 'JSON' },
  { name: 'an empty body', raw: '', status: 400, names: 'body' },
  { name: 'a JSON array', body: [good], status: 400, names: 'body' },
  { name: 'a missing kind', body: { ...good, kind: undefined }, status: 400, names: 'kind' },
  { name: 'an unknown kind', body: { ...good, kind: 'alien' }, status: 400, names: 'kind' },
  { name: 'priority as a string', body: { ...good, priority: '1' }, status: 400, names: 'priority' },
  { name: 'priority out of range', body: { ...good, priority: 42 }, status: 400, names: 'priority' },
  { name: 'a fractional priority', body: { ...good, priority: 1.5 }, status: 400, names: 'priority' },
  { name: 'an unknown top-level field', body: { ...good, colour: 'red' }, status: 400, names: 'colour' },
  { name: 'an unknown source field', body: { ...good, source: { deviceId: 'test-beam-e1', ip: '1.2.3.4' } }, status: 400, names: 'source.ip' },
  { name: 'a source with no id', body: { ...good, source: {} }, status: 400, names: 'source' },
  { name: 'occurredAt that is not a date', body: { ...good, occurredAt: 'yesterday' }, status: 400, names: 'occurredAt' },
  { name: 'occurredAt an hour in the future', body: { ...good, occurredAt: future }, status: 400, names: 'occurredAt' },
  { name: 'an empty message', body: { ...good, message: '   ' }, status: 400, names: 'message' },
  { name: 'a message over 500 characters', body: { ...good, message: 'x'.repeat(501) }, status: 400, names: 'message' },
  { name: 'attributes with an object value', body: { ...good, attributes: { nested: { a: 1 } } }, status: 400, names: 'attributes' },
  { name: 'an unknown device', body: { ...good, source: { deviceId: 'no-such-device' } }, status: 422, names: 'source.deviceId' },
  { name: 'an external source with no site', body: { ...good, source: { externalId: 'x-1' }, siteId: undefined }, status: 422, names: 'siteId' },
  { name: 'an unknown site', body: { ...good, source: { externalId: 'x-1' }, siteId: 'nowhere' }, status: 422, names: 'siteId' },
  { name: 'a zone of another site or none', body: { ...good, zoneId: 'nowhere-zone' }, status: 422, names: 'zoneId' },
  { name: 'a body over 64 KiB', body: { ...good, attributes: { big: 'x'.repeat(70_000) } }, status: 413, names: 'body' },
  { name: 'form encoding', raw: 'kind=fire', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, names: 'content-type' },
  { name: 'no API key', body: good, headers: { authorization: '' }, status: 401, names: 'authorization' },
  { name: 'a wrong API key', body: good, headers: { authorization: 'Bearer wrong-key-123456789' }, status: 401, names: 'authorization' },
  { name: 'a bad idempotency key', body: good, headers: { 'idempotency-key': 'has spaces in it' }, status: 400, names: 'idempotency-key' },
];

describe(`alarm ingest rejects bad input (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  async function rowCounts() {
    const [alarmRows] = await server.database.db.select({ n: count() }).from(alarms);
    const [eventRows] = await server.database.db.select({ n: count() }).from(events);
    return { alarms: Number(alarmRows?.n), events: Number(eventRows?.n) };
  }

  it.each(cases)('$name → $status naming "$names", nothing written', async ({ body, raw, headers, status, names }) => {
    const before = await rowCounts();
    const response = await api(server, 'POST', '/api/v1/alarms', {
      body,
      rawBody: raw,
      headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json', ...headers },
    });
    expect(response.status).toBe(status);
    expect(response.body.message).toContain(names);
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps serving after all of that', async () => {
    const response = await api(server, 'POST', '/api/v1/alarms', { body: good, headers: { authorization: `Bearer ${INGEST_KEY}` } });
    expect(response.status).toBe(201);
    expect((await api(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('lists alarms filtered by state', async () => {
    const cookie = await login(server);
    const open = await api(server, 'GET', '/api/v1/alarms?state=open', { cookie });
    expect(open.status).toBe(200);
    expect(open.body.alarms.length).toBeGreaterThan(0);
    const resolved = await api(server, 'GET', '/api/v1/alarms?state=resolved', { cookie });
    expect(resolved.body.alarms).toEqual([]);
    const bad = await api(server, 'GET', '/api/v1/alarms?state=sleeping', { cookie });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('state');
  });
});
