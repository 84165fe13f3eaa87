import { X509Certificate } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { TLS_PATHS, type PhoneHttpsInfo } from '@vigil/shared';
import { notFound } from '../lib/http-error.js';
import { caDer, httpOrigin, httpsOrigin, type HttpsInfo } from '../tls/https-info.js';

const FILE_NAME = 'vigil-local-ca';

/**
 * The phone's way to HTTPS, without login (a phone needs it before it can sign in safely):
 * where the HTTPS page is, and the local CA to install, as DER or PEM.
 */
export const tlsRoutes: FastifyPluginAsync<{ https: HttpsInfo }> = async (app, { https }) => {
  const requireCa = () => {
    if (!https.caCert) throw notFound('ca: there is no local CA; this server uses the certificate given in TLS_CERT_FILE (or serves no HTTPS)');
    return https.caCert;
  };

  app.get(TLS_PATHS.info, async (request): Promise<PhoneHttpsInfo> => {
    const fingerprint = https.caCert ? new X509Certificate(https.caCert).fingerprint256 : null;
    return {
      httpsUrl: httpsOrigin(https, request.host),
      httpUrl: httpOrigin(https, request.host),
      ca: fingerprint ? { downloadPath: TLS_PATHS.caDer, pemPath: TLS_PATHS.caPem, fingerprint256: fingerprint } : null,
    };
  });

  app.get(TLS_PATHS.caDer, async (_request, reply) => {
    const der = caDer(requireCa());
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', `attachment; filename="${FILE_NAME}.crt"`)
      .header('cache-control', 'no-cache')
      .send(der);
  });

  app.get(TLS_PATHS.caPem, async (_request, reply) => {
    const pem = requireCa();
    return reply
      .type('application/x-pem-file')
      .header('content-disposition', `attachment; filename="${FILE_NAME}.pem"`)
      .header('cache-control', 'no-cache')
      .send(pem);
  });
};
