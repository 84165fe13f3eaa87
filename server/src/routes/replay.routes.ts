import type { FastifyPluginAsync } from 'fastify';
import { can, ReplayEventsQuery, ReplayPositionsQuery, ReplayRangeQuery, ReplayStateQuery, type Stream, type User } from '@vigil/shared';
import type { Db } from '../db/client.js';
import { forbidden, notFound, parseOrThrow } from '../lib/http-error.js';
import { findDrillRunByStream } from '../repositories/drills.repository.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { readScopeOf } from '../services/scope.js';
import { replayEvents, replayPositions, replayRange, replayState } from '../services/replay/replay-reads.js';

/**
 * Replay (回放) over HTTP: the timeline bar's range and markers, the picture at a moment, the
 * events and fixes to play on. Read-only: nothing here writes, and live is never touched.
 * For the roles that watch the wall (`replay.watch`); a guard's phone may not. A drill's stream
 * (its debrief) only for those who run drills and for that drill's controller and participants.
 */
/** Refuses the replay of a drill this user neither runs drills for nor took part in (ended ones too: the debrief). */
async function checkStream(db: Db, user: User, stream: Stream): Promise<void> {
  if (stream === 'live') return;
  const run = await findDrillRunByStream(db, stream);
  if (!run) throw notFound(`stream: no drill "${stream}"`);
  if (can(user.role, 'drills.run') || run.controllerId === user.id || run.participants.includes(user.id)) return;
  throw forbidden(`stream: you did not take part in the drill "${stream}"`);
}

export const replayRoutes: FastifyPluginAsync = async (app) => {
  const watch = { preHandler: requirePermission('replay.watch') };
  const scopeOf = async (user: User, stream: Stream) => {
    await checkStream(app.deps.db, user, stream);
    return readScopeOf(app.deps.db, user);
  };

  app.get('/api/v1/replay/range', watch, async (request) => {
    const query = parseOrThrow(ReplayRangeQuery, request.query);
    return replayRange(app.deps.db, query, await scopeOf(currentUser(request), query.stream));
  });

  app.get('/api/v1/replay/state', watch, async (request) => {
    const query = parseOrThrow(ReplayStateQuery, request.query);
    return replayState(app.deps.db, query, await scopeOf(currentUser(request), query.stream));
  });

  app.get('/api/v1/replay/events', watch, async (request) => {
    const query = parseOrThrow(ReplayEventsQuery, request.query);
    return replayEvents(app.deps.db, query, await scopeOf(currentUser(request), query.stream));
  });

  app.get('/api/v1/replay/positions', watch, async (request) => {
    const query = parseOrThrow(ReplayPositionsQuery, request.query);
    return replayPositions(app.deps.db, query, await readScopeOf(app.deps.db, currentUser(request)));
  });
};
