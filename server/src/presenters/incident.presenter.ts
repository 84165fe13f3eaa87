import { emptyStepState, type Dispatch, type Incident, type PlanRun, type StepState, type TimelineEntry } from '@vigil/shared';
import type { DispatchRow, EntryRow, IncidentRow, PlanRunRow, PlanStepRow } from '../repositories/incidents.repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentEntry(row: EntryRow): TimelineEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    kind: row.kind,
    by: person(row.byId, row.byName),
    code: row.code,
    params: row.params,
    text: row.text,
    call: row.call,
    photoId: row.photoId,
    stricken: row.strickenAt ? { at: row.strickenAt.toISOString(), by: { id: row.strickenById ?? '', name: row.strickenByName ?? '' }, reason: row.strickenReason ?? '' } : null,
  };
}

export function presentStepState(row: PlanStepRow): StepState {
  return {
    status: row.status,
    answer: row.answer,
    by: person(row.byId, row.byName),
    at: iso(row.at),
    reason: row.reason,
    note: row.note,
    call: row.call,
    warnedAt: iso(row.warnedAt),
    overdueAt: iso(row.overdueAt),
  };
}

/** The run as `plan.started` and the step events leave it in the reducer. */
export function presentRun(row: PlanRunRow, steps: readonly PlanStepRow[]): PlanRun {
  const byId = new Map(steps.map((step) => [step.stepId, step]));
  return {
    planId: row.planId,
    version: row.version,
    name: row.name,
    startedAt: row.startedAt.toISOString(),
    startedBy: { id: row.startedById, name: row.startedByName },
    steps: row.steps,
    states: Object.fromEntries(
      row.steps.map((step) => {
        const state = byId.get(step.id);
        return [step.id, state ? presentStepState(state) : emptyStepState()];
      }),
    ),
  };
}

export function presentIncident(row: IncidentRow, plan: PlanRun | null, timeline: TimelineEntry[]): Incident {
  return {
    id: row.id,
    siteId: row.siteId,
    number: row.number,
    type: row.type,
    level: row.level,
    title: row.title,
    state: row.state,
    location: row.location,
    alarmIds: row.alarmIds,
    owner: person(row.ownerId, row.ownerName),
    openedAt: row.openedAt.toISOString(),
    openedBy: { id: row.openedById, name: row.openedByName },
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    summary: row.summary,
    plan,
    timeline,
  };
}

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
