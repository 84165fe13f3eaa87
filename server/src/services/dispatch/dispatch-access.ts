import { createHash } from 'node:crypto';
import { isOpenIncident, siteAllowed, type Actor, type User } from '@vigil/shared';
import { HttpError, notFound } from '../../lib/http-error.js';
import { findDispatch, findIncidentRow, type DispatchRow, type IncidentRow } from '../../repositories/dispatches.repository.js';
import { findGuardByUser } from '../../repositories/guards.repository.js';
import type { CommandLog } from '../append.js';
import { viewerOf } from '../scope.js';
import type { Executor } from '../../db/client.js';
import type { Stream } from '@vigil/shared';

export const userActor = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.displayName });
export const personOf = (user: User) => ({ id: user.id, name: user.displayName });

/** The incident, when this user may see its site; 404 otherwise (as for a missing one). */
export async function incidentFor(db: Executor, stream: Stream, incidentId: string, user: User): Promise<IncidentRow> {
  const incident = await findIncidentRow(db, stream, incidentId);
  if (!incident || !siteAllowed(viewerOf(user), incident.siteId)) throw notFound(`incidentId: no incident with id "${incidentId}"`);
  return incident;
}

export function requireOpen(incident: IncidentRow): void {
  if (!isOpenIncident(incident)) {
    throw new HttpError(409, 'conflict', `incidentId: incident ${incident.number} is ${incident.state}`, {
      field: 'incidentId',
      rule: 'incidentNotOpen',
      state: incident.state,
    });
  }
}

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

/** A UUID made from a command's id: the same command again names the same dispatches. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
