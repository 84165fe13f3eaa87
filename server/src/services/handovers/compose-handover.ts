import { HANDOVER_LIST_MAX, type HandoverHazard, type HandoverPatrol, type HandoverSummary, type Stream } from '@vigil/shared';
import { and, asc, count, desc, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { hazards, patrolTours } from '../../db/schema/index.js';
import { guardsOnDutyOf, openAlarmsOf, openIncidentsOf } from '../../repositories/handovers.repository.js';

/** Patrols listed as due: tours not yet done that start within this long of the handover. */
const PATROLS_AHEAD_MS = 8 * 3_600_000;
/** A hazard's note, cut to this for the handover's list. */
const HAZARD_TITLE_MAX = 80;

/**
 * The patrol records a handover lists: hazards not yet verified (隐患) and the tours of the
 * coming shift not yet done (巡更: under way, or starting within PATROLS_AHEAD_MS), each bounded by `limit`.
 */
export async function patrolRecordsForHandover(
  db: Executor,
  stream: Stream,
  siteId: string,
  limit: number,
  now: Date,
): Promise<{ hazardsOpen: { rows: HandoverHazard[]; total: number }; patrolsDue: { rows: HandoverPatrol[]; total: number } }> {
  const openHazard = and(eq(hazards.stream, stream), eq(hazards.siteId, siteId), ne(hazards.state, 'verified'));
  const hazardRows = await db.select().from(hazards).where(openHazard).orderBy(desc(hazards.reportedAt)).limit(limit);
  const [hazardTotal] = await db.select({ n: count() }).from(hazards).where(openHazard);
  const dueTour = and(
    eq(patrolTours.stream, stream),
    eq(patrolTours.siteId, siteId),
    isNull(patrolTours.cancelledAt),
    lt(patrolTours.startsAt, new Date(now.getTime() + PATROLS_AHEAD_MS)),
    sql`${patrolTours.checkedCount} + ${patrolTours.missedCount} < ${patrolTours.checkpointCount}`,
  );
  const tourRows = await db.select().from(patrolTours).where(dueTour).orderBy(asc(patrolTours.startsAt)).limit(limit);
  const [tourTotal] = await db.select({ n: count() }).from(patrolTours).where(dueTour);
  return {
    hazardsOpen: {
      rows: hazardRows.map((hazard) => ({ id: hazard.id, title: hazard.note.slice(0, HAZARD_TITLE_MAX), state: hazard.state, reportedAt: hazard.reportedAt.toISOString() })),
      total: Number(hazardTotal?.n ?? 0),
    },
    patrolsDue: {
      rows: tourRows.map((tour) => ({ id: tour.id, name: tour.name, dueAt: tour.startsAt.toISOString() })),
      total: Number(tourTotal?.n ?? 0),
    },
  };
}

/** What is open on a site now, for the officer who hands the shift over (each list bounded). */
export async function composeHandoverSummary(db: Executor, stream: Stream, siteId: string, now: Date): Promise<HandoverSummary> {
  const limit = HANDOVER_LIST_MAX;
  const alarms = await openAlarmsOf(db, stream, siteId, limit);
  const incidents = await openIncidentsOf(db, stream, siteId, limit);
  const guards = await guardsOnDutyOf(db, siteId, limit);
  const patrol = await patrolRecordsForHandover(db, stream, siteId, limit, now);
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
