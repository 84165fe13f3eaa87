import type { FastifyPluginAsync } from 'fastify';
import { LoginBody } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, SESSION_COOKIE } from '../plugins/auth.js';
import { login, logout } from '../services/auth/sessions.js';

export const authRoutes: FastifyPluginAsync = async (app) => {
  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = parseOrThrow(LoginBody, request.body);
    const session = await login(app.deps.db, app.deps.clock, body);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      expires: session.expiresAt,
    });
    return { user: session.user };
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(app.deps.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', async (request) => ({ user: currentUser(request) }));
};
