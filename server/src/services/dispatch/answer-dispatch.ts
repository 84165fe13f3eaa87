import type { Actor, DispatchAnswerCommand, DispatchCancelCommand, DispatchState, User } from '@vigil/shared';
import { HttpError } from '../../lib/http-error.js';
import { dispatchUpdate, type DispatchRow, type NewDispatchRow } from '../../repositories/dispatches.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { appendIncidentEvent, userActor } from '../incidents/incident-log.js';
import { dispatchFor } from './dispatch-access.js';
import { releaseGuard, setDispatchedGuardStatus } from './dispatch-guard-status.js';

type Action = DispatchAnswerCommand['action'];

/**
 * Which states each answer may follow. A guard may run without pressing: going en route needs
 * no accept first, and arriving needs neither (an arrival implies the accept; its time is
 * then the arrival's). Declining is possible until on scene; clearing only from on scene.
 */
export const ANSWER_FROM: Record<Action, readonly DispatchState[]> = {
  accept: ['sent'],
  decline: ['sent', 'accepted', 'en_route'],
  en_route: ['sent', 'accepted'],
  arrive: ['sent', 'accepted', 'en_route'],
  clear: ['on_scene'],
};

/** A commander may call a dispatch back while it is waiting or under way. */
const CANCEL_FROM: readonly DispatchState[] = ['sent', 'accepted', 'en_route', 'on_scene'];

function refuseFrom(dispatch: DispatchRow, action: string, allowed: readonly DispatchState[]): HttpError {
  return new HttpError(409, 'conflict', `action: cannot ${action.replace('_', ' ')} a dispatch that is ${dispatch.state} (only from ${allowed.join(', ')})`, {
    field: 'action',
    rule: 'dispatchState',
    action,
    state: dispatch.state,
  });
}

const refOf = (dispatch: DispatchRow) => ({ dispatchId: dispatch.id, incidentId: dispatch.incidentId, guardId: dispatch.guardId });

/** On scene (`dispatch.arrived`) and the guard's status `on_scene`, inside a command. */
export async function arriveIn(log: CommandLog, dispatch: DispatchRow, arrival: 'detected' | 'pressed', actor: Actor): Promise<void> {
  const patch: Partial<NewDispatchRow> = { state: 'on_scene', onSceneAt: log.now, arrival, acceptedAt: dispatch.acceptedAt ?? log.now };
  await appendIncidentEvent(log, dispatchUpdate(log.tx, dispatch.id, dispatch.state, patch), {
    type: 'dispatch.arrived',
    siteId: dispatch.siteId,
    actor,
    payload: { ...refOf(dispatch), arrival },
  });
  await setDispatchedGuardStatus(log, dispatch.guardId, 'on_scene', actor);
}

async function answerIn(log: CommandLog, dispatch: DispatchRow, input: DispatchAnswerCommand, actor: Actor): Promise<void> {
  const allowed = ANSWER_FROM[input.action];
  if (!allowed.includes(dispatch.state)) throw refuseFrom(dispatch, input.action, allowed);
  const base = { siteId: dispatch.siteId, actor };
  const update = (patch: Partial<NewDispatchRow>) => dispatchUpdate(log.tx, dispatch.id, dispatch.state, patch);
  switch (input.action) {
    case 'accept':
      await appendIncidentEvent(log, update({ state: 'accepted', acceptedAt: log.now }), { ...base, type: 'dispatch.accepted', payload: refOf(dispatch) });
      return;
    case 'decline': {
      const reason = input.reason ?? '';
      await appendIncidentEvent(log, update({ state: 'declined', declinedAt: log.now, declineReason: reason }), {
        ...base,
        type: 'dispatch.declined',
        payload: { ...refOf(dispatch), reason },
      });
      await releaseGuard(log, dispatch.guardId, actor);
      return;
    }
    case 'en_route':
      await appendIncidentEvent(log, update({ state: 'en_route', enRouteAt: log.now, acceptedAt: dispatch.acceptedAt ?? log.now }), {
        ...base,
        type: 'dispatch.enRoute',
        payload: refOf(dispatch),
      });
      await setDispatchedGuardStatus(log, dispatch.guardId, 'en_route', actor);
      return;
    case 'arrive':
      await arriveIn(log, dispatch, 'pressed', actor);
      return;
    case 'clear':
      await appendIncidentEvent(log, update({ state: 'cleared', clearedAt: log.now }), { ...base, type: 'dispatch.cleared', payload: refOf(dispatch) });
      await releaseGuard(log, dispatch.guardId, actor);
      return;
  }
}

/** The guard's answer on their own dispatch, or a commander's on the guard's behalf (by radio). */
export async function answerDispatch(deps: Deps, input: DispatchAnswerCommand, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'dispatch.answer' } }, async (log) => {
    const dispatch = await dispatchFor(log, input.dispatchId, user);
    await answerIn(log, dispatch, input, userActor(user));
  });
  return { seq: done.seq };
}

/** A commander calls a dispatch back; the guard is available again. */
export async function cancelDispatch(deps: Deps, input: DispatchCancelCommand, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'dispatch.cancel' } }, async (log) => {
    const dispatch = await dispatchFor(log, input.dispatchId, user);
    if (!CANCEL_FROM.includes(dispatch.state)) throw refuseFrom(dispatch, 'cancel', CANCEL_FROM);
    const actor = userActor(user);
    const reason = input.reason && input.reason.length > 0 ? input.reason : null;
    await appendIncidentEvent(log, dispatchUpdate(log.tx, dispatch.id, dispatch.state, { state: 'cancelled', cancelledAt: log.now }), {
      type: 'dispatch.cancelled',
      siteId: dispatch.siteId,
      actor,
      payload: { ...refOf(dispatch), reason },
    });
    await releaseGuard(log, dispatch.guardId, actor);
  });
  return { seq: done.seq };
}
