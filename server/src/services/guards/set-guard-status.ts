import type { Actor, GuardStatus } from '@vigil/shared';
import { notFound } from '../../lib/http-error.js';
import { findGuard, guardUpdate, type GuardRow } from '../../repositories/guards.repository.js';
import { drillGuardStatusUpdate, findDrillRunByStream } from '../../repositories/drills.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';

export interface SetGuardStatusInput {
  guardId: string;
  status: GuardStatus;
  /** A client-made id: the same command again changes nothing and answers the first seq. */
  command?: { id: string; userId: string };
}

/**
 * A guard's status in the command's stream: the guards table's on live; in a drill the drill's
 * own (drill_runs' `guard_statuses`, `available` until the drill's events change it), so a drill
 * never reads or writes a live status.
 */
export async function guardStatusIn(log: Pick<CommandLog, 'tx' | 'stream'>, guard: GuardRow): Promise<GuardStatus> {
  if (log.stream === 'live') return guard.status;
  const run = await findDrillRunByStream(log.tx, log.stream);
  return run?.guardStatuses[guard.id] ?? 'available';
}

/**
 * Sets a guard's status (`guard.statusChanged`) inside a command's transaction. Setting the
 * status the guard already has appends nothing.
 */
export async function setGuardStatusIn(log: CommandLog, guardId: string, status: GuardStatus, actor: Actor): Promise<void> {
  const guard = await findGuard(log.tx, guardId);
  if (!guard) throw notFound(`guardId: no guard with id "${guardId}"`);
  const previous = await guardStatusIn(log, guard);
  if (previous === status) return;
  const change = log.stream === 'live' ? guardUpdate(log.tx, guard.id, { status }) : drillGuardStatusUpdate(log.tx, log.stream, guard.id, status);
  await log.append(change, {
    type: 'guard.statusChanged',
    siteId: guard.siteId,
    actor,
    payload: { guardId: guard.id, status, previous },
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
