import type { Person } from './incident.js';
import type { PlanRole, PlanRun, PlanStep, PlanTemplate, StepAnswer, StepState } from './plan.js';
import type { Role } from './types.js';

/**
 * How a plan run progresses. Pure: the server checks commands with it, every screen draws the
 * checklist with it, replay and drills get the same answers.
 *
 * The path: from the first step, each answered step leads where its answer says; a skipped
 * step, or a pending step that does not branch, leads to the next in order. The path stops at
 * the first pending step that branches (yes/no, choice): what lies beyond it is not known yet.
 * Every pending step on the path is open (work goes on in parallel: calling 119 while the
 * cordon is set up); the current step is the first of them.
 */

const BRANCHING = new Set<PlanStep['kind']>(['yes_no', 'choice']);

export function emptyStepState(): StepState {
  return { status: 'pending', answer: null, by: null, at: null, reason: null, note: null, call: null, warnedAt: null, overdueAt: null };
}

/** The immutable copy a run starts from: the template's steps, every one pending. */
export function startPlanRun(template: PlanTemplate, startedAt: string, startedBy: Person): PlanRun {
  return {
    planId: template.id,
    version: template.version,
    name: template.name,
    startedAt,
    startedBy,
    steps: template.steps,
    states: Object.fromEntries(template.steps.map((step) => [step.id, emptyStepState()])),
  };
}

/** The answers a step takes. */
export function answersOf(step: PlanStep): StepAnswer[] {
  switch (step.kind) {
    case 'yes_no':
      return ['yes', 'no'];
    case 'choice':
      return step.options.map((option) => option.id);
    case 'confirm':
    case 'dispatch':
    case 'call':
    case 'auto':
      return ['done'];
  }
}

function following(run: PlanRun, step: PlanStep): string | null {
  const index = run.steps.findIndex((candidate) => candidate.id === step.id);
  return run.steps[index + 1]?.id ?? null;
}

/** Where an answer leads: the branch it names, or the next step in order. */
export function nextStepId(run: PlanRun, step: PlanStep, answer: StepAnswer | null): string | null {
  if (answer !== null && step.kind === 'choice') {
    const option = step.options.find((candidate) => candidate.id === answer);
    if (option) return option.next;
  }
  if (answer !== null && answer in step.next) return step.next[answer as 'done' | 'yes' | 'no'] ?? null;
  return following(run, step);
}

/** The step ids on the path taken so far, in order (see the module comment). */
export function activePath(run: PlanRun): string[] {
  const byId = new Map(run.steps.map((step) => [step.id, step]));
  const path: string[] = [];
  const seen = new Set<string>();
  let id: string | null = run.steps[0]?.id ?? null;
  while (id !== null && !seen.has(id)) {
    const step = byId.get(id);
    if (!step) break;
    seen.add(id);
    path.push(id);
    const state = run.states[id];
    if (state?.status === 'done') id = nextStepId(run, step, state.answer);
    else if (state?.status === 'skipped') id = following(run, step);
    else if (BRANCHING.has(step.kind)) break;
    else id = nextStepId(run, step, 'done');
  }
  return path;
}

/** Pending steps on the path, in order: what can be done now. */
export function openSteps(run: PlanRun): PlanStep[] {
  const byId = new Map(run.steps.map((step) => [step.id, step]));
  return activePath(run)
    .filter((id) => run.states[id]?.status === 'pending')
    .map((id) => byId.get(id))
    .filter((step): step is PlanStep => step !== undefined);
}

/** The first open step; null when the procedure is finished. */
export function currentStep(run: PlanRun): PlanStep | null {
  return openSteps(run)[0] ?? null;
}

/** The steps any answer of `from` may still lead to (not `from` itself). */
function reachableFrom(run: PlanRun, from: PlanStep): Set<string> {
  const byId = new Map(run.steps.map((step) => [step.id, step]));
  const stack = answersOf(from).map((answer) => nextStepId(run, from, answer));
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === null || id === undefined || id === from.id || seen.has(id)) continue;
    seen.add(id);
    const step = byId.get(id);
    if (step) for (const answer of answersOf(step)) stack.push(nextStepId(run, step, answer));
  }
  return seen;
}

/** The open branch step the path stops at, when it stops at one. */
function openBranch(run: PlanRun): PlanStep | null {
  const last = openSteps(run).at(-1);
  return last && BRANCHING.has(last.kind) ? last : null;
}

/** Steps no answer on the path led to and none can lead to any more: greyed out, never blocking. */
export function bypassedSteps(run: PlanRun): PlanStep[] {
  const onPath = new Set(activePath(run));
  const branch = openBranch(run);
  const ahead = branch ? reachableFrom(run, branch) : new Set<string>();
  return run.steps.filter((step) => !onPath.has(step.id) && !ahead.has(step.id));
}

/**
 * Required steps still open that stop the incident being resolved. A pending branch step
 * counts when any required step lies beyond it, since the procedure has not run its course.
 */
export function openRequiredSteps(run: PlanRun): PlanStep[] {
  const blocking = openSteps(run).filter((step) => step.required);
  const branch = openBranch(run);
  if (branch && !branch.required) {
    const ahead = reachableFrom(run, branch);
    if (run.steps.some((step) => ahead.has(step.id) && step.required && run.states[step.id]?.status === 'pending')) blocking.push(branch);
  }
  return blocking;
}

export type StepTimingStatus = 'done' | 'skipped' | 'ok' | 'warning' | 'overdue';

export interface StepTiming {
  status: StepTimingStatus;
  dueAt: string;
  warnAt: string;
  /** Seconds until due (negative once overdue); for done steps, how early (+) or late (−) it was done. */
  secondsLeft: number;
}


/**
 * When a step `offsetSec` into the plan falls due on the wall clock: its offset from the start,
 * later by each pause of the drill that began before it (and, while paused, by the pause so far).
 */
export function planTimeAt(run: PlanRun, offsetSec: number, now: Date): Date {
  let at = Date.parse(run.startedAt) + offsetSec * 1000;
  for (const pause of run.pauses ?? []) if (Date.parse(pause.from) < at) at += pause.sec * 1000;
  if (run.pausedAt && Date.parse(run.pausedAt) < at) at += Math.max(0, now.getTime() - Date.parse(run.pausedAt));
  return new Date(at);
}

/** Seconds the plan's clock has run at wall time `t`: a drill's pauses do not count. */
export function planElapsedSec(run: PlanRun, t: number): number {
  let ms = t - Date.parse(run.startedAt);
  for (const pause of run.pauses ?? []) ms -= Math.min(Math.max(0, t - Date.parse(pause.from)), pause.sec * 1000);
  if (run.pausedAt) ms -= Math.max(0, t - Date.parse(run.pausedAt));
  return ms / 1000;
}

/** A step against its clock: amber from its warning time, red once overdue, from server time (a drill's on its own clock, standing while paused). */
export function stepTiming(run: PlanRun, step: PlanStep, now: Date): StepTiming {
  const due = planTimeAt(run, step.dueAfterSec, now);
  const warn = planTimeAt(run, step.warnAtSec, now);
  const state = run.states[step.id];
  const doneAt = state?.status !== 'pending' && state?.at ? Date.parse(state.at) : null;
  const elapsed = planElapsedSec(run, now.getTime());
  const secondsLeft = Math.floor(step.dueAfterSec - (doneAt !== null ? planElapsedSec(run, doneAt) : elapsed));
  const base = { dueAt: due.toISOString(), warnAt: warn.toISOString(), secondsLeft };
  if (state?.status === 'done') return { ...base, status: 'done' };
  if (state?.status === 'skipped') return { ...base, status: 'skipped' };
  if (elapsed >= step.dueAfterSec) return { ...base, status: 'overdue' };
  if (elapsed >= step.warnAtSec) return { ...base, status: 'warning' };
  return { ...base, status: 'ok' };
}

/** Who may answer a step: commanders (and admins) any step, operators the operator's steps. */
export function mayAnswerStep(role: Role, stepRole: PlanRole): boolean {
  if (role === 'admin' || role === 'commander') return true;
  if (role === 'operator') return stepRole === 'operator';
  return false;
}
