/**
 * Whether a Socket.IO handshake may go on, judged by its `Origin` header. A browser always
 * sends one on a WebSocket and on a cross-origin request, so a page of another site (cross-site
 * WebSocket hijacking riding on the session cookie) is refused here. Trackers, scripts and
 * socket.io-client in Node send none and are judged by their credentials alone.
 *
 * Allowed: no Origin; the app's own origin (the same host and port as the request's `Host`,
 * or the `X-Forwarded-Host` a reverse proxy sets, which a browser page cannot); or an origin
 * in `allowed` (`ALLOWED_ORIGINS`).
 */
export function originAllowed(
  headers: { origin?: string; host?: string; 'x-forwarded-host'?: string | string[] },
  allowed: readonly string[],
): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file:// page) or garbage
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (allowed.includes(parsed.origin)) return true;
  const forwarded = firstValue(headers['x-forwarded-host']);
  return [headers.host, forwarded].some((host) => host !== undefined && sameHost(parsed, host));
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/** `host` is a Host header (`name[:port]`); the default port of the Origin's scheme may be left out of either. */
function sameHost(origin: URL, host: string): boolean {
  let requested: URL;
  try {
    requested = new URL(`${origin.protocol}//${host}`);
  } catch {
    return false;
  }
  return requested.host.toLowerCase() === origin.host.toLowerCase();
}

/** Normalizes `ALLOWED_ORIGINS` entries to `scheme://host[:port]`; a path, query or other scheme is an error. */
export function parseAllowedOrigins(list: string): { ok: true; origins: string[] } | { ok: false; error: string } {
  const origins: string[] = [];
  for (const entry of list.split(',').map((item) => item.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return { ok: false, error: `"${entry}" is not a URL` };
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !entry.endsWith('/');
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      return { ok: false, error: `"${entry}" must be an origin such as https://wall.example.com (scheme, host and optional port only)` };
    }
    origins.push(url.origin);
  }
  return { ok: true, origins };
}
