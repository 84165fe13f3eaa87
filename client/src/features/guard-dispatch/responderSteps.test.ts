import { startPlanRun, type PlanStep, type PlanTemplate } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { responderSteps } from './responderSteps';

const STARTED = '2026-12-02T03:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(STARTED) + seconds * 1000);
const by = { id: 'u-cmd', name: 'Commander' };

function step(id: string, patch: Partial<PlanStep>): PlanStep {
  return { id, kind: 'confirm', title: { zh: id, en: id }, detail: null, role: 'commander', dueAfterSec: 300, warnAtSec: 240, required: false, next: {}, options: [], party: null, action: null, guards: null, ...patch };
}

/** assess (yes → cordon, evacuate; no → reset), each guard step with its own clock. */
const template: PlanTemplate = {
  id: 'fire',
  version: 1,
  incidentType: 'fire',
  level: 2,
  name: { zh: '火灾', en: 'Fire' },
  summary: { zh: '', en: '' },
  activation: [],
  roles: ['commander', 'responder'],
  steps: [
    step('assess', { kind: 'yes_no', next: { no: 'reset' } }),
    step('cordon', { role: 'responder', dueAfterSec: 120, warnAtSec: 90 }),
    step('evacuate', { role: 'responder', dueAfterSec: 600, warnAtSec: 300 }),
    step('call', { dueAfterSec: 60, warnAtSec: 30, next: { done: null } }),
    step('reset', { role: 'responder', next: { done: null } }),
  ],
  publishedAt: STARTED,
  publishedBy: null,
};

describe("the guard's own steps", () => {
  it('lists only the responder steps, in plan order, each done / open / due soon / overdue by server time', () => {
    const run = startPlanRun(template, STARTED, by);
    run.states.assess = { ...run.states.assess!, status: 'done', answer: 'yes', by, at: at(20).toISOString() };
    run.states.cordon = { ...run.states.cordon!, status: 'done', answer: 'done', by, at: at(100).toISOString() };
    const view = (seconds: number) => responderSteps(run, at(seconds)).map(({ step: { id }, status }) => `${id}:${status}`);
    // Answered yes: the false-alarm reset is not on the path any more.
    expect(view(200)).toEqual(['cordon:done', 'evacuate:ok', 'reset:bypassed']);
    expect(view(400)).toEqual(['cordon:done', 'evacuate:warning', 'reset:bypassed']);
    expect(view(700)).toEqual(['cordon:done', 'evacuate:overdue', 'reset:bypassed']);
    expect(responderSteps(run, at(700)).find(({ step: { id } }) => id === 'evacuate')?.secondsLeft).toBe(-100);
  });

  it('shows a skipped step as skipped, and every step open before the first answer', () => {
    const run = startPlanRun(template, STARTED, by);
    expect(responderSteps(run, at(10)).map(({ status }) => status)).toEqual(['ok', 'ok', 'ok']);
    run.states.cordon = { ...run.states.cordon!, status: 'skipped', by, at: at(50).toISOString(), reason: 'no crowd' };
    expect(responderSteps(run, at(130)).map(({ step: { id }, status }) => `${id}:${status}`)).toEqual(['cordon:skipped', 'evacuate:ok', 'reset:ok']);
  });
});
