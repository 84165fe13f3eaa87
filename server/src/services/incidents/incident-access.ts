import { TIMELINE_KEPT, type Incident, type PlanRun, type Stream, type User } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { HttpError, notFound } from '../../lib/http-error.js';
import { presentEntry, presentIncident, presentRun } from '../../presenters/incident.presenter.js';
import { findIncident, findPlanRuns, listEntries, type IncidentRow } from '../../repositories/incidents.repository.js';
import { siteAllowed, viewerOf } from '../scope.js';

/** Incidents with their plan runs and timelines, as the reducer builds them (the latest TIMELINE_KEPT entries, or all). */
export async function loadIncidents(db: Executor, rows: readonly IncidentRow[], timeline: 'live' | 'full' | 'none'): Promise<Incident[]> {
  const ids = rows.map((row) => row.id);
  const { runs, steps } = await findPlanRuns(db, ids);
  const entries = timeline === 'none' ? [] : await listEntries(db, ids, timeline === 'live' ? TIMELINE_KEPT : undefined);
  return rows.map((row) => {
    const run = runs.find((candidate) => candidate.incidentId === row.id);
    const plan = run ? presentRun(run, steps.filter((step) => step.incidentId === row.id)) : null;
    return presentIncident(row, plan, entries.filter((entry) => entry.incidentId === row.id).map(presentEntry));
  });
}

/** The incident, or 404 naming it: also when it is another stream's or on a site the user does not have. */
export async function loadIncidentRow(db: Executor, incidentId: string, user: User, stream: Stream): Promise<IncidentRow> {
  const row = await findIncident(db, incidentId);
  if (!row || row.stream !== stream || !siteAllowed(viewerOf(user), row.siteId)) throw notFound(`incidentId: no incident with id "${incidentId}"`);
  return row;
}

/** The incident's running plan as the checklist sees it (no timeline needed). */
export async function loadRun(db: Executor, incidentId: string): Promise<PlanRun | null> {
  const { runs, steps } = await findPlanRuns(db, [incidentId]);
  const run = runs[0];
  return run ? presentRun(run, steps) : null;
}

export async function requireRun(db: Executor, incident: IncidentRow): Promise<PlanRun> {
  const run = await loadRun(db, incident.id);
  if (!run) throw new HttpError(409, 'conflict', `incidentId: no plan is running for incident ${incident.number}`, { field: 'incidentId', rule: 'noPlan' });
  return run;
}

export function requireOpen(incident: IncidentRow): void {
  if (incident.state === 'resolved' || incident.state === 'closed') {
    throw new HttpError(409, 'invalid_state', `state: incident ${incident.number} is ${incident.state}`, { field: 'state', rule: 'incidentNotOpen', state: incident.state });
  }
}
