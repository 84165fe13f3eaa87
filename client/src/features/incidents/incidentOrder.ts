import { isOpenIncident, type Dispatch, type Incident, type Keyed } from '@vigil/shared';

/**
 * The order of the commander's list and the wall's "most urgent": the highest level first (I is
 * the most severe), incidents on hold after the ones being worked at the same level, then the
 * oldest first (it has waited longest).
 */
export function compareIncidents(a: Incident, b: Incident): number {
  const held = (incident: Incident) => (incident.state === 'on_hold' ? 1 : 0);
  return a.level - b.level || held(a) - held(b) || a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id);
}

/** Open incidents (new, in progress, on hold), most urgent first; of one site when given. */
export function openIncidents(incidents: Keyed<Incident>, siteId: string | null = null): Incident[] {
  return [...incidents.values()]
    .filter((incident) => isOpenIncident(incident) && (siteId === null || incident.siteId === siteId))
    .sort(compareIncidents);
}

/** Resolved incidents still waiting for their closing summary, oldest first. */
export function incidentsToClose(incidents: Keyed<Incident>): Incident[] {
  return [...incidents.values()]
    .filter((incident) => incident.state === 'resolved')
    .sort((a, b) => (a.resolvedAt ?? '').localeCompare(b.resolvedAt ?? ''));
}

/** The wall tile's incident when it names none: the site's most urgent open one. */
export function mostUrgentIncident(incidents: Keyed<Incident>, siteId: string | null): Incident | null {
  return openIncidents(incidents, siteId)[0] ?? null;
}

/** An incident's dispatches, the latest sent first. */
export function dispatchesOf(dispatches: Keyed<Dispatch>, incidentId: string): Dispatch[] {
  return [...dispatches.values()]
    .filter((dispatch) => dispatch.incidentId === incidentId)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a.id.localeCompare(b.id));
}

/**
 * A dispatch still waiting for the guard's answer past its time: flagged by the server's
 * `dispatch.unanswered`, or by the clock when that event has not come yet.
 */
export function isUnanswered(dispatch: Dispatch, now: number, answerSec: number): boolean {
  if (dispatch.state !== 'sent') return false;
  return dispatch.unansweredAt !== null || now - Date.parse(dispatch.sentAt) >= answerSec * 1000;
}
