import {
  transition,
  type AlarmAcknowledgeCommand,
  type AlarmCommand,
  type AlarmHoldCommand,
  type AlarmResolveCommand,
  type AlarmResumeCommand,
  type NewEvent,
  type User,
} from '@vigil/shared';
import { HttpError, notFound } from '../../lib/http-error.js';
import { alarmUpdate, findAlarm, type NewAlarmRow } from '../../repositories/alarms.repository.js';
import type { AlarmRow } from '../../presenters/alarm.presenter.js';
import { runCommand } from '../append.js';
import { endGuardSos } from '../guards/end-guard-sos.js';
import { siteAllowed, viewerOf } from '../scope.js';
import type { Deps } from '../deps.js';

export type AlarmCommandInput =
  | { command: 'acknowledge'; input: AlarmAcknowledgeCommand }
  | { command: 'hold'; input: AlarmHoldCommand }
  | { command: 'resume'; input: AlarmResumeCommand }
  | { command: 'resolve'; input: AlarmResolveCommand };

type Change = { patch: Partial<NewAlarmRow>; event: NewEvent };

function changeFor(request: AlarmCommandInput, alarm: AlarmRow, user: User, now: Date): Change {
  const actor = { kind: 'user' as const, id: user.id, name: user.displayName };
  const who = { id: user.id, name: user.displayName };
  const base = { siteId: alarm.siteId, actor };
  switch (request.command) {
    case 'acknowledge':
      return {
        patch: { state: 'acknowledged', ownerId: user.id, ownerName: user.displayName, acknowledgedAt: now },
        event: { ...base, type: 'alarm.acknowledged', payload: { alarmId: alarm.id, owner: who } },
      };
    case 'hold': {
      const note = request.input.note || null;
      return {
        patch: { state: 'on_hold', heldAt: now, ...(note ? { note } : {}) },
        event: { ...base, type: 'alarm.held', payload: { alarmId: alarm.id, note } },
      };
    }
    case 'resume':
      return {
        patch: { state: 'acknowledged', heldAt: null },
        event: { ...base, type: 'alarm.resumed', payload: { alarmId: alarm.id } },
      };
    case 'resolve': {
      const note = request.input.note || null;
      return {
        patch: {
          state: 'resolved',
          disposition: request.input.disposition,
          note,
          resolvedAt: now,
          resolvedById: user.id,
          resolvedByName: user.displayName,
        },
        event: {
          ...base,
          type: 'alarm.resolved',
          payload: { alarmId: alarm.id, disposition: request.input.disposition, note, resolvedBy: who },
        },
      };
    }
  }
}

/**
 * Acknowledge, hold, resume or resolve an alarm. Idempotent by the command's client-made id:
 * the same id again answers with the seq of the first time and changes nothing.
 */
export async function handleAlarm(deps: Deps, request: AlarmCommandInput, user: User): Promise<{ seq: number }> {
  const command = { id: request.input.commandId, userId: user.id, name: `alarm.${request.command}` satisfies `alarm.${AlarmCommand}` };
  const done = await runCommand(deps, { stream: deps.stream, command }, async (log) => {
    const alarm = await findAlarm(log.tx, request.input.alarmId);
    // Another site's alarm is refused as if it did not exist: nothing about it is told.
    if (!alarm || alarm.stream !== log.stream || !siteAllowed(viewerOf(user), alarm.siteId)) throw notFound(`alarmId: no alarm with id "${request.input.alarmId}"`);
    const next = transition(alarm.state, request.command);
    if (!next.ok) throw new HttpError(409, next.code, next.error, next.params);
    const change = changeFor(request, alarm, user, log.now);
    await log.append(alarmUpdate(log.tx, alarm.id, change.patch), change.event);
    if (request.command === 'resolve') await endGuardSos(log, alarm, change.event.actor);
  });
  return { seq: done.seq };
}
