import { HttpError } from './http-error.js';

/**
 * What a database error means for the caller. `invalid_text`: PostgreSQL refused a NUL character
 * (the schemas refuse it first, see shared/src/schemas/text.ts; this is the last resort).
 * `unavailable`: the database is down, frozen or overloaded — refused or dropped connections,
 * connect, acquire and statement timeouts — so the request may succeed when retried.
 */
export type DatabaseFault = 'invalid_text' | 'unavailable';

/** Seconds a client is told to wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs: 22021 invalid byte sequence (a NUL in text), 22P05 unsupported Unicode escape (\u0000 in jsonb). */
const INVALID_TEXT_CODES = new Set(['22021', '22P05']);

/**
 * 08… connection exceptions, 53… insufficient resources (too many connections), 57014 statement
 * timeout, 57P01–57P05 shutdown / cannot connect now / idle session timeout, 25P03 idle in
 * transaction timeout, 55P03 lock timeout.
 */
function unavailableCode(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || code.startsWith('57P') || ['57014', '25P03', '55P03'].includes(code);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres and pg-pool say these without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable|Connection refused|Client was closed|the database system is (starting up|shutting down)/i;

function errorsIn(error: unknown, depth = 0): unknown[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const record = error as { cause?: unknown; errors?: unknown };
  const nested = Array.isArray(record.errors) ? record.errors : [];
  return [error, ...errorsIn(record.cause, depth + 1), ...nested.flatMap((inner) => errorsIn(inner, depth + 1))];
}

/** Looks through drizzle's DrizzleQueryError (and any cause) at the driver's error. */
export function databaseFault(error: unknown): DatabaseFault | null {
  const chain = errorsIn(error);
  for (const item of chain) {
    const code = (item as { code?: unknown }).code;
    if (typeof code === 'string' && INVALID_TEXT_CODES.has(code)) return 'invalid_text';
  }
  for (const item of chain) {
    const { code, message } = item as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || unavailableCode(code))) return 'unavailable';
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return 'unavailable';
  }
  return null;
}

export const UNAVAILABLE_MESSAGE = `the database is not answering; try again in ${RETRY_AFTER_SECONDS} s`;

/** The answer for a database error a client can act on, or null for a real internal error. */
export function httpErrorForDatabase(error: unknown): HttpError | null {
  switch (databaseFault(error)) {
    case 'invalid_text':
      return new HttpError(400, 'invalid_text', 'text: must not contain a NUL character (PostgreSQL cannot store it); nothing was changed');
    case 'unavailable':
      return new HttpError(503, 'unavailable', UNAVAILABLE_MESSAGE);
    case null:
      return null;
  }
}

/* ------------------------------------------------------------------ logging */

/** Properties of a driver error that carry row values: drizzle's `params`, PostgreSQL's `detail` ("Failing row contains …"). */
const VALUE_FIELDS = new Set(['params', 'parameters', 'values', 'detail', 'where', 'internalQuery', 'client']);

/** SQL text with its literals blanked: drizzle sends values as parameters, but `sql.raw` could inline one. */
export function redactSql(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "'…'").replace(/\$\$[\s\S]*?\$\$/g, '$$…$$');
}

/** drizzle's message is "Failed query: <sql>\nparams: <every value>"; keep the SQL, drop the values. */
function redactMessage(message: string): string {
  const cut = message.search(/\nparams:/);
  return redactSql(cut >= 0 ? message.slice(0, cut) : message);
}

/**
 * pino's `err` serializer for every log line: the type, message, stack, SQLSTATE and the names
 * of what failed, never the values a query carried (a new user's password hash was logged so).
 */
export interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error), stack: '' };
  const source = error as Record<string, unknown> & { message?: unknown; stack?: unknown; cause?: unknown };
  const type = error.constructor?.name ?? 'Error';
  const message = typeof source.message === 'string' ? redactMessage(source.message) : '';
  const out: SerializedError = { type, message, stack: '' };
  for (const [key, value] of Object.entries(source)) {
    if (VALUE_FIELDS.has(key) || key === 'cause' || key === 'message' || key === 'stack') continue;
    if (key === 'query' && typeof value === 'string') out.query = redactSql(value);
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  if (typeof source.stack === 'string') {
    const frames = source.stack.indexOf('\n    at ');
    out.stack = `${type}: ${message}${frames >= 0 ? source.stack.slice(frames) : ''}`;
  }
  if (source.cause !== undefined && depth < 5) out.cause = serializeError(source.cause, depth + 1);
  else if (source.cause !== undefined) out.cause = '…';
  return out;
}
