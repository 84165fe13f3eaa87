import { NEXT_KEYS, type Bilingual, type PlanTemplate, type PlanTemplateInput, type StepKind } from '@vigil/shared';

/**
 * The plan form's state: a plan as the admin writes it, with a React key per step (steps move)
 * and a step's detail always two texts (both empty is "no detail"). `toPlanInput` turns it into
 * what the validator and the server take; its steps keep the form's order, so an issue's
 * `steps[3]` is the fourth step card.
 */

type StepInput = PlanTemplateInput['steps'][number];

export interface StepDraft extends Omit<StepInput, 'detail'> {
  key: string;
  detail: Bilingual;
}

export interface PlanDraft extends Omit<PlanTemplateInput, 'steps'> {
  steps: StepDraft[];
}

let nextKey = 0;
const newKey = () => `step-${++nextKey}`;

const emptyText = (): Bilingual => ({ zh: '', en: '' });

export function emptyStep(id: string): StepDraft {
  return {
    key: newKey(),
    id,
    kind: 'confirm',
    title: emptyText(),
    detail: emptyText(),
    role: 'commander',
    dueAfterSec: 300,
    warnAtSec: 240,
    required: false,
    next: {},
    options: [],
    party: null,
    action: null,
    guards: null,
  };
}

export function emptyDraft(): PlanDraft {
  return {
    id: '',
    incidentType: 'other',
    level: 3,
    name: emptyText(),
    summary: emptyText(),
    activation: [],
    roles: ['commander', 'operator'],
    steps: [emptyStep('step_1')],
  };
}

/** A published version as the start of the next one. */
export function draftOf(plan: PlanTemplate | PlanTemplateInput): PlanDraft {
  return {
    id: plan.id,
    incidentType: plan.incidentType,
    level: plan.level,
    name: { ...plan.name },
    summary: { ...plan.summary },
    activation: plan.activation.map((rule) => ({ ...rule, alarmKinds: [...rule.alarmKinds], zoneKinds: [...rule.zoneKinds], zoneIds: [...rule.zoneIds] })),
    roles: [...plan.roles],
    steps: plan.steps.map((step) => ({
      ...step,
      key: newKey(),
      title: { ...step.title },
      detail: step.detail ? { ...step.detail } : emptyText(),
      next: { ...step.next },
      options: step.options.map((option) => ({ ...option, label: { ...option.label } })),
    })),
  };
}

/** The answers a kind of step may list in `next` (a choice step's options carry theirs). */
export const answersOfKind = (kind: StepKind): readonly ('done' | 'yes' | 'no')[] => NEXT_KEYS[kind];

function stepInput({ key: _key, ...step }: StepDraft): StepInput {
  const allowed = answersOfKind(step.kind);
  const next = Object.fromEntries(Object.entries(step.next).filter(([answer]) => (allowed as readonly string[]).includes(answer)));
  return {
    ...step,
    detail: step.detail.zh.trim() === '' && step.detail.en.trim() === '' ? null : step.detail,
    next,
    // Only the fields of the step's kind: switching kinds leaves no stale party or options behind.
    options: step.kind === 'choice' ? step.options : [],
    party: step.kind === 'call' ? step.party : null,
    action: step.kind === 'auto' ? step.action : null,
    guards: step.kind === 'dispatch' ? step.guards : null,
  };
}

export function toPlanInput(draft: PlanDraft): PlanTemplateInput {
  return { ...draft, steps: draft.steps.map(stepInput) };
}

/** The list with the item at `index` moved by `by` places (kept in range). */
export function moved<T>(list: readonly T[], index: number, by: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, index + by));
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** A step id not yet used in the plan: `step_4`, `step_5`… */
export function freshStepId(steps: readonly { id: string }[]): string {
  const used = new Set(steps.map((step) => step.id));
  for (let n = steps.length + 1; ; n++) if (!used.has(`step_${n}`)) return `step_${n}`;
}
