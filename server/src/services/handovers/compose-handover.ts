import { HANDOVER_LIST_MAX, type HandoverHazard, type HandoverPatrol, type HandoverSummary, type Stream } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { guardsOnDutyOf, openAlarmsOf, openIncidentsOf } from '../../repositories/handovers.repository.js';

/**
 * The patrol records a handover lists: hazards still open (隐患) and patrols due (巡更). They come
 * from the patrol feature (issue #12, items 1–3), which is not merged yet: until it is, both lists
 * are empty and the screens show them as such. Extend this one function when patrol routes and
 * hazards exist (read their tables in `db`, bounded by `limit`).
 */
export async function patrolRecordsForHandover(
  _db: Executor,
  _stream: Stream,
  _siteId: string,
  _limit: number,
): Promise<{ hazardsOpen: { rows: HandoverHazard[]; total: number }; patrolsDue: { rows: HandoverPatrol[]; total: number } }> {
  return { hazardsOpen: { rows: [], total: 0 }, patrolsDue: { rows: [], total: 0 } };
}

/** What is open on a site now, for the officer who hands the shift over (each list bounded). */
export async function composeHandoverSummary(db: Executor, stream: Stream, siteId: string): Promise<HandoverSummary> {
  const limit = HANDOVER_LIST_MAX;
  const alarms = await openAlarmsOf(db, stream, siteId, limit);
  const incidents = await openIncidentsOf(db, stream, siteId, limit);
  const guards = await guardsOnDutyOf(db, siteId, limit);
  const patrol = await patrolRecordsForHandover(db, stream, siteId, limit);
  return {
    alarms: alarms.rows.map((alarm) => ({
      id: alarm.id,
      kind: alarm.kind,
      priority: alarm.priority,
      state: alarm.state,
      message: alarm.message,
      zoneId: alarm.zoneId,
      firstAt: alarm.firstAt.toISOString(),
    })),
    incidents: incidents.rows.map((incident) => ({
      id: incident.id,
      number: incident.number,
      title: incident.title,
      type: incident.type,
      level: incident.level,
      state: incident.state,
      openedAt: incident.openedAt.toISOString(),
    })),
    guardsOnDuty: guards.rows.map((guard) => ({ id: guard.id, callsign: guard.callsign, name: guard.name, status: guard.status })),
    hazardsOpen: patrol.hazardsOpen.rows,
    patrolsDue: patrol.patrolsDue.rows,
    counts: {
      alarms: alarms.total,
      incidents: incidents.total,
      guardsOnDuty: guards.total,
      hazardsOpen: patrol.hazardsOpen.total,
      patrolsDue: patrol.patrolsDue.total,
    },
  };
}
