import {
  answersOf,
  bypassedSteps,
  mayAnswerStep,
  openSteps,
  startPlanRun,
  type Actor,
  type Person,
  type PlanCompleteStepCommand,
  type PlanRun,
  type PlanSkipStepCommand,
  type PlanStep,
  type IncidentStartPlanCommand,
  type User,
} from '@vigil/shared';
import { HttpError, conflict, notFound } from '../../lib/http-error.js';
import { presentPlanTemplate } from '../../presenters/plan-template.presenter.js';
import {
  incidentUpdate,
  parkStepTimers,
  planRunInsert,
  planStepUpdate,
  planStepsInsert,
  type IncidentRow,
} from '../../repositories/incidents.repository.js';
import { findCurrentTemplate } from '../../repositories/plan-templates.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { runAutoAction } from './auto-steps.js';
import { loadIncidentRow, loadRun, requireOpen, requireRun } from './incident-access.js';
import { SYSTEM_ACTOR, SYSTEM_PERSON, appendIncidentEvent, personOf, userActor } from './incident-log.js';

/** Where the timers of steps no answer can reach any more are parked (they never fire). */
export const NEVER = new Date('9999-12-31T00:00:00.000Z');
const plusSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000);

async function markStep(
  log: CommandLog,
  incident: IncidentRow,
  step: PlanStep,
  done: { answer: string; note: string | null; call: PlanRun['states'][string]['call']; by: Person; actor: Actor },
): Promise<void> {
  await appendIncidentEvent(
    log,
    planStepUpdate(log.tx, incident.id, step.id, { status: 'done', answer: done.answer, byId: done.by.id, byName: done.by.name, at: log.now, note: done.note, call: done.call }),
    {
      type: 'plan.stepCompleted',
      siteId: incident.siteId,
      actor: done.actor,
      payload: { incidentId: incident.id, stepId: step.id, answer: done.answer, note: done.note, call: done.call, by: done.by },
    },
  );
}

/**
 * After a run starts or a step is answered: every automatic step that is now open does its
 * action and is done by the system, in this transaction (one may open the next); then the
 * timers of steps no answer leads to any more are parked.
 */
async function progress(log: CommandLog, incident: IncidentRow): Promise<void> {
  let run = await loadRun(log.tx, incident.id);
  for (let guard = 0; run && guard <= run.steps.length; guard += 1) {
    const auto = openSteps(run).find((step) => step.kind === 'auto');
    if (!auto) break;
    await runAutoAction(log, incident, auto.action);
    await markStep(log, incident, auto, { answer: 'done', note: null, call: null, by: SYSTEM_PERSON, actor: SYSTEM_ACTOR });
    run = await loadRun(log.tx, incident.id);
  }
  if (run) await parkStepTimers(log.tx, incident.id, bypassedSteps(run).map((step) => step.id), NEVER);
}

/**
 * Starts a plan for an incident (`plan.started`): an immutable copy of the newest non-retired
 * version of the template, its step timers from the start. One run per incident.
 */
export async function startPlanIn(log: CommandLog, incident: IncidentRow, planId: string, user: User): Promise<void> {
  requireOpen(incident);
  if (await loadRun(log.tx, incident.id)) throw conflict(`planId: a plan is already running for incident ${incident.number}`, { field: 'planId', rule: 'planRunning' });
  const template = await findCurrentTemplate(log.tx, planId);
  if (!template) throw notFound(`planId: no plan with id "${planId}"`);
  const by = personOf(user);
  const run = startPlanRun(presentPlanTemplate(template), log.now.toISOString(), by);
  await appendIncidentEvent(
    log,
    planRunInsert(log.tx, {
      incidentId: incident.id,
      stream: log.stream,
      planId: run.planId,
      version: run.version,
      name: run.name,
      steps: run.steps,
      startedAt: log.now,
      startedById: by.id,
      startedByName: by.name,
    }),
    { type: 'plan.started', siteId: incident.siteId, actor: userActor(user), payload: { incidentId: incident.id, run } },
  );
  await planStepsInsert(
    log.tx,
    run.steps.map((step, position) => ({
      incidentId: incident.id,
      stepId: step.id,
      stream: log.stream,
      position,
      status: 'pending' as const,
      answer: null,
      byId: null,
      byName: null,
      at: null,
      reason: null,
      note: null,
      call: null,
      warnAt: plusSeconds(run.startedAt, step.warnAtSec),
      dueAt: plusSeconds(run.startedAt, step.dueAfterSec),
      warnedAt: null,
      overdueAt: null,
    })),
  );
  // The reducer moves a new incident to in progress on `plan.started`; the row follows.
  if (incident.state === 'new') await incidentUpdate(log.tx, incident.id, { state: 'in_progress' });
  await progress(log, incident);
}

export async function startPlan(deps: Deps, input: IncidentStartPlanCommand, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'incident.startPlan' } }, async (log) => {
    const incident = await loadIncidentRow(log.tx, input.incidentId, user, log.stream);
    await startPlanIn(log, incident, input.planId, user);
  });
  return { seq: done.seq };
}

/** The step, if it is open now (on the path taken and pending); a refusal naming it otherwise. */
function openStep(run: PlanRun, stepId: string): PlanStep {
  const step = run.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw notFound(`stepId: no step "${stepId}" in plan ${run.planId} v${run.version}`, { field: 'stepId', rule: 'noSuchId', thing: 'step', id: stepId });
  if (!openSteps(run).some((candidate) => candidate.id === stepId)) {
    const status = run.states[stepId]?.status ?? 'pending';
    const why = status === 'pending' ? 'not on the path taken so far' : status;
    throw conflict(`stepId: step "${stepId}" is not open (${why})`, { field: 'stepId', rule: 'stepNotOpen', stepId, status });
  }
  return step;
}

function mayAnswer(user: User, step: PlanStep): void {
  if (!mayAnswerStep(user.role, step.role)) {
    throw new HttpError(403, 'forbidden', `forbidden: step "${step.id}" is the ${step.role}'s; the ${user.role} role may not answer it`, {
      rule: 'stepRole',
      role: user.role,
      stepRole: step.role,
      stepId: step.id,
    });
  }
}

/**
 * Marks an open step done inside another command's transaction (a dispatch step when guards are
 * sent), then runs what it opens. Nothing when the step is not open (already done, or not yet).
 */
export async function completeStepIn(log: CommandLog, incident: IncidentRow, stepId: string, done: { by: Person; actor: Actor; note?: string | null }): Promise<boolean> {
  const run = await loadRun(log.tx, incident.id);
  const step = run ? openSteps(run).find((candidate) => candidate.id === stepId) : undefined;
  if (!step) return false;
  await markStep(log, incident, step, { answer: answersOf(step)[0] ?? 'done', note: done.note ?? null, call: null, by: done.by, actor: done.actor });
  await progress(log, incident);
  return true;
}

/**
 * Answers an open step (`plan.stepCompleted`): the answer picks the branch. Call steps record
 * who was called (the step's party) and when. Automatic steps the answer opens run at once.
 */
export async function completeStep(deps: Deps, input: PlanCompleteStepCommand, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'plan.completeStep' } }, async (log) => {
    const incident = await loadIncidentRow(log.tx, input.incidentId, user, log.stream);
    requireOpen(incident);
    const run = await requireRun(log.tx, incident);
    const step = openStep(run, input.stepId);
    mayAnswer(user, step);
    const answers = answersOf(step);
    if (!answers.includes(input.answer)) throw new HttpError(400, 'validation', `answer: must be one of ${answers.join(', ')}`);
    const note = input.note || null;
    const call = step.kind === 'call' ? { party: step.party ?? 'other', at: input.calledAt ? new Date(input.calledAt).toISOString() : log.now.toISOString(), note } : null;
    await markStep(log, incident, step, { answer: input.answer, note, call, by: personOf(user), actor: userActor(user) });
    await progress(log, incident);
  });
  return { seq: done.seq };
}

/** Skips an open step with a reason (`plan.stepSkipped`, on the timeline and every commander's screen). */
export async function skipStep(deps: Deps, input: PlanSkipStepCommand, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'plan.skipStep' } }, async (log) => {
    const incident = await loadIncidentRow(log.tx, input.incidentId, user, log.stream);
    requireOpen(incident);
    const run = await requireRun(log.tx, incident);
    const step = openStep(run, input.stepId);
    mayAnswer(user, step);
    const by = personOf(user);
    await appendIncidentEvent(
      log,
      planStepUpdate(log.tx, incident.id, step.id, { status: 'skipped', byId: by.id, byName: by.name, at: log.now, reason: input.reason }),
      { type: 'plan.stepSkipped', siteId: incident.siteId, actor: userActor(user), payload: { incidentId: incident.id, stepId: step.id, reason: input.reason, by } },
    );
    await progress(log, incident);
  });
  return { seq: done.seq };
}
