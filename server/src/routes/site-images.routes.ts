import type { FastifyPluginAsync } from 'fastify';
import { EntityId, MAX_SITE_IMAGE_BYTES } from '@vigil/shared';
import { z } from 'zod';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { readSiteImage, uploadSiteImage } from '../services/sites/site-images.service.js';
import { readScopeOf } from '../services/scope.js';

const SiteParams = z.object({ siteId: EntityId }).strict();
const ImageParams = z.object({ siteId: EntityId, imageId: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be an image id (64 hex digits)' }) }).strict();

/**
 * Plan images for backdrops. `POST /api/v1/sites/:siteId/images` with the image as the body
 * (Content-Type image/png, image/jpeg or image/webp; at most 8 MiB) answers 201 with the URL to
 * put in the site's backdrop. The images are served to signed-in screens, never to the internet.
 */
export const siteImagesRoutes: FastifyPluginAsync = async (app) => {
  // In this plugin only: any body that is not JSON arrives as bytes; the service checks what it is.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_SITE_IMAGE_BYTES }, (_request, body, done) => done(null, body));

  app.post('/api/v1/sites/:siteId/images', { preHandler: requirePermission('sites.edit'), bodyLimit: MAX_SITE_IMAGE_BYTES }, async (request, reply) => {
    const { siteId } = parseOrThrow(SiteParams, request.params);
    const bytes = request.body instanceof Uint8Array ? request.body : new Uint8Array();
    const image = await uploadSiteImage(app.deps, siteId, request.headers['content-type'], bytes, currentUser(request));
    return reply.status(201).send({ image });
  });

  app.get('/api/v1/sites/:siteId/images/:imageId', { preHandler: requirePermission('sites.read') }, async (request, reply) => {
    const { siteId, imageId } = parseOrThrow(ImageParams, request.params);
    const image = await readSiteImage(app.deps, siteId, imageId, await readScopeOf(app.deps.db, currentUser(request)));
    return reply
      .type(image.contentType)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength));
  });
};
