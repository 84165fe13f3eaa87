import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CameraStreamsBody } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { readCameraStreams, removeCameraStreams, saveCameraStreams } from '../services/cameras/camera-streams.service.js';
import { viewerOf } from '../services/scope.js';
import type { DemoSource } from '../video/demo-source.js';
import type { Relay, RelayAnswer, RelayRequest } from '../video/relay.js';
import { parseRangeHeader } from '../video/byte-range.js';
import { CameraParams, PlaylistParams, ResourceParams } from '../video/relay-path.js';

/**
 * Camera video through the relay (`wall.watch`), and where it comes from (`wall.configure`).
 * The `/video` socket answers the same relay paths (video/video-namespace.ts).
 */
export const camerasRoutes: FastifyPluginAsync<{ relay: Relay; demo: DemoSource | null }> = async (app, { relay, demo }) => {
  const watch = { preHandler: requirePermission('wall.watch') };
  const configure = { preHandler: requirePermission('wall.configure') };

  const send = async (reply: FastifyReply, from: FastifyRequest, request: RelayRequest) => {
    const answer: RelayAnswer = await relay.serve(request, viewerOf(currentUser(from)));
    if (answer.contentRange) reply.header('content-range', answer.contentRange);
    return reply
      .status(answer.status)
      .type(answer.contentType)
      .header('cache-control', answer.cacheControl)
      // Upstream bytes are served from our origin: never let a browser run them.
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(answer.body);
  };

  app.get('/api/v1/cameras/:cameraId/:variant/index.m3u8', watch, async (request, reply) => {
    return send(reply, request, { kind: 'playlist', ...parseOrThrow(PlaylistParams, request.params) });
  });

  app.get('/api/v1/cameras/:cameraId/:variant/r/:ref', watch, async (request, reply) => {
    // One byte range of a segment (hls.js's EXT-X-BYTERANGE) is passed upstream and answered 206.
    return send(reply, request, { kind: 'resource', ...parseOrThrow(ResourceParams, request.params), range: parseRangeHeader(request.headers.range) });
  });

  app.get('/api/v1/cameras/:cameraId/snapshot', watch, async (request, reply) => {
    return send(reply, request, { kind: 'snapshot', ...parseOrThrow(CameraParams, request.params) });
  });

  app.get('/api/v1/cameras/:cameraId/streams', configure, async (request) => {
    const { cameraId } = parseOrThrow(CameraParams, request.params);
    return readCameraStreams(app.deps, cameraId, currentUser(request));
  });

  app.put('/api/v1/cameras/:cameraId/streams', configure, async (request) => {
    const { cameraId } = parseOrThrow(CameraParams, request.params);
    return saveCameraStreams(app.deps, cameraId, parseOrThrow(CameraStreamsBody, request.body), demo, currentUser(request));
  });

  app.delete('/api/v1/cameras/:cameraId/streams', configure, async (request) => {
    const { cameraId } = parseOrThrow(CameraParams, request.params);
    return removeCameraStreams(app.deps, cameraId, currentUser(request));
  });
};
