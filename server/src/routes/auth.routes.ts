import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LoginBody, PasswordChangeBody } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { sha256 } from '../lib/tokens.js';
import { currentUser, SESSION_COOKIE } from '../plugins/auth.js';
import { sessionSocketsOf } from '../realtime/end-user-sockets.js';
import { changeOwnPassword } from '../services/auth/accounts.js';
import { login, logout, type ClientInfo } from '../services/auth/sessions.js';
import { personActor, recordAudit } from '../services/audit/record-audit.js';

export function clientInfo(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { address: request.ip, userAgent: typeof agent === 'string' ? agent : undefined };
}

/** The id (token hash) of the session a request came with. */
export function requestSessionId(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token ? sha256(token) : undefined;
}

export const authRoutes: FastifyPluginAsync = async (app) => {
  const sockets = sessionSocketsOf(app.io, (room, reason) => app.log.info({ room, reason }, 'sockets ended'));

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = parseOrThrow(LoginBody, request.body);
    const session = await login(app.deps, body, clientInfo(request));
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      expires: session.expiresAt,
    });
    return { user: session.user };
  });

  /** Ends this session and, at once, its sockets on every namespace. */
  app.post('/api/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) sockets.endSession(await logout(app.deps.db, token), 'logout');
    const user = request.user;
    if (token && user) {
      await recordAudit(app.deps, { type: 'auth.loggedOut', actor: personActor(user), payload: { userId: user.id, username: user.username } });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', async (request) => ({ user: currentUser(request) }));

  /** Any signed-in user changes their own password; their other sessions end. */
  app.post('/api/v1/auth/password', async (request, reply) => {
    const user = currentUser(request);
    const body = parseOrThrow(PasswordChangeBody, request.body);
    await changeOwnPassword(app.deps, sockets, user, requestSessionId(request) ?? '', body, request.ip);
    return reply.status(204).send();
  });
};
