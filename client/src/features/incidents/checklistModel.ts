import { activePath, bypassedSteps, currentStep, emptyStepState, stepTiming, type PlanRun, type PlanStep, type StepState, type StepTimingStatus } from '@vigil/shared';

/**
 * How each step of a run reads on the checklist. `current` is the first open step (highlighted),
 * `open` the other pending steps on the path (work goes on in parallel), `bypassed` the steps a
 * branch not taken left out (greyed), `unreached` what lies beyond an unanswered branch.
 */
export type ChecklistRowState = 'done' | 'skipped' | 'current' | 'open' | 'bypassed' | 'unreached';

export interface ChecklistRow {
  step: PlanStep;
  /** 1-based, in the plan's order. */
  number: number;
  state: ChecklistRowState;
  stepState: StepState;
}

/** Every step of the run, in the plan's order, with its place on the path. */
export function checklistRows(run: PlanRun): ChecklistRow[] {
  const path = new Set(activePath(run));
  const bypassed = new Set(bypassedSteps(run).map((step) => step.id));
  const current = currentStep(run)?.id ?? null;
  return run.steps.map((step, index) => {
    const stepState = run.states[step.id] ?? emptyStepState();
    const state: ChecklistRowState =
      stepState.status === 'done'
        ? 'done'
        : stepState.status === 'skipped'
          ? 'skipped'
          : step.id === current
            ? 'current'
            : path.has(step.id)
              ? 'open'
              : bypassed.has(step.id)
                ? 'bypassed'
                : 'unreached';
    return { step, number: index + 1, state, stepState };
  });
}

/** The colour band of a step's clock: ok (neutral), amber from the warning time, red once overdue. */
export type ClockTone = 'ok' | 'warning' | 'overdue' | 'done' | 'late' | 'skipped';

export interface StepClock {
  tone: ClockTone;
  /** Catalogue key under `incidents.checklist` for the words beside the time. */
  key: 'dueIn' | 'warning' | 'overdue' | 'doneLate' | null;
  /** "0:45", "12:03", "1:02:03": time left, time over, or how late it was done. */
  time: string;
  secondsLeft: number;
}

/** m:ss under an hour, h:mm:ss beyond; always of the absolute value. */
export function formatSeconds(seconds: number): string {
  const total = Math.abs(Math.trunc(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

const TONE: Record<StepTimingStatus, ClockTone> = { ok: 'ok', warning: 'warning', overdue: 'overdue', done: 'done', skipped: 'skipped' };

/** A step against its clock at `now` (server time): the tone and the words the row shows. */
export function stepClock(run: PlanRun, step: PlanStep, now: number): StepClock {
  const timing = stepTiming(run, step, new Date(now));
  const time = formatSeconds(timing.secondsLeft);
  switch (timing.status) {
    case 'ok':
      return { tone: 'ok', key: 'dueIn', time, secondsLeft: timing.secondsLeft };
    case 'warning':
      return { tone: 'warning', key: 'warning', time, secondsLeft: timing.secondsLeft };
    case 'overdue':
      return { tone: 'overdue', key: 'overdue', time, secondsLeft: timing.secondsLeft };
    case 'done':
      return timing.secondsLeft < 0
        ? { tone: 'late', key: 'doneLate', time, secondsLeft: timing.secondsLeft }
        : { tone: TONE.done, key: null, time, secondsLeft: timing.secondsLeft };
    case 'skipped':
      return { tone: 'skipped', key: null, time, secondsLeft: timing.secondsLeft };
  }
}

/** Rows whose clock still runs: their rows re-render every second, the others never. */
export const isRunning = (state: ChecklistRowState) => state === 'current' || state === 'open';
