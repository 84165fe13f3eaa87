import type { FastifyPluginAsync } from 'fastify';
import { HandoverAcknowledgeBody, HandoverListQuery, HandoverOpenBody, HandoverParams } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { acknowledgeHandover, handoverOfficers, openHandover, previewHandover, siteHandovers } from '../services/handovers/handovers.service.js';

const SiteQuery = HandoverListQuery.pick({ siteId: true }).strict();

/** Shift handover (交接班): the outgoing duty officer hands over what is open, the incoming one acknowledges. */
export const handoversRoutes: FastifyPluginAsync = async (app) => {
  const duty = { preHandler: requirePermission('shift.handover') };

  /** The site's handovers, newest first; one not yet acknowledged is the one waiting. */
  app.get('/api/v1/handovers', duty, async (request) => {
    const query = parseOrThrow(HandoverListQuery, request.query);
    return { handovers: await siteHandovers(app.deps, currentUser(request), query.siteId, query.limit) };
  });

  /** What a handover would list now, and whom it may be handed to (the form). */
  app.get('/api/v1/handovers/preview', duty, async (request) => {
    const { siteId } = parseOrThrow(SiteQuery, request.query);
    const user = currentUser(request);
    return { summary: await previewHandover(app.deps, user, siteId), officers: await handoverOfficers(app.deps, user, siteId) };
  });

  app.post('/api/v1/handovers', duty, async (request, reply) => {
    const body = parseOrThrow(HandoverOpenBody, request.body);
    return reply.status(201).send({ handover: await openHandover(app.deps, currentUser(request), body) });
  });

  app.post('/api/v1/handovers/:handoverId/acknowledge', duty, async (request) => {
    const { handoverId } = parseOrThrow(HandoverParams, request.params);
    const body = parseOrThrow(HandoverAcknowledgeBody, request.body ?? {});
    return { handover: await acknowledgeHandover(app.deps, currentUser(request), handoverId, body) };
  });
};
