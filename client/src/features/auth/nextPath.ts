import type { Role } from '@vigil/shared';

export const DEFAULT_PATH = '/wall';

/** Where a role lands after signing in when no page asked for it: guards get their phone page. */
export function homePathFor(role: Role | undefined): string {
  return role === 'guard' ? '/guard' : DEFAULT_PATH;
}

/** Where to go after signing in: only a path on this origin, never `//elsewhere` or a URL. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return DEFAULT_PATH;
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === DEFAULT_PATH ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
