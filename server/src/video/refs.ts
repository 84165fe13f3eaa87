import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

/**
 * Refs: how the relay names a camera's nested resources (media playlists, init segments, keys,
 * segments) to the browser, which never sees the camera's URLs.
 *
 * Two rules, checked in this order on every fetch:
 * 1. A ref is the resource's URL sealed with AES-256-GCM under a key derived from the camera's
 *    configured URL. A ref the relay did not issue, or issued for a URL since changed, does not
 *    open. Sealing also hides upstream paths and query strings (which may carry tokens).
 * 2. Confinement: the opened URL must be on the configured URL's scheme, host and port, and
 *    under its directory (`http://nvr:8888/cam1/index.m3u8` → `http://nvr:8888/cam1/…`). This
 *    is what stops an upstream playlist that points elsewhere (another host, `../`, another
 *    port) from turning the relay into a proxy; rule 1 alone would not, since the relay seals
 *    whatever URI a playlist lists.
 *
 * The IV is an HMAC of the plaintext, so one resource always gets the same ref (hls.js keeps an
 * init segment while its URI is unchanged); equal refs reveal only that the resource is equal.
 * Every node derives the same key from the database, so refs work across nodes with no shared secret.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** base64url of IV + tag + at least one byte, up to a few kB of URL. */
const REF_PATTERN = /^[A-Za-z0-9_-]{38,4096}$/;

function keysFor(configuredUrl: string): { cipher: Buffer; iv: Buffer } {
  const derive = (purpose: string) => createHash('sha256').update(`vigil.video.ref.${purpose}\0${configuredUrl}`).digest();
  return { cipher: derive('cipher'), iv: derive('iv') };
}

/** The URL without its user info: credentials never go into a ref (the relay adds them itself). */
function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

export function sealRef(configuredUrl: string, target: URL): string {
  const keys = keysFor(configuredUrl);
  const plaintext = Buffer.from(withoutCredentials(target), 'utf8');
  const iv = createHmac('sha256', keys.iv).update(plaintext).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.cipher, iv);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The URL a ref names, or null when it is malformed, forged or stale. */
export function openRef(configuredUrl: string, ref: string): URL | null {
  if (!REF_PATTERN.test(ref)) return null;
  const bytes = Buffer.from(ref, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keysFor(configuredUrl).cipher, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return new URL(plaintext.toString('utf8'));
  } catch {
    return null;
  }
}

/** `/cam1/index.m3u8` → `/cam1/`; `/api/stream.m3u8` → `/api/`. */
export function scopeDirectory(configured: URL): string {
  return configured.pathname.slice(0, configured.pathname.lastIndexOf('/') + 1) || '/';
}

/** Encoded dots and separators, which an upstream might decode into a way out of the directory. */
const ENCODED_SEPARATOR = /%2e|%2f|%5c/i;

/** Why `target` is outside what `configured` allows, or null when it is inside. */
export function confinementError(configured: URL, target: URL): string | null {
  if (target.protocol !== configured.protocol) return `scheme ${target.protocol} is not the configured ${configured.protocol}`;
  if (target.hostname !== configured.hostname) return 'host is not the configured host';
  if (target.port !== configured.port) return 'port is not the configured port';
  if (!target.pathname.startsWith(scopeDirectory(configured))) return "path is outside the configured URL's directory";
  if (ENCODED_SEPARATOR.test(target.pathname)) return 'path contains encoded dots or separators';
  return null;
}
