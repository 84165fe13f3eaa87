import { SHIPPED_PLANS, startPlanRun, stepTiming, type PlanRun } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { againstDue, formatSpan, incidentSeconds, reportFileName } from './reportModel';

const START = '2026-12-02T03:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const person = { id: 'u1', name: '张三' };

const fire = SHIPPED_PLANS.find((plan) => plan.id === 'fire')!;
const dueOf = (stepId: string) => fire.steps.find((step) => step.id === stepId)!.dueAfterSec;

/** A step of the shipped fire plan done (or skipped) `seconds` after the start, as the report times it. */
function reportStep(stepId: string, state: 'done' | 'skipped' | 'pending', seconds: number | null, now: number) {
  const run: PlanRun = startPlanRun({ ...fire, version: 1, publishedAt: START, publishedBy: null }, START, person);
  const step = run.steps.find((item) => item.id === stepId)!;
  if (state !== 'pending' && seconds !== null) {
    run.states[stepId] = { ...run.states[stepId]!, status: state, at: at(seconds), by: person, reason: state === 'skipped' ? '消防已到场' : null };
  }
  const timing = stepTiming(run, step, new Date(at(now)));
  return { status: state, secondsLeft: timing.secondsLeft, timing: timing.status, reason: run.states[stepId]!.reason };
}

describe('a step against its due time', () => {
  it('says early or late by m:ss from when the step was done, not from when the report is read', () => {
    const due = dueOf('assess');
    expect(againstDue(reportStep('assess', 'done', due - 15, 3600))).toEqual({ kind: 'early', time: '0:15' });
    expect(againstDue(reportStep('assess', 'done', due + 125, 3600))).toEqual({ kind: 'late', time: '2:05' });
    expect(againstDue(reportStep('assess', 'done', due, 3600))).toEqual({ kind: 'onTime' });
  });

  it('an hour late reads h:mm:ss', () => {
    expect(againstDue(reportStep('evacuate', 'done', dueOf('evacuate') + 3725, 9000))).toEqual({ kind: 'late', time: '1:02:05' });
  });

  it('a skipped step gives its reason, a branch not taken is bypassed', () => {
    expect(againstDue(reportStep('call_119', 'skipped', 30, 600))).toEqual({ kind: 'skipped', reason: '消防已到场' });
    expect(againstDue({ status: 'bypassed', secondsLeft: -500, timing: 'overdue', reason: null })).toEqual({ kind: 'bypassed' });
  });

  it('a step still open at the report’s moment shows time left or how long overdue', () => {
    const due = dueOf('evacuate');
    expect(againstDue(reportStep('evacuate', 'pending', null, due - 100))).toEqual({ kind: 'openOk', time: '1:40' });
    expect(againstDue(reportStep('evacuate', 'pending', null, due + 90))).toEqual({ kind: 'openOverdue', time: '1:30' });
  });
});

describe('report figures', () => {
  it('formats spans', () => {
    expect(formatSpan(0)).toBe('0:00');
    expect(formatSpan(-59)).toBe('0:59');
    expect(formatSpan(600)).toBe('10:00');
    expect(formatSpan(3600)).toBe('1:00:00');
  });

  it('times the incident to its close, else its resolution, else the report', () => {
    const open = { openedAt: START, resolvedAt: null, closedAt: null };
    expect(incidentSeconds({ generatedAt: at(90), incident: open })).toBe(90);
    expect(incidentSeconds({ generatedAt: at(9000), incident: { ...open, resolvedAt: at(1800) } })).toBe(1800);
    expect(incidentSeconds({ generatedAt: at(9000), incident: { ...open, resolvedAt: at(1800), closedAt: at(2400) } })).toBe(2400);
  });

  it('names the export after the incident number', () => {
    expect(reportFileName({ incident: { number: '20261202/003' } })).toBe('vigil-report-20261202_003.json');
  });
});
