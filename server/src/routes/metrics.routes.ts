import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../lib/http-error.js';
import type { Metrics } from '../metrics/metrics.js';

export interface MetricsRouteOptions {
  metrics: Metrics;
  /** METRICS_TOKEN: scrapers send `Authorization: Bearer <token>`; null: loopback only, no proxy in between. */
  token: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Headers a reverse proxy adds: a request carrying one came through it, from anywhere. */
const FORWARDED = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The peer's own address, not `request.ip`: with TRUST_PROXY on, `request.ip` is whatever a
 * client wrote in X-Forwarded-For. A proxy on this machine connects from loopback too, so a
 * request that names a forwarded client is not "local" even from 127.0.0.1.
 */
function fromThisMachine(request: FastifyRequest): boolean {
  if (!LOOPBACK.has(request.raw.socket.remoteAddress ?? '')) return false;
  return FORWARDED.every((header) => request.headers[header] === undefined);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

/** `GET /metrics` in Prometheus' text format, and the ingest→emit join's two ends. */
export const metricsRoutes: FastifyPluginAsync<MetricsRouteOptions> = async (app, options) => {
  const { metrics } = options;
  const expected = options.token === null ? null : digest(options.token);

  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const sent = bearer(request);
      // Compared as digests: equal length, constant time, whatever was sent.
      if (!sent || !timingSafeEqual(digest(sent), expected)) {
        throw new HttpError(401, 'unauthorized', 'authorization: /metrics needs Authorization: Bearer <METRICS_TOKEN>', {});
      }
    } else if (!fromThisMachine(request)) {
      throw new HttpError(403, 'forbidden', 'metrics: without METRICS_TOKEN, /metrics answers only on this machine and not through a proxy', {});
    }
    const body = await metrics.scrape();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(body);
  });
};

const arrivals = new WeakMap<object, bigint>();

/** The ingest side of the join, on the app itself (a hook in a child plugin would not see the alarms route). */
export function measureAlarmIngest(app: Parameters<FastifyPluginAsync>[0], metrics: Metrics): void {
  const isIngest = (request: FastifyRequest) => request.method === 'POST' && request.routeOptions.url === '/api/v1/alarms';
  app.addHook('onRequest', async (request) => {
    if (isIngest(request)) arrivals.set(request, process.hrtime.bigint());
  });
  app.addHook('preSerialization', async (request, reply, payload) => {
    const arrivedAt = arrivals.get(request);
    if (arrivedAt === undefined) return payload;
    arrivals.delete(request);
    const seq = (payload as { seq?: unknown } | null)?.seq;
    if (reply.statusCode < 300 && typeof seq === 'number') metrics.answered(seq, arrivedAt);
    return payload;
  });
}
