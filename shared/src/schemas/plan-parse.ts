import { z } from 'zod';
import { issueMessage, issuePath, printableKey, ruleOf, type ParseFailure } from './errors.js';
import { MAX_LIBRARY_PLANS, PLAN_LIBRARY_FORMAT, PLAN_LIBRARY_VERSION, PlanTemplateInput, type PlanLibraryFile } from './plan.schemas.js';
import { validatePlanGraph } from '../domain/plans/plan-graph.js';
import type { CodedError, TextParams } from '../domain/texts.js';

/**
 * A plan or a plan library file checked field by field (the schema) and as a whole (the graph),
 * answered like `parseWith`: `{ ok: false, error, code, params, issues }`, so the server can
 * refuse it with `validationError` and change nothing. Each issue names the step (its index and
 * id) and the field: `steps[3] (cordon).next.yes: no step "evacuat" in this plan`.
 */

export interface PlanIssue extends CodedError {
  /** `plans[2] (fire).steps[3] (cordon).next.yes` */
  path: string;
  /** The rule in English: `no step "evacuat" in this plan`. */
  message: string;
}

export interface PlanParseFailure {
  ok: false;
  /** Every listed issue in English, joined with `; `: `path: message; path: message`. */
  error: string;
  code: 'validation';
  /** The first issue's `{ field, rule, … }`, with `more`, the count of the others. */
  params: TextParams;
  issues: PlanIssue[];
}
export type PlanParseResult<T> = { ok: true; value: T } | PlanParseFailure;

/** The most issues one answer lists (a site document's limit). */
export const MAX_PLAN_ISSUES = 50;

export function planIssue(path: string, message: string, params?: TextParams): PlanIssue {
  return { code: 'validation', params: { field: path, ...(params ?? ruleOf(message)) }, path, message };
}

export function planFailure(issues: readonly PlanIssue[]): PlanParseFailure {
  const listed = issues.slice(0, MAX_PLAN_ISSUES);
  const first = listed[0] ?? planIssue('body', 'is not a valid plan');
  const more = issues.length - 1;
  // One sentence per listed issue, in order: a screen splits it at "; " to pair each with its issue.
  const sentence = listed.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { ok: false, error: sentence, code: 'validation', params: more > 0 ? { ...first.params, more } : first.params, issues: listed };
}

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? printableKey(id) : null;
}

/**
 * A zod path as the plan editor names it, steps and plans with their ids as the raw input
 * claims them: `['steps', 3, 'next', 'yes']` → `steps[3] (cordon).next.yes`.
 */
export function planPath(path: readonly PropertyKey[], raw: unknown, prefix = '', named: readonly string[] = ['steps', 'plans']): string {
  let text = prefix;
  let value = raw;
  let parent: PropertyKey | undefined;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const id = typeof parent === 'string' && named.includes(parent) ? idOf(value) : null;
      text += `[${key}]${id ? ` (${id})` : ''}`;
    } else text += `${text && !text.endsWith('.') ? '.' : ''}${printableKey(key)}`;
    parent = key;
  }
  return text.replace(/\.$/, '') || 'body';
}

function zodIssues(error: z.ZodError, raw: unknown, prefix: string): PlanIssue[] {
  return error.issues.flatMap((issue) => {
    const path = planPath(issuePath(issue), raw, prefix);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => planIssue(path === 'body' ? printableKey(key) : `${path}.${printableKey(key)}`, 'unknown field', { rule: 'unknownField' }));
    }
    return [planIssue(path, issueMessage(issue))];
  });
}

/** The issues of one plan, each path after `prefix` (`plans[2] (fire).` in a library file). */
function templateIssues(input: unknown, prefix: string): { value: PlanTemplateInput; issues: [] } | { value: null; issues: PlanIssue[] } {
  const parsed = PlanTemplateInput.safeParse(input);
  if (!parsed.success) return { value: null, issues: zodIssues(parsed.error, input, prefix) };
  const graph = validatePlanGraph(parsed.data).map(({ path, message }) => planIssue(`${prefix}${path}`, message));
  return graph.length > 0 ? { value: null, issues: graph } : { value: parsed.data, issues: [] };
}

/** A plan as an admin writes it: its fields, then its steps as a whole. */
export function parsePlanTemplate(input: unknown): PlanParseResult<PlanTemplateInput> {
  const result = templateIssues(input, '');
  return result.value ? { ok: true, value: result.value } : planFailure(result.issues);
}

const LibraryShell = z
  .object({
    format: z.literal(PLAN_LIBRARY_FORMAT, { error: `must be "${PLAN_LIBRARY_FORMAT}"` }),
    version: z.literal(PLAN_LIBRARY_VERSION, { error: `must be ${PLAN_LIBRARY_VERSION}` }),
    plans: z.array(z.unknown(), { error: 'must be an array of plans' }).max(MAX_LIBRARY_PLANS, { error: `must have at most ${MAX_LIBRARY_PLANS} plans` }),
  })
  .strict();

/** The import file: every plan checked, and no plan id twice. */
export function parsePlanLibraryFile(input: unknown): PlanParseResult<PlanLibraryFile> {
  const shell = LibraryShell.safeParse(input);
  if (!shell.success) return planFailure(zodIssues(shell.error, input, ''));
  const issues: PlanIssue[] = [];
  const plans: PlanTemplateInput[] = [];
  const seen = new Map<string, number>();
  shell.data.plans.forEach((raw, index) => {
    const id = idOf(raw);
    const prefix = `plans[${index}]${id ? ` (${id})` : ''}.`;
    const result = templateIssues(raw, prefix);
    issues.push(...result.issues);
    if (result.value) plans.push(result.value);
    const planId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    if (typeof planId !== 'string') return;
    const first = seen.get(planId);
    if (first === undefined) seen.set(planId, index);
    else issues.push(planIssue(`${prefix}id`, `"${planId}" is already used by plans[${first}]`));
  });
  if (issues.length > 0) return planFailure(issues);
  return { ok: true, value: { format: shell.data.format, version: shell.data.version, plans } };
}

/** The failure is a `ParseFailure`: the server's `validationError` takes it as it is. */
const _asParseFailure = (failure: PlanParseFailure): ParseFailure => failure;
void _asParseFailure;
