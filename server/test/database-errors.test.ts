import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { users } from '../src/db/schema/index.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { ADMIN_PASSWORD } from './helpers/server.js';

const NUL = '\u0000';

/** The app with its real pino logger writing into `lines`. */
describe(`database errors: answers and logs (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let database: Database;
  let app: FastifyInstance;
  const lines: string[] = [];
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await handle.open();
    await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, demoSite: buildSite() });
    app = await buildApp({ database, logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } }, video: { cameraHealth: false } });
    // A write that skipped the shared schemas, as a future route might: the last resort must still hold.
    app.post('/test/unvalidated-text', async (request) => {
      const { value } = request.body as { value: string };
      await database.db.execute(sql`select ${value}::text as stored`);
      await database.db.execute(sql`select ${JSON.stringify({ value })}::jsonb as stored`);
      return { ok: true };
    });
    await app.ready();
    const answer = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    cookie = String(answer.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await handle?.destroy();
  });

  it('a NUL that reaches the database is a 400 invalid_text, not a 500', async () => {
    const answer = await app.inject({ method: 'POST', url: '/test/unvalidated-text', payload: { value: `a${NUL}b` } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ error: 'invalid_text', message: expect.stringContaining('text: must not contain a NUL character') });
    const jsonOnly = await app.inject({ method: 'POST', url: '/test/unvalidated-text', payload: { value: 'plain' } });
    expect(jsonOnly.statusCode).toBe(200);
  });

  it('a failing query is logged without its parameters or the row: no username, display name or password hash', async () => {
    // A constraint the route does not know about, so the insert itself fails in the database.
    await database.db.execute(sql.raw(`alter table users add constraint no_leaks check (display_name <> 'Leaky Display 7f3a')`));
    const [before] = await database.db.select({ n: count() }).from(users);
    lines.length = 0;
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { username: 'leaky-user-7f3a', displayName: 'Leaky Display 7f3a', role: 'operator', password: 'correct-horse-7f3a-battery' },
    });
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toMatchObject({ error: 'internal', message: 'internal error; nothing was changed' });
    const [after] = await database.db.select({ n: count() }).from(users);
    expect(after?.n).toBe(before?.n);

    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const secret of ['leaky-user-7f3a', 'Leaky Display 7f3a', 'scrypt$', 'correct-horse']) expect(log).not.toContain(secret);
    const failure = lines.map((line) => JSON.parse(line) as { msg: string; err?: Record<string, unknown> }).find((entry) => entry.msg === 'request failed');
    expect(failure?.err).toBeDefined();
    // What is needed to find the fault stays: the query's SQL and PostgreSQL's code and constraint.
    expect(JSON.stringify(failure?.err)).toContain('23514');
    expect(JSON.stringify(failure?.err)).toContain('no_leaks');
    expect(String(failure?.err?.message)).toMatch(/^Failed query: insert into "users"/);
  });
});
