import type { FastifyPluginAsync } from 'fastify';

/** Liveness and readiness, answered without login. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await app.database.ping();
      return { status: 'ready', database: app.database.target.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'database: not reachable' });
    }
  });
};
