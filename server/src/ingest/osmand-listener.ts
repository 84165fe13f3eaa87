import Fastify, { type FastifyInstance } from 'fastify';
import { errorsPlugin } from '../plugins/errors.js';
import { osmandRoutes } from '../routes/osmand.routes.js';

/**
 * The OsmAnd protocol on its own port (Traccar uses 5055), at `/` and a guard's `/<token>`, as
 * trackers expect: a small second Fastify instance sharing the main app's lane and roster.
 */
export async function startOsmAndListener(main: FastifyInstance, port: number, host: string, options: { requireToken?: boolean } = {}): Promise<FastifyInstance> {
  const listener = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: true, forceCloseConnections: true });
  // The main app's drain: a shutdown waits for trackers' fixes in flight here too.
  main.drain.attach(listener);
  listener.decorate('deps', main.deps);
  listener.decorate('broadcaster', main.broadcaster);
  listener.decorate('positions', main.positions);
  await listener.register(errorsPlugin, { spa: false });
  await listener.register(osmandRoutes, { path: '/', requireToken: options.requireToken });
  await listener.listen({ port, host });
  return listener;
}
