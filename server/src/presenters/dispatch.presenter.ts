import type { Dispatch, Incident, PlanRun, StepState, TimelineEntry } from '@vigil/shared';
import type { DispatchRow, IncidentEntryRow, IncidentRow, PlanRunRow, PlanStepRow } from '../repositories/dispatches.repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentDispatch(row: DispatchRow): Dispatch {
  return {
    id: row.id,
    incidentId: row.incidentId,
    siteId: row.siteId,
    guardId: row.guardId,
    state: row.state,
    instruction: row.instruction,
    sentAt: row.sentAt.toISOString(),
    sentBy: { id: row.sentById, name: row.sentByName },
    acceptedAt: iso(row.acceptedAt),
    declinedAt: iso(row.declinedAt),
    declineReason: row.declineReason,
    enRouteAt: iso(row.enRouteAt),
    onSceneAt: iso(row.onSceneAt),
    arrival: row.arrival,
    clearedAt: iso(row.clearedAt),
    cancelledAt: iso(row.cancelledAt),
    unansweredAt: iso(row.unansweredAt),
  };
}

export function presentEntry(row: IncidentEntryRow): TimelineEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    kind: row.kind,
    by: row.byId ? { id: row.byId, name: row.byName ?? '' } : null,
    code: row.code,
    params: row.params,
    text: row.text,
    call: row.call ?? null,
    photoId: row.photoId,
    stricken:
      row.strickenAt && row.strickenById
        ? { at: row.strickenAt.toISOString(), by: { id: row.strickenById, name: row.strickenByName ?? '' }, reason: row.strickenReason ?? '' }
        : null,
  };
}

function presentStepState(row: PlanStepRow): StepState {
  return {
    status: row.status,
    answer: row.answer,
    by: row.byId ? { id: row.byId, name: row.byName ?? '' } : null,
    at: iso(row.at),
    reason: row.reason,
    note: row.note,
    call: row.call ?? null,
    warnedAt: iso(row.warnedAt),
    overdueAt: iso(row.overdueAt),
  };
}

function presentRun(run: PlanRunRow, steps: PlanStepRow[]): PlanRun {
  return {
    planId: run.planId,
    version: run.version,
    name: run.name,
    startedAt: run.startedAt.toISOString(),
    startedBy: { id: run.startedById, name: run.startedByName },
    steps: run.steps,
    states: Object.fromEntries(steps.map((step) => [step.stepId, presentStepState(step)])),
  };
}

/** Timeline order: by time, then automatic entries by their seq (`auto-9` before `auto-10`). */
const byTimeThenId = (a: IncidentEntryRow, b: IncidentEntryRow) =>
  a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * An incident as the live projection holds it, from the database: its row, its plan run and
 * the latest timeline entries (TIMELINE_KEPT). What `dispatch.sent` carries to a guard's phone.
 * (srvinc's incident presenter, once merged, should be the one copy of this.)
 */
export function presentIncidentRows(rows: { incident: IncidentRow; run: PlanRunRow | undefined; steps: PlanStepRow[]; entries: IncidentEntryRow[] }): Incident {
  const { incident } = rows;
  return {
    id: incident.id,
    siteId: incident.siteId,
    number: incident.number,
    type: incident.type,
    level: incident.level,
    title: incident.title,
    state: incident.state,
    location: incident.location,
    alarmIds: incident.alarmIds,
    owner: incident.ownerId ? { id: incident.ownerId, name: incident.ownerName ?? '' } : null,
    openedAt: incident.openedAt.toISOString(),
    openedBy: { id: incident.openedById, name: incident.openedByName },
    resolvedAt: iso(incident.resolvedAt),
    closedAt: iso(incident.closedAt),
    summary: incident.summary,
    plan: rows.run ? presentRun(rows.run, rows.steps) : null,
    timeline: [...rows.entries].sort(byTimeThenId).map(presentEntry),
  };
}
