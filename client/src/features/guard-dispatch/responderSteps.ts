import { bypassedSteps, stepTiming, type PlanRun, type PlanStep } from '@vigil/shared';

/** How a guard's step reads on the phone: done, skipped, not needed (another branch), or open against its clock. */
export type ResponderStepStatus = 'done' | 'skipped' | 'bypassed' | 'ok' | 'warning' | 'overdue';

export interface ResponderStep {
  step: PlanStep;
  status: ResponderStepStatus;
  /** Seconds until due (negative once overdue). */
  secondsLeft: number;
}

/** The steps of the run for the responder role, in plan order, each with its state now (server time). */
export function responderSteps(run: PlanRun, now: Date): ResponderStep[] {
  const bypassed = new Set(bypassedSteps(run).map((step) => step.id));
  return run.steps
    .filter((step) => step.role === 'responder')
    .map((step) => {
      const timing = stepTiming(run, step, now);
      const open = timing.status === 'ok' || timing.status === 'warning' || timing.status === 'overdue';
      return { step, status: open && bypassed.has(step.id) ? 'bypassed' : timing.status, secondsLeft: timing.secondsLeft };
    });
}
