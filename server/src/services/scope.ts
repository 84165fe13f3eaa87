import { guardAlarmSource, siteAllowed, type User, type Viewer } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { findGuardByUser } from '../repositories/guards.repository.js';

export { siteAllowed };

/** Who is asking, as the socket layer sees them (shared/realtime/scope.ts). */
export const viewerOf = (user: User): Viewer => ({ userId: user.id, role: user.role, siteIds: user.siteIds });

/**
 * What a user's HTTP reads and commands cover. `siteIds` null: every site. A guard's phone needs
 * only its own guard's site and its own entries: `guardId` names that guard (null when the login
 * is on no roster entry, which then sees no site at all); `guardId` is undefined for other roles.
 */
export interface ReadScope {
  viewer: Viewer;
  siteIds: readonly string[] | null;
  guardId?: string | null;
}

export async function readScopeOf(db: Executor, user: User): Promise<ReadScope> {
  const viewer = viewerOf(user);
  if (user.role !== 'guard') return { viewer, siteIds: user.siteIds };
  const guard = await findGuardByUser(db, user.id);
  const siteIds = guard ? [guard.siteId] : [];
  return { viewer: { ...viewer, siteIds }, siteIds, guardId: guard?.id ?? null };
}

/** Whether this scope may see what belongs to `siteId` (the shared rule). */
export const inScope = (scope: ReadScope, siteId: string): boolean => siteAllowed(scope.viewer, siteId);

/** The source a guard's own SOS alarms carry, for a guard's scope; undefined for other roles. */
export const ownAlarmSource = (scope: ReadScope): string | null | undefined =>
  scope.guardId === undefined ? undefined : scope.guardId === null ? null : guardAlarmSource(scope.guardId);
