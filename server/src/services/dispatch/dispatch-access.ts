import { siteAllowed, type User } from '@vigil/shared';
import { notFound } from '../../lib/http-error.js';
import { findDispatch, type DispatchRow } from '../../repositories/dispatches.repository.js';
import { findGuardByUser } from '../../repositories/guards.repository.js';
import type { CommandLog } from '../append.js';
import { viewerOf } from '../scope.js';

/**
 * The dispatch, for this user: a guard only their own (another guard's answers 404 as a
 * missing one does), others within their sites.
 */
export async function dispatchFor(log: Pick<CommandLog, 'tx' | 'stream'>, dispatchId: string, user: User): Promise<DispatchRow> {
  const missing = () => notFound(`dispatchId: no dispatch with id "${dispatchId}"`);
  const dispatch = await findDispatch(log.tx, log.stream, dispatchId);
  if (!dispatch) throw missing();
  if (user.role === 'guard') {
    const guard = await findGuardByUser(log.tx, user.id);
    if (!guard || guard.id !== dispatch.guardId) throw missing();
    return dispatch;
  }
  if (!siteAllowed(viewerOf(user), dispatch.siteId)) throw missing();
  return dispatch;
}

/** A guard's login sees the incidents it was sent to, whatever its own site list says (the dispatch was checked). */
export const asDispatchedGuard = (user: User): User => (user.role === 'guard' ? { ...user, siteIds: null } : user);
