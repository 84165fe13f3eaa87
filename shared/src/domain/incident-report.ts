import type { AlarmKind, Disposition } from './alarm.js';
import type { Dispatch, Incident, Person } from './incident.js';
import type { Bilingual, CallParty, PlanRole, StepKind, StepStatus } from './plan.js';
import type { StepTimingStatus } from './plan-run.js';

/**
 * The closing report (结案报告) as `GET /api/v1/incidents/:id/report` answers it: the client
 * renders and prints it, and it is the JSON export. Times are ISO strings (server time).
 */
export interface IncidentReport {
  generatedAt: string;
  /** The incident with its whole timeline (struck entries included, marked). */
  incident: Incident;
  summary: string | null;
  plan: { planId: string; version: number; name: Bilingual; startedAt: string; startedBy: Person } | null;
  /** Every step of the run in plan order, with its time against its due time. */
  steps: ReportStep[];
  /** Each guard sent, with the time of each stage. */
  dispatches: (Dispatch & { guardName: string | null })[];
  alarms: ReportAlarm[];
  /** Calls made: from call steps and from call entries on the timeline. */
  calls: ReportCall[];
}

export interface ReportStep {
  stepId: string;
  title: Bilingual;
  kind: StepKind;
  role: PlanRole;
  required: boolean;
  /** `bypassed`: a branch not taken. */
  status: StepStatus | 'bypassed';
  answer: string | null;
  by: Person | null;
  at: string | null;
  reason: string | null;
  note: string | null;
  dueAt: string;
  warnAt: string;
  /** From `stepTiming` at the report's moment (the close, or now). */
  timing: StepTimingStatus;
  /** Done steps: how early (+) or late (−) against the due time, in seconds; others: left until due. */
  secondsLeft: number;
  warnedAt: string | null;
  overdueAt: string | null;
}

export interface ReportAlarm {
  id: string;
  kind: AlarmKind;
  priority: number;
  message: string;
  firstAt: string;
  state: string;
  disposition: Disposition | null;
  note: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: Person | null;
}

export interface ReportCall {
  party: CallParty;
  at: string;
  by: Person | null;
  note: string | null;
  /** The call step it ticked, or the timeline entry it was noted in. */
  stepId: string | null;
  entryId: string | null;
  stricken: boolean;
}
