import { createServer, type Server } from 'node:https';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { LISTEN_BACKLOG } from '../ingest/osmand-listener.js';
import type { TlsMaterial } from './tls-store.js';

/** How often the machine's addresses are checked for a change that needs a new certificate. */
export const RENEW_CHECK_MS = 60 * 60 * 1000;

export interface HttpsListener {
  readonly server: Server;
  /** Listens; resolves with the port (port 0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /** Runs the certificate check now (the timer does it every RENEW_CHECK_MS); true when a new one is in use. */
  renew(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A second listener, over TLS, for the same app: its requests and WebSocket upgrades are handed
 * to the app's own HTTP server, so Fastify's routes, Socket.IO (every namespace) and the client
 * are served alike, and `request.protocol` says `https`. When `reload` is given it is called every
 * `RENEW_CHECK_MS` and a new certificate it returns (new addresses, near expiry) is put in place
 * without a restart.
 */
export function createHttpsListener(
  app: FastifyInstance,
  material: TlsMaterial,
  log: FastifyBaseLogger,
  reload?: () => Promise<TlsMaterial>,
): HttpsListener {
  const server = createServer({ cert: material.cert, key: material.key });
  server.on('request', (request, response) => app.server.emit('request', request, response));
  server.on('upgrade', (request, socket, head) => app.server.emit('upgrade', request, socket, head));
  server.on('tlsClientError', (error) => log.debug({ err: error }, 'TLS handshake failed (an untrusted certificate, or a scan)'));

  let renewal: NodeJS.Timeout | undefined;
  const checkRenewal = async (): Promise<boolean> => {
    if (!reload) return false;
    try {
      const next = await reload();
      if (!next.issued) return false;
      server.setSecureContext({ cert: next.cert, key: next.key });
      log.info("a new server certificate is in use (the machine's addresses changed, or the old one nears its end)");
      return true;
    } catch (error) {
      log.error({ err: error }, 'server certificate check failed; the current one stays in use');
      return false;
    }
  };

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) =>
          reject(new Error(`HTTPS_PORT ${port}: ${error.code === 'EADDRINUSE' ? 'already in use' : error.message} (HTTPS_PORT=off turns HTTPS off)`));
        server.once('error', onError);
        // The guards' phones reconnect together after a blip, as trackers do: the same deep accept queue.
        server.listen(port, host, LISTEN_BACKLOG, () => {
          server.off('error', onError);
          const address = server.address();
          if (reload) {
            renewal = setInterval(() => void checkRenewal(), RENEW_CHECK_MS);
            renewal.unref();
          }
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    renew: checkRenewal,
    close: () =>
      new Promise((resolve) => {
        clearInterval(renewal);
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
