import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { TraccarForwardBody, TrailsQuery, type GuardFix } from '@vigil/shared';
import { z } from 'zod';
import { HttpError, badRequest, notFound, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { fromTraccarForward } from '../ingest/traccar.js';
import { positionsSince } from '../repositories/positions.repository.js';
import { apiKeyFor } from '../services/auth/api-keys.js';
import { recordTrackerFixes } from '../services/positions/record-tracker-fixes.js';
import { inScope, readScopeOf } from '../services/scope.js';

const TrailParams = z.object({ siteId: z.string().min(1).max(128) }).strict();

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

type TrailPoint = Pick<GuardFix, 'at' | 'position' | 'floor'>;

export const positionsRoutes: FastifyPluginAsync = async (app) => {
  /**
   * Recent fixes per guard, oldest first, for drawing trails when a map opens (the `full` frame
   * after sync carries only the latest fix). Default 5 minutes (TRAIL_MS), at most 60.
   */
  app.get('/api/v1/sites/:siteId/trails', { preHandler: requirePermission('sites.read') }, async (request) => {
    const { siteId } = parseOrThrow(TrailParams, request.params);
    const { minutes } = parseOrThrow(TrailsQuery, request.query);
    const live = app.broadcaster.snapshot('live');
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    if (!live.sites[siteId] || !inScope(scope, siteId)) throw notFound(`siteId: no site with id "${siteId}"`);
    const since = new Date(app.deps.clock().getTime() - minutes * 60_000);
    const trails: Record<string, TrailPoint[]> = {};
    for (const row of await positionsSince(app.deps.db, siteId, since)) {
      // Guards off the roster keep their positions for history, not a trail on the map.
      if (!live.guards.has(row.guardId)) continue;
      // A guard's phone gets its own trail, never the other guards'.
      if (scope.guardId !== undefined && row.guardId !== scope.guardId) continue;
      (trails[row.guardId] ??= []).push({ at: row.at.toISOString(), position: [row.x, row.y], floor: row.floor });
    }
    return { siteId, since: since.toISOString(), trails };
  });

  /** Traccar's position forwarding (`forward.type=json`, `forward.header=Authorization: Bearer <key>`). */
  app.post('/api/v1/ingest/traccar', async (request, reply) => {
    if (!(await apiKeyFor(app.deps.db, bearer(request)))) {
      throw new HttpError(401, 'unauthorized', 'authorization: a valid API key is required (Authorization: Bearer <key>)');
    }
    const body = parseOrThrow(TraccarForwardBody, request.body);
    const parsed = fromTraccarForward(body, app.deps.clock());
    if (!parsed.ok) throw badRequest(parsed.error);
    await recordTrackerFixes(app.deps, app.positions.lane, app.broadcaster.snapshot('live'), parsed.fixes, 'traccar', { field: 'device.uniqueId', lookup: app.trackers.lookup });
    return reply.status(200).send();
  });
};
