import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { DispatchParams, DispatchReportFields, IncidentPhotoParams, MAX_REPORT_PHOTO_BYTES, can, type Permission } from '@vigil/shared';
import { forbidden, parseOrThrow } from '../lib/http-error.js';
import { currentUser } from '../plugins/auth.js';
import { readIncidentPhoto, reportOnDispatch } from '../services/dispatch/dispatch-reports.js';

/** A preHandler letting in a role with any of these permissions. */
function requireAny(permissions: readonly Permission[], what: string): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = currentUser(request);
    if (!permissions.some((permission) => can(user.role, permission))) throw forbidden(`forbidden: the ${user.role} role may not ${what}`);
  };
}

const PHOTO_TYPES = /^(image\/[\w.+-]+|application\/octet-stream)$/;

/**
 * Reports back on a dispatch, with a photo (shared/schemas/dispatch-report.schemas.ts has the
 * two forms), and the incident photos they store. The photo's own bytes say what it is; the
 * declared type only picks the parser. The 5 MiB limit holds on this route only.
 */
export const dispatchRoutes: FastifyPluginAsync = async (app) => {
  // In this plugin only: a photo arrives as bytes, checked by the service.
  app.addContentTypeParser(PHOTO_TYPES, { parseAs: 'buffer', bodyLimit: MAX_REPORT_PHOTO_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/api/v1/dispatches/:dispatchId/reports',
    { preHandler: requireAny(['dispatch.answer', 'incidents.open'], 'report on a dispatch'), bodyLimit: MAX_REPORT_PHOTO_BYTES },
    async (request, reply) => {
      const { dispatchId } = parseOrThrow(DispatchParams, request.params);
      const photo = request.body instanceof Uint8Array ? request.body : null;
      const fields = parseOrThrow(DispatchReportFields, photo ? request.query : (request.body ?? {}));
      const answer = await reportOnDispatch(app.deps, dispatchId, fields, photo, currentUser(request));
      return reply.status(201).send(answer);
    },
  );

  app.get(
    '/api/v1/incidents/:incidentId/photos/:photoId',
    { preHandler: requireAny(['dispatch.answer', 'incidents.read'], 'see incident photos') },
    async (request, reply) => {
      const { incidentId, photoId } = parseOrThrow(IncidentPhotoParams, request.params);
      const photo = await readIncidentPhoto(app.deps, incidentId, photoId, currentUser(request));
      return reply
        .type(photo.mime)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength));
    },
  );
};
