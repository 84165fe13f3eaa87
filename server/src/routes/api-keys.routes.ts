import type { FastifyPluginAsync } from 'fastify';
import { ApiKeyCreateBody, ApiKeyParams } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { recordAdminChange } from '../services/audit/record-audit.js';
import { createApiKey, listApiKeyInfos, presentApiKey, revokeApiKey } from '../services/auth/api-keys.js';

/** Ingest keys: list, create (the key is shown once), revoke (401 from the next request on). */
export const apiKeysRoutes: FastifyPluginAsync = async (app) => {
  const admin = { preHandler: requirePermission('apiKeys.manage') };

  app.get('/api/v1/api-keys', admin, async () => ({ apiKeys: await listApiKeyInfos(app.deps.db) }));

  app.post('/api/v1/api-keys', admin, async (request, reply) => {
    const body = parseOrThrow(ApiKeyCreateBody, request.body);
    const { row, key } = await createApiKey(app.deps.db, body.name);
    await recordAdminChange(app.deps, currentUser(request), { subject: 'apiKey', action: 'created', targetId: row.id, targetName: row.name, detail: null });
    return reply.status(201).send({ apiKey: { ...presentApiKey(row), key } });
  });

  app.delete('/api/v1/api-keys/:apiKeyId', admin, async (request) => {
    const { apiKeyId } = parseOrThrow(ApiKeyParams, request.params);
    const apiKey = await revokeApiKey(app.deps.db, apiKeyId, app.deps.clock());
    await recordAdminChange(app.deps, currentUser(request), { subject: 'apiKey', action: 'revoked', targetId: apiKey.id, targetName: apiKey.name, detail: null });
    return { apiKey };
  });
};
