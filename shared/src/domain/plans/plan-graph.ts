import { CALL_PARTIES, AUTO_ACTIONS, type Bilingual, type PlanStep, type PlanTemplate, type StepKind } from '../plan.js';

/**
 * The rules of a plan that are about its steps together, which a field-by-field schema cannot
 * say: ids unique, branches naming steps of the plan and only ever leading forward (so a run
 * cannot loop), every step reachable from the first, the fields each kind of step has, roles
 * declared, every text in both languages. Each issue names the step and the field, like
 * `steps[3] (cordon).next.yes: no step "evacuat" in this plan`.
 */

export interface PlanGraphIssue {
  /** `steps[3] (cordon).next.yes`, `name.en`. */
  path: string;
  /** The rule, in English: `no step "evacuat" in this plan`. */
  message: string;
}

export type PlanGraphInput = Pick<PlanTemplate, 'name' | 'summary' | 'roles' | 'steps'>;

type Answer = 'done' | 'yes' | 'no';

/** The answers each kind of step lists in `next`; a choice step's options carry theirs. */
export const NEXT_KEYS: Record<StepKind, readonly Answer[]> = {
  confirm: ['done'],
  dispatch: ['done'],
  call: ['done'],
  auto: ['done'],
  yes_no: ['yes', 'no'],
  choice: [],
};

/** `steps[3] (cordon)`. */
export function stepLabel(index: number, id: string): string {
  return `steps[${index}] (${id})`;
}

/** One way out of a step: the field that says so, and the step it leads to (null: the end). */
export interface StepEdge {
  field: string;
  target: string | null;
}

/**
 * Where each answer of the step at `index` leads. An answer not listed in `next` goes on to the
 * next step in order (the end, after the last step).
 */
export function stepEdges(steps: readonly PlanStep[], index: number): StepEdge[] {
  const step = steps[index];
  if (!step) return [];
  const following = steps[index + 1]?.id ?? null;
  if (step.kind === 'choice') return step.options.map((option, i) => ({ field: `options[${i}].next`, target: option.next }));
  return NEXT_KEYS[step.kind].map((answer) => {
    // null is "the end", not "not listed": only an absent answer goes on in order.
    const listed = step.next[answer];
    return { field: `next.${answer}`, target: listed === undefined ? following : listed };
  });
}

export function validatePlanGraph(plan: PlanGraphInput): PlanGraphIssue[] {
  const issues: PlanGraphIssue[] = [];
  const indexOf = new Map<string, number>();
  plan.steps.forEach((step, index) => {
    const first = indexOf.get(step.id);
    if (first === undefined) indexOf.set(step.id, index);
    else issues.push({ path: `${stepLabel(index, step.id)}.id`, message: `"${step.id}" is already used by steps[${first}]` });
  });
  issues.push(...translationIssues(plan));
  plan.steps.forEach((step, index) => issues.push(...kindIssues(step, stepLabel(index, step.id), plan.roles)));
  // Branches name steps by id: with an id used twice they are checked once the ids are unique.
  if (indexOf.size < plan.steps.length) return issues;
  const branches = [...plan.steps.flatMap((step, index) => answerIssues(step, stepLabel(index, step.id))), ...branchIssues(plan.steps, indexOf)];
  issues.push(...branches);
  // A wrong branch strands the steps after it; those are said once the branches are right.
  if (branches.length === 0) issues.push(...reachabilityIssues(plan.steps, indexOf));
  return issues;
}

function missingTranslations(text: Bilingual | null, path: string): PlanGraphIssue[] {
  if (!text) return [];
  return (['zh', 'en'] as const)
    .filter((language) => text[language].trim() === '')
    .map((language) => ({ path: `${path}.${language}`, message: 'must not be empty' }));
}

function translationIssues(plan: PlanGraphInput): PlanGraphIssue[] {
  return [
    ...missingTranslations(plan.name, 'name'),
    ...missingTranslations(plan.summary, 'summary'),
    ...plan.steps.flatMap((step, index) => {
      const label = stepLabel(index, step.id);
      return [
        ...missingTranslations(step.title, `${label}.title`),
        ...missingTranslations(step.detail, `${label}.detail`),
        ...step.options.flatMap((option, i) => missingTranslations(option.label, `${label}.options[${i}].label`)),
      ];
    }),
  ];
}

/** The fields that belong to one kind of step (options, party, action, guards), and its role. */
function kindIssues(step: PlanStep, label: string, roles: readonly string[]): PlanGraphIssue[] {
  const issues: PlanGraphIssue[] = [];
  const add = (field: string, message: string) => issues.push({ path: `${label}.${field}`, message });
  if (step.kind === 'choice') {
    if (step.options.length < 2) add('options', 'a choice step needs at least 2 options');
    const seen = new Map<string, number>();
    step.options.forEach((option, i) => {
      const first = seen.get(option.id);
      if (first === undefined) seen.set(option.id, i);
      else add(`options[${i}].id`, `"${option.id}" is already used by options[${first}]`);
    });
  } else if (step.options.length > 0) add('options', 'must be empty: only a choice step has options');

  if (step.kind === 'call' && step.party === null) add('party', `a call step must say who is called: one of ${CALL_PARTIES.join(', ')}`);
  if (step.kind !== 'call' && step.party !== null) add('party', 'must be null: only a call step has a party');
  if (step.kind === 'auto' && step.action === null) add('action', `an auto step must say what Vigil does: one of ${AUTO_ACTIONS.join(', ')}`);
  if (step.kind !== 'auto' && step.action !== null) add('action', 'must be null: only an auto step has an action');
  if (step.kind !== 'dispatch' && step.guards !== null) add('guards', 'must be null: only a dispatch step has a guard count');

  if (!roles.includes(step.role)) add('role', `"${step.role}" is not one of this plan's roles (${roles.join(', ')})`);
  return issues;
}

/** `next` lists only the answers the step's kind has. */
function answerIssues(step: PlanStep, label: string): PlanGraphIssue[] {
  const allowed: readonly string[] = NEXT_KEYS[step.kind];
  return Object.keys(step.next)
    .filter((answer) => !allowed.includes(answer))
    .map((answer) => ({
      path: `${label}.next.${answer}`,
      message:
        step.kind === 'choice'
          ? 'a choice step has no next: each option says where it leads'
          : `a ${step.kind} step answers only ${allowed.map((key) => `"${key}"`).join(' or ')}`,
    }));
}

/** Every branch names a step of this plan, later than its own: a run only ever moves forward. */
function branchIssues(steps: readonly PlanStep[], indexOf: ReadonlyMap<string, number>): PlanGraphIssue[] {
  const issues: PlanGraphIssue[] = [];
  steps.forEach((step, index) => {
    const label = stepLabel(index, step.id);
    for (const { field, target } of stepEdges(steps, index)) {
      if (target === null) continue;
      const to = indexOf.get(target);
      if (to === undefined) issues.push({ path: `${label}.${field}`, message: `no step "${target}" in this plan` });
      else if (to === index) issues.push({ path: `${label}.${field}`, message: 'leads back to this same step, a cycle: a branch must lead to a later step' });
      else if (to < index) {
        const loop = leadsTo(steps, indexOf, to, index) ? ', a cycle' : '';
        issues.push({ path: `${label}.${field}`, message: `leads back to the earlier step "${target}" (steps[${to}])${loop}: a branch must lead to a later step` });
      }
    }
  });
  return issues;
}

/** The step indexes reachable from `from`, following every answer. */
function reachableFrom(steps: readonly PlanStep[], indexOf: ReadonlyMap<string, number>, from: number): Set<number> {
  const seen = new Set<number>([from]);
  const queue = [from];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const { target } of stepEdges(steps, current)) {
      const to = target === null ? undefined : indexOf.get(target);
      if (to !== undefined && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

function leadsTo(steps: readonly PlanStep[], indexOf: ReadonlyMap<string, number>, from: number, to: number): boolean {
  return reachableFrom(steps, indexOf, from).has(to);
}

function reachabilityIssues(steps: readonly PlanStep[], indexOf: ReadonlyMap<string, number>): PlanGraphIssue[] {
  const first = steps[0];
  if (!first) return [];
  const reached = reachableFrom(steps, indexOf, 0);
  return steps.flatMap((step, index) =>
    reached.has(index)
      ? []
      : [{ path: `${stepLabel(index, step.id)}.id`, message: `no answer leads to this step: it cannot be reached from the first step "${first.id}"` }],
  );
}
