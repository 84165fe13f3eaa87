import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { HttpError } from '../lib/http-error.js';

/** Fastify's own body errors, reworded to name what is wrong. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body: is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body: must not be empty when content-type is application/json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type: must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length: does not match the body',
};

/** A body limit as people say it: 64 KiB, 8 MiB. */
function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return 'size';
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;
}

/** Every error becomes `{ error, message }`; a 5xx never shows internals. */
export const errorsPlugin = fp<{ spa: boolean }>(async (app, options) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).headers(error.headers).send({ error: error.code, message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `body: is larger than the ${sizeText(request.routeOptions.bodyLimit)} limit`
          : ((error.code && FASTIFY_MESSAGES[error.code]) ?? error.message);
      if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
        return reply.status(400).send({ error: 'invalid_json', message: FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY });
      }
      return reply.status(status).send({ error: error.code ?? 'bad_request', message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'internal error; nothing was changed' });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The client's own routes (/wall, /login …) are the single-page app.
    if (options.spa && request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not_found', message: `${request.method} ${path}: no such route` });
  });
});
