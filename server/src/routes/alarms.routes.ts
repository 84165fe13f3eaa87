import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AlarmIngestBody, AlarmListQuery } from '@vigil/shared';
import { HttpError, badRequest, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { listAlarms } from '../repositories/alarms.repository.js';
import { presentAlarm } from '../presenters/alarm.presenter.js';
import { apiKeyFor } from '../services/auth/api-keys.js';
import { raiseAlarm } from '../services/alarms/raise-alarm.js';
import { ownAlarmSource, readScopeOf } from '../services/scope.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

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
    const rows = await listAlarms(app.deps.db, { stream: 'live', ...query, siteIds: scope.siteIds, sourceExternalId: ownAlarmSource(scope) });
    return { alarms: rows.map(presentAlarm) };
  });
};
