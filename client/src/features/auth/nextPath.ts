export const DEFAULT_PATH = '/wall';

/** Where to go after signing in: only a path on this origin, never `//elsewhere` or a URL. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return DEFAULT_PATH;
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === DEFAULT_PATH ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
