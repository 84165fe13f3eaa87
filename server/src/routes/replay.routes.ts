import type { FastifyPluginAsync } from 'fastify';
import { ReplayEventsQuery, ReplayPositionsQuery, ReplayRangeQuery, ReplayStateQuery } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { readScopeOf } from '../services/scope.js';
import { replayEvents, replayPositions, replayRange, replayState } from '../services/replay/replay-reads.js';

/**
 * Replay (回放) over HTTP: the timeline bar's range and markers, the picture at a moment, the
 * events and fixes to play on. Read-only: nothing here writes, and live is never touched.
 * For the roles that watch the wall (`replay.watch`); a guard's phone may not.
 */
export const replayRoutes: FastifyPluginAsync = async (app) => {
  const watch = { preHandler: requirePermission('replay.watch') };
  const scopeOf = (user: ReturnType<typeof currentUser>) => readScopeOf(app.deps.db, user);

  app.get('/api/v1/replay/range', watch, async (request) => {
    const query = parseOrThrow(ReplayRangeQuery, request.query);
    return replayRange(app.deps.db, query, await scopeOf(currentUser(request)));
  });

  app.get('/api/v1/replay/state', watch, async (request) => {
    const query = parseOrThrow(ReplayStateQuery, request.query);
    return replayState(app.deps.db, query, await scopeOf(currentUser(request)));
  });

  app.get('/api/v1/replay/events', watch, async (request) => {
    const query = parseOrThrow(ReplayEventsQuery, request.query);
    return replayEvents(app.deps.db, query, await scopeOf(currentUser(request)));
  });

  app.get('/api/v1/replay/positions', watch, async (request) => {
    const query = parseOrThrow(ReplayPositionsQuery, request.query);
    return replayPositions(app.deps.db, query, await scopeOf(currentUser(request)));
  });
};
