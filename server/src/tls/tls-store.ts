import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { certificateNames, createLocalCa, issueServerCert, type PemPair, type ServerNames } from './local-ca.js';
import { sameNames } from './machine-names.js';

/** A server certificate this close to its end is made again at the next start or check. */
export const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsMaterial {
  cert: string;
  key: string;
  source: 'provided' | 'generated';
  /** The local CA (PEM) phones install; null when the admin provided the certificate. */
  caCert: string | null;
  /** True when this call made a new server certificate (first run, new addresses, near expiry). */
  issued: boolean;
}

/** The admin's own certificate and key (TLS_CERT_FILE, TLS_KEY_FILE), checked to belong together. */
export function loadProvidedTls(certFile: string, keyFile: string): TlsMaterial {
  const read = (file: string, variable: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${variable}: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  const cert = read(certFile, 'TLS_CERT_FILE');
  const key = read(keyFile, 'TLS_KEY_FILE');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw new Error(`TLS_CERT_FILE: ${certFile} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`TLS_KEY_FILE: ${keyFile} is not a PEM private key (an encrypted key is not supported)`);
  }
  if (!leaf.checkPrivateKey(privateKey)) throw new Error(`TLS_KEY_FILE: ${keyFile} is not the key of the certificate in TLS_CERT_FILE`);
  return { cert, key, source: 'provided', caCert: null, issued: false };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key. */
function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

function readPair(dir: string, name: string): PemPair | null {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  if (!existsSync(certFile) || !existsSync(keyFile)) return null;
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

function writePair(dir: string, name: string, pair: PemPair): void {
  writeAtomically(join(dir, `${name}.key`), pair.key, 0o600);
  writeAtomically(join(dir, `${name}.crt`), pair.cert, 0o644);
}

/** Whether the stored server certificate still fits: signed by this CA, its own key, these names, not near its end. */
function serverCertFits(server: PemPair, ca: PemPair, names: ServerNames, now: Date): boolean {
  try {
    const leaf = new X509Certificate(server.cert);
    const authority = new X509Certificate(ca.cert);
    if (!leaf.checkIssued(authority) || !leaf.verify(authority.publicKey)) return false;
    if (!leaf.checkPrivateKey(createPrivateKey(server.key))) return false;
    if (new Date(leaf.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
    return sameNames(certificateNames(server.cert), names);
  } catch {
    return false;
  }
}

/**
 * The generated certificates in `<dataDir>/tls`: the local CA is made once and kept (phones trust
 * it); the server certificate is made again when the machine's names or addresses change or it
 * nears its end. Private keys are written with mode 0600.
 */
export async function loadLocalTls(dir: string, names: ServerNames, now: Date = new Date()): Promise<TlsMaterial> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let ca = readPair(dir, 'ca');
  if (ca) {
    try {
      const authority = new X509Certificate(ca.cert);
      if (!authority.ca || !authority.checkPrivateKey(createPrivateKey(ca.key))) throw new Error('not a CA with its key');
    } catch (error) {
      // Never replace a CA phones may trust without the admin knowing.
      throw new Error(
        `the local CA in ${dir} (ca.crt, ca.key) is unusable: ${error instanceof Error ? error.message : String(error)}; ` +
          'move both files away to make a new one (phones must then install the new CA)',
      );
    }
  } else {
    ca = await createLocalCa(hostname(), now);
    writePair(dir, 'ca', ca);
  }
  const stored = readPair(dir, 'server');
  if (stored && serverCertFits(stored, ca, names, now)) return { ...stored, source: 'generated', caCert: ca.cert, issued: false };
  const server = await issueServerCert(ca, names, now);
  writePair(dir, 'server', server);
  return { ...server, source: 'generated', caCert: ca.cert, issued: true };
}

/** The certificate HTTPS uses: the admin's when given, else the generated one for the machine's names. */
export async function loadTls(
  options: { certFile: string | undefined; keyFile: string | undefined; dataDir: string; names: () => ServerNames },
  now: Date = new Date(),
): Promise<TlsMaterial> {
  if (options.certFile && options.keyFile) return loadProvidedTls(options.certFile, options.keyFile);
  return loadLocalTls(join(options.dataDir, 'tls'), options.names(), now);
}
