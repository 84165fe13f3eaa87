import type { DrillInjectInput, DrillMode, DrillTarget } from '../schemas/drill.schemas.js';
import type { DrillEvaluation, DrillFacts } from './drill-score.js';
import type { DomainEvent, Stream } from './events.js';
import type { Person } from './incident.js';
import type { Bilingual, PlanRun } from './plan.js';
import { applyEvents, emptyState } from './reducer.js';

/** A drill run's stream: `drill:<runId>`. */
export const drillStream = (runId: string): Stream => `drill:${runId}`;

/** The run id of a drill stream, or null for `live` / `audit`. */
export function drillRunIdOf(stream: string): string | null {
  return stream.startsWith('drill:') && stream.length > 'drill:'.length ? stream.slice('drill:'.length) : null;
}

/** Every alarm and message text of a drill starts with this mark (【演练】 / [DRILL]). */
export const DRILL_MARK: Bilingual = { zh: '【演练】', en: '[DRILL]' };

export const DRILL_RUN_STATES = ['running', 'paused', 'ended'] as const;
export type DrillRunState = (typeof DRILL_RUN_STATES)[number];

/** What `drill.started` tells every screen of the drill about its run. */
export interface DrillRunInfo {
  id: string;
  scenarioId: string;
  name: Bilingual;
  mode: DrillMode;
  siteId: string;
  planId: string;
  controller: Person;
  /** User ids of the participants (the controller takes part too). */
  participants: string[];
  startedAt: string;
}

/** Who may connect to a drill's stream and act in it. */
export const takesPartIn = (run: Pick<DrillRunInfo, 'controller' | 'participants'>, userId: string): boolean =>
  run.controller.id === userId || run.participants.includes(userId);

/**
 * The facts `evaluateDrill` scores, read from the drill stream's own events: when the first
 * alarm was acknowledged, the plan started, the first guard sent and on scene, and the
 * incident resolved; and the plan run as the events left it. `startedAt` is the drill's start
 * (a pause does not move the targets: the clock of a drill is the wall clock).
 */
export function drillFactsOf(run: Pick<DrillRunInfo, 'startedAt'>, targets: Partial<Record<DrillTarget, number>>, events: readonly DomainEvent[]): DrillFacts {
  const reached: Partial<Record<DrillTarget, string | null>> = {};
  const first = (target: DrillTarget, at: string) => {
    if (!reached[target]) reached[target] = at;
  };
  let planIncident: string | null = null;
  for (const event of events) {
    if (event.type === 'alarm.acknowledged') first('acknowledge', event.at);
    else if (event.type === 'plan.started') {
      first('planStart', event.at);
      planIncident ??= event.payload.incidentId;
    } else if (event.type === 'dispatch.sent') first('dispatch', event.at);
    else if (event.type === 'dispatch.arrived') first('arrive', event.at);
    else if (event.type === 'incident.stateChanged' && (event.payload.state === 'resolved' || event.payload.state === 'closed')) first('finish', event.at);
  }
  // The first plan started, as the one reducer leaves it after the drill's events.
  const planRun: PlanRun | null = planIncident ? (applyEvents(emptyState(), events).incidents.get(planIncident)?.plan ?? null) : null;
  return { startedAt: run.startedAt, targets, reached, run: planRun };
}

/** `drill.injected`: an inject fired, on time or early (`early`) or added by the controller (`adHoc`). */
export interface DrillInjectedPayload {
  runId: string;
  inject: DrillInjectInput;
  adHoc: boolean;
  early: boolean;
}

export interface DrillEndedPayload {
  runId: string;
  evaluation: DrillEvaluation;
}
