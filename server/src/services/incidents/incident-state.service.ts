import {
  openRequiredSteps,
  type IncidentCloseCommand,
  type IncidentRaiseLevelCommand,
  type IncidentSetOwnerCommand,
  type IncidentSetStateCommand,
  type IncidentState,
  type User,
} from '@vigil/shared';
import { HttpError, conflict, unprocessable } from '../../lib/http-error.js';
import { alarmUpdate, findAlarm } from '../../repositories/alarms.repository.js';
import { incidentUpdate, type IncidentRow } from '../../repositories/incidents.repository.js';
import { findUserById } from '../../repositories/users.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { endGuardSos } from '../guards/end-guard-sos.js';
import { loadIncidentRow, loadRun } from './incident-access.js';
import { appendIncidentEvent, personOf, userActor } from './incident-log.js';

type Work = (log: CommandLog, incident: IncidentRow) => Promise<void>;

/** One command on one incident the user may see, through the append path, idempotent by its id. */
async function onIncident(deps: Deps, user: User, command: { commandId: string; incidentId: string; name: string }, work: Work): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: command.commandId, userId: user.id, name: command.name } }, async (log) => {
    await work(log, await loadIncidentRow(log.tx, command.incidentId, user, log.stream));
  });
  return { seq: done.seq };
}

/** Where each state may go from (closing is `closeIncident`). */
const FROM: Record<'in_progress' | 'on_hold' | 'resolved', readonly IncidentState[]> = {
  in_progress: ['new', 'on_hold', 'resolved'],
  on_hold: ['new', 'in_progress'],
  resolved: ['new', 'in_progress', 'on_hold'],
};

/** The incident's alarms still open are resolved with it, as confirmed (`alarm.resolved`). */
async function resolveAlarms(log: CommandLog, incident: IncidentRow, user: User): Promise<void> {
  const who = personOf(user);
  for (const alarmId of incident.alarmIds) {
    const alarm = await findAlarm(log.tx, alarmId);
    if (!alarm || alarm.state === 'resolved') continue;
    await log.append(
      alarmUpdate(log.tx, alarm.id, { state: 'resolved', disposition: 'confirmed', note: null, resolvedAt: log.now, resolvedById: who.id, resolvedByName: who.name }),
      { type: 'alarm.resolved', siteId: alarm.siteId, actor: userActor(user), payload: { alarmId: alarm.id, disposition: 'confirmed', note: null, resolvedBy: who } },
    );
    await endGuardSos(log, alarm, userActor(user));
  }
}

/** Nothing may resolve while a required step on the path is open: the refusal names each. */
async function refuseOpenSteps(log: CommandLog, incident: IncidentRow): Promise<void> {
  const run = await loadRun(log.tx, incident.id);
  const open = run ? openRequiredSteps(run) : [];
  if (open.length === 0) return;
  const list = open.map((step) => `${step.id} (${step.title.en})`).join(', ');
  throw new HttpError(409, 'steps_open', `state: incident ${incident.number} cannot be resolved while required steps are open: ${list}`, {
    field: 'state',
    rule: 'requiredStepsOpen',
    steps: open.map((step) => step.id).join(','),
    count: open.length,
  });
}

async function changeState(log: CommandLog, incident: IncidentRow, user: User, state: IncidentState, extra: { note: string | null; summary: string | null }): Promise<void> {
  const patch: Partial<IncidentRow> = {
    state,
    resolvedAt: state === 'resolved' ? log.now : state === 'closed' ? (incident.resolvedAt ?? log.now) : null,
    closedAt: state === 'closed' ? log.now : null,
    ...(state === 'closed' ? { summary: extra.summary } : {}),
  };
  await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, patch), {
    type: 'incident.stateChanged',
    siteId: incident.siteId,
    actor: userActor(user),
    payload: { incidentId: incident.id, state, previous: incident.state, note: extra.note, summary: extra.summary },
  });
}

/** In progress, on hold, or resolved (which resolves its open alarms as confirmed). */
export function setIncidentState(deps: Deps, input: IncidentSetStateCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.setState' }, async (log, incident) => {
    if (incident.state === input.state) throw conflict(`state: incident ${incident.number} is already ${incident.state}`, { field: 'state', rule: 'sameState', state: incident.state });
    if (!FROM[input.state].includes(incident.state)) {
      throw new HttpError(409, 'invalid_state', `state: incident ${incident.number} cannot go from ${incident.state} to ${input.state}`, { field: 'state', rule: 'invalidTransition', from: incident.state, to: input.state });
    }
    if (input.state === 'resolved') {
      await refuseOpenSteps(log, incident);
      await resolveAlarms(log, incident, user);
    }
    await changeState(log, incident, user, input.state, { note: input.note || null, summary: null });
  });
}

/** Closes a resolved incident with its summary (结案). */
export function closeIncident(deps: Deps, input: IncidentCloseCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.close' }, async (log, incident) => {
    if (incident.state !== 'resolved') {
      throw new HttpError(409, 'invalid_state', `state: incident ${incident.number} is ${incident.state}; only a resolved incident can be closed`, { field: 'state', rule: 'notResolved', state: incident.state });
    }
    await changeState(log, incident, user, 'closed', { note: null, summary: input.summary });
  });
}

/** A commander (or admin) of the incident's site takes it over. */
export function setIncidentOwner(deps: Deps, input: IncidentSetOwnerCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.setOwner' }, async (log, incident) => {
    const owner = await findUserById(log.tx, input.userId);
    const ofSite = owner && (owner.siteIds === null || owner.siteIds.includes(incident.siteId));
    if (!owner || !ofSite || (owner.role !== 'commander' && owner.role !== 'admin')) {
      throw unprocessable(`userId: no commander with id "${input.userId}" on site "${incident.siteId}"`, { field: 'userId', rule: 'notCommander', id: input.userId });
    }
    if (incident.ownerId === owner.id) throw conflict(`userId: ${owner.displayName} already owns incident ${incident.number}`, { field: 'userId', rule: 'sameOwner' });
    const next = { id: owner.id, name: owner.displayName };
    const previous = incident.ownerId ? { id: incident.ownerId, name: incident.ownerName ?? '' } : null;
    await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, { ownerId: next.id, ownerName: next.name }), {
      type: 'incident.ownerChanged',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, owner: next, previous },
    });
  });
}

/** Only to a more severe level: III → II → I. */
export function raiseIncidentLevel(deps: Deps, input: IncidentRaiseLevelCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.raiseLevel' }, async (log, incident) => {
    if (input.level >= incident.level) {
      throw conflict(`level: must be more severe than the incident's level ${incident.level} (1 is the most severe)`, { field: 'level', rule: 'notMoreSevere', level: incident.level });
    }
    await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, { level: input.level }), {
      type: 'incident.levelRaised',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, level: input.level, previous: incident.level },
    });
  });
}

export { onIncident };
