import type { DrillEvaluation, DrillGrade, DrillInjectInput, DrillRunInfo, DrillRunState, DrillScenario } from '@vigil/shared';
import { requestJson } from '../../lib/http';

/* The drill routes (server/src/routes/drills.routes.ts): the controller's commands and the runs' reads. */

/** A run in the list: its info, where it stands, and its score once ended. */
export interface DrillRunSummary extends DrillRunInfo {
  state: DrillRunState;
  endedAt: string | null;
  score: number | null;
  grade: DrillGrade | null;
}

/** An inject that fired: a scenario's (by id) or one added ad hoc (with itself). */
export interface DrillInjectDone {
  injectId: string;
  at: string;
  early: boolean;
  adHoc: boolean;
  inject?: DrillInjectInput;
}

/** A run as GET /api/v1/drills/:runId presents it. */
export interface DrillRun extends DrillRunInfo {
  stream: string;
  state: DrillRunState;
  scenario: DrillScenario;
  pausedAt: string | null;
  pausedSec: number;
  endedAt: string | null;
  nextInject: number;
  nextInjectAt: string | null;
  injectsDone: DrillInjectDone[];
  evaluation: DrillEvaluation | null;
}

/** A shipped scenario as the server lists it (checked again when a drill starts). */
export type ScenarioFile = DrillScenario;

const runPath = (runId: string) => `/api/v1/drills/${encodeURIComponent(runId)}`;

export const drillsApi = {
  list: () => requestJson<{ runs: DrillRunSummary[] }>('/api/v1/drills').then((body) => body.runs),
  scenarios: () => requestJson<{ scenarios: ScenarioFile[] }>('/api/v1/drills/scenarios').then((body) => body.scenarios),
  read: (runId: string) => requestJson<{ run: DrillRun }>(runPath(runId)).then((body) => body.run),
  start: (scenario: unknown, participants: string[]) =>
    requestJson<{ run: DrillRunInfo; seq: number }>('/api/v1/drills', { method: 'POST', body: { scenario, participants } }).then((body) => body.run),
  pause: (runId: string) => requestJson<{ seq: number }>(`${runPath(runId)}/pause`, { method: 'POST', body: {} }),
  resume: (runId: string) => requestJson<{ seq: number }>(`${runPath(runId)}/resume`, { method: 'POST', body: {} }),
  end: (runId: string) => requestJson<{ seq: number }>(`${runPath(runId)}/end`, { method: 'POST', body: {} }),
  injectNext: (runId: string) => requestJson<{ seq: number; injectId: string }>(`${runPath(runId)}/inject-next`, { method: 'POST', body: {} }),
  injectAdHoc: (runId: string, inject: unknown) => requestJson<{ seq: number; injectId: string }>(`${runPath(runId)}/injects`, { method: 'POST', body: { inject } }),
  /** Whom a drill may take in: enabled users, by name and role. */
  people: () => requestJson<{ people: { id: string; displayName: string; role: string }[] }>('/api/v1/drills/people').then((body) => body.people),
};

/** The report page of a run (built on its own branch): where the end of a drill links to. */
export const drillReportPath = (runId: string) => `/drills/${encodeURIComponent(runId)}/report`;
