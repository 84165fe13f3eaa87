import { z } from 'zod';
import { text } from './text.js';
import { ALARM_KINDS, MAX_PRIORITY, MIN_PRIORITY } from '../domain/alarm.js';
import { ZONE_KINDS } from '../domain/types.js';
import {
  AUTO_ACTIONS,
  CALL_PARTIES,
  INCIDENT_LEVELS,
  INCIDENT_TYPES,
  PLAN_ROLES,
  STEP_KINDS,
  type PlanTemplate,
} from '../domain/plan.js';

/**
 * A plan template as an admin writes or imports it (everything but the library's version and
 * publication stamp), and the plan library file. These check each field on its own; the rules
 * between steps (branches, cycles, reachability, fields per kind) are `validatePlanGraph`'s,
 * and `parsePlanTemplate` / `parsePlanLibraryFile` apply both.
 */

export const MAX_PLAN_STEPS = 60;
export const MAX_LIBRARY_PLANS = 100;
/** A step is due at most a day after the run starts. */
export const MAX_STEP_DUE_SEC = 86_400;
export const MAX_STEP_GUARDS = 50;

const int = (min: number, max: number) => {
  const error = `must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

const words = (max: number) =>
  text('must be a string')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Text in both languages; an empty one is a missing translation. */
const bilingual = (max: number) =>
  z.object({ zh: words(max), en: words(max) }, { error: 'must be { zh, en } with both texts' }).strict();

/** The plan's id: stable across versions, used in URLs. */
export const PlanId = text('must be a string (plan id)')
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'may contain only lower-case letters, digits and -, starting with a letter or digit' });

/** A step's (or a choice option's) id, which answers and branches name. */
export const StepId = text('must be a string (step id)')
  .min(1, { error: 'must not be empty' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[A-Za-z0-9][\w-]*$/, { error: 'may contain only letters, digits, - and _' });

/** Where an answer leads: a step id, or null for "the procedure ends here". */
const StepTarget = StepId.nullable();

const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

const ChoiceOptionInput = z.object({ id: StepId, label: bilingual(60), next: StepTarget }).strict();

export const PlanStepInput = z
  .object({
    id: StepId,
    kind: oneOf(STEP_KINDS),
    title: bilingual(80),
    detail: bilingual(500).nullable(),
    role: oneOf(PLAN_ROLES),
    dueAfterSec: int(0, MAX_STEP_DUE_SEC),
    warnAtSec: int(0, MAX_STEP_DUE_SEC),
    required: z.boolean({ error: 'must be true or false' }),
    next: z.object({ done: StepTarget.optional(), yes: StepTarget.optional(), no: StepTarget.optional() }).strict(),
    options: z.array(ChoiceOptionInput, { error: 'must be an array of options' }).max(12, { error: 'must have at most 12 options' }),
    party: oneOf(CALL_PARTIES).nullable(),
    action: oneOf(AUTO_ACTIONS).nullable(),
    guards: int(1, MAX_STEP_GUARDS).nullable(),
  })
  .strict()
  .refine((step) => step.warnAtSec <= step.dueAfterSec, {
    error: 'must be at most dueAfterSec: a step warns before it is due',
    path: ['warnAtSec'],
  });

export const ActivationRuleInput = z
  .object({
    alarmKinds: z
      .array(oneOf(ALARM_KINDS), { error: 'must be an array of alarm kinds' })
      .max(ALARM_KINDS.length, { error: `must have at most ${ALARM_KINDS.length} kinds` })
      .refine(unique, { error: 'alarm kinds must be unique' }),
    zoneKinds: z
      .array(oneOf(ZONE_KINDS), { error: 'must be an array of zone kinds' })
      .max(ZONE_KINDS.length, { error: `must have at most ${ZONE_KINDS.length} kinds` })
      .refine(unique, { error: 'zone kinds must be unique' }),
    zoneIds: z
      .array(
        text('must be a string (zone id)')
          .min(1, { error: 'must not be empty' })
          .max(128, { error: 'must be at most 128 characters' })
          .regex(/^[\w.:\-@]+$/, { error: 'may contain only letters, digits and . : - _ @' }),
        { error: 'must be an array of zone ids' },
      )
      .max(50, { error: 'must have at most 50 zone ids' })
      .refine(unique, { error: 'zone ids must be unique' }),
    maxPriority: int(MIN_PRIORITY, MAX_PRIORITY).nullable(),
  })
  .strict();

export const PlanTemplateInput = z
  .object({
    id: PlanId,
    incidentType: oneOf(INCIDENT_TYPES),
    level: z.literal(INCIDENT_LEVELS, { error: `must be one of ${INCIDENT_LEVELS.join(', ')}` }),
    name: bilingual(80),
    summary: bilingual(500),
    activation: z.array(ActivationRuleInput, { error: 'must be an array of rules' }).max(20, { error: 'must have at most 20 rules' }),
    roles: z
      .array(oneOf(PLAN_ROLES), { error: 'must be an array of roles' })
      .min(1, { error: 'needs at least one role' })
      .max(PLAN_ROLES.length, { error: `must have at most ${PLAN_ROLES.length} roles` })
      .refine(unique, { error: 'roles must be unique' }),
    steps: z
      .array(PlanStepInput, { error: 'must be an array of steps' })
      .min(1, { error: 'needs at least one step' })
      .max(MAX_PLAN_STEPS, { error: `must have at most ${MAX_PLAN_STEPS} steps` }),
  })
  .strict();
export type PlanTemplateInput = z.infer<typeof PlanTemplateInput>;

export const PLAN_LIBRARY_FORMAT = 'vigil.plans';
export const PLAN_LIBRARY_VERSION = 1;

/** The import/export file. `parsePlanLibraryFile` also checks each plan's steps as a graph. */
export const PlanLibraryFile = z
  .object({
    format: z.literal(PLAN_LIBRARY_FORMAT, { error: `must be "${PLAN_LIBRARY_FORMAT}"` }),
    version: z.literal(PLAN_LIBRARY_VERSION, { error: `must be ${PLAN_LIBRARY_VERSION}` }),
    plans: z
      .array(PlanTemplateInput, { error: 'must be an array of plans' })
      .max(MAX_LIBRARY_PLANS, { error: `must have at most ${MAX_LIBRARY_PLANS} plans` })
      .refine((plans) => unique(plans.map((plan) => plan.id)), { error: 'plan ids must be unique' }),
  })
  .strict();
export type PlanLibraryFile = z.infer<typeof PlanLibraryFile>;

/** The schema's type is the template's, less the library's stamp (checked both ways). */
type TemplateFields = Omit<PlanTemplate, 'version' | 'publishedAt' | 'publishedBy'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<PlanTemplateInput, TemplateFields> = true;
void sameShape;
