import { describe, expect, it } from 'vitest';
import { startPlanRun } from './plan-run.js';
import type { PlanRun, StepState } from './plan.js';
import { DRILL_SCORING_RULE, evaluateDrill, gradeOf } from './drill-score.js';
import { buildPlan, commander } from '../testing/incident-fixtures.js';

const start = '2026-12-01T02:00:00.000Z';
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
const done = (at: string, answer: string | null = null): Partial<StepState> => ({ status: 'done', at, answer, by: commander });

function runWith(startedAt: string, states: Record<string, Partial<StepState>>): PlanRun {
  const run = startPlanRun(buildPlan(), startedAt, commander);
  return { ...run, states: Object.fromEntries(Object.entries(run.states).map(([id, state]) => [id, { ...state, ...states[id] }])) };
}

describe('scoring a drill', () => {
  it('gives each target and required step its share, half for late, a quarter for skipped, none for missed', () => {
    const planStart = plus(start, 200);
    const run = runWith(planStart, {
      assess: done(plus(planStart, 50), 'yes'),
      call_119: done(plus(planStart, 150)),
      evacuate: { status: 'skipped', at: plus(planStart, 400), reason: '消防已到场接管', by: commander },
    });
    const evaluation = evaluateDrill({
      startedAt: start,
      targets: { acknowledge: 60, planStart: 120, dispatch: 180, arrive: 600 },
      reached: { acknowledge: plus(start, 30), planStart, dispatch: null, arrive: plus(start, 1_300) },
      run,
    });
    expect(evaluation.targets.map(({ target, verdict, points, actualSec }) => [target, verdict, points, actualSec])).toEqual([
      ['acknowledge', 'on_time', 12.5, 30],
      ['planStart', 'late', 6.3, 200],
      ['dispatch', 'missed', 0, null],
      ['arrive', 'very_late', 0, 1_300],
    ]);
    // The false-alarm branch was not taken: it is not scored. The report step is optional.
    expect(evaluation.steps.map(({ stepId, verdict, points }) => [stepId, verdict, points])).toEqual([
      ['assess', 'on_time', 16.7],
      ['call_119', 'late', 8.3],
      ['evacuate', 'skipped', 4.2],
      ['report', 'missed', 0],
    ]);
    expect(evaluation.steps.find((step) => step.stepId === 'evacuate')!.reason).toBe('消防已到场接管');
    // 12.5 + 6.25 + 50/3 + 50/6 + 50/12 = 47.9
    expect(evaluation.score).toBe(47.9);
    expect(evaluation.grade).toBe('fail');
    expect(evaluation).toMatchObject({ late: ['call_119'], skipped: ['evacuate'], missed: [] });
  });

  it('scores a drill run to the letter at 100, excellent', () => {
    const run = runWith(plus(start, 60), {
      assess: done(plus(start, 80), 'yes'),
      call_119: done(plus(start, 120)),
      evacuate: done(plus(start, 300)),
      report: done(plus(start, 900)),
    });
    const evaluation = evaluateDrill({ startedAt: start, targets: { acknowledge: 60, finish: 1_200 }, reached: { acknowledge: plus(start, 20), finish: plus(start, 900) }, run });
    expect(evaluation.score).toBe(100);
    expect(evaluation.grade).toBe('excellent');
  });

  it('costs the whole step part when no plan was started', () => {
    const evaluation = evaluateDrill({ startedAt: start, targets: { acknowledge: 60 }, reached: { acknowledge: plus(start, 10) }, run: null });
    expect(evaluation.score).toBe(50);
    expect(evaluation.steps).toEqual([]);
  });

  it('lets the steps carry all 100 points when the scenario sets no targets', () => {
    const run = runWith(start, { assess: done(plus(start, 10), 'yes'), call_119: done(plus(start, 20)), evacuate: done(plus(start, 30)) });
    const evaluation = evaluateDrill({ startedAt: start, targets: {}, reached: {}, run });
    expect(evaluation.steps.filter((step) => step.required).map((step) => step.maxPoints)).toEqual([33.3, 33.3, 33.3]);
    expect(evaluation.score).toBe(100);
  });

  it('grades by the written bands', () => {
    expect([95, 90, 89.9, 75, 60, 59.9].map(gradeOf)).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'fail']);
    expect(DRILL_SCORING_RULE.zh).toContain('90分及以上为优秀');
    expect(DRILL_SCORING_RULE.en).toContain('90 or more is excellent');
  });
});
