/** `GET /api/v1/tls`: how a phone reaches the HTTPS guard page, for the host it asked by. */
export interface PhoneHttpsInfo {
  /** The HTTPS origin (e.g. `https://192.168.1.20:3443`); null when Vigil serves no HTTPS. */
  httpsUrl: string | null;
  /** The plain HTTP origin, where the CA can be downloaded before it is trusted. */
  httpUrl: string | null;
  /** The local CA to install; null when the admin's own certificate is used. */
  ca: {
    /** DER, `application/x-x509-ca-cert` (Android, iOS). */
    downloadPath: string;
    /** PEM, for desktops. */
    pemPath: string;
    /** SHA-256 fingerprint, to compare with what the phone shows. */
    fingerprint256: string;
  } | null;
}

/** The paths of the CA download and the phone setup page. */
export const TLS_PATHS = {
  info: '/api/v1/tls',
  caDer: '/api/v1/tls/ca.crt',
  caPem: '/api/v1/tls/ca.pem',
  setupPage: '/setup/phone',
} as const;
