import type { FastifyPluginAsync } from 'fastify';
import {
  CheckinInput,
  HazardAssignInput,
  HazardListQuery,
  HazardParams,
  HazardPhotoParams,
  HazardPhotoQuery,
  HazardRectifyInput,
  HazardReportInput,
  HazardVerifyInput,
  MAX_REPORT_PHOTO_BYTES,
  PatrolRouteInput,
  RouteParams,
  TourListQuery,
  TourParams,
  can,
} from '@vigil/shared';
import { z } from 'zod';
import { badRequest, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { checkIn } from '../services/patrols/patrol-checkins.service.js';
import { readRoute, readRoutes, removeRoute, saveRoute } from '../services/patrols/patrol-routes.service.js';
import { readTour, readTours } from '../services/patrols/patrol-tours.service.js';
import { addHazardPhoto, assignHazard, readHazardPhoto, readHazards, rectifyHazard, reportHazard, verifyHazard } from '../services/patrols/hazards.service.js';

const PHOTO_TYPES = /^(image\/[\w.+-]+|application\/octet-stream)$/;
const RouteListQuery = z.object({ siteId: z.string().max(128).optional() }).strict();

/**
 * Electronic patrol (电子巡更): routes (admin), tours and their check-ins (the guard's phone),
 * and hazards (隐患) with their photos. Every write goes through the event log.
 */
export const patrolsRoutes: FastifyPluginAsync = async (app) => {
  // In this plugin only: a hazard photo arrives as bytes, checked by the service.
  app.addContentTypeParser(PHOTO_TYPES, { parseAs: 'buffer', bodyLimit: MAX_REPORT_PHOTO_BYTES }, (_request, body, done) => done(null, body));
  const read = { preHandler: requirePermission('patrols.read') };
  const edit = { preHandler: requirePermission('patrols.edit') };

  app.get('/api/v1/patrol/routes', read, async (request) => {
    const { siteId } = parseOrThrow(RouteListQuery, request.query);
    return { routes: await readRoutes(app.deps, currentUser(request), siteId) };
  });
  app.get('/api/v1/patrol/routes/:routeId', read, async (request) => {
    const { routeId } = parseOrThrow(RouteParams, request.params);
    return { route: await readRoute(app.deps, routeId, currentUser(request)) };
  });
  app.post('/api/v1/patrol/routes', edit, async (request, reply) => {
    const input = parseOrThrow(PatrolRouteInput, request.body ?? {});
    return reply.status(201).send(await saveRoute(app.deps, input, currentUser(request)));
  });
  app.put('/api/v1/patrol/routes/:routeId', edit, async (request) => {
    const { routeId } = parseOrThrow(RouteParams, request.params);
    const input = parseOrThrow(PatrolRouteInput, request.body ?? {});
    return saveRoute(app.deps, input, currentUser(request), routeId);
  });
  app.delete('/api/v1/patrol/routes/:routeId', edit, async (request) => {
    const { routeId } = parseOrThrow(RouteParams, request.params);
    return removeRoute(app.deps, routeId, currentUser(request));
  });

  app.get('/api/v1/patrol/tours', read, async (request) => {
    const query = parseOrThrow(TourListQuery, request.query);
    return { tours: await readTours(app.deps, currentUser(request), query) };
  });
  app.get('/api/v1/patrol/tours/:tourId', read, async (request) => {
    const { tourId } = parseOrThrow(TourParams, request.params);
    return readTour(app.deps, tourId, currentUser(request));
  });
  app.post('/api/v1/patrol/checkins', { preHandler: requirePermission('patrols.checkIn') }, async (request, reply) => {
    const input = parseOrThrow(CheckinInput, request.body ?? {});
    const answer = await checkIn(app.deps, input, currentUser(request));
    return reply.status(answer.replayed ? 200 : 201).send(answer);
  });

  app.get('/api/v1/hazards', read, async (request) => {
    const query = parseOrThrow(HazardListQuery, request.query);
    return { hazards: await readHazards(app.deps, currentUser(request), query) };
  });
  app.post('/api/v1/hazards', { preHandler: requirePermission('hazards.report') }, async (request, reply) => {
    const input = parseOrThrow(HazardReportInput, request.body ?? {});
    return reply.status(201).send(await reportHazard(app.deps, input, currentUser(request)));
  });
  app.post('/api/v1/hazards/:hazardId/photos', { preHandler: requirePermission('hazards.report'), bodyLimit: MAX_REPORT_PHOTO_BYTES }, async (request, reply) => {
    const { hazardId } = parseOrThrow(HazardParams, request.params);
    const { commandId } = parseOrThrow(HazardPhotoQuery, request.query);
    if (!(request.body instanceof Uint8Array)) throw badRequest('photo: send the image bytes as the body (image/jpeg, image/png or image/webp)');
    return reply.status(201).send(await addHazardPhoto(app.deps, hazardId, commandId, request.body, currentUser(request)));
  });
  app.get('/api/v1/hazards/:hazardId/photos/:photoId', read, async (request, reply) => {
    const { hazardId, photoId } = parseOrThrow(HazardPhotoParams, request.params);
    const photo = await readHazardPhoto(app.deps, hazardId, photoId, currentUser(request));
    return reply
      .type(photo.mime)
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength));
  });
  app.post('/api/v1/hazards/:hazardId/assign', { preHandler: requirePermission('hazards.handle') }, async (request) => {
    const { hazardId } = parseOrThrow(HazardParams, request.params);
    const { commandId, userId } = parseOrThrow(HazardAssignInput, request.body ?? {});
    return assignHazard(app.deps, hazardId, commandId, userId, currentUser(request));
  });
  app.post('/api/v1/hazards/:hazardId/rectify', { preHandler: requirePermission('hazards.report') }, async (request) => {
    const { hazardId } = parseOrThrow(HazardParams, request.params);
    const { commandId, note } = parseOrThrow(HazardRectifyInput, request.body ?? {});
    const user = currentUser(request);
    return rectifyHazard(app.deps, hazardId, commandId, note, user, can(user.role, 'hazards.handle'));
  });
  app.post('/api/v1/hazards/:hazardId/verify', { preHandler: requirePermission('hazards.handle') }, async (request) => {
    const { hazardId } = parseOrThrow(HazardParams, request.params);
    const { commandId } = parseOrThrow(HazardVerifyInput, request.body ?? {});
    return verifyHazard(app.deps, hazardId, commandId, currentUser(request));
  });
};
