import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { GuardCreateBody, GuardParams, GuardPatchBody, type Role, type User } from '@vigil/shared';
import { forbidden, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { presentGuard, presentRosterGuard, presentTrackerUrl } from '../presenters/guard.presenter.js';
import { listGuards } from '../repositories/guards.repository.js';
import { removeGuard } from '../services/guards/remove-guard.js';
import { createGuard, updateGuard } from '../services/guards/save-guard.js';
import { clearTrackerToken, rotateTrackerToken } from '../services/guards/tracker-token.js';
import { readScopeOf, viewerOf } from '../services/scope.js';

/**
 * Who keeps the roster and configures trackers, and so alone sees tracker ids. (A
 * `guards.manage` permission in shared/roles.ts would say this once.)
 */
const ROSTER_ROLES: readonly Role[] = ['admin', 'commander'];

const requireRosterRole: preHandlerAsyncHookHandler = async (request) => {
  const user = currentUser(request);
  if (!ROSTER_ROLES.includes(user.role)) throw forbidden(`forbidden: the ${user.role} role may not change the guard roster`);
};

/** Taking a guard off the roster is the admin's alone. */
const requireAdmin: preHandlerAsyncHookHandler = async (request) => {
  const user = currentUser(request);
  if (user.role !== 'admin') throw forbidden(`forbidden: the ${user.role} role may not remove guards`);
};

const actorOf = (user: User) => ({ kind: 'user' as const, id: user.id, name: user.displayName });

export const guardsRoutes: FastifyPluginAsync<{ osmandListenerPort?: number }> = async (app, options) => {
  const trackerUrl = (token: string, request: Parameters<typeof presentTrackerUrl>[1]) => presentTrackerUrl(token, request, options.osmandListenerPort);

  app.get('/api/v1/guards', { preHandler: requirePermission('sites.read') }, async (request) => {
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    const rows = await listGuards(app.deps.db, { siteIds: scope.siteIds, guardId: scope.guardId });
    const present = ROSTER_ROLES.includes(currentUser(request).role) ? presentRosterGuard : presentGuard;
    return { guards: rows.map(present) };
  });

  /** 201 with the guard's tracker URL, shown this once. */
  app.post('/api/v1/guards', { preHandler: requireRosterRole }, async (request, reply) => {
    const body = parseOrThrow(GuardCreateBody, request.body);
    const { guard, seq, trackerToken } = await createGuard(app.deps, body, actorOf(currentUser(request)), viewerOf(currentUser(request)));
    return reply.status(201).send({ guard, seq, tracker: trackerUrl(trackerToken, request) });
  });

  app.patch('/api/v1/guards/:id', { preHandler: requireRosterRole }, async (request) => {
    const { id } = parseOrThrow(GuardParams, request.params);
    const patch = parseOrThrow(GuardPatchBody, request.body);
    return updateGuard(app.deps, id, patch, actorOf(currentUser(request)), viewerOf(currentUser(request)));
  });

  app.delete('/api/v1/guards/:id', { preHandler: requireAdmin }, async (request) => {
    const { id } = parseOrThrow(GuardParams, request.params);
    const result = await removeGuard(app.deps, id, actorOf(currentUser(request)), viewerOf(currentUser(request)));
    app.positions.lane.forget(id);
    return result;
  });

  /** A new tracker URL (the old one refuses fixes from now on), shown this once. */
  app.post('/api/v1/guards/:id/tracker-url', { preHandler: requireRosterRole }, async (request) => {
    const { id } = parseOrThrow(GuardParams, request.params);
    const { guard, token } = await rotateTrackerToken(app.deps, id, viewerOf(currentUser(request)));
    // Not an event: the old URL's cached guard is dropped here and on the other nodes.
    app.trackers.changed(id);
    return { guard, tracker: trackerUrl(token, request) };
  });

  /** Back to the bare `/osmand?id=` (legacy trackers that take only a host and port). */
  app.delete('/api/v1/guards/:id/tracker-url', { preHandler: requireRosterRole }, async (request) => {
    const { id } = parseOrThrow(GuardParams, request.params);
    const cleared = await clearTrackerToken(app.deps, id, viewerOf(currentUser(request)));
    app.trackers.changed(id);
    return cleared;
  });
};
