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

const cursor = z
  .string({ error: 'must be a cursor from a previous page' })
  .min(1, { error: 'must be a cursor from a previous page' })
  .max(200, { error: 'must be a cursor from a previous page' });

const historyTime = text('must be an ISO-8601 date-time string').datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z',
});

/**
 * One or several of a closed list, from a query string: repeated (`kind=fire&kind=smoke`) or
 * comma-separated (`kind=fire,smoke`). The error names the field itself, not an item of it.
 */
function oneOrSeveral<const T extends readonly string[]>(values: T) {
  const rule = `must be one or more of ${values.join(', ')}`;
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((item: unknown) => (typeof item === 'string' ? item.split(',') : [item])) : value),
    z
      .array(z.string({ error: rule }), { error: rule })
      .max(values.length, { error: rule })
      .refine((items): items is T[number][] => items.length > 0 && items.every((item) => (values as readonly string[]).includes(item)), { error: rule })
      .transform((items) => [...new Set(items)] as T[number][]),
  );
}

/** Longest text searched for in alarm messages. */
export const ALARM_SEARCH_MAX = 100;

/**
 * What the alarm history (报警记录) searches by, for the list and its CSV export alike: all given
 * filters must hold. `from` (inclusive) and `to` (exclusive) bound the time Vigil first saw the
 * alarm (`firstAt`, the server's clock, which is also the order of the pages).
 */
const alarmFilterFields = {
  state: z.enum([...ALARM_STATES, 'open'], { error: `must be one of ${[...ALARM_STATES, 'open'].join(', ')}` }).optional(),
  siteId: id('site id').optional(),
  from: historyTime.optional(),
  to: historyTime.optional(),
  kind: oneOrSeveral(ALARM_KINDS).optional(),
  zoneId: id('zone id').optional(),
  deviceId: id('device id').optional(),
  disposition: oneOrSeveral(DISPOSITIONS).optional(),
  q: text('must be a string')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(ALARM_SEARCH_MAX, { error: `must be at most ${ALARM_SEARCH_MAX} characters` })
    .optional(),
};

const timeRangeInOrder = (query: { from?: string; to?: string }) => query.from === undefined || query.to === undefined || Date.parse(query.from) < Date.parse(query.to);
const RANGE_RULE = 'must be later than from';

export const AlarmListQuery = z
  .object({
    ...alarmFilterFields,
    limit: z.coerce
      .number({ error: 'must be an integer from 1 to 500' })
      .int({ error: 'must be an integer from 1 to 500' })
      .min(1, { error: 'must be an integer from 1 to 500' })
      .max(500, { error: 'must be an integer from 1 to 500' })
      .default(100),
    /** Keyset paging (newest first): `before` a page's `nextCursor` for older alarms, `after` its `prevCursor` for newer. */
    before: cursor.optional(),
    after: cursor.optional(),
  })
  .strict()
  .refine((query) => query.before === undefined || query.after === undefined, { path: ['after'], error: 'cannot be given together with before' })
  .refine(timeRangeInOrder, { path: ['to'], error: RANGE_RULE });
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The languages an export's header row is written in; absent: both, Chinese first. */
export const EXPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** `GET /api/v1/alarms/export.csv`: the history's filters, every page at once (bounded by the server). */
export const AlarmExportQuery = z
  .object({
    ...alarmFilterFields,
    lang: z.enum(EXPORT_LANGUAGES, { error: `must be one of ${EXPORT_LANGUAGES.join(', ')}` }).optional(),
    /** The IANA time zone the export's times are written in (the screen's own); absent: UTC, ISO 8601. */
    tz: text('must be a time zone name such as Asia/Shanghai')
      .max(64, { error: 'must be at most 64 characters' })
      .refine(isTimeZone, { error: 'must be a time zone name such as Asia/Shanghai' })
      .optional(),
  })
  .strict()
  .refine(timeRangeInOrder, { path: ['to'], error: RANGE_RULE });
export type AlarmExportQuery = z.infer<typeof AlarmExportQuery>;

export const AlarmParams = z.object({ id: text('must be a string').uuid({ error: 'must be a UUID' }) }).strict();

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
