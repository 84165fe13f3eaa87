import { DISPATCH_ANSWER_SEC, isActiveDispatch, type DispatchSendCommand, type User } from '@vigil/shared';
import { HttpError } from '../../lib/http-error.js';
import { presentDispatch } from '../../presenters/incident.presenter.js';
import { activeDispatchesOfGuard, dispatchInsert, type DispatchRow } from '../../repositories/dispatches.repository.js';
import { findGuard, type GuardRow } from '../../repositories/guards.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { loadIncidentRow, loadIncidents, requireOpen } from '../incidents/incident-access.js';
import { appendIncidentEvent, idFromCommand, userActor } from '../incidents/incident-log.js';
import { guardStatusIn, setGuardStatusIn } from '../guards/set-guard-status.js';

const refuse = (guard: GuardRow, rule: string, why: string) =>
  new HttpError(409, 'conflict', `guardIds: guard ${guard.callsign} (${guard.name}) ${why}`, {
    field: 'guardIds',
    rule,
    guardId: guard.id,
    callsign: guard.callsign,
  });

/** Why this guard may not be sent to this incident now, or nothing. */
async function checkGuard(log: CommandLog, guardId: string, siteId: string, incidentId: string): Promise<GuardRow> {
  const guard = await findGuard(log.tx, guardId);
  if (!guard || guard.siteId !== siteId) {
    throw new HttpError(422, 'unprocessable', `guardIds: no guard with id "${guardId}" on the incident's site`, { field: 'guardIds', rule: 'noSuchId', thing: 'guard', id: guardId });
  }
  // In a drill every guard of the roster can be sent (a simulated one stands in for one off shift), by the drill's own status.
  if (log.stream === 'live' && !guard.onShift) throw refuse(guard, 'guardOffShift', 'is off shift');
  const status = await guardStatusIn(log, guard);
  if (status === 'off_duty') throw refuse(guard, 'guardOffDuty', 'is off duty');
  if (status === 'sos') throw refuse(guard, 'guardInSos', 'has raised an SOS');
  const active = await activeDispatchesOfGuard(log.tx, log.stream, guard.id);
  if (active.some((dispatch) => dispatch.incidentId === incidentId && isActiveDispatch(dispatch))) {
    throw refuse(guard, 'guardAlreadyDispatched', 'is already dispatched to this incident');
  }
  return guard;
}

/**
 * 派遣: sends one or several guards of the incident's site to it, with a short instruction.
 * Per guard, in one transaction: the dispatch row (its answer due DISPATCH_ANSWER_SEC after
 * sending), `dispatch.sent` with the incident as it is now (so the guard's phone has it), and
 * the guard's status `dispatched`. One guard refused refuses the whole command, naming them.
 */
export async function sendDispatch(deps: Deps, input: DispatchSendCommand, user: User): Promise<{ seq: number; dispatchIds: string[] }> {
  const guardIds = [...new Set(input.guardIds)];
  const dispatchIds = guardIds.map((guardId) => idFromCommand('dispatch', `${input.commandId}:${guardId}`));
  const actor = userActor(user);
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'dispatch.send' } }, async (log) => {
    const incident = await loadIncidentRow(log.tx, input.incidentId, user, log.stream);
    requireOpen(incident);
    const guards: GuardRow[] = [];
    for (const guardId of guardIds) guards.push(await checkGuard(log, guardId, incident.siteId, incident.id));
    for (const [index, guard] of guards.entries()) {
      const row: DispatchRow = {
        id: dispatchIds[index]!,
        stream: log.stream,
        incidentId: incident.id,
        siteId: incident.siteId,
        guardId: guard.id,
        state: 'sent',
        instruction: input.instruction && input.instruction.length > 0 ? input.instruction : null,
        sentAt: log.now,
        sentById: user.id,
        sentByName: user.displayName,
        answerDueAt: new Date(log.now.getTime() + DISPATCH_ANSWER_SEC * 1000),
        acceptedAt: null,
        declinedAt: null,
        declineReason: null,
        enRouteAt: null,
        onSceneAt: null,
        arrival: null,
        clearedAt: null,
        cancelledAt: null,
        unansweredAt: null,
      };
      // The incident as the projection holds it now: with the entries of the guards sent before.
      const [now] = await loadIncidents(log.tx, [incident], 'live');
      await appendIncidentEvent(log, dispatchInsert(log.tx, row), {
        type: 'dispatch.sent',
        siteId: incident.siteId,
        actor,
        payload: { dispatch: presentDispatch(row), incident: now! },
      });
      await setGuardStatusIn(log, guard.id, 'dispatched', actor);
    }
  });
  return { seq: done.seq, dispatchIds };
}
