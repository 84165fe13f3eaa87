import { describe, expect, it } from 'vitest';
import { parsePlanLibraryFile, parsePlanTemplate, type PlanParseResult } from './plan-parse.js';
import type { PlanTemplateInput } from './plan.schemas.js';
import { validatePlanGraph } from '../domain/plans/plan-graph.js';
import type { PlanStep } from '../domain/plan.js';

const bi = (zh: string, en: string) => ({ zh, en });

function step(id: string, fields: Partial<PlanStep> = {}): PlanStep {
  return {
    id,
    kind: 'confirm',
    title: bi(`步骤 ${id}`, `Step ${id}`),
    detail: null,
    role: 'responder',
    dueAfterSec: 120,
    warnAtSec: 60,
    required: false,
    next: {},
    options: [],
    party: null,
    action: null,
    guards: null,
    ...fields,
  };
}

/** assess (yes → cordon, no → false_alarm) → cordon → call_119 → false_alarm → report */
function plan(steps?: PlanStep[]): PlanTemplateInput {
  return {
    id: 'drill-fire',
    incidentType: 'fire',
    level: 1,
    name: bi('演练火灾', 'Drill fire'),
    summary: bi('测试用预案', 'A plan for tests'),
    activation: [],
    roles: ['commander', 'operator', 'responder'],
    steps: steps ?? [
      step('assess', { kind: 'yes_no', role: 'operator', next: { yes: 'cordon', no: 'false_alarm' } }),
      step('cordon'),
      step('call_119', { kind: 'call', party: 'fire_119', role: 'commander', next: { done: 'report' } }),
      step('false_alarm', { role: 'operator' }),
      step('report', { role: 'commander' }),
    ],
  };
}

function withStep(index: number, fields: Partial<PlanStep>): PlanTemplateInput {
  const base = plan();
  return { ...base, steps: base.steps.map((s, i) => (i === index ? { ...s, ...fields } : s)) };
}

function issuesOf<T>(result: PlanParseResult<T>): string[] {
  if (result.ok) throw new Error('expected the plan to be refused');
  return result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('parsePlanTemplate', () => {
  it('accepts a well-formed plan as it is', () => {
    expect(parsePlanTemplate(plan())).toEqual({ ok: true, value: plan() });
  });

  it('refuses a cycle, naming the step and the answer that loops back', () => {
    const issues = issuesOf(parsePlanTemplate(withStep(2, { next: { done: 'assess' } })));
    expect(issues).toEqual(['steps[2] (call_119).next.done: leads back to the earlier step "assess" (steps[0]), a cycle: a branch must lead to a later step']);
  });

  it('refuses a branch back to an earlier step even where it makes no loop', () => {
    // false_alarm → cordon: cordon never reaches false_alarm, but a run must only move forward.
    expect(issuesOf(parsePlanTemplate(withStep(3, { next: { done: 'cordon' } })))).toEqual([
      'steps[3] (false_alarm).next.done: leads back to the earlier step "cordon" (steps[1]): a branch must lead to a later step',
    ]);
  });

  it('refuses a step that leads to itself', () => {
    expect(issuesOf(parsePlanTemplate(withStep(1, { next: { done: 'cordon' } })))).toEqual([
      'steps[1] (cordon).next.done: leads back to this same step, a cycle: a branch must lead to a later step',
    ]);
  });

  it('refuses a dangling branch, and codes it as a missing step', () => {
    const result = parsePlanTemplate(withStep(0, { next: { yes: 'evacuat', no: 'false_alarm' } }));
    expect(issuesOf(result)).toContain('steps[0] (assess).next.yes: no step "evacuat" in this plan');
    if (result.ok) return;
    expect(result.code).toBe('validation');
    expect(result.issues[0]?.params).toEqual({ field: 'steps[0] (assess).next.yes', rule: 'noSuchId', thing: 'step', id: 'evacuat' });
    expect(result.error).toMatch(/^steps\[0\] \(assess\)\.next\.yes: no step "evacuat" in this plan/);
  });

  it('refuses a dangling choice option', () => {
    const choice = step('cordon', {
      kind: 'choice',
      options: [
        { id: 'near', label: bi('近', 'Near'), next: 'call_119' },
        { id: 'far', label: bi('远', 'Far'), next: 'nowhere' },
      ],
    });
    expect(issuesOf(parsePlanTemplate(withStep(1, choice)))).toEqual(['steps[1] (cordon).options[1].next: no step "nowhere" in this plan']);
  });

  it('refuses a missing translation, naming the text and the language', () => {
    expect(issuesOf(parsePlanTemplate(withStep(2, { title: bi('拨打119', '  ') })))).toEqual(['steps[2] (call_119).title.en: must not be empty']);
    expect(issuesOf(parsePlanTemplate({ ...plan(), summary: bi('', 'A plan') }))).toEqual(['summary.zh: must not be empty']);
    // The graph check says the same of a plan built in code, which no schema has trimmed.
    expect(validatePlanGraph(withStep(3, { detail: bi(' ', 'Reset the panel') }))).toEqual([
      { path: 'steps[3] (false_alarm).detail.zh', message: 'must not be empty' },
    ]);
  });

  it('refuses an unreachable step', () => {
    // call_119 ends the procedure (null), so nothing leads to the step after it.
    const [assess, cordon, call119, falseAlarm, report] = plan().steps as [PlanStep, PlanStep, PlanStep, PlanStep, PlanStep];
    const stranded = plan([assess, cordon, { ...call119, next: { done: null } }, step('orphan'), falseAlarm, report]);
    expect(issuesOf(parsePlanTemplate(stranded))).toEqual(['steps[3] (orphan).id: no answer leads to this step: it cannot be reached from the first step "assess"']);
  });

  it('refuses a call step without a party, and fields that belong to other kinds', () => {
    expect(issuesOf(parsePlanTemplate(withStep(2, { party: null })))).toEqual([
      'steps[2] (call_119).party: a call step must say who is called: one of fire_119, police_110, ambulance_120, property_manager, engineering, customer_service, elevator_company, utility, other',
    ]);
    expect(issuesOf(parsePlanTemplate(withStep(1, { party: 'police_110', action: 'notify_commander', guards: 2 })))).toEqual([
      'steps[1] (cordon).party: must be null: only a call step has a party',
      'steps[1] (cordon).action: must be null: only an auto step has an action',
      'steps[1] (cordon).guards: must be null: only a dispatch step has a guard count',
    ]);
    expect(issuesOf(parsePlanTemplate(withStep(1, { kind: 'auto' })))).toEqual([
      'steps[1] (cordon).action: an auto step must say what Vigil does: one of cameras_to_alarm_monitor, suggest_nearest_guards, notify_commander',
    ]);
  });

  it('refuses answers a kind does not have, options off a choice, a choice with one option', () => {
    expect(issuesOf(parsePlanTemplate(withStep(1, { next: { yes: 'report' } })))).toEqual(['steps[1] (cordon).next.yes: a confirm step answers only "done"']);
    expect(issuesOf(parsePlanTemplate(withStep(0, { next: { done: 'cordon' } })))).toEqual(['steps[0] (assess).next.done: a yes_no step answers only "yes" or "no"']);
    expect(issuesOf(parsePlanTemplate(withStep(1, { options: [{ id: 'a', label: bi('甲', 'A'), next: null }] })))).toEqual([
      'steps[1] (cordon).options: must be empty: only a choice step has options',
    ]);
    const lonely = step('cordon', { kind: 'choice', options: [{ id: 'a', label: bi('甲', 'A'), next: 'call_119' }], next: { done: 'report' } });
    expect(issuesOf(parsePlanTemplate(withStep(1, lonely)))).toEqual([
      'steps[1] (cordon).options: a choice step needs at least 2 options',
      'steps[1] (cordon).next.done: a choice step has no next: each option says where it leads',
    ]);
  });

  it('refuses repeated step ids and roles the plan does not list', () => {
    expect(issuesOf(parsePlanTemplate(withStep(3, { id: 'cordon', role: 'engineering' })))).toEqual([
      'steps[3] (cordon).id: "cordon" is already used by steps[1]',
      `steps[3] (cordon).role: "engineering" is not one of this plan's roles (commander, operator, responder)`,
    ]);
  });

  it('checks each field: kinds, times, warn before due, unknown fields, at most 60 steps', () => {
    expect(issuesOf(parsePlanTemplate(withStep(1, { kind: 'maybe' as PlanStep['kind'] })))[0]).toMatch(/^steps\[1\] \(cordon\)\.kind: must be one of confirm, yes_no/);
    expect(issuesOf(parsePlanTemplate(withStep(1, { dueAfterSec: 86_401 })))).toEqual(['steps[1] (cordon).dueAfterSec: must be an integer from 0 to 86400']);
    expect(issuesOf(parsePlanTemplate(withStep(1, { dueAfterSec: 1.5 })))).toEqual(['steps[1] (cordon).dueAfterSec: must be an integer from 0 to 86400']);
    expect(issuesOf(parsePlanTemplate(withStep(1, { warnAtSec: 121 })))).toEqual(['steps[1] (cordon).warnAtSec: must be at most dueAfterSec: a step warns before it is due']);
    expect(issuesOf(parsePlanTemplate({ ...withStep(1, {}), version: 2 }))).toEqual(['version: unknown field']);
    const many = Array.from({ length: 61 }, (_, i) => step(`s${i}`));
    expect(issuesOf(parsePlanTemplate(plan(many)))).toEqual(['steps: must have at most 60 steps']);
    expect(issuesOf(parsePlanTemplate({ ...plan(), id: 'Fire Plan' }))).toEqual([
      'id: may contain only lower-case letters, digits and -, starting with a letter or digit',
    ]);
  });

  it('answers like parseWith: the first issue as params, with the count of the others', () => {
    const result = parsePlanTemplate(withStep(2, { party: null, title: bi('拨打119', 'Call 119'), next: { done: 'assess' } }));
    if (result.ok) throw new Error('expected a refusal');
    expect(result.params).toMatchObject({ field: 'steps[2] (call_119).party', rule: 'other', more: 1 });
    expect(result.issues.map((issue) => issue.params.field)).toEqual(['steps[2] (call_119).party', 'steps[2] (call_119).next.done']);
    // One sentence per issue, so a screen can pair them (describeErrorLines splits at "; ").
    expect(result.error.split('; ')).toEqual(result.issues.map((issue) => `${issue.path}: ${issue.message}`));
  });
});

describe('parsePlanLibraryFile', () => {
  const file = (plans: unknown[]) => ({ format: 'vigil.plans', version: 1, plans });

  it('accepts a file of plans', () => {
    const result = parsePlanLibraryFile(file([plan(), { ...plan(), id: 'drill-2' }]));
    expect(result.ok && result.value.plans.map((p) => p.id)).toEqual(['drill-fire', 'drill-2']);
  });

  it('refuses duplicate plan ids', () => {
    expect(issuesOf(parsePlanLibraryFile(file([plan(), { ...plan(), name: bi('另一个', 'Another') }])))).toEqual([
      'plans[1] (drill-fire).id: "drill-fire" is already used by plans[0]',
    ]);
  });

  it('names the plan and the step of every issue in the file', () => {
    expect(issuesOf(parsePlanLibraryFile(file([withStep(0, { next: { yes: 'evacuat', no: 'false_alarm' } }), { ...withStep(2, { role: 'operator', title: bi('', 'Call') }), id: 'b' }])))).toEqual([
      'plans[0] (drill-fire).steps[0] (assess).next.yes: no step "evacuat" in this plan',
      'plans[1] (b).steps[2] (call_119).title.zh: must not be empty',
    ]);
  });

  it('refuses a file of another format, or of more than 100 plans', () => {
    expect(issuesOf(parsePlanLibraryFile({ format: 'vigil.site', version: 1, plans: [] }))).toEqual(['format: must be "vigil.plans"']);
    expect(issuesOf(parsePlanLibraryFile(file(Array.from({ length: 101 }, (_, i) => ({ ...plan(), id: `p${i}` })))))).toEqual([
      'plans: must have at most 100 plans',
    ]);
  });
});
