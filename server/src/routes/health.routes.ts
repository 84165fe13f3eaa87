import type { FastifyPluginAsync } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../lib/db-errors.js';

/** How long `/readyz` waits for the database before answering 503: a frozen database must not hang the probe. */
export const READY_TIMEOUT_MS = 1_000;

/** Liveness and readiness, answered without login. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  /** One ping at a time: probes of a frozen database share it instead of piling up. */
  let inflight: Promise<boolean> | null = null;
  const ping = (): Promise<boolean> => {
    inflight ??= app.database.ping().then(
      () => true,
      () => false,
    ).finally(() => {
      inflight = null;
    });
    return inflight;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
    });
    const answer = await Promise.race([ping(), timeout]);
    clearTimeout(timer);
    if (answer === true) return { status: 'ready', database: app.database.target.kind };
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    const message = answer === 'timeout' ? `database: no answer within ${READY_TIMEOUT_MS} ms` : 'database: not reachable';
    return reply.status(503).send({ status: 'unavailable', message });
  });
};
