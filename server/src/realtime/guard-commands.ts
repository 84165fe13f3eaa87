import {
  GuardSetStatusCommand,
  GuardSosCommand,
  PositionReportCommand,
  type GuardLive,
  type LiveState,
  type User,
} from '@vigil/shared';
import { HttpError } from '../lib/http-error.js';
import type { PositionLane } from '../positions/position-lane.js';
import { presentGuard } from '../presenters/guard.presenter.js';
import { findGuardByUser } from '../repositories/guards.repository.js';
import { setGuardStatus } from '../services/guards/set-guard-status.js';
import { raiseGuardSos } from '../services/positions/raise-guard-sos.js';
import { onCommand, type CommandContext, type VigilSocket } from './commands.js';

export interface GuardCommandContext extends CommandContext {
  lane: PositionLane;
  live: () => LiveState;
}

/** The guard linked to this login; the live projection's copy carries the current zones. */
async function ownGuard(context: GuardCommandContext, user: User): Promise<GuardLive> {
  const row = await findGuardByUser(context.deps.db, user.id);
  if (!row) throw new HttpError(403, 'forbidden', 'user: this login is not linked to a guard on the roster');
  return context.live().guards.get(row.id) ?? presentGuard(row);
}

const userActor = (user: User) => ({ kind: 'user' as const, id: user.id, name: user.displayName });

/** The guard's phone: positions (possibly an offline queue), own status, SOS. */
export function registerGuardCommands(socket: VigilSocket, context: GuardCommandContext): void {
  const { deps, lane } = context;
  onCommand(socket, context, 'position.report', PositionReportCommand, ['guard'], async (input, user) => {
    const guard = await ownGuard(context, user);
    const { stored, duplicates } = await lane.submit(
      input.fixes.map((fix) => ({
        guard,
        at: new Date(fix.at),
        lat: fix.lat,
        lon: fix.lon,
        floor: fix.floor ?? null,
        accuracy: fix.accuracy ?? null,
        heading: fix.heading ?? null,
        speed: fix.speed ?? null,
        battery: fix.battery ?? null,
        sos: false,
        source: 'phone' as const,
      })),
    );
    return { accepted: stored, duplicates };
  });

  onCommand(socket, context, 'guard.setStatus', GuardSetStatusCommand, ['guard'], async (input, user) => {
    const guard = await ownGuard(context, user);
    return setGuardStatus(deps, { guardId: guard.id, status: input.status, command: { id: input.commandId, userId: user.id } }, userActor(user));
  });

  onCommand(socket, context, 'guard.sos', GuardSosCommand, ['guard'], async (input, user) => {
    const guard = await ownGuard(context, user);
    return raiseGuardSos(deps, guard, lane.latestFix(guard.id), userActor(user), { id: input.commandId, userId: user.id });
  });
}
