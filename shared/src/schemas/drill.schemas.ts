import { z } from 'zod';
import { ALARM_KINDS, MAX_PRIORITY, MIN_PRIORITY } from '../domain/alarm.js';
import { DEVICE_STATUSES } from '../domain/types.js';
import { PlanId } from './plan.schemas.js';
import { planFailure, planIssue, planPath, type PlanIssue, type PlanParseResult } from './plan-parse.js';
import { text } from './text.js';
import { issueMessage, issuePath, printableKey } from './errors.js';

/**
 * A drill scenario (演练脚本) as a trainer writes or imports it: the site, the plan the team is
 * expected to run, the times the team is measured against, and the timed injects — alarms,
 * device states, simulated guards' walks, and notes for the facilitator. Checked field by field
 * here, then as a whole (`parseDrillScenario`: inject ids unique, walks inside the drill); the
 * references to the site's devices and guards are checked against the site when a drill starts.
 */

export const DRILL_SCENARIO_FORMAT = 'vigil-drill-scenario';
export const DRILL_SCENARIO_VERSION = 1;
export const DRILL_MODES = ['live', 'tabletop'] as const;
export type DrillMode = (typeof DRILL_MODES)[number];

/** What a drill's team is timed on, from the drill's start, in this order. */
export const DRILL_TARGETS = ['acknowledge', 'planStart', 'dispatch', 'arrive', 'finish'] as const;
export type DrillTarget = (typeof DRILL_TARGETS)[number];

export const MAX_DRILL_INJECTS = 200;
/** A drill lasts at most 4 hours (a yearly combined drill is half a day at most). */
export const MAX_DRILL_SEC = 4 * 3_600;
export const MAX_WALK_POINTS = 100;

const int = (min: number, max: number) => {
  const error = `must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

const words = (max: number) =>
  text('must be a string')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

const bilingual = (max: number) => z.object({ zh: words(max), en: words(max) }, { error: 'must be { zh, en } with both texts' }).strict();

const refId = (what: string) =>
  text(`must be a string (${what})`)
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[\w.:\-/@]+$/, { error: 'may contain only letters, digits and . : - _ / @' });

const InjectId = text('must be a string (inject id)')
  .min(1, { error: 'must not be empty' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[A-Za-z0-9][\w-]*$/, { error: 'may contain only letters, digits, - and _' });

/** Seconds after the drill starts. */
const AtSec = int(0, MAX_DRILL_SEC);

const injectBase = { id: InjectId, atSec: AtSec };

/** An alarm as a device would raise it; its text is shown with 【演练】 / [DRILL] in front. */
const AlarmInject = z
  .object({
    ...injectBase,
    kind: z.literal('alarm'),
    alarm: z
      .object({
        deviceId: refId('device id').optional(),
        zoneId: refId('zone id').optional(),
        kind: oneOf(ALARM_KINDS),
        priority: int(MIN_PRIORITY, MAX_PRIORITY).optional(),
        message: bilingual(500),
      })
      .strict()
      .refine((alarm) => alarm.deviceId !== undefined || alarm.zoneId !== undefined, { error: 'must name a deviceId or a zoneId' }),
  })
  .strict();

const DeviceStateInject = z
  .object({ ...injectBase, kind: z.literal('device_state'), deviceId: refId('device id'), status: oneOf(DEVICE_STATUSES) })
  .strict();

/** A plan point in metres; the walk goes through them at `speedMps`. */
const PlanPointInput = z.tuple([z.number({ error: 'must be a number' }).finite({ error: 'must be finite' }), z.number({ error: 'must be a number' }).finite({ error: 'must be finite' })], {
  error: 'must be a point [x, y] in metres',
});

/** A simulated guard (one standing in for an absent one, or the drill's own) walking a path. */
const GuardWalkInject = z
  .object({
    ...injectBase,
    kind: z.literal('guard_walk'),
    guardId: refId('guard id'),
    floor: int(-10, 100),
    path: z.array(PlanPointInput, { error: 'must be an array of points' }).min(2, { error: 'must have at least 2 points' }).max(MAX_WALK_POINTS, { error: `must have at most ${MAX_WALK_POINTS} points` }),
    speedMps: z.number({ error: 'must be a number' }).min(0.3, { error: 'must be from 0.3 to 8 (metres per second)' }).max(8, { error: 'must be from 0.3 to 8 (metres per second)' }),
  })
  .strict();

/** A line for the facilitator's screen only ("ask the commander who calls 119"). */
const NoteInject = z.object({ ...injectBase, kind: z.literal('note'), text: bilingual(1_000) }).strict();

export const DrillInjectInput = z.discriminatedUnion('kind', [AlarmInject, DeviceStateInject, GuardWalkInject, NoteInject], {
  error: 'must be an inject of kind alarm, device_state, guard_walk or note',
});
export type DrillInjectInput = z.infer<typeof DrillInjectInput>;

const Targets = z
  .object(Object.fromEntries(DRILL_TARGETS.map((target) => [target, int(1, MAX_DRILL_SEC).optional()])) as Record<DrillTarget, z.ZodOptional<ReturnType<typeof int>>>)
  .strict();

export const DrillScenarioInput = z
  .object({
    format: z.literal(DRILL_SCENARIO_FORMAT, { error: `must be "${DRILL_SCENARIO_FORMAT}"` }),
    version: z.literal(DRILL_SCENARIO_VERSION, { error: `must be ${DRILL_SCENARIO_VERSION}` }),
    id: PlanId,
    mode: oneOf(DRILL_MODES),
    name: bilingual(120),
    summary: bilingual(2_000),
    siteId: refId('site id'),
    /** The plan the team should start; a tabletop walks it step by step. */
    planId: PlanId,
    targets: Targets,
    injects: z.array(z.unknown(), { error: 'must be an array of injects' }).max(MAX_DRILL_INJECTS, { error: `must have at most ${MAX_DRILL_INJECTS} injects` }),
  }, { error: `must be a drill scenario: an object with format "${DRILL_SCENARIO_FORMAT}"` })
  .strict();

export interface DrillScenario extends Omit<z.infer<typeof DrillScenarioInput>, 'injects'> {
  /** In time order (ties keep the file's order). */
  injects: DrillInjectInput[];
}

function zodIssues(error: z.ZodError, raw: unknown, prefix = ''): PlanIssue[] {
  return error.issues.flatMap((issue) => {
    const path = planPath(issuePath(issue), raw, prefix, ['injects']);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => planIssue(path === 'body' ? printableKey(key) : `${path}.${printableKey(key)}`, 'unknown field', { rule: 'unknownField' }));
    }
    return [planIssue(path, issueMessage(issue))];
  });
}

/**
 * A scenario file checked whole: every field, every inject (named by index and id:
 * `injects[3] (smoke-2).alarm.kind: must be one of …`), no inject id twice, targets in the
 * order a response goes, and a tabletop without device or guard injects (it has no devices).
 * Answered like `parsePlanTemplate`, so the server refuses it with `validationError`.
 */
export function parseDrillScenario(input: unknown): PlanParseResult<DrillScenario> {
  const shell = DrillScenarioInput.safeParse(input);
  const rawInjects = typeof input === 'object' && input !== null && Array.isArray((input as { injects?: unknown }).injects) ? ((input as { injects: unknown[] }).injects) : [];
  const issues: PlanIssue[] = shell.success ? [] : zodIssues(shell.error, input);
  const injects: DrillInjectInput[] = [];
  const seen = new Map<string, number>();
  rawInjects.slice(0, MAX_DRILL_INJECTS).forEach((raw, index) => {
    const parsed = DrillInjectInput.safeParse(raw);
    const prefix = planPath(['injects', index], input, '', ['injects']);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, raw, `${prefix}.`));
      return;
    }
    const inject = parsed.data;
    const first = seen.get(inject.id);
    if (first === undefined) seen.set(inject.id, index);
    else issues.push(planIssue(`${prefix}.id`, `"${inject.id}" is already used by injects[${first}]`));
    if (shell.success && shell.data.mode === 'tabletop' && (inject.kind === 'device_state' || inject.kind === 'guard_walk')) {
      issues.push(planIssue(`${prefix}.kind`, 'a tabletop drill has no devices or guards: use alarm or note injects'));
    }
    injects.push(inject);
  });
  const parsedTargets = Targets.safeParse(typeof input === 'object' && input !== null ? (input as { targets?: unknown }).targets : undefined);
  if (parsedTargets.success) {
    const targets = parsedTargets.data;
    let previous: { target: DrillTarget; sec: number } | null = null;
    for (const target of DRILL_TARGETS) {
      const sec = targets[target];
      if (sec === undefined) continue;
      if (previous && sec < previous.sec) issues.push(planIssue(`targets.${target}`, `must not be before targets.${previous.target} (${previous.sec} s)`));
      previous = { target, sec };
    }
  }
  if (!shell.success || issues.length > 0) return planFailure(issues);
  const ordered = injects.map((inject, index) => ({ inject, index })).sort((a, b) => a.inject.atSec - b.inject.atSec || a.index - b.index);
  return { ok: true, value: { ...shell.data, injects: ordered.map(({ inject }) => inject) } };
}

/** What a scenario refers to on its site, to check it against before a drill starts. */
export interface DrillSiteRefs {
  siteId: string;
  deviceIds: ReadonlySet<string>;
  zoneIds: ReadonlySet<string>;
  guardIds: ReadonlySet<string>;
  planIds: ReadonlySet<string>;
}

/** The scenario's references the site or the plan library does not have, each named by its field. */
export function drillScenarioRefIssues(scenario: DrillScenario, refs: DrillSiteRefs): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (scenario.siteId !== refs.siteId) issues.push(planIssue('siteId', `no site "${scenario.siteId}"`));
  if (!refs.planIds.has(scenario.planId)) issues.push(planIssue('planId', `no plan "${scenario.planId}" in the plan library`));
  scenario.injects.forEach((inject, index) => {
    const at = `injects[${index}] (${inject.id})`;
    if (inject.kind === 'alarm') {
      if (inject.alarm.deviceId !== undefined && !refs.deviceIds.has(inject.alarm.deviceId)) issues.push(planIssue(`${at}.alarm.deviceId`, `no device "${inject.alarm.deviceId}" on this site`));
      if (inject.alarm.zoneId !== undefined && !refs.zoneIds.has(inject.alarm.zoneId)) issues.push(planIssue(`${at}.alarm.zoneId`, `no zone "${inject.alarm.zoneId}" on this site`));
    } else if (inject.kind === 'device_state') {
      if (!refs.deviceIds.has(inject.deviceId)) issues.push(planIssue(`${at}.deviceId`, `no device "${inject.deviceId}" on this site`));
    } else if (inject.kind === 'guard_walk') {
      if (!refs.guardIds.has(inject.guardId)) issues.push(planIssue(`${at}.guardId`, `no guard "${inject.guardId}" on this site`));
    }
  });
  return issues;
}
