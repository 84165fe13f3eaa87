import { z } from 'zod';
import { GUARD_SELF_STATUSES } from '../domain/guard.js';
import { text } from './text.js';
import { CommandId } from './alarm.schemas.js';

/** Guard ids, tracker ids and site ids: what Traccar Client and OsmAnd let a user type. */
const Id = text('must be a string')
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(/^[\w.:\-@]+$/, { error: 'may contain only letters, digits and . : - _ @' });

const Text = (max: number) =>
  text('must be a string')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

const GuardFields = {
  siteId: Id,
  callsign: Text(16),
  name: Text(64),
  trackerId: Id.nullable(),
  userId: text('must be a string').uuid({ error: 'must be a UUID' }).nullable(),
  onShift: z.boolean({ error: 'must be true or false' }),
};

/** `POST /api/v1/guards`: a guard added to a site's roster. */
export const GuardCreateBody = z
  .object({
    ...GuardFields,
    trackerId: GuardFields.trackerId.default(null),
    userId: GuardFields.userId.default(null),
    onShift: GuardFields.onShift.default(false),
  })
  .strict();
export type GuardCreateBody = z.infer<typeof GuardCreateBody>;

/** `PATCH /api/v1/guards/:id`: any of the fields, at least one. */
export const GuardPatchBody = z
  .object(GuardFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' });
export type GuardPatchBody = z.infer<typeof GuardPatchBody>;

export const GuardParams = z.object({ id: Id }).strict();


export const GuardSetStatusCommand = z
  .object({
    commandId: CommandId,
    status: z.enum(GUARD_SELF_STATUSES, { error: `must be one of ${GUARD_SELF_STATUSES.join(', ')}` }),
  })
  .strict();
export type GuardSetStatusCommand = z.infer<typeof GuardSetStatusCommand>;

export const GuardSosCommand = z.object({ commandId: CommandId }).strict();
export type GuardSosCommand = z.infer<typeof GuardSosCommand>;

const between = (min: number, max: number) =>
  z
    .number({ error: `must be a number from ${min} to ${max}` })
    .min(min, { error: `must be a number from ${min} to ${max}` })
    .max(max, { error: `must be a number from ${min} to ${max}` });
const nonNegative = z.number({ error: 'must be a number ≥ 0' }).finite({ error: 'must be finite' }).min(0, { error: 'must be a number ≥ 0' });

/** One fix from the guard's phone (the contract's `PhoneFix`). */
export const PhoneFixSchema = z
  .object({
    id: text('must be a string').min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    at: text('must be an ISO-8601 date-time string').datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' }),
    lat: between(-90, 90),
    lon: between(-180, 180),
    accuracy: nonNegative.optional(),
    heading: between(0, 360).optional(),
    speed: nonNegative.optional(),
    altitude: z.number({ error: 'must be a number' }).finite({ error: 'must be finite' }).optional(),
    battery: between(0, 100).optional(),
    /** The floor the guard says they are on (GPS knows none): a level of the site's plan; ground when absent. */
    floor: z
      .number({ error: 'must be an integer floor level from -20 to 200' })
      .int({ error: 'must be an integer floor level from -20 to 200' })
      .min(-20, { error: 'must be an integer floor level from -20 to 200' })
      .max(200, { error: 'must be an integer floor level from -20 to 200' })
      .optional(),
  })
  .strict();

export const MAX_FIXES_PER_REPORT = 500;

export const PositionReportCommand = z
  .object({
    fixes: z
      .array(PhoneFixSchema, { error: 'must be an array of fixes' })
      .min(1, { error: 'must hold at least one fix' })
      .max(MAX_FIXES_PER_REPORT, { error: `must hold at most ${MAX_FIXES_PER_REPORT} fixes` }),
  })
  .strict();
export type PositionReportCommand = z.infer<typeof PositionReportCommand>;

export const TrailsQuery = z
  .object({
    minutes: z.coerce
      .number({ error: 'must be an integer from 1 to 60' })
      .int({ error: 'must be an integer from 1 to 60' })
      .min(1, { error: 'must be an integer from 1 to 60' })
      .max(60, { error: 'must be an integer from 1 to 60' })
      .default(5),
  })
  .strict();

/** Traccar's position forwarding (`forward.type=json`): one `{position, device}` per POST. */
export const TraccarForwardBody = z.object({
  position: z.object({
    deviceId: z.number().optional(),
    latitude: between(-90, 90),
    longitude: between(-180, 180),
    fixTime: text().optional(),
    deviceTime: text().optional(),
    /** Knots, as everywhere in Traccar. */
    speed: nonNegative.nullable().optional(),
    course: between(0, 360).nullable().optional(),
    altitude: z.number().finite().nullable().optional(),
    accuracy: nonNegative.nullable().optional(),
    attributes: z.record(text(), z.unknown()).optional(),
  }),
  device: z.object({ id: z.number().optional(), uniqueId: Id, name: text().optional() }),
});
export type TraccarForwardBody = z.infer<typeof TraccarForwardBody>;

