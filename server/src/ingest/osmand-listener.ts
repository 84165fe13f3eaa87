import Fastify, { type FastifyInstance } from 'fastify';
import { errorsPlugin } from '../plugins/errors.js';
import { osmandRoutes } from '../routes/osmand.routes.js';

/**
 * The listen backlog of every port Vigil opens: the main one, the trackers' and HTTPS (Node's
 * default is 511). Thousands of trackers or phones reconnecting at once queue instead of being refused.
 */
export const LISTEN_BACKLOG = 4096;

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
  listener.decorate('trackers', main.trackers);
  await listener.register(errorsPlugin, { spa: false });
  await listener.register(osmandRoutes, { path: '/', requireToken: options.requireToken });
  // Thousands of trackers reconnect at once after a network blip: a deep accept queue, not refusals.
  await listener.listen({ port, host, backlog: LISTEN_BACKLOG });
  return listener;
}
