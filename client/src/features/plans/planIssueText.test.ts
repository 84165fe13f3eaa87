import { SHIPPED_PLANS, parsePlanTemplate, type PlanTemplateInput } from '@vigil/shared';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { planIssueText } from './planIssueText';

let zh: TFunction;
let english: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  zh = instance.getFixedT('zh-CN');
  english = instance.getFixedT('en');
});

const fire = SHIPPED_PLANS.find((plan) => plan.id === 'fire')!;

function issuesOf(change: (plan: PlanTemplateInput) => PlanTemplateInput) {
  const result = parsePlanTemplate(change(structuredClone(fire)));
  if (result.ok) throw new Error('expected a refusal');
  return result.issues;
}

describe('a plan refusal in the reader’s language', () => {
  it('says a dangling branch, a backward branch and a role the plan lacks in Chinese, with no English left', () => {
    const assess = fire.steps.findIndex((step) => step.kind === 'yes_no');
    const [dangling] = issuesOf((plan) => ({ ...plan, steps: plan.steps.map((step, i) => (i === assess ? { ...step, next: { ...step.next, yes: 'evacuat' } } : step)) }));
    expect(planIssueText(dangling!, zh)).toBe('本预案没有步骤“evacuat”');
    expect(planIssueText(dangling!, english)).toBe('no step “evacuat” in this plan');

    const last = fire.steps.length - 1;
    const [backward] = issuesOf((plan) => ({ ...plan, steps: plan.steps.map((step, i) => (i === last ? { ...step, next: { done: fire.steps[assess]!.id } } : step)) }));
    expect(planIssueText(backward!, zh)).toBe(`指回前面的步骤“${fire.steps[assess]!.id}”：分支只能指向后面的步骤`);

    const [role] = issuesOf((plan) => ({ ...plan, roles: plan.roles.filter((item) => item !== 'engineering') }));
    expect(planIssueText(role!, zh)).toBe('“工程人员”不在本预案的参与角色中');
  });

  it('says a schema rule (an empty translation, a number out of range) without repeating the field', () => {
    const [empty] = issuesOf((plan) => ({ ...plan, name: { ...plan.name, en: '' } }));
    expect(planIssueText(empty!, zh)).toBe('不能为空');
    const [range] = issuesOf((plan) => ({ ...plan, steps: plan.steps.map((step, i) => (i === 0 ? { ...step, dueAfterSec: -5 } : step)) }));
    expect(planIssueText(range!, english)).toBe('must be a whole number from 0 to 86400');
  });

  it('reads the server’s issue by its params when no English sentence came with it', () => {
    expect(planIssueText({ path: 'steps[3] (cordon).next.yes', params: { field: 'steps[3] (cordon).next.yes', rule: 'noSuchId', thing: 'step', id: 'x' } }, zh)).toBe('本预案没有步骤“x”');
    expect(planIssueText({ path: 'steps[0].role', params: { field: 'steps[0].role', rule: 'other', detail: '"nobody" is not one of this plan\'s roles (commander)' } }, english)).toBe(
      '“nobody” is not one of this plan’s roles',
    );
  });
});
