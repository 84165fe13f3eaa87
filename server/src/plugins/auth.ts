import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { can, type Permission, type User } from '@vigil/shared';
import { forbidden, unauthorized } from '../lib/http-error.js';
import { userForToken } from '../services/auth/sessions.js';

export const SESSION_COOKIE = 'vigil_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
  }
}

/** Resolves the session cookie (or a bearer session token) to a user on every request. */
export const authPlugin = fp(async (app) => {
  await app.register(cookie);
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = await userForToken(app.deps.db, app.deps.clock, token);
  });
});

export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** A preHandler that refuses anyone without a session (401) or without the permission (403). */
export function requirePermission(permission: Permission): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = currentUser(request);
    if (!can(user.role, permission)) throw forbidden(`forbidden: the ${user.role} role may not use ${permission}`);
  };
}
