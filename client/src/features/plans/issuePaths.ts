import type { TextParams } from '@vigil/shared';

/**
 * Where a refusal belongs in the plan form. The validator and the server name a field by a path
 * that carries the step's id for people (`steps[3] (cordon).next.yes`); the form names its
 * inputs by a plain key (`steps.3.next.yes`). The index is what counts: the id in brackets is
 * what the plan said when it was checked, and the admin may have renamed the step since.
 */

/** One refused field, from the local validator or from the server's `issues`. */
export interface PlanFormIssue {
  path: string;
  params: TextParams;
  /** The rule in English, when known (the validator's own; the server's is in `params.detail`). */
  message?: string;
}

/** `steps[3] (cordon).title.en` → `steps.3.title.en`; `plans[1] (fire).id` → `plans.1.id`. */
export function fieldKey(path: string): string {
  return path
    .replace(/ \([^)]*\)/g, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .replace(/\.{2,}/g, '.');
}

/** The step a key is about (`steps.3.title.en` → 3), or null for the plan's own fields. */
export function stepIndexOf(key: string): number | null {
  const match = /^steps\.(\d+)(?:\.|$)/.exec(key);
  return match ? Number(match[1]) : null;
}

export interface PlacedIssues<T> {
  /** Next to the input with that key. */
  fields: Map<string, T[]>;
  /** On the step's card, for a rule about the step as a whole (`steps[2].next`, an unreachable step…). */
  steps: Map<number, T[]>;
  /** Above the form: the plan as a whole, or a field the form does not show. */
  plan: T[];
}

function push<K, T>(map: Map<K, T[]>, key: K, issue: T): void {
  map.set(key, [...(map.get(key) ?? []), issue]);
}

/**
 * Each issue at the nearest input the form has for it: the field itself, else its parent
 * (`roles.2` → `roles`, `activation.0.alarmKinds.1` → `activation.0.alarmKinds`), else the step's
 * card, else the top of the form. `known` says which keys the form renders.
 */
export function placeIssues<T extends { path: string }>(issues: readonly T[], known: ReadonlySet<string>): PlacedIssues<T> {
  const placed: PlacedIssues<T> = { fields: new Map(), steps: new Map(), plan: [] };
  for (const issue of issues) {
    const parts = fieldKey(issue.path).split('.');
    const step = stepIndexOf(fieldKey(issue.path));
    // A step's issue climbs no higher than its card: `steps.1.next` is that step's, not the list's.
    const floor = step === null ? 1 : 3;
    let done = false;
    for (let length = parts.length; length >= floor && !done; length--) {
      const key = parts.slice(0, length).join('.');
      if (known.has(key)) {
        push(placed.fields, key, issue);
        done = true;
      }
    }
    if (done) continue;
    if (step !== null) push(placed.steps, step, issue);
    else placed.plan.push(issue);
  }
  return placed;
}

/** The inputs the form renders for a plan with these steps (see PlanForm and StepCard). */
export function formFieldKeys(plan: {
  activation: readonly unknown[];
  steps: readonly { kind: string; options: readonly unknown[] }[];
}): Set<string> {
  const keys = ['id', 'incidentType', 'level', 'name.zh', 'name.en', 'summary.zh', 'summary.en', 'roles', 'activation', 'steps'];
  plan.activation.forEach((_, i) => keys.push(`activation.${i}.alarmKinds`, `activation.${i}.zoneKinds`, `activation.${i}.maxPriority`));
  plan.steps.forEach((step, i) => {
    const at = (field: string) => keys.push(`steps.${i}.${field}`);
    ['id', 'kind', 'title.zh', 'title.en', 'detail.zh', 'detail.en', 'role', 'dueAfterSec', 'warnAtSec', 'required'].forEach(at);
    if (step.kind === 'yes_no') ['next.yes', 'next.no'].forEach(at);
    else if (step.kind !== 'choice') at('next.done');
    if (step.kind === 'choice') {
      at('options');
      step.options.forEach((_, o) => ['id', 'label.zh', 'label.en', 'next'].forEach((field) => at(`options.${o}.${field}`)));
    }
    if (step.kind === 'call') at('party');
    if (step.kind === 'auto') at('action');
    if (step.kind === 'dispatch') at('guards');
  });
  return new Set(keys);
}

export interface IssueWhere {
  /** `plans[2] (fire)` in a library file: the plan's index and the id it claimed. */
  plan: { index: number; id: string | null } | null;
  step: { index: number; id: string | null } | null;
  /** What is left: `next.yes`, `title.en`, `name.zh`, `body`. */
  field: string;
}

const PART = /^(plans|steps)\[(\d+)\](?: \(([^)]*)\))?\.?/;

/** An import refusal's path split for a list: which plan, which step, which field. */
export function issueWhere(path: string): IssueWhere {
  const where: IssueWhere = { plan: null, step: null, field: '' };
  let rest = path;
  for (let match = PART.exec(rest); match; match = PART.exec(rest)) {
    const part = { index: Number(match[2]), id: match[3] ?? null };
    if (match[1] === 'plans') where.plan = part;
    else where.step = part;
    rest = rest.slice(match[0].length);
  }
  where.field = rest;
  return where;
}

/** An API refusal's issues as the form's: the path is the issue's `field` (the plan validator names the full path there). */
export function issuesOfRefusal(refusal: { params: TextParams; issues: readonly { params: TextParams }[] }): PlanFormIssue[] {
  const list = refusal.issues.length > 0 ? refusal.issues : [{ params: refusal.params }];
  return list.flatMap(({ params }) => (typeof params.field === 'string' ? [{ path: params.field, params }] : []));
}
