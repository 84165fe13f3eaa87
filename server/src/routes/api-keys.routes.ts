import type { FastifyPluginAsync } from 'fastify';
import { ApiKeyCreateBody, ApiKeyParams } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { createAuditedApiKey, listApiKeyInfos, presentApiKey, revokeApiKey } from '../services/auth/api-keys.js';

/** Ingest keys: list, create (the key is shown once), revoke (401 from the next request on). */
export const apiKeysRoutes: FastifyPluginAsync = async (app) => {
  const admin = { preHandler: requirePermission('apiKeys.manage') };

  app.get('/api/v1/api-keys', admin, async () => ({ apiKeys: await listApiKeyInfos(app.deps.db) }));

  app.post('/api/v1/api-keys', admin, async (request, reply) => {
    const body = parseOrThrow(ApiKeyCreateBody, request.body);
    const { row, key } = await createAuditedApiKey(app.deps, currentUser(request), body.name);
    return reply.status(201).send({ apiKey: { ...presentApiKey(row), key } });
  });

  app.delete('/api/v1/api-keys/:apiKeyId', admin, async (request) => {
    const { apiKeyId } = parseOrThrow(ApiKeyParams, request.params);
    const apiKey = await revokeApiKey(app.deps, currentUser(request), apiKeyId);
    return { apiKey };
  });
};
