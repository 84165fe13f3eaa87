import { z } from 'zod';
import { text } from './text.js';
import { CommandId } from './alarm.schemas.js';
import { CALL_PARTIES, INCIDENT_LEVELS, INCIDENT_TYPES } from '../domain/plan.js';
import { INCIDENT_STATES } from '../domain/incident.js';

/** Commands on incidents, plan runs and dispatches: validated the same on the socket and over HTTP. */

const uuid = text('must be a string').uuid({ error: 'must be a UUID' });
const entityId = (what: string) =>
  text(`must be a string (${what})`)
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[\w.:\-/@]+$/, { error: 'may contain only letters, digits and . : - _ / @' });
const stepId = text('must be a string (step id)')
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'may contain only lower-case letters, digits, - and _' });
const planId = stepId;
const words = (max: number) => text('must be a string').trim().max(max, { error: `must be at most ${max} characters` });
const required = (max: number) => words(max).min(1, { error: 'must not be empty' });
const finite = z.number({ error: 'must be a number' }).finite({ error: 'must be a number' });
const iso = text('must be an ISO-8601 date-time string').datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z' });

export const IncidentTypeSchema = z.enum(INCIDENT_TYPES, { error: `must be one of ${INCIDENT_TYPES.join(', ')}` });
export const IncidentLevelSchema = z.union(
  INCIDENT_LEVELS.map((level) => z.literal(level)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
  { error: 'must be 1, 2 or 3 (I, II, III)' },
);
const CallPartySchema = z.enum(CALL_PARTIES, { error: `must be one of ${CALL_PARTIES.join(', ')}` });

export const IncidentLocationInput = z
  .object({
    position: z.tuple([finite, finite], { error: 'must be [x, y] in plan metres' }),
    floor: z.number({ error: 'must be an integer from -10 to 200' }).int({ error: 'must be an integer from -10 to 200' }).min(-10).max(200).default(0),
    zoneId: entityId('zone id').nullable().default(null),
  })
  .strict();

/**
 * Opens an incident: from alarms (its site, place and type come from the first when not given),
 * or by hand on the map (`siteId`, `type` and `location` needed). With `planId` the plan starts too.
 */
export const IncidentOpenCommand = z
  .object({
    commandId: CommandId,
    siteId: entityId('site id').optional(),
    alarmIds: z.array(uuid).max(20, { error: 'must name at most 20 alarms' }).default([]),
    type: IncidentTypeSchema.optional(),
    level: IncidentLevelSchema.optional(),
    title: words(200).optional(),
    location: IncidentLocationInput.optional(),
    planId: planId.nullable().optional(),
  })
  .strict();

export const IncidentAttachAlarmCommand = z.object({ commandId: CommandId, incidentId: uuid, alarmId: uuid }).strict();
export const IncidentStartPlanCommand = z.object({ commandId: CommandId, incidentId: uuid, planId }).strict();

/** in progress, on hold, resolved; closing is `incident.close` (it needs a summary). */
const SETTABLE_STATES = INCIDENT_STATES.filter((state) => state !== 'new' && state !== 'closed');
export const IncidentSetStateCommand = z
  .object({
    commandId: CommandId,
    incidentId: uuid,
    state: z.enum(SETTABLE_STATES as ['in_progress', 'on_hold', 'resolved'], { error: `must be one of ${SETTABLE_STATES.join(', ')}` }),
    note: words(1000).optional(),
  })
  .strict();
export const IncidentCloseCommand = z.object({ commandId: CommandId, incidentId: uuid, summary: required(4000) }).strict();
export const IncidentSetOwnerCommand = z.object({ commandId: CommandId, incidentId: uuid, userId: uuid }).strict();
export const IncidentRaiseLevelCommand = z.object({ commandId: CommandId, incidentId: uuid, level: IncidentLevelSchema }).strict();

/** A note, or a call made (to whom, when: now when not given). */
export const IncidentAddEntryCommand = z.discriminatedUnion(
  'kind',
  [
    z.object({ commandId: CommandId, incidentId: uuid, kind: z.literal('note'), text: required(2000) }).strict(),
    z
      .object({ commandId: CommandId, incidentId: uuid, kind: z.literal('call'), party: CallPartySchema, at: iso.optional(), text: words(2000).optional() })
      .strict(),
  ],
  { error: 'kind: must be one of note, call' },
);
export const IncidentStrikeEntryCommand = z.object({ commandId: CommandId, incidentId: uuid, entryId: entityId('entry id'), reason: required(500) }).strict();

export const PlanCompleteStepCommand = z
  .object({
    commandId: CommandId,
    incidentId: uuid,
    stepId,
    /** `done`, `yes`, `no`, or a choice option's id. */
    answer: stepId,
    note: words(1000).optional(),
    /** Call steps: when the call was made (now when not given). */
    calledAt: iso.optional(),
  })
  .strict();
export const PlanSkipStepCommand = z.object({ commandId: CommandId, incidentId: uuid, stepId, reason: required(500) }).strict();

export const DispatchSendCommand = z
  .object({
    commandId: CommandId,
    incidentId: uuid,
    guardIds: z.array(entityId('guard id')).min(1, { error: 'must name at least one guard' }).max(10, { error: 'must name at most 10 guards' }),
    instruction: words(300).optional(),
  })
  .strict();
export const DispatchCancelCommand = z.object({ commandId: CommandId, dispatchId: uuid, reason: words(300).optional() }).strict();

export const DISPATCH_ACTIONS = ['accept', 'decline', 'en_route', 'arrive', 'clear'] as const;
/** The guard's answer (or a commander's on the guard's behalf, by radio); declining needs a reason. */
export const DispatchAnswerCommand = z
  .object({
    commandId: CommandId,
    dispatchId: uuid,
    action: z.enum(DISPATCH_ACTIONS, { error: `must be one of ${DISPATCH_ACTIONS.join(', ')}` }),
    reason: words(300).optional(),
  })
  .strict()
  .refine((command) => command.action !== 'decline' || (command.reason ?? '').length > 0, {
    error: 'must give a reason to decline',
    path: ['reason'],
  });

/** Ranks the site's guards for an incident's place (walking time, reasons). */
export const DispatchSuggestCommand = z.object({ incidentId: uuid }).strict();

export const IncidentListQuery = z
  .object({
    state: z.enum([...INCIDENT_STATES, 'open'], { error: `must be one of ${[...INCIDENT_STATES, 'open'].join(', ')}` }).optional(),
    siteId: entityId('site id').optional(),
    limit: z.coerce
      .number({ error: 'must be an integer from 1 to 500' })
      .int({ error: 'must be an integer from 1 to 500' })
      .min(1, { error: 'must be an integer from 1 to 500' })
      .max(500, { error: 'must be an integer from 1 to 500' })
      .default(100),
  })
  .strict();

export type IncidentOpenCommand = z.infer<typeof IncidentOpenCommand>;
export type IncidentAttachAlarmCommand = z.infer<typeof IncidentAttachAlarmCommand>;
export type IncidentStartPlanCommand = z.infer<typeof IncidentStartPlanCommand>;
export type IncidentSetStateCommand = z.infer<typeof IncidentSetStateCommand>;
export type IncidentCloseCommand = z.infer<typeof IncidentCloseCommand>;
export type IncidentSetOwnerCommand = z.infer<typeof IncidentSetOwnerCommand>;
export type IncidentRaiseLevelCommand = z.infer<typeof IncidentRaiseLevelCommand>;
export type IncidentAddEntryCommand = z.infer<typeof IncidentAddEntryCommand>;
export type IncidentStrikeEntryCommand = z.infer<typeof IncidentStrikeEntryCommand>;
export type PlanCompleteStepCommand = z.infer<typeof PlanCompleteStepCommand>;
export type PlanSkipStepCommand = z.infer<typeof PlanSkipStepCommand>;
export type DispatchSendCommand = z.infer<typeof DispatchSendCommand>;
export type DispatchCancelCommand = z.infer<typeof DispatchCancelCommand>;
export type DispatchAnswerCommand = z.infer<typeof DispatchAnswerCommand>;
export type DispatchSuggestCommand = z.infer<typeof DispatchSuggestCommand>;
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
