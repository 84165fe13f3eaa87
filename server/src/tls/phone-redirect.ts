import fp from 'fastify-plugin';
import { httpsOrigin, isLoopbackHost, type HttpsInfo } from './https-info.js';

/** The guard's phone page and anything under it; the API and the sockets are not redirected. */
const PHONE_PAGE = /^\/guard(?:[/?#]|$)/;

/**
 * Sends a phone that opened `/guard` over plain HTTP by a LAN name or address to HTTPS: only a
 * secure context gets location and the camera. Loopback stays on HTTP (browsers count it as
 * secure), and so does everything when there is no HTTPS to go to. 302, not 301: a phone must
 * not remember it if HTTPS is turned off later.
 */
export const phoneRedirectPlugin = fp<{ https: HttpsInfo }>(async (app, { https }) => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (request.protocol === 'https' || !PHONE_PAGE.test(request.url) || isLoopbackHost(request.host)) return;
    const origin = httpsOrigin(https, request.host);
    if (!origin) return;
    return reply.redirect(`${origin}${request.url}`, 302);
  });
});
