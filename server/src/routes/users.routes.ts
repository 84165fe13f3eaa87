import type { FastifyPluginAsync } from 'fastify';
import { ApiKeyCreateBody, UserCreateBody, UserParams, UserPatchBody } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { requirePermission } from '../plugins/auth.js';
import { listUsers } from '../repositories/users.repository.js';
import { listApiKeys } from '../repositories/api-keys.repository.js';
import { presentUser } from '../presenters/user.presenter.js';
import { createUser, updateUser } from '../services/auth/sessions.js';
import { createApiKey } from '../services/auth/api-keys.js';

/** Administration: users and ingest keys. */
export const usersRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/v1/users', { preHandler: requirePermission('users.manage') }, async () => ({
    users: (await listUsers(app.deps.db)).map(presentUser),
  }));

  app.post('/api/v1/users', { preHandler: requirePermission('users.manage') }, async (request, reply) => {
    const body = parseOrThrow(UserCreateBody, request.body);
    return reply.status(201).send({ user: await createUser(app.deps.db, body) });
  });

  app.patch('/api/v1/users/:id', { preHandler: requirePermission('users.manage') }, async (request) => {
    const { id } = parseOrThrow(UserParams, request.params);
    const body = parseOrThrow(UserPatchBody, request.body);
    return { user: await updateUser(app.deps.db, id, body) };
  });

  app.get('/api/v1/api-keys', { preHandler: requirePermission('apiKeys.manage') }, async () => ({
    apiKeys: (await listApiKeys(app.deps.db)).map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
    })),
  }));

  app.post('/api/v1/api-keys', { preHandler: requirePermission('apiKeys.manage') }, async (request, reply) => {
    const body = parseOrThrow(ApiKeyCreateBody, request.body);
    const { row, key } = await createApiKey(app.deps.db, body.name);
    return reply.status(201).send({ apiKey: { id: row.id, name: row.name, key } });
  });
};
