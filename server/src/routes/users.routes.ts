import type { FastifyPluginAsync } from 'fastify';
import { UserCreateBody, PasswordResetBody, UserParams, UserPatchBody, UserSessionParams } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { sessionSocketsOf } from '../realtime/end-user-sockets.js';
import { createUser, updateUserSites } from '../services/auth/sessions.js';
import { listAccounts, listSessions, resetPassword, revokeSession, setDisabled } from '../services/auth/accounts.js';
import { requestSessionId } from './auth.routes.js';

/** Administration of users: accounts, passwords, disabling, sessions; each change audited in its own transaction. */
export const usersRoutes: FastifyPluginAsync = async (app) => {
  const admin = { preHandler: requirePermission('users.manage') };
  const sockets = sessionSocketsOf(app.io, (room, reason) => app.log.info({ room, reason }, 'sockets ended'));

  app.get('/api/v1/users', admin, async () => ({ users: await listAccounts(app.deps) }));

  app.post('/api/v1/users', admin, async (request, reply) => {
    const body = parseOrThrow(UserCreateBody, request.body);
    const user = await createUser(app.deps, currentUser(request), body);
    return reply.status(201).send({ user });
  });

  /** Sets another user's password; all that user's sessions and sockets end. */
  app.post('/api/v1/users/:userId/password', admin, async (request) => {
    const { userId } = parseOrThrow(UserParams, request.params);
    const body = parseOrThrow(PasswordResetBody, request.body);
    const user = await resetPassword(app.deps, sockets, currentUser(request), userId, body.password);
    return { user };
  });

  /** An admin's change to a login (the sites it sees); its sockets reconnect into the new scope. */
  app.patch('/api/v1/users/:userId', admin, async (request) => {
    const { userId } = parseOrThrow(UserParams, request.params);
    const body = parseOrThrow(UserPatchBody, request.body);
    const user = await updateUserSites(app.deps, currentUser(request), userId, body);
    if (body.siteIds !== undefined) sockets.endUser(userId, 'scope-changed');
    return { user };
  });

  /** Disabling ends every session and socket of the user at once. */
  app.post('/api/v1/users/:userId/disable', admin, async (request) => {
    const { userId } = parseOrThrow(UserParams, request.params);
    const user = await setDisabled(app.deps, sockets, currentUser(request), userId, true);
    return { user };
  });

  app.post('/api/v1/users/:userId/enable', admin, async (request) => {
    const { userId } = parseOrThrow(UserParams, request.params);
    const user = await setDisabled(app.deps, sockets, currentUser(request), userId, false);
    return { user };
  });

  app.get('/api/v1/users/:userId/sessions', admin, async (request) => {
    const { userId } = parseOrThrow(UserParams, request.params);
    return { sessions: await listSessions(app.deps, userId, requestSessionId(request)) };
  });

  /** Ends one session of a user and, at once, its sockets. */
  app.delete('/api/v1/users/:userId/sessions/:sessionId', admin, async (request, reply) => {
    const { userId, sessionId } = parseOrThrow(UserSessionParams, request.params);
    await revokeSession(app.deps, sockets, currentUser(request), userId, sessionId);
    return reply.status(204).send();
  });
};
