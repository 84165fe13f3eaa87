import { X509Certificate } from 'node:crypto';

/**
 * What the app tells phones about HTTPS. `server.ts` fills the ports in once it listens (tests
 * may listen on port 0), so routes read it per request.
 */
export interface HttpsInfo {
  /** The HTTPS listener's port; null when Vigil serves no HTTPS itself. */
  port: number | null;
  /** The plain HTTP port, for links back to the CA download from an HTTPS page. */
  httpPort: number | null;
  /** A proxy's HTTPS origin (HTTPS_URL), used instead of `https://<host>:<port>`. */
  publicUrl: string | null;
  /** The local CA phones install (PEM); null when the admin provided the certificate. */
  caCert: string | null;
}

export function httpsInfo(patch: Partial<HttpsInfo> = {}): HttpsInfo {
  return { port: null, httpPort: null, publicUrl: null, caCert: null, ...patch };
}

/** `host[:port]` (IPv6 in brackets) → the host name alone; null for anything that is not a host. */
export function hostOnly(host: string): string | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(host);
  return match?.[1] ?? null;
}

/** localhost, *.localhost, 127/8 and ::1: browsers treat these as secure over plain HTTP. */
export function isLoopbackHost(host: string): boolean {
  const name = hostOnly(host)?.toLowerCase() ?? '';
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

/** The HTTPS origin for a request that came by `host`, or null when there is none. */
export function httpsOrigin(info: HttpsInfo, host: string): string | null {
  if (info.publicUrl) return info.publicUrl;
  const name = hostOnly(host);
  if (info.port === null || name === null) return null;
  return info.port === 443 ? `https://${name}` : `https://${name}:${info.port}`;
}

/** The plain HTTP origin for a request that came by `host`, or null when the port is not known. */
export function httpOrigin(info: HttpsInfo, host: string): string | null {
  const name = hostOnly(host);
  if (info.httpPort === null || name === null) return null;
  return info.httpPort === 80 ? `http://${name}` : `http://${name}:${info.httpPort}`;
}

/** The CA certificate as DER bytes (what Android and iOS install). */
export function caDer(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}
