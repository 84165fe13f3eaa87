import {
  alarmPlace,
  matchPlans,
  type AlarmKind,
  type Incident,
  type IncidentLocation,
  type IncidentOpenCommand,
  type IncidentType,
  type User,
} from '@vigil/shared';
import { HttpError, badRequest, conflict, notFound, unprocessable } from '../../lib/http-error.js';
import { localDay } from '../../lib/local-day.js';
import { presentAlarm, type AlarmRow } from '../../presenters/alarm.presenter.js';
import { presentSite } from '../../presenters/site.presenter.js';
import { findAlarm } from '../../repositories/alarms.repository.js';
import { countNumbered, findIncident, incidentInsert, linkAlarms, type IncidentRow } from '../../repositories/incidents.repository.js';
import { findCurrentTemplate, listCurrentTemplates } from '../../repositories/plan-templates.repository.js';
import { findSiteRows, findZone } from '../../repositories/sites.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { appendIncidentEvent, idFromCommand, personOf, userActor } from './incident-log.js';
import { startPlanIn } from './plan-steps.service.js';

/** The incident type an alarm kind suggests when no plan's activation rule says better. */
export const INCIDENT_TYPE_OF_KIND: Record<AlarmKind, IncidentType> = {
  fire: 'fire',
  smoke: 'fire',
  heat: 'fire',
  intrusion: 'intrusion',
  vibration: 'intrusion',
  door_forced: 'intrusion',
  loitering: 'intrusion',
  restricted_entry: 'intrusion',
  door_held: 'other',
  panic: 'violence',
  sos: 'other',
  elevator_entrapment: 'elevator_entrapment',
  water_leak: 'flooding',
  power_failure: 'power_cut',
  tamper: 'other',
  device_fault: 'other',
  device_offline: 'other',
  guard_silent: 'other',
  patrol_missed: 'other',
  other: 'other',
};

/** `20261202-003`: the UTC day and its count in this stream (the event-log lock makes the count safe). */
async function nextNumber(log: CommandLog): Promise<string> {
  const day = localDay(log.now);
  const count = await countNumbered(log.tx, log.stream, `${day}-`);
  return `${day}-${String(count + 1).padStart(3, '0')}`;
}

/** The named alarms, each in scope, on one site, and in no other open incident. */
async function loadAlarms(log: CommandLog, alarmIds: readonly string[], user: User): Promise<AlarmRow[]> {
  const rows: AlarmRow[] = [];
  for (const [index, alarmId] of alarmIds.entries()) {
    const alarm = await findAlarm(log.tx, alarmId);
    if (!alarm || alarm.stream !== log.stream || !siteAllowed(viewerOf(user), alarm.siteId)) throw notFound(`alarmIds.${index}: no alarm with id "${alarmId}"`);
    if (rows[0] && alarm.siteId !== rows[0].siteId) throw unprocessable(`alarmIds.${index}: alarm "${alarmId}" belongs to site "${alarm.siteId}", not "${rows[0].siteId}"`);
    await refuseIfInOpenIncident(log, alarm, `alarmIds.${index}`);
    if (!rows.some((row) => row.id === alarm.id)) rows.push(alarm);
  }
  return rows;
}

export async function refuseIfInOpenIncident(log: CommandLog, alarm: AlarmRow, field: string): Promise<void> {
  if (!alarm.incidentId) return;
  const other = await findIncident(log.tx, alarm.incidentId);
  if (other && other.state !== 'resolved' && other.state !== 'closed') {
    throw conflict(`${field}: alarm "${alarm.id}" is already in open incident ${other.number}`, { field, rule: 'inOpenIncident', alarmId: alarm.id, incident: other.number });
  }
}

/** Where the incident is: as given, else the first alarm's place and zone. */
async function placeOf(log: CommandLog, input: IncidentOpenCommand, siteId: string, first: AlarmRow | undefined): Promise<IncidentLocation | null> {
  if (input.location) {
    const zoneId = input.location.zoneId;
    if (zoneId) {
      const zone = await findZone(log.tx, zoneId);
      if (!zone || zone.siteId !== siteId) throw unprocessable(`location.zoneId: no zone "${zoneId}" on site "${siteId}"`);
    }
    return { position: input.location.position, floor: input.location.floor, zoneId };
  }
  if (!first) return null;
  const found = await findSiteRows(log.tx, siteId);
  const place = found ? alarmPlace(presentAlarm(first), presentSite(found.site, found.zones, found.devices)) : null;
  return place ? { position: place.position, floor: place.floor, zoneId: first.zoneId } : null;
}

/** The type of the plan the first alarm matches best (its activation rules), else the kind's own. */
async function typeOfAlarm(log: CommandLog, alarm: AlarmRow): Promise<IncidentType> {
  const zone = alarm.zoneId ? await findZone(log.tx, alarm.zoneId) : undefined;
  const [best] = matchPlans(await listCurrentTemplates(log.tx), alarm, zone ? { id: zone.id, kind: zone.kind } : null);
  return best?.plan.incidentType ?? INCIDENT_TYPE_OF_KIND[alarm.kind];
}

const required = (field: string, why: string) => badRequest(`${field}: required ${why}`, { field, rule: 'required' });

/**
 * Opens an incident (`incident.opened`) from one or more alarms (site, place and type from the
 * first) or by hand (site, type and place given); with `planId` the plan starts in the same
 * transaction. The incident's id comes from the command id, so a retry answers the same one.
 */
export async function openIncident(deps: Deps, input: IncidentOpenCommand, user: User): Promise<{ seq: number; incidentId: string }> {
  const incidentId = idFromCommand('incident', input.commandId);
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'incident.open' } }, async (log) => {
    const alarms = await loadAlarms(log, input.alarmIds, user);
    const first = alarms[0];
    if (!first) {
      if (!input.siteId) throw required('siteId', 'when the incident is opened without an alarm');
      if (!input.type) throw required('type', 'when the incident is opened without an alarm');
      if (!input.location) throw required('location', 'when the incident is opened without an alarm');
    }
    const siteId = input.siteId ?? first!.siteId;
    if (first && siteId !== first.siteId) throw unprocessable(`siteId: alarm "${first.id}" belongs to site "${first.siteId}", not "${siteId}"`);
    if (!siteAllowed(viewerOf(user), siteId) || !(await findSiteRows(log.tx, siteId))) throw notFound(`siteId: no site with id "${siteId}"`);
    const template = input.planId ? await findCurrentTemplate(log.tx, input.planId) : undefined;
    if (input.planId && !template) throw notFound(`planId: no plan with id "${input.planId}"`);
    const type = input.type ?? template?.incidentType ?? (await typeOfAlarm(log, first!));
    const location = await placeOf(log, input, siteId, first);
    const by = personOf(user);
    const owns = user.role === 'commander' || user.role === 'admin';
    const row: IncidentRow = {
      id: incidentId,
      stream: log.stream,
      siteId,
      number: await nextNumber(log),
      type,
      level: input.level ?? template?.level ?? 3,
      title: input.title || first?.message || '',
      state: 'new',
      location,
      alarmIds: alarms.map((alarm) => alarm.id),
      ownerId: owns ? by.id : null,
      ownerName: owns ? by.name : null,
      openedAt: log.now,
      openedById: by.id,
      openedByName: by.name,
      resolvedAt: null,
      closedAt: null,
      summary: null,
    };
    if (await findIncident(log.tx, incidentId)) throw new HttpError(409, 'conflict', 'commandId: already used for another command', { field: 'commandId', rule: 'alreadyUsed' });
    const incident: Incident = {
      id: row.id,
      siteId,
      number: row.number,
      type,
      level: row.level,
      title: row.title,
      state: 'new',
      location,
      alarmIds: row.alarmIds,
      owner: owns ? by : null,
      openedAt: log.now.toISOString(),
      openedBy: by,
      resolvedAt: null,
      closedAt: null,
      summary: null,
      plan: null,
      timeline: [],
    };
    await appendIncidentEvent(log, incidentInsert(log.tx, row), { type: 'incident.opened', siteId, actor: userActor(user), payload: { incident } });
    await linkAlarms(log.tx, row.alarmIds, row.id);
    if (input.planId) await startPlanIn(log, row, input.planId, user);
  });
  return { seq: done.seq, incidentId };
}
