import { describe, expect, it } from 'vitest';
import {
  activePath,
  bypassedSteps,
  currentStep,
  mayAnswerStep,
  nextStepId,
  openRequiredSteps,
  openSteps,
  startPlanRun,
  stepTiming,
} from './plan-run.js';
import type { PlanRun, StepState } from './plan.js';
import { buildPlan, buildStep, commander, FIXTURE_AT } from '../testing/incident-fixtures.js';

const at = (seconds: number) => new Date(Date.parse(FIXTURE_AT) + seconds * 1000);

function answer(run: PlanRun, stepId: string, value: string, seconds = 30): PlanRun {
  const done: StepState = { ...run.states[stepId]!, status: 'done', answer: value, by: commander, at: at(seconds).toISOString() };
  return { ...run, states: { ...run.states, [stepId]: done } };
}

function skip(run: PlanRun, stepId: string, reason: string): PlanRun {
  const skipped: StepState = { ...run.states[stepId]!, status: 'skipped', reason, by: commander, at: at(40).toISOString() };
  return { ...run, states: { ...run.states, [stepId]: skipped } };
}

const ids = (steps: { id: string }[]) => steps.map((step) => step.id);

describe('plan run progression', () => {
  const run = startPlanRun(buildPlan(), FIXTURE_AT, commander);

  it('starts with every step pending and the first one current', () => {
    expect(Object.values(run.states).every((state) => state.status === 'pending')).toBe(true);
    expect(currentStep(run)?.id).toBe('assess');
  });

  it('stops the path at an unanswered yes/no step: what lies beyond is not known yet', () => {
    expect(activePath(run)).toEqual(['assess']);
    expect(ids(openSteps(run))).toEqual(['assess']);
    expect(bypassedSteps(run)).toEqual([]);
  });

  it('follows the yes answer on in order, with every step up to the next branch open at once', () => {
    const real = answer(run, 'assess', 'yes');
    expect(activePath(real)).toEqual(['assess', 'call_119', 'evacuate', 'report']);
    expect(ids(openSteps(real))).toEqual(['call_119', 'evacuate', 'report']);
    expect(currentStep(real)?.id).toBe('call_119');
    // `report` ends the procedure (next: null), so the false-alarm step is off the path.
    expect(ids(bypassedSteps(real))).toEqual(['false_alarm']);
  });

  it('takes the no branch to the false-alarm close-out; the fire steps no longer block', () => {
    const falseAlarm = answer(run, 'assess', 'no');
    expect(activePath(falseAlarm)).toEqual(['assess', 'false_alarm']);
    expect(ids(bypassedSteps(falseAlarm))).toEqual(['call_119', 'evacuate', 'report']);
    expect(openRequiredSteps(falseAlarm)).toEqual([]);
  });

  it('lets a step be done out of order while the current one is still open', () => {
    const real = answer(answer(run, 'assess', 'yes'), 'evacuate', 'done', 50);
    expect(currentStep(real)?.id).toBe('call_119');
    expect(ids(openSteps(real))).toEqual(['call_119', 'report']);
  });

  it('goes on past a skipped step in order, and a skipped step no longer blocks', () => {
    const skipped = skip(answer(run, 'assess', 'yes'), 'call_119', 'fire brigade already on site');
    expect(currentStep(skipped)?.id).toBe('evacuate');
    expect(ids(openRequiredSteps(skipped))).toEqual(['evacuate']);
  });

  it('names the required steps still open, and none once they are done', () => {
    expect(ids(openRequiredSteps(run))).toEqual(['assess']);
    const real = answer(run, 'assess', 'yes');
    expect(ids(openRequiredSteps(real))).toEqual(['call_119', 'evacuate']);
    const done = answer(answer(real, 'call_119', 'done'), 'evacuate', 'done');
    expect(openRequiredSteps(done)).toEqual([]);
    expect(currentStep(done)?.id).toBe('report');
  });

  it('counts an optional open branch as blocking when a required step lies beyond it', () => {
    const plan = buildPlan({
      steps: [
        buildStep('where', { kind: 'choice', options: [
          { id: 'inside', label: { zh: '室内', en: 'Inside' }, next: 'evacuate' },
          { id: 'outside', label: { zh: '室外', en: 'Outside' }, next: null },
        ] }),
        buildStep('evacuate', { required: true }),
      ],
    });
    const choice = startPlanRun(plan, FIXTURE_AT, commander);
    expect(ids(openRequiredSteps(choice))).toEqual(['where']);
    expect(nextStepId(choice, plan.steps[0]!, 'outside')).toBeNull();
    expect(openRequiredSteps(answer(choice, 'where', 'outside'))).toEqual([]);
    expect(ids(openRequiredSteps(answer(choice, 'where', 'inside')))).toEqual(['evacuate']);
  });

  it('never loops on a plan whose branch leads back (validation refuses those; progression stays safe)', () => {
    const plan = buildPlan({ steps: [buildStep('a', { next: { done: 'b' } }), buildStep('b', { next: { done: 'a' } })] });
    const looping = answer(answer(startPlanRun(plan, FIXTURE_AT, commander), 'a', 'done'), 'b', 'done');
    expect(activePath(looping)).toEqual(['a', 'b']);
    expect(currentStep(looping)).toBeNull();
  });
});

describe('step timing against the server clock', () => {
  const run = startPlanRun(buildPlan(), FIXTURE_AT, commander);
  const assess = run.steps[0]!; // due 60 s, warns at 45 s

  it('is on time before the warning, amber from the warning time, red from the due time', () => {
    expect(stepTiming(run, assess, at(10))).toMatchObject({ status: 'ok', secondsLeft: 50 });
    expect(stepTiming(run, assess, at(45))).toMatchObject({ status: 'warning', secondsLeft: 15 });
    expect(stepTiming(run, assess, at(60))).toMatchObject({ status: 'overdue', secondsLeft: 0 });
    expect(stepTiming(run, assess, at(105))).toMatchObject({ status: 'overdue', secondsLeft: -45 });
    expect(stepTiming(run, assess, at(10)).dueAt).toBe(at(60).toISOString());
  });

  it('says how early or late a done step was, whatever the clock says now', () => {
    const early = answer(run, 'assess', 'yes', 30);
    expect(stepTiming(early, assess, at(500))).toMatchObject({ status: 'done', secondsLeft: 30 });
    const late = answer(run, 'assess', 'yes', 75);
    expect(stepTiming(late, assess, at(500))).toMatchObject({ status: 'done', secondsLeft: -15 });
  });
});

describe('who may answer a step', () => {
  it('lets commanders answer any step and operators only the operator’s', () => {
    expect(mayAnswerStep('commander', 'responder')).toBe(true);
    expect(mayAnswerStep('admin', 'engineering')).toBe(true);
    expect(mayAnswerStep('operator', 'operator')).toBe(true);
    expect(mayAnswerStep('operator', 'commander')).toBe(false);
    expect(mayAnswerStep('guard', 'responder')).toBe(false);
    expect(mayAnswerStep('wall', 'operator')).toBe(false);
  });
});

describe("a drill's plan on the drill's clock", () => {
  const run = startPlanRun(buildPlan(), FIXTURE_AT, commander);
  const assess = run.steps[0]!; // due 60 s, warns at 45 s

  it("runs a drill's step on the drill's clock: the countdown stands while paused, the due time moves later by the pause", () => {
    // Paused at 10 s for 100 s (events through the reducer: see drill reducer test below), and paused again at 130 s.
    const paused = { ...run, pausedAt: at(10).toISOString() };
    expect(stepTiming(paused, assess, at(10))).toMatchObject({ status: 'ok', secondsLeft: 50 });
    expect(stepTiming(paused, assess, at(90))).toMatchObject({ status: 'ok', secondsLeft: 50, dueAt: at(140).toISOString() });
    const resumed = { ...run, pausedAt: null, pauses: [{ from: at(10).toISOString(), sec: 100 }] };
    expect(stepTiming(resumed, assess, at(110))).toMatchObject({ status: 'ok', secondsLeft: 50, dueAt: at(160).toISOString() });
    expect(stepTiming(resumed, assess, at(145))).toMatchObject({ status: 'warning', secondsLeft: 15 });
    expect(stepTiming(resumed, assess, at(170))).toMatchObject({ status: 'overdue', secondsLeft: -10 });
    // Answered at 150 s of the wall clock: 50 s on the plan's, 10 s early.
    const done = answer(resumed, 'assess', 'yes', 150);
    expect(stepTiming(done, assess, at(900))).toMatchObject({ status: 'done', secondsLeft: 10 });
    // A step overdue when the drill paused stays as overdue as it was.
    const overdue = { ...run, pausedAt: at(70).toISOString() };
    expect(stepTiming(overdue, assess, at(500))).toMatchObject({ status: 'overdue', secondsLeft: -10 });
  });
});
