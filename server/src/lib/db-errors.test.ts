import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm';
import { databaseFault, httpErrorForDatabase, redactSql, serializeError } from './db-errors.js';

const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });
const wrapped = (cause: unknown) => new DrizzleQueryError('insert into "users" ("username", "password_hash") values ($1, $2)', ['eve', 'scrypt$32768$8$1$c2FsdA==$a2V5'], cause as Error);

describe('databaseFault', () => {
  it.each([
    ['a NUL in text (22021)', wrapped(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')), 'invalid_text'],
    ['a NUL in jsonb (22P05)', wrapped(pgError('22P05', 'unsupported Unicode escape sequence')), 'invalid_text'],
    ['a refused connection', new AggregateError([pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')], 'connect failed'), 'unavailable'],
    ['a pool acquire timeout', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['a connect timeout', new Error('Connection terminated due to connection timeout'), 'unavailable'],
    ['a frozen server (client read timeout)', wrapped(new Error('Query read timeout')), 'unavailable'],
    ['a statement timeout (57014)', wrapped(pgError('57014', 'canceling statement due to statement timeout')), 'unavailable'],
    ['a server shutting down (57P01)', pgError('57P01', 'terminating connection due to administrator command'), 'unavailable'],
    ['a dropped connection', wrapped(new Error('Connection terminated unexpectedly')), 'unavailable'],
    ['a unique violation', wrapped(pgError('23505', 'duplicate key value violates unique constraint')), null],
    ['a bug', new TypeError('x is undefined'), null],
  ])('%s → %s', (_name, error, fault) => {
    expect(databaseFault(error)).toBe(fault);
  });

  it('maps to HttpErrors with distinct codes', () => {
    expect(httpErrorForDatabase(new Error('Query read timeout'))).toMatchObject({ statusCode: 503, code: 'unavailable' });
    expect(httpErrorForDatabase(pgError('22021', 'x'))).toMatchObject({ statusCode: 400, code: 'invalid_text' });
    expect(httpErrorForDatabase(new Error('boom'))).toBeNull();
  });
});

describe('serializeError', () => {
  it('keeps the SQL, code and names of what failed, and drops parameters and row values', () => {
    const cause = pgError('23502', 'null value in column "role" violates not-null constraint', {
      detail: 'Failing row contains (eve, scrypt$32768$8$1$c2FsdA==$a2V5, null).',
      table: 'users',
      column: 'role',
    });
    const out = serializeError(wrapped(cause));
    const text = JSON.stringify(out);
    expect(text).not.toContain('eve');
    expect(text).not.toContain('scrypt');
    expect(out.message).toBe('Failed query: insert into "users" ("username", "password_hash") values ($1, $2)');
    expect(out.stack).toMatch(/^DrizzleQueryError: Failed query: insert into "users"[^\n]*\n {4}at /);
    expect(out.cause).toMatchObject({ code: '23502', table: 'users', column: 'role', message: expect.stringContaining('not-null') });
  });

  it('blanks literals that raw SQL could inline', () => {
    expect(redactSql("select * from users where username = 'eve' and x = $1")).toBe("select * from users where username = '…' and x = $1");
  });
});
