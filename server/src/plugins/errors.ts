import fp from 'fastify-plugin';
import type { FastifyError, FastifyServerOptions } from 'fastify';
import { NUL_RULE, printableKey } from '@vigil/shared';
import { HttpError, badRequest } from '../lib/http-error.js';
import { RETRY_AFTER_SECONDS, httpErrorForDatabase, serializeError } from '../lib/db-errors.js';

/**
 * The reply body: `error` is the stable code, `message` the English sentence (logs,
 * integrations), `params` what a screen needs to say it in its own language, `issues`
 * each refusal when there are several.
 */
function errorBody(error: HttpError) {
  return { error: error.code, message: error.message, params: error.params, ...(error.issues ? { issues: error.issues } : {}) };
}

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

/** The app's logger options with an `err` serializer that never writes a query's values. */
export function safeLoggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, err: (error: FastifyError) => serializeError(error) } };
}

/** The first URL parameter, query parameter or form field holding a NUL, as `name: rule`. */
function nulIn(...sources: unknown[]): string | null {
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [name, value] of Object.entries(source)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (name.includes('\u0000') || values.some((item) => typeof item === 'string' && item.includes('\u0000'))) {
        // A wildcard route (the 404 handler's, the SPA's) calls the rest of the path `*`.
        return `${name === '*' ? 'path' : printableKey(name)}: ${NUL_RULE}`;
      }
    }
  }
  return null;
}

/**
 * Every error becomes `{ error, message, params }`; a 5xx never shows internals. A database that is
 * down or frozen is a 503 with Retry-After; a NUL the database refused, a 400.
 */
export const errorsPlugin = fp<{ spa: boolean }>(async (app, options) => {
  // The generic net: the shared schemas refuse a NUL in every body field (shared/src/schemas/text.ts);
  // here any URL parameter, query parameter or form field with one is refused before a route sees it.
  app.addHook('preValidation', async (request) => {
    const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? request.body : null;
    const problem = nulIn(request.params, request.query, form);
    if (problem) throw badRequest(problem);
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).headers(error.headers).send(errorBody(error));
    }
    const database = httpErrorForDatabase(error);
    if (database) {
      if (database.statusCode === 503) {
        request.log.warn({ err: error }, 'database unavailable');
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      }
      return reply.status(database.statusCode).send(errorBody(database));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `body: is larger than the ${sizeText(request.routeOptions.bodyLimit)} limit`
          : ((error.code && FASTIFY_MESSAGES[error.code]) ?? error.message);
      if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
        return reply.status(400).send(errorBody(new HttpError(400, 'invalid_json', FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY ?? 'body: is not valid JSON')));
      }
      return reply.status(status).send(errorBody(new HttpError(status, error.code ?? 'bad_request', message)));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody(new HttpError(500, 'internal', 'internal error; nothing was changed', {})));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The client's own routes (/wall, /login …) are the single-page app.
    if (options.spa && request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody(new HttpError(404, 'not_found', `${request.method} ${path}: no such route`, { rule: 'noRoute' })));
  });
});
