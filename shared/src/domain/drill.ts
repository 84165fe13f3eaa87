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
 * The drill's events with their times on the drill's clock: the wall clock less the time the
 * drill stood paused before each (an event during a pause is at the moment it paused). A pause
 * stops the drill's clock as it stops its injects and timers, so targets and step due times are
 * measured without it. A plan started after a pause starts at its drill time too.
 */
export function onDrillClock(events: readonly DomainEvent[]): DomainEvent[] {
  let pausedMs = 0;
  let pausedAt: number | null = null;
  // The pauses themselves take no time on the drill's clock: they are dropped (folded, they would
  // move the plan's timers later a second time).
  return events.flatMap((event): DomainEvent[] => {
    const at = Date.parse(event.at);
    if (event.type === 'drill.paused') {
      pausedAt ??= at;
      return [];
    }
    if (event.type === 'drill.resumed') {
      if (pausedAt !== null) pausedMs += at - pausedAt;
      pausedAt = null;
      return [];
    }
    const shift = pausedMs + (pausedAt !== null ? at - pausedAt : 0);
    if (shift === 0) return [event];
    const moved = new Date(at - shift).toISOString();
    if (event.type === 'plan.started') return [{ ...event, at: moved, payload: { ...event.payload, run: { ...event.payload.run, startedAt: moved } } }];
    return [{ ...event, at: moved }];
  });
}

/**
 * The facts `evaluateDrill` scores, read from the drill stream's own events on the drill's
 * clock (`onDrillClock`: paused time does not count): when the first alarm was acknowledged,
 * the plan started, the first guard sent and on scene, and the incident resolved; and the plan
 * run as the events left it. A tabletop has no guards to send: its first dispatch step done by
 * the facilitator is when the team dispatched.
 */
export function drillFactsOf(run: Pick<DrillRunInfo, 'startedAt'> & Partial<Pick<DrillRunInfo, 'mode'>>, targets: Partial<Record<DrillTarget, number>>, wallEvents: readonly DomainEvent[]): DrillFacts {
  const events = onDrillClock(wallEvents);
  const reached: Partial<Record<DrillTarget, string | null>> = {};
  const first = (target: DrillTarget, at: string) => {
    if (!reached[target]) reached[target] = at;
  };
  let planIncident: string | null = null;
  const dispatchSteps = new Set<string>();
  for (const event of events) {
    if (event.type === 'alarm.acknowledged') first('acknowledge', event.at);
    else if (event.type === 'plan.started') {
      first('planStart', event.at);
      planIncident ??= event.payload.incidentId;
      for (const step of event.payload.run.steps) if (step.kind === 'dispatch') dispatchSteps.add(`${event.payload.incidentId}/${step.id}`);
    } else if (event.type === 'dispatch.sent') first('dispatch', event.at);
    else if (event.type === 'dispatch.arrived') first('arrive', event.at);
    else if (event.type === 'incident.stateChanged' && (event.payload.state === 'resolved' || event.payload.state === 'closed')) first('finish', event.at);
    else if (run.mode === 'tabletop' && event.type === 'plan.stepCompleted' && dispatchSteps.has(`${event.payload.incidentId}/${event.payload.stepId}`)) first('dispatch', event.at);
  }
  // The first plan started, as the one reducer leaves it after the drill's events.
  const planRun: PlanRun | null = planIncident ? (applyEvents(emptyState(), events).incidents.get(planIncident)?.plan ?? null) : null;
  return { startedAt: run.startedAt, targets, reached, run: planRun };
}

/** A comment on a drill run (评论): a participant's or the controller's, during the run or after, for the debrief. */
export interface DrillComment {
  id: string;
  at: string;
  by: Person;
  text: string;
}

export const MAX_DRILL_COMMENT_CHARS = 2_000;
/** A run holds at most this many comments. */
export const MAX_DRILL_COMMENTS = 500;

export interface DrillCommentedPayload {
  runId: string;
  comment: DrillComment;
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
