import type { Actor, DomainEvent, GuardStatus } from '@vigil/shared';
import { HttpError, notFound } from '../../lib/http-error.js';
import { changeWithEvent, lastSeq, lockEventLog } from '../../repositories/events.repository.js';
import { findCommand, recordCommand } from '../../repositories/commands.repository.js';
import { findGuard, guardUpdate } from '../../repositories/guards.repository.js';
import type { Deps } from '../deps.js';

export interface SetGuardStatusInput {
  guardId: string;
  status: GuardStatus;
  /** A client-made id: the same command again changes nothing and answers the first seq. */
  command?: { id: string; userId: string };
}

/**
 * Sets a guard's status (`guard.statusChanged`). Setting the status the guard already has
 * appends nothing and answers the stream's current seq.
 */
export async function setGuardStatus(deps: Deps, input: SetGuardStatusInput, actor: Actor): Promise<{ seq: number }> {
  const appended: DomainEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    if (input.command) {
      const done = await findCommand(tx, input.command.id);
      if (done) {
        if (done.userId !== input.command.userId || done.name !== 'guard.setStatus') {
          throw new HttpError(409, 'conflict', 'commandId: already used for another command');
        }
        return { seq: done.seq };
      }
    }
    const guard = await findGuard(tx, input.guardId);
    if (!guard) throw notFound(`guardId: no guard with id "${input.guardId}"`);
    if (guard.status === input.status) return { seq: await lastSeq(tx, 'live') };
    const now = deps.clock();
    const event = await changeWithEvent(tx, 'live', now, guardUpdate(tx, guard.id, { status: input.status }), {
      type: 'guard.statusChanged',
      siteId: guard.siteId,
      actor,
      payload: { guardId: guard.id, status: input.status, previous: guard.status },
    });
    appended.push(event);
    if (input.command) await recordCommand(tx, { id: input.command.id, userId: input.command.userId, name: 'guard.setStatus', seq: event.seq });
    return { seq: event.seq };
  });
  if (appended.length > 0) deps.onCommitted(appended);
  return result;
}
