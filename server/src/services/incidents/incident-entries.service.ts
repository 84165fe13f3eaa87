import type { IncidentAddEntryCommand, IncidentAttachAlarmCommand, IncidentStrikeEntryCommand, TimelineEntry, User } from '@vigil/shared';
import { conflict, notFound, unprocessable } from '../../lib/http-error.js';
import { findAlarm } from '../../repositories/alarms.repository.js';
import { entryStrike, findEntry, incidentUpdate, linkAlarms } from '../../repositories/incidents.repository.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { requireOpen } from './incident-access.js';
import { appendIncidentEvent, idFromCommand, personOf, userActor } from './incident-log.js';
import { onIncident } from './incident-state.service.js';
import { refuseIfInOpenIncident } from './open-incident.js';

/** A note, or a call made (who was called and when), on the timeline (`incident.entryAdded`). */
export function addEntry(deps: Deps, input: IncidentAddEntryCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.addEntry' }, async (log, incident) => {
    const at = log.now.toISOString();
    const entry: TimelineEntry = {
      id: idFromCommand('entry', input.commandId),
      at,
      kind: input.kind,
      by: personOf(user),
      code: null,
      params: {},
      text: input.text || null,
      call: input.kind === 'call' ? { party: input.party, at: input.at ? new Date(input.at).toISOString() : at } : null,
      photoId: null,
      stricken: null,
    };
    // The entry row is written by appendIncidentEvent; the statement that goes with the event touches the incident.
    await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, { id: incident.id }), {
      type: 'incident.entryAdded',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, entry },
    });
  });
}

/** A correction: the entry is struck through with a reason and stays readable; once struck, it stays struck. */
export function strikeEntry(deps: Deps, input: IncidentStrikeEntryCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.strikeEntry' }, async (log, incident) => {
    const entry = await findEntry(log.tx, incident.id, input.entryId);
    if (!entry) throw notFound(`entryId: no entry with id "${input.entryId}"`);
    if (entry.strickenAt) throw conflict(`entryId: entry "${input.entryId}" is already struck through`, { field: 'entryId', rule: 'alreadyStricken' });
    const by = personOf(user);
    await appendIncidentEvent(log, entryStrike(log.tx, incident.id, entry.id, { at: log.now, byId: by.id, byName: by.name, reason: input.reason }), {
      type: 'incident.entryStricken',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, entryId: entry.id, by, reason: input.reason },
    });
  });
}

/** Another alarm of the same site joins the incident (`incident.alarmAttached`). */
export function attachAlarm(deps: Deps, input: IncidentAttachAlarmCommand, user: User): Promise<{ seq: number }> {
  return onIncident(deps, user, { ...input, name: 'incident.attachAlarm' }, async (log, incident) => {
    requireOpen(incident);
    const alarm = await findAlarm(log.tx, input.alarmId);
    if (!alarm || alarm.stream !== log.stream || !siteAllowed(viewerOf(user), alarm.siteId)) throw notFound(`alarmId: no alarm with id "${input.alarmId}"`);
    if (alarm.siteId !== incident.siteId) throw unprocessable(`alarmId: alarm "${alarm.id}" belongs to site "${alarm.siteId}", not "${incident.siteId}"`);
    if (incident.alarmIds.includes(alarm.id)) throw conflict(`alarmId: alarm "${alarm.id}" is already in incident ${incident.number}`, { field: 'alarmId', rule: 'alreadyAttached' });
    await refuseIfInOpenIncident(log, alarm, 'alarmId');
    await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, { alarmIds: [...incident.alarmIds, alarm.id] }), {
      type: 'incident.alarmAttached',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, alarmId: alarm.id },
    });
    await linkAlarms(log.tx, [alarm.id], incident.id);
  });
}
