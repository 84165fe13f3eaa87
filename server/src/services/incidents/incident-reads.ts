import type { Dispatch, Incident, IncidentListQuery, IncidentReport, User } from '@vigil/shared';
import type { Deps } from '../deps.js';
import { presentAlarm } from '../../presenters/alarm.presenter.js';
import { presentDispatch } from '../../presenters/incident.presenter.js';
import { findAlarm } from '../../repositories/alarms.repository.js';
import { findGuard } from '../../repositories/guards.repository.js';
import { listDispatchesOf, listIncidents } from '../../repositories/incidents.repository.js';
import { readScopeOf } from '../scope.js';
import { loadIncidentRow, loadIncidents } from './incident-access.js';
import { buildIncidentReport } from './incident-report.js';

/** The history, closed ones included, of the sites the user sees; each with its run, without its timeline. */
export async function listIncidentHistory(deps: Deps, query: IncidentListQuery, user: User): Promise<Incident[]> {
  const scope = await readScopeOf(deps.db, user);
  const rows = await listIncidents(deps.db, { stream: deps.stream, ...query, siteIds: scope.siteIds });
  return loadIncidents(deps.db, rows, 'none');
}

/** One incident with its whole timeline and its dispatches; 404 when the user may not see it. */
export async function readIncident(deps: Deps, incidentId: string, user: User): Promise<{ incident: Incident; dispatches: Dispatch[] }> {
  const row = await loadIncidentRow(deps.db, incidentId, user, deps.stream);
  const [incident] = await loadIncidents(deps.db, [row], 'full');
  const dispatches = (await listDispatchesOf(deps.db, [row.id])).map(presentDispatch);
  return { incident: incident!, dispatches };
}

export async function readIncidentReport(deps: Deps, incidentId: string, user: User): Promise<IncidentReport> {
  const { incident, dispatches } = await readIncident(deps, incidentId, user);
  const alarms = [];
  for (const alarmId of incident.alarmIds) {
    const row = await findAlarm(deps.db, alarmId);
    if (row) alarms.push(presentAlarm(row));
  }
  const guardNames = new Map<string, string>();
  for (const guardId of new Set(dispatches.map((dispatch) => dispatch.guardId))) {
    const guard = await findGuard(deps.db, guardId);
    if (guard) guardNames.set(guard.id, `${guard.callsign} ${guard.name}`);
  }
  return buildIncidentReport(incident, dispatches, alarms, guardNames, deps.clock());
}
