import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { GuardCreateBody, GuardParams, GuardPatchBody, type Role, type User } from '@vigil/shared';
import { forbidden, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { presentGuard } from '../presenters/guard.presenter.js';
import { listGuards } from '../repositories/guards.repository.js';
import { createGuard, updateGuard } from '../services/guards/save-guard.js';

/** Who keeps the roster. (A `guards.manage` permission in shared/roles.ts would say this once.) */
const ROSTER_ROLES: readonly Role[] = ['admin', 'commander'];

const requireRosterRole: preHandlerAsyncHookHandler = async (request) => {
  const user = currentUser(request);
  if (!ROSTER_ROLES.includes(user.role)) throw forbidden(`forbidden: the ${user.role} role may not change the guard roster`);
};

const actorOf = (user: User) => ({ kind: 'user' as const, id: user.id, name: user.displayName });

export const guardsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/v1/guards', { preHandler: requirePermission('sites.read') }, async () => {
    const rows = await listGuards(app.deps.db);
    return { guards: rows.map(presentGuard) };
  });

  app.post('/api/v1/guards', { preHandler: requireRosterRole }, async (request, reply) => {
    const body = parseOrThrow(GuardCreateBody, request.body);
    const result = await createGuard(app.deps, body, actorOf(currentUser(request)));
    return reply.status(201).send(result);
  });

  app.patch('/api/v1/guards/:id', { preHandler: requireRosterRole }, async (request) => {
    const { id } = parseOrThrow(GuardParams, request.params);
    const patch = parseOrThrow(GuardPatchBody, request.body);
    return updateGuard(app.deps, id, patch, actorOf(currentUser(request)));
  });
};
