import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '@vigil/shared';
import { alarms } from '../src/db/schema/index.js';
import { newAlarmRow } from '../src/repositories/alarms.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildAlarm } from './helpers/factories.js';
import { api, login, postAlarm, startServer, type TestServer } from './helpers/server.js';

const HISTORY = 1_200;

interface Page {
  alarms: Alarm[];
  nextCursor: string | null;
  prevCursor: string | null;
}

describe(`GET /api/v1/alarms pages the history by cursor (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;
  const seeded = new Set<string>();

  const page = async (query: string): Promise<Page> => {
    const response = await api(server, 'GET', `/api/v1/alarms?${query}`, { cookie });
    expect(response.status).toBe(200);
    return response.body as Page;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    cookie = await login(server);
    // A day of history written as rows (the paging reads rows): two alarms share each second, so the id breaks ties.
    const start = Date.now() - 86_400_000;
    const rows = Array.from({ length: HISTORY }, (_, i) => {
      const at = new Date(start + Math.floor(i / 2) * 1000);
      const id = randomUUID();
      seeded.add(id);
      return newAlarmRow({
        id, siteId: 'test', stream: 'live', dedupKey: `history-${i}`, kind: 'intrusion', priority: 1 + (i % 4), source: { externalId: `history-${i}` },
        deviceId: null, zoneId: null, message: `history ${i}`, attributes: {}, occurredAt: at, at,
      });
    });
    for (let i = 0; i < rows.length; i += 200) await server.database.db.insert(alarms).values(rows.slice(i, i + 200));
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('walks every alarm exactly once, newest first, while new ones arrive, and reads the new ones after', async () => {
    const seen: string[] = [];
    const arrived: string[] = [];
    let current = await page('limit=100');
    const newestFirst = current.prevCursor!;
    for (;;) {
      seen.push(...current.alarms.map((alarm) => alarm.id));
      const times = current.alarms.map((alarm) => alarm.firstAt);
      expect([...times].sort().reverse()).toEqual(times);
      // An alarm raised between two pages: newer than every page read, so never in an older one.
      const posted = await postAlarm(server, buildAlarm({ message: `arrived during paging ${arrived.length}` }));
      expect(posted.status).toBe(201);
      arrived.push(posted.body.alarm.id as string);
      if (!current.nextCursor) break;
      current = await page(`limit=100&before=${current.nextCursor}`);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => seeded.has(id))).toHaveLength(HISTORY);

    // From the first page's prevCursor, `after` pages read what was raised since, each once.
    const newer: string[] = [];
    let cursor = newestFirst;
    for (;;) {
      const next = await page(`limit=7&after=${cursor}`);
      newer.push(...next.alarms.map((alarm) => alarm.id));
      if (next.alarms.length === 0) break;
      cursor = next.prevCursor!;
    }
    expect(new Set(newer).size).toBe(newer.length);
    expect(newer.filter((id) => arrived.includes(id)).sort()).toEqual(
      arrived.filter((id) => !seen.includes(id)).sort(),
    );
    expect(newer.filter((id) => seeded.has(id))).toEqual([]);
  });

  it('refuses a bad cursor or limit with a 400 that names the field, and changes nothing', async () => {
    const cases: [string, string][] = [
      ['before=not-a-cursor', 'before'],
      [`after=${Buffer.from('["yesterday","x"]').toString('base64url')}`, 'after'],
      [`before=${Buffer.from(JSON.stringify([new Date().toISOString(), 'not-a-uuid'])).toString('base64url')}`, 'before'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      [`before=${'x'.repeat(201)}`, 'before'],
    ];
    for (const [query, field] of cases) {
      const response = await api(server, 'GET', `/api/v1/alarms?${query}`, { cookie });
      expect(response.status, query).toBe(400);
      expect(response.body.message, query).toMatch(new RegExp(`^${field}: `));
    }
    const first = await page('limit=1');
    const both = await api(server, 'GET', `/api/v1/alarms?before=${first.nextCursor}&after=${first.prevCursor}`, { cookie });
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/^after: cannot be given together with before/);
  });
});
