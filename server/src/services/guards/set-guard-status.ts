import type { Actor, GuardStatus } from '@vigil/shared';
import { notFound } from '../../lib/http-error.js';
import { findGuard, guardUpdate } from '../../repositories/guards.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';

export interface SetGuardStatusInput {
  guardId: string;
  status: GuardStatus;
  /** A client-made id: the same command again changes nothing and answers the first seq. */
  command?: { id: string; userId: string };
}

/**
 * Sets a guard's status (`guard.statusChanged`) inside a command's transaction. Setting the
 * status the guard already has appends nothing.
 */
export async function setGuardStatusIn(log: CommandLog, guardId: string, status: GuardStatus, actor: Actor): Promise<void> {
  const guard = await findGuard(log.tx, guardId);
  if (!guard) throw notFound(`guardId: no guard with id "${guardId}"`);
  if (guard.status === status) return;
  await log.append(guardUpdate(log.tx, guard.id, { status }), {
    type: 'guard.statusChanged',
    siteId: guard.siteId,
    actor,
    payload: { guardId: guard.id, status, previous: guard.status },
  });
}

/**
 * Sets a guard's status (`guard.statusChanged`). Setting the status the guard already has
 * appends nothing and answers the stream's current seq.
 */
export async function setGuardStatus(deps: Deps, input: SetGuardStatusInput, actor: Actor): Promise<{ seq: number }> {
  const command = input.command ? { ...input.command, name: 'guard.setStatus' } : undefined;
  const done = await runCommand(deps, { stream: deps.stream, command }, (log) => setGuardStatusIn(log, input.guardId, input.status, actor));
  return { seq: done.seq };
}
