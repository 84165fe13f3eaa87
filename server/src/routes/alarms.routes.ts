import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AlarmIngestBody, AlarmListQuery } from '@vigil/shared';
import { HttpError, badRequest, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { listAlarmPage, type AlarmCursor } from '../repositories/alarms.repository.js';
import { presentAlarm } from '../presenters/alarm.presenter.js';
import { apiKeyFor } from '../services/auth/api-keys.js';
import { raiseAlarm } from '../services/alarms/raise-alarm.js';
import { ownAlarmSource, readScopeOf } from '../services/scope.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque page cursor: base64url of [firstAt ISO, id]. Clients pass it back unread. */
const encodeCursor = (row: { firstAt: Date; id: string }) => Buffer.from(JSON.stringify([row.firstAt.toISOString(), row.id])).toString('base64url');

function decodeCursor(field: 'before' | 'after', value: string | undefined): AlarmCursor | undefined {
  if (value === undefined) return undefined;
  const refuse = () => badRequest(`${field}: must be a cursor from a previous page`, { field, rule: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refuse();
  const [at, id] = parsed as unknown[];
  const firstAt = typeof at === 'string' ? new Date(at) : null;
  if (!firstAt || Number.isNaN(firstAt.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw refuse();
  return { firstAt, id };
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export const alarmsRoutes: FastifyPluginAsync = async (app) => {
  /** Integrations post alarms: answered only after the commit, idempotent by key. */
  app.post('/api/v1/alarms', async (request, reply) => {
    const key = await apiKeyFor(app.deps.db, bearer(request));
    if (!key) throw new HttpError(401, 'unauthorized', 'authorization: a valid API key is required (Authorization: Bearer <key>)');
    const idempotencyHeader = request.headers['idempotency-key'];
    if (idempotencyHeader !== undefined && (typeof idempotencyHeader !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyHeader))) {
      throw badRequest('idempotency-key: must be 1 to 128 printable ASCII characters');
    }
    const body = parseOrThrow(AlarmIngestBody, request.body);
    const result = await raiseAlarm(app.deps, body, {
      actor: { kind: 'integration', id: key.id, name: key.name },
      idempotency: idempotencyHeader ? { scope: key.id, key: idempotencyHeader } : undefined,
    });
    return reply.status(result.status).send(result.body);
  });

  app.get('/api/v1/alarms', { preHandler: requirePermission('alarms.read') }, async (request) => {
    const query = parseOrThrow(AlarmListQuery, request.query);
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    const before = decodeCursor('before', query.before);
    const after = decodeCursor('after', query.after);
    const { rows, more } = await listAlarmPage(app.deps.db, {
      stream: 'live', state: query.state, siteId: query.siteId, limit: query.limit, before, after, siteIds: scope.siteIds, sourceExternalId: ownAlarmSource(scope),
    });
    const first = rows[0];
    const last = rows.at(-1);
    return {
      alarms: rows.map(presentAlarm),
      // Older alarms: pass as `before`; null when this page reached the oldest (reading newer, older ones are always there).
      nextCursor: last && (more || after !== undefined) ? encodeCursor(last) : null,
      // Newer alarms (including ones raised since): pass as `after`.
      prevCursor: first ? encodeCursor(first) : before ?? after ? (query.before ?? query.after ?? null) : null,
    };
  });
};
