import { bypassedSteps, stepTiming, type Alarm, type Dispatch, type Incident, type IncidentReport, type ReportCall, type ReportStep } from '@vigil/shared';

/**
 * The closing report from the incident (whole timeline), its dispatches and alarms. Steps are
 * timed at the incident's close (or resolution, or `now` while it runs), so a report read next
 * week says the same as the one printed at the close.
 */
export function buildIncidentReport(
  incident: Incident,
  dispatches: readonly Dispatch[],
  alarms: readonly Alarm[],
  guardNames: ReadonlyMap<string, string>,
  now: Date,
): IncidentReport {
  const run = incident.plan;
  const at = new Date(incident.closedAt ?? incident.resolvedAt ?? now.toISOString());
  const bypassed = new Set(run ? bypassedSteps(run).map((step) => step.id) : []);
  const steps: ReportStep[] = (run?.steps ?? []).map((step) => {
    const state = run!.states[step.id]!;
    const timing = stepTiming(run!, step, at);
    return {
      stepId: step.id,
      title: step.title,
      kind: step.kind,
      role: step.role,
      required: step.required,
      status: state.status === 'pending' && bypassed.has(step.id) ? 'bypassed' : state.status,
      answer: state.answer,
      by: state.by,
      at: state.at,
      reason: state.reason,
      note: state.note,
      dueAt: timing.dueAt,
      warnAt: timing.warnAt,
      timing: timing.status,
      secondsLeft: timing.secondsLeft,
      warnedAt: state.warnedAt,
      overdueAt: state.overdueAt,
    };
  });
  const stepCalls: ReportCall[] = (run?.steps ?? []).flatMap((step) => {
    const state = run!.states[step.id]!;
    return state.call ? [{ party: state.call.party, at: state.call.at, by: state.by, note: state.call.note, stepId: step.id, entryId: null, stricken: false }] : [];
  });
  const entryCalls: ReportCall[] = incident.timeline.flatMap((entry) =>
    entry.kind === 'call' && entry.call
      ? [{ party: entry.call.party, at: entry.call.at, by: entry.by, note: entry.text, stepId: null, entryId: entry.id, stricken: entry.stricken !== null }]
      : [],
  );
  return {
    generatedAt: now.toISOString(),
    incident,
    summary: incident.summary,
    plan: run ? { planId: run.planId, version: run.version, name: run.name, startedAt: run.startedAt, startedBy: run.startedBy } : null,
    steps,
    dispatches: dispatches.map((dispatch) => ({ ...dispatch, guardName: guardNames.get(dispatch.guardId) ?? null })),
    alarms: alarms.map((alarm) => ({
      id: alarm.id,
      kind: alarm.kind,
      priority: alarm.priority,
      message: alarm.message,
      firstAt: alarm.firstAt,
      state: alarm.state,
      disposition: alarm.disposition,
      note: alarm.note,
      acknowledgedAt: alarm.acknowledgedAt,
      resolvedAt: alarm.resolvedAt,
      resolvedBy: alarm.resolvedBy,
    })),
    calls: [...stepCalls, ...entryCalls].sort((a, b) => a.at.localeCompare(b.at)),
  };
}
