import { describe, expect, it } from 'vitest';
import { SHIPPED_PLANS } from './index.js';
import { parsePlanLibraryFile, parsePlanTemplate } from '../../../schemas/plan-parse.js';
import { INCIDENT_TYPES, type Bilingual, type PlanStep } from '../../plan.js';
import { ALARM_KINDS } from '../../alarm.js';
import { stepEdges } from '../plan-graph.js';

const HAN = /\p{Script=Han}/u;

function textsOf(plan: (typeof SHIPPED_PLANS)[number]): { path: string; text: Bilingual }[] {
  return [
    { path: 'name', text: plan.name },
    { path: 'summary', text: plan.summary },
    ...plan.steps.flatMap((step) => [
      { path: `${step.id}.title`, text: step.title },
      ...(step.detail ? [{ path: `${step.id}.detail`, text: step.detail }] : []),
      ...step.options.map((option) => ({ path: `${step.id}.${option.id}`, text: option.label })),
    ]),
  ];
}

const fire = SHIPPED_PLANS.find((plan) => plan.id === 'fire')!;
const byId = (steps: readonly PlanStep[], id: string) => steps.find((step) => step.id === id)!;

/** Every path a run can take, as the step ids it passes. */
function paths(steps: readonly PlanStep[], index = 0, seen: string[] = []): string[][] {
  const step = steps[index];
  if (!step) return [seen];
  const here = [...seen, step.id];
  const edges = stepEdges(steps, index);
  return edges.flatMap(({ target }) => (target === null ? [here] : paths(steps, steps.findIndex((s) => s.id === target), here)));
}

describe('the shipped plan library', () => {
  it.each(SHIPPED_PLANS.map((plan) => [plan.id, plan] as const))('%s passes parsePlanTemplate unchanged', (_id, plan) => {
    expect(parsePlanTemplate(plan)).toEqual({ ok: true, value: plan });
  });

  it('has one plan for every incident type, other included', () => {
    expect(SHIPPED_PLANS.map((plan) => plan.incidentType).sort()).toEqual([...INCIDENT_TYPES].sort());
  });

  it('imports as one library file', () => {
    const result = parsePlanLibraryFile({ format: 'vigil.plans', version: 1, plans: SHIPPED_PLANS });
    expect(result.ok && result.value.plans.length).toBe(INCIDENT_TYPES.length);
  });

  it('says everything in Chinese and in English', () => {
    for (const plan of SHIPPED_PLANS) {
      for (const { path, text } of textsOf(plan)) {
        expect(HAN.test(text.zh), `${plan.id} ${path}.zh is Chinese`).toBe(true);
        expect(text.zh, `${plan.id} ${path}.zh uses Chinese punctuation`).not.toMatch(/[,:;?()]/);
        expect(text.en.trim() !== '' && !HAN.test(text.en), `${plan.id} ${path}.en is English`).toBe(true);
      }
    }
  });

  it('has 6 to 12 steps in each plan, each path ending with the report', () => {
    for (const plan of SHIPPED_PLANS) {
      expect(plan.steps.length, plan.id).toBeGreaterThanOrEqual(6);
      expect(plan.steps.length, plan.id).toBeLessThanOrEqual(12);
      for (const path of paths(plan.steps)) expect(path.at(-1), `${plan.id}: ${path.join(' → ')}`).toBe('report');
    }
  });

  it('maps only alarm kinds that exist, and the ones the plans are for', () => {
    const kindsOf = (id: string) => SHIPPED_PLANS.find((plan) => plan.id === id)!.activation.flatMap((rule) => rule.alarmKinds);
    for (const plan of SHIPPED_PLANS) for (const kind of plan.activation.flatMap((rule) => rule.alarmKinds)) expect(ALARM_KINDS).toContain(kind);
    expect(kindsOf('fire')).toEqual(['fire', 'smoke', 'heat']);
    expect(kindsOf('elevator-entrapment')).toEqual(['elevator_entrapment']);
    expect(kindsOf('flooding')).toEqual(['water_leak']);
    expect(kindsOf('power-cut')).toEqual(['power_failure']);
    expect(kindsOf('intrusion')).toEqual(expect.arrayContaining(['intrusion', 'vibration', 'door_forced', 'loitering']));
  });

  it('fire: the steps the browser test uses, in order, of the kinds it expects', () => {
    const ids = fire.steps.map((step) => step.id);
    const order = ['cameras', 'assess', 'call_119', 'dispatch', 'evacuate', 'first_fire', 'report'].map((id) => ids.indexOf(id));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    expect(ids.at(-1)).toBe('report');
    expect(byId(fire.steps, 'cameras')).toMatchObject({ kind: 'auto', action: 'cameras_to_alarm_monitor' });
    expect(byId(fire.steps, 'assess')).toMatchObject({ kind: 'yes_no', next: { no: 'false_alarm' }, dueAfterSec: 60, warnAtSec: 45 });
    expect(ids.indexOf('false_alarm')).toBe(ids.length - 2);
    expect(byId(fire.steps, 'call_119')).toMatchObject({ kind: 'call', party: 'fire_119', required: true, dueAfterSec: 120 });
    expect(byId(fire.steps, 'dispatch')).toMatchObject({ kind: 'dispatch', guards: 2 });
    expect(ids.indexOf('guards')).toBeLessThan(ids.indexOf('dispatch'));
    expect(byId(fire.steps, 'guards')).toMatchObject({ kind: 'auto', action: 'suggest_nearest_guards' });
    expect(byId(fire.steps, 'evacuate')).toMatchObject({ kind: 'confirm', role: 'responder', required: true });
    expect(byId(fire.steps, 'first_fire')).toMatchObject({ kind: 'confirm', role: 'responder' });
    expect(byId(fire.steps, 'report')).toMatchObject({ kind: 'confirm', role: 'commander', required: true });
    expect(byId(fire.steps, 'assess').title).toEqual({ zh: '是否为真实火情？', en: 'Is it a real fire?' });
  });

  it('fire: a real fire passes the 119 call and the evacuation, both required; a false alarm passes neither', () => {
    const [real, falseAlarm] = paths(fire.steps);
    expect(real).toEqual(expect.arrayContaining(['assess', 'call_119', 'evacuate', 'report']));
    expect(real).not.toContain('false_alarm');
    expect(falseAlarm).toEqual(['cameras', 'assess', 'false_alarm', 'report']);
    for (const id of ['assess', 'call_119', 'evacuate']) expect(byId(fire.steps, id).required, id).toBe(true);
  });

  it('calls the right outside party in each emergency', () => {
    const parties = (id: string) => SHIPPED_PLANS.find((plan) => plan.id === id)!.steps.flatMap((step) => (step.party ? [step.party] : []));
    expect(parties('fire')).toContain('fire_119');
    expect(parties('ev-fire')).toContain('fire_119');
    expect(parties('theft')).toContain('police_110');
    expect(parties('violence')).toEqual(expect.arrayContaining(['police_110', 'ambulance_120']));
    expect(parties('medical')).toContain('ambulance_120');
    expect(parties('elevator-entrapment')).toContain('elevator_company');
    expect(parties('power-cut')).toEqual(expect.arrayContaining(['engineering', 'utility']));
  });
});
