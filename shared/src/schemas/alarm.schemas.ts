import { z } from 'zod';
import { alarmText, text } from './text.js';
import { ALARM_KINDS, DISPOSITIONS, MAX_PRIORITY, MIN_PRIORITY, ALARM_STATES } from '../domain/alarm.js';

const id = (what: string) =>
  text(`must be a string (${what})`)
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[\w.:\-/@]+$/, { error: 'may contain only letters, digits and . : - _ / @' });

const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export const AlarmIngestBody = z
  .object({
    source: z
      .object({ deviceId: id('device id').optional(), externalId: id('external id').optional() })
      .strict()
      .refine((source) => source.deviceId !== undefined || source.externalId !== undefined, {
        error: 'must name a deviceId or an externalId',
      }),
    /** The site, required when the source is not a known device. */
    siteId: id('site id').optional(),
    kind: z.enum(ALARM_KINDS, { error: `must be one of ${ALARM_KINDS.join(', ')}` }),
    priority: z
      .number({ error: `must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}` })
      .int({ error: `must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}` })
      .min(MIN_PRIORITY, { error: `must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}` })
      .max(MAX_PRIORITY, { error: `must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}` })
      .optional(),
    zoneId: id('zone id').optional(),
    occurredAt: text('must be an ISO-8601 date-time string')
      .datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z' })
      .refine((value) => !(Date.parse(value) > Date.now() + MAX_FUTURE_SKEW_MS), {
        error: 'must not be more than 5 minutes in the future',
      })
      .optional(),
    // Free alarm text is stored safely rather than refused (see text.ts).
    message: alarmText('must be a string')
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(500, { error: 'must be at most 500 characters' }),
    attributes: z
      .record(
        text().max(64, { error: 'must be at most 64 characters' }),
        z.union([alarmText().max(500), z.number().finite(), z.boolean()], {
          error: 'values must be strings (≤500 characters), finite numbers or booleans',
        }),
      )
      .refine((record) => Object.keys(record).length <= 50, { error: 'must have at most 50 keys' })
      .optional(),
  })
  .strict();
export type AlarmIngestBody = z.infer<typeof AlarmIngestBody>;

export const AlarmListQuery = z
  .object({
    state: z.enum([...ALARM_STATES, 'open'], { error: `must be one of ${[...ALARM_STATES, 'open'].join(', ')}` }).optional(),
    siteId: id('site id').optional(),
    limit: z.coerce
      .number({ error: 'must be an integer from 1 to 500' })
      .int({ error: 'must be an integer from 1 to 500' })
      .min(1, { error: 'must be an integer from 1 to 500' })
      .max(500, { error: 'must be an integer from 1 to 500' })
      .default(100),
    /** Keyset paging (newest first): `before` a page's `nextCursor` for older alarms, `after` its `prevCursor` for newer. */
    before: z.string({ error: 'must be a cursor from a previous page' }).min(1, { error: 'must be a cursor from a previous page' }).max(200, { error: 'must be a cursor from a previous page' }).optional(),
    after: z.string({ error: 'must be a cursor from a previous page' }).min(1, { error: 'must be a cursor from a previous page' }).max(200, { error: 'must be a cursor from a previous page' }).optional(),
  })
  .strict()
  .refine((query) => query.before === undefined || query.after === undefined, { path: ['after'], error: 'cannot be given together with before' });
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;

/** A client-made id that makes a command idempotent. */
export const CommandId = text('must be a string')
  .min(8, { error: 'must be 8 to 64 characters' })
  .max(64, { error: 'must be 8 to 64 characters' })
  .regex(/^[\w-]+$/, { error: 'may contain only letters, digits, - and _' });

const AlarmId = text('must be a string').uuid({ error: 'must be a UUID' });
const Note = text('must be a string').trim().max(1000, { error: 'must be at most 1000 characters' });

export const AlarmAcknowledgeCommand = z.object({ commandId: CommandId, alarmId: AlarmId }).strict();
export const AlarmHoldCommand = z
  .object({ commandId: CommandId, alarmId: AlarmId, note: Note.optional() })
  .strict();
export const AlarmResumeCommand = z.object({ commandId: CommandId, alarmId: AlarmId }).strict();
export const AlarmResolveCommand = z
  .object({
    commandId: CommandId,
    alarmId: AlarmId,
    disposition: z.enum(DISPOSITIONS, { error: `must be one of ${DISPOSITIONS.join(', ')}` }),
    note: Note.optional(),
  })
  .strict();

export type AlarmAcknowledgeCommand = z.infer<typeof AlarmAcknowledgeCommand>;
export type AlarmHoldCommand = z.infer<typeof AlarmHoldCommand>;
export type AlarmResumeCommand = z.infer<typeof AlarmResumeCommand>;
export type AlarmResolveCommand = z.infer<typeof AlarmResolveCommand>;
